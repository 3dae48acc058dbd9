"""The post_it_wall kind's commands: list a workspace's post-it walls and export one as CSV."""

from __future__ import annotations

import argparse
import sys

from partnerdesk import records
from partnerdesk.cli import command
from partnerdesk.post_it_wall import KIND
from partnerdesk.post_it_wall.export import export_csv
from partnerdesk.post_it_wall.values import post_its, wall_template, walls, zone_counts
from partnerdesk.store import Workspace


@command("walls", "post_it_wall: list the post-it walls of a workspace with their post-its per zone",
         lambda p: p.add_argument("path", help="the workspace file"))
def _walls(args: argparse.Namespace) -> int:
    with Workspace.open(args.path, create=False, read_only=True) as ws:
        for workshop in records.all_workshops(ws):
            for exercise in walls(ws, workshop.id):
                try:
                    wall = wall_template(exercise.template)
                except KeyError:
                    print(f"{exercise.id}  {workshop.title}: {exercise.title} (unknown template)")
                    continue
                counts = zone_counts(post_its(ws, exercise.id), wall.zones)
                labels = [z.label for z in wall.zones]
                # Zones sharing a label (Activity 2's two groups) are told apart by their question.
                names = {z.key: z.label if labels.count(z.label) == 1 else f"{z.label} / {z.question}"
                         for z in wall.zones}
                summary = ", ".join(f"{names[k]} {n}" for k, n in counts.items())
                print(f"{exercise.id}  {workshop.date or '-'} {workshop.title}: {exercise.title} ({summary})")
    return 0


def _csv_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the workspace file")
    parser.add_argument("wall", help="the wall's id (see `partnerdesk walls PATH`)")
    parser.add_argument("output", help="the CSV file to write")


@command("wall-csv", "post_it_wall: export a wall's post-its as CSV (zone, question, text, theme, votes)",
         _csv_arguments)
def _wall_csv(args: argparse.Namespace) -> int:
    with Workspace.open(args.path, create=False, read_only=True) as ws:
        found = records.exercise(ws, args.wall)
        if found is None or found.kind != KIND:
            print(f"partnerdesk: there is no post-it wall {args.wall!r} in {args.path}", file=sys.stderr)
            return 2
        count = export_csv(ws, args.wall, args.output)
    print(f"{count} post-its written to {args.output}")
    return 0
