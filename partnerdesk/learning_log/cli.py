"""The learning log's command: `partnerdesk logs WORKSPACE --out DIR` prints every participant's
learning log as PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnerdesk.cli import command
from partnerdesk.store import Workspace


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", help="the workspace file")
    parser.add_argument("--out", required=True, type=Path, help="the folder for the PDFs")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--programme", metavar="TITLE",
                       help="only participants of this programme (their whole log)")
    scope.add_argument("--workshop", metavar="TITLE",
                       help="only attendees of this workshop (that workshop's page)")
    parser.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")
    parser.add_argument("--fillable", action="store_true",
                        help="empty sections as form fields to complete on a computer")


@command("logs", "print each participant's personal learning log as PDF, one file per participant",
         _arguments)
def _logs(args: argparse.Namespace) -> int:
    # ReportLab loads only when a log is printed, not for every command's start-up.
    from partnerdesk.learning_log import export

    with Workspace.open(args.workspace, create=False, read_only=True) as ws:
        try:
            jobs = export.jobs_for_title(ws, programme=args.programme, workshop=args.workshop)
        except export.UnknownTitleError as exc:
            print(f"partnerdesk: {exc}", file=sys.stderr)
            return 1
        if not jobs:
            print("Nobody has attended a workshop there yet, so there are no learning logs to print.")
            return 0
        written = export.write_pdfs(ws, jobs, args.out, letter=args.letter, fillable=args.fillable)
    for path in written:
        print(path)
    print(f"{len(written)} learning log{'s' if len(written) != 1 else ''} written to {args.out}")
    return 0
