"""The report command: `partnerdesk report WORKSPACE --workshop TITLE --out FILE` (or
`--programme TITLE`) writes the workshop or programme report as PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnerdesk import records
from partnerdesk.cli import command
from partnerdesk.store import Workspace


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
                found = records.find_by_title(records.all_workshops(ws), args.workshop, "workshop")
                data = workshop_report(ws, found.id)
            else:
                found = records.find_by_title(records.programmes(ws), args.programme, "programme")
                data = programme_report(ws, found.id)
        except records.UnknownTitle as exc:
            print(f"partnerdesk: {exc}", file=sys.stderr)
            return 1
    write_atomically(args.out, data)
    print(f"Report written to {args.out}")
    return 0
