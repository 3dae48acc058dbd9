"""A wall's post-its as CSV: zone, question, text, theme, dots (`votes`), and author if typed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from partnerdesk import records
from partnerdesk.exports import csv_bytes, write_atomically
from partnerdesk.post_it_wall.values import PostIt, Theme, WallTemplate, post_its, themes, wall_template
from partnerdesk.store import Workspace


@dataclass(frozen=True)
class CsvRow:
    zone: str
    question: str
    text: str
    theme: str
    votes: int
    author: str


def export_rows(wall: WallTemplate, wall_post_its: Sequence[PostIt], wall_themes: Sequence[Theme]) -> list[CsvRow]:
    """Every post-it in the template's zone order, themes together, then reading order."""
    names = {t.id: t.name for t in wall_themes}
    order = {z.key: i for i, z in enumerate(wall.zones)}
    ordered = sorted(
        wall_post_its,
        key=lambda p: (order.get(p.zone, len(order)), names.get(p.theme_id or "", "\uffff").casefold(),
                       p.y, p.x, p.id),
    )
    rows = []
    for p in ordered:
        zone = wall.zone(p.zone)
        rows.append(CsvRow(
            zone=zone.label if zone else p.zone,
            question=zone.question if zone else "",
            text=p.text,
            theme=names.get(p.theme_id or "", ""),
            votes=p.votes,
            author=p.author,
        ))
    return rows


def csv_data(rows: Sequence[CsvRow]) -> bytes:
    """CSV with a header (UTF-8 with a BOM, every text cell safe from spreadsheet formulas); the
    author column appears only if some post-it has an author typed."""
    with_author = any(r.author for r in rows)
    header = ["zone", "question", "text", "theme", "votes"] + (["author"] if with_author else [])
    return csv_bytes(header, ([r.zone, r.question, r.text, r.theme, r.votes]
                              + ([r.author] if with_author else []) for r in rows))


def export_csv(ws: Workspace, exercise_id: str, path: Path | str) -> int:
    """Write the wall's post-its as CSV, atomically; returns how many rows were written."""
    found = records.exercise(ws, exercise_id)
    if found is None:
        raise KeyError(exercise_id)
    rows = export_rows(wall_template(found.template), post_its(ws, exercise_id), themes(ws, exercise_id))
    write_atomically(path, csv_data(rows))
    return len(rows)
