"""Command-line backups: list a workspace's backups (even when it is damaged), take one, restore one."""

from __future__ import annotations

import argparse

from partnerdesk.backups import backups_of_file, restore_backup, take_backup, utcnow
from partnerdesk.cli import command
from partnerdesk.paths import backups_dir
from partnerdesk.store import Workspace


@command("backups", "list the automatic backups of a workspace, newest first (works on damaged files)",
         lambda p: p.add_argument("path", help="the workspace file"))
def _backups(args: argparse.Namespace) -> int:
    found = backups_of_file(args.path)
    if not found:
        print(f"No backups of {args.path} in {backups_dir()}")
        return 1
    for backup in found:
        print(f"{backup.label}\t{backup.path}")
    print(f"latest backup: {found[0].path}")
    return 0


@command("backup", "take a backup of a workspace now, into its backups folder",
         lambda p: p.add_argument("path", help="the workspace file"))
def _backup(args: argparse.Namespace) -> int:
    with Workspace.open(args.path, create=False, read_only=True) as ws:
        info = take_backup(ws, "manual", utcnow())
    print(f"Backup written to {info.path}")
    return 0


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", help="the backup file (see `partnerdesk backups PATH`)")
    parser.add_argument("target", help="the NEW workspace file to restore into (never overwritten)")


@command("restore", "restore a backup into a new workspace file and check it", _restore_arguments)
def _restore(args: argparse.Namespace) -> int:
    target = restore_backup(args.backup, args.target)
    print(f"Restored into {target}; integrity ok")
    return 0
