"""The report command: `partnerdesk report WORKSPACE --workshop TITLE --out FILE` (or
`--programme TITLE`) writes the workshop or programme report as PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnerdesk import records
from partnerdesk.cli import command
from partnerdesk.store import Workspace


class UnknownTitle(LookupError):
    """No programme or workshop has the title asked for (the message lists those that do)."""


def find_by_title(items, title: str, what: str):
    """The item with `title` (exactly, else ignoring case and outer spaces)."""
    matches = [i for i in items if i.title == title]
    if not matches:
        folded = title.casefold().strip()
        matches = [i for i in items if i.title.casefold().strip() == folded]
    if not matches:
        known = ", ".join(sorted(f"“{i.title}”" for i in items)) or "none"
        raise UnknownTitle(f"There is no {what} called “{title}”. The {what}s are: {known}.")
    return matches[0]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", help="the workspace file")
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument("--workshop", metavar="TITLE", help="the workshop report of this workshop")
    scope.add_argument("--programme", metavar="TITLE",
                       help="the programme report: attendance, audit rounds and movement across the "
                            "sessions, then each session's pages")
    parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")


@command("report", "write a workshop or programme report as PDF (never including learning logs)", _arguments)
def _report(args: argparse.Namespace) -> int:
    # ReportLab loads only when a report is written, not for every command's start-up.
    from partnerdesk.exports import write_atomically
    from partnerdesk.report import programme_report, workshop_report

    with Workspace.open(args.workspace, create=False, read_only=True) as ws:
        try:
            if args.workshop is not None:
                found = find_by_title(records.all_workshops(ws), args.workshop, "workshop")
                data = workshop_report(ws, found.id)
            else:
                found = find_by_title(records.programmes(ws), args.programme, "programme")
                data = programme_report(ws, found.id)
        except UnknownTitle as exc:
            print(f"partnerdesk: {exc}", file=sys.stderr)
            return 1
    write_atomically(args.out, data)
    print(f"Report written to {args.out}")
    return 0
