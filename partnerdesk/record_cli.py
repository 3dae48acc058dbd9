"""The record's commands: `partnerdesk card NAME --out FILE` prints a reference card, and
`partnerdesk export WORKSPACE (--workshop TITLE | --programme TITLE) --out DIR` writes everything
a workshop or programme produced into a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnerdesk.cli import command


def _card_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?",
                        help="the card's name or title (leave out to list the cards)")
    parser.add_argument("--out", type=Path, help="the PDF file to write")
    parser.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")


@command("card", "print a reference card (the SPF principles, the NHS Constitution staff pledges, "
                 "the principles of representation) as PDF", _card_arguments)
def _card(args: argparse.Namespace) -> int:
    # ReportLab loads only when a card is printed, not for every command's start-up.
    from partnerdesk.atomic_files import write_atomically
    from partnerdesk.cards import UnknownCardError, reference_card, reference_cards, render_card

    if args.name is None:
        for card in reference_cards():
            print(f"{card.id}\t{card.title}")
        return 0
    try:
        card = reference_card(args.name)
    except UnknownCardError as exc:
        print(f"partnerdesk: {exc}", file=sys.stderr)
        return 1
    if args.out is None:
        print(card.plain_text())
        return 0
    data = render_card(card, letter=args.letter)
    _make_folder(args.out.parent)
    print(write_atomically(args.out, data))
    return 0


def _make_folder(folder: Path) -> None:
    from partnerdesk.errors import WriteFailed

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"The folder could not be created: {exc.strerror or exc}.", folder) from exc


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", help="the workspace file")
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument("--workshop", metavar="TITLE", help="everything from this workshop")
    scope.add_argument("--programme", metavar="TITLE",
                       help="everything from this programme, a folder per session")
    parser.add_argument("--out", required=True, type=Path, help="the folder to write into")


@command("export", "write a workshop's or programme's record into a folder: the report, a CSV "
                   "per exercise, attendance and agenda, board and wall images, and a README "
                   "(never a learning log)", _export_arguments)
def _export(args: argparse.Namespace) -> int:
    from partnerdesk import records
    from partnerdesk.export_all.folder import export_programme, export_workshop
    from partnerdesk.store import Workspace

    with Workspace.open(args.workspace, create=False, read_only=True) as ws:
        try:
            if args.programme is not None:
                found = records.find_by_title(records.programmes(ws), args.programme, "programme")
                files = export_programme(ws, found.id, args.out)
            else:
                found = records.find_by_title(records.all_workshops(ws), args.workshop, "workshop")
                files = export_workshop(ws, found.id, args.out)
        except records.UnknownTitle as exc:
            print(f"partnerdesk: {exc}", file=sys.stderr)
            return 1
    for exported in files:
        print(exported.path)
    print(f"{len(files)} files written to {args.out}")
    return 0
