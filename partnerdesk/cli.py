"""The command line: `python -m partnerdesk demo|check ...` (and the `partnerdesk` entry point)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from partnerdesk import __version__
from partnerdesk.errors import StorageError
from partnerdesk.store import Workspace

#: Subcommands: name -> (add its arguments, run it and return the exit status).
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                          Callable[[argparse.Namespace], int]]] = {}


def command(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None]):
    def register(run: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (help_text, arguments, run)
        return run

    return register


@command("demo", "write a demo workspace built from the source documents",
         lambda p: p.add_argument("path", help="where to write the new workspace"))
def _demo(args: argparse.Namespace) -> int:
    from partnerdesk.demo import build_demo

    path = build_demo(args.path)
    print(f"Demo workspace written to {path}")
    return 0


@command("check", "check a workspace's integrity and print its schema version",
         lambda p: p.add_argument("path", help="the workspace file"))
def _check(args: argparse.Namespace) -> int:
    """Never a traceback: every failure is a message, and damage names the latest good backup.
    Looking writes nothing beside the file (a read-only, immutable look; see `Workspace.open`)."""
    import sqlite3

    from partnerdesk.backups import latest_backup
    from partnerdesk.errors import CorruptWorkspace, ForeignWal

    def name_backup() -> None:
        if (backup := latest_backup(args.path)) is not None:
            print(f"latest backup: {backup.path} ({backup.label})")

    try:
        with Workspace.open(args.path, create=False, read_only=True) as ws:
            problems = ws.integrity_problems()
            print(f"{args.path}: PartnerDesk workspace, schema version {ws.schema_version}")
    except (CorruptWorkspace, ForeignWal):
        name_backup()  # damaged, or a -wal of unknown origin: say where to go back to
        raise
    except StorageError:
        raise  # not a workspace, newer, in use...: a backup is not the answer
    except (sqlite3.Error, OSError, UnicodeError) as exc:
        name_backup()
        raise CorruptWorkspace(f"This workspace is damaged ({exc}). It has not been changed; "
                               "open a backup copy instead.", args.path) from exc
    if problems:
        for problem in problems:
            print(f"problem: {problem}")
        name_backup()
        return 1
    print("ok")
    return 0


def _load_feature_commands() -> None:
    """The backup, desktop-entry, report, room and record commands, then each exercise kind's
    `cli` module; importing one registers its subcommands with `@command`."""
    import importlib

    import partnerdesk.backup_commands
    import partnerdesk.desktop_entry
    import partnerdesk.record_cli
    import partnerdesk.report.cli  # noqa: F401
    from partnerdesk.kinds import kind_ids, kind_module

    # By name: the room reaches into every kind, and no kind may reach another through here.
    importlib.import_module("partnerdesk.room.cli")

    for kind in kind_ids():
        kind_module(kind, "cli")


def build_parser() -> argparse.ArgumentParser:
    _load_feature_commands()
    parser = argparse.ArgumentParser(
        prog="partnerdesk",
        description="PartnerDesk workspaces from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"PartnerDesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, arguments, run) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        arguments(child)
        child.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except StorageError as exc:
        print(f"partnerdesk: {exc.user_message}", file=sys.stderr)
        return 2
