"""`partnerdesk desktop-entry`: put PartnerDesk in a Linux desktop's application menu.

Copies resources/desktop/'s entry (with Exec pointing at this installation), the icons and the
AppStream metadata into the user's XDG data folder (~/.local/share), so the menu, the dock and
software centres show PartnerDesk with its icon. `--remove` takes them out again. Nothing is
written outside the user's own folders, and no administrator rights are needed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from partnerdesk.atomic_files import write_atomically
from partnerdesk.cli import command
from partnerdesk.resources import resource_path

APP_ID = "org.partnerdesk.PartnerDesk"
_SIZE = re.compile(r"^partnerdesk-(\d+)\.png$")


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def app_command() -> list[str]:
    """How to start the app installed here: the bundle's PartnerDesk, or main.py from source."""
    if getattr(sys, "frozen", False):
        name = "PartnerDesk.exe" if sys.platform == "win32" else "PartnerDesk"
        return [str(Path(sys.executable).resolve().with_name(name))]
    return [str(Path(sys.executable).absolute()), str(Path(__file__).resolve().parent.parent / "main.py")]


def exec_quote(argument: str) -> str:
    """An Exec argument as the Desktop Entry Specification wants it (quoted when it must be)."""
    if not re.search(r"[\s\"'\\><~|&;$*?#()`]", argument):
        return argument
    escaped = re.sub(r'(["`$\\])', r"\\\1", argument)
    return '"' + escaped.replace("\\", "\\\\") + '"'  # the value itself is a string: \ doubles


def entry_text(command_line: list[str]) -> str:
    template = resource_path("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    exec_line = " ".join(exec_quote(a) for a in command_line) + " %f"
    return re.sub(r"^Exec=.*$", lambda _m: f"Exec={exec_line}", template, count=1, flags=re.MULTILINE)


def installed_files(home: Path) -> dict[Path, bytes]:
    """Every file `desktop-entry` writes under `home` (the XDG data folder), with its content."""
    files = {
        home / "applications" / f"{APP_ID}.desktop": entry_text(app_command()).encode("utf-8"),
        home / "metainfo" / f"{APP_ID}.metainfo.xml":
            resource_path("desktop", f"{APP_ID}.metainfo.xml").read_bytes(),
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg":
            resource_path("icons", "partnerdesk.svg").read_bytes(),
    }
    for png in sorted(resource_path("icons").glob("partnerdesk-*.png")):
        match = _SIZE.match(png.name)
        if match:
            size = match.group(1)
            files[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = png.read_bytes()
    return files


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--remove", action="store_true", help="take the entry, icons and metadata out again")


@command("desktop-entry", "add PartnerDesk to this Linux desktop's application menu (for this user)",
         _arguments)
def _desktop_entry(args: argparse.Namespace) -> int:
    if sys.platform in ("win32", "darwin"):
        print("desktop-entry is for Linux desktops; on Windows and macOS start PartnerDesk from its folder.")
        return 1
    home = data_home()
    files = installed_files(home)
    for path, content in files.items():
        if args.remove:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, content)
    entry = home / "applications" / f"{APP_ID}.desktop"
    if args.remove:
        print(f"Removed {entry} and PartnerDesk's icons and metadata.")
    else:
        print(f"Added {entry} (starts {' '.join(app_command())}), with icons and metadata.")
    return 0
