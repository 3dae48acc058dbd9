"""Command-line access to behaviours audits (kind `behaviours_audit`): rounds, results PDF, CSV."""

from __future__ import annotations

import argparse
import sys

from partnerdesk.behaviours_audit import values
from partnerdesk.behaviours_audit.export import export_csv, render_results, results_paper
from partnerdesk.behaviours_audit.stats import fmt
from partnerdesk.cli import command
from partnerdesk.errors import InvalidValue
from partnerdesk.exports import write_atomically
from partnerdesk.store import Workspace


def _all_rounds(ws: Workspace) -> list[values.RoundInfo]:
    found: dict[str, values.RoundInfo] = {}
    for row in ws.query("SELECT id FROM audit_rounds ORDER BY created, id"):
        for info in values.related_rounds(ws, row["id"]):
            found.setdefault(info.round.id, info)
    return sorted(found.values(), key=lambda i: (i.workshop_date, i.round.day, i.round.id))


@command("audits", "behaviours_audit: list the audit rounds with their responses and overall average",
         lambda p: p.add_argument("path", help="the workspace file"))
def _audits(args: argparse.Namespace) -> int:
    with Workspace.open(args.path, create=False, read_only=True) as ws:
        for info in _all_rounds(ws):
            results = values.results(ws, info.round.id)
            overall = "withheld" if results.withheld else f"overall {fmt(results.overall)}"
            print(f"{info.round.id}  {info.label} ({results.responses} responses, {overall})")
    return 0


def _pdf_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the workspace file")
    parser.add_argument("round", help="the round's id (see `partnerdesk audits PATH`)")
    parser.add_argument("output", help="the PDF file to write")
    parser.add_argument("--compare", metavar="ROUND", help="another round of the programme to compare with")


@command("audit-pdf", "behaviours_audit: print a round's results (and a comparison) as PDF", _pdf_arguments)
def _audit_pdf(args: argparse.Namespace) -> int:
    with Workspace.open(args.path, create=False, read_only=True) as ws:
        try:
            paper = results_paper(ws, args.round, args.compare)
        except KeyError as exc:
            print(f"partnerdesk: there is no audit round {exc.args[0]!r} to use in {args.path}", file=sys.stderr)
            return 2
        write_atomically(args.output, render_results(paper))
    print(f"Results written to {args.output}")
    return 0


def _csv_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the workspace file")
    parser.add_argument("round", help="the round's id (see `partnerdesk audits PATH`)")
    parser.add_argument("output", help="the CSV file to write")


@command("audit-csv", "behaviours_audit: export a round's anonymous responses as CSV", _csv_arguments)
def _audit_csv(args: argparse.Namespace) -> int:
    with Workspace.open(args.path, create=False, read_only=True) as ws:
        if values.audit_round(ws, args.round) is None:
            print(f"partnerdesk: there is no audit round {args.round!r} in {args.path}", file=sys.stderr)
            return 2
        try:
            count = export_csv(ws, args.round, args.output)
        except InvalidValue as exc:
            print(f"partnerdesk: {exc}", file=sys.stderr)
            return 1
    print(f"{count} anonymous responses written to {args.output}")
    return 0
