"""Where PartnerDesk keeps its files: the user data folder (platformdirs), or PARTNERDESK_HOME."""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path

from partnerdesk.store import WORKSPACE_SUFFIX

_APP = "PartnerDesk"


def data_dir() -> Path:
    """The user data folder; PARTNERDESK_HOME overrides it (tests, portable use)."""
    override = os.environ.get("PARTNERDESK_HOME")
    if override:
        return Path(override)
    return Path(_plain_linux_data_dir() or _platform_data_dir())


def _platform_data_dir() -> str:
    import platformdirs  # here: its package loads every platform's rules and compiles patterns

    return platformdirs.user_data_dir(_APP, appauthor=False)


def _plain_linux_data_dir() -> str | None:
    """platformdirs' answer on a Linux desktop whose XDG_DATA_HOME or HOME is absolute, found as
    it finds it (the XDG folder, else ~/.local/share; the app's folder in it), at every start
    without importing platformdirs; None for anything else (Windows, macOS, Android, no usable
    HOME), which platformdirs answers. tests/unit/test_paths.py holds the two to the same
    answer, so platformdirs stays the rule."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or (
            os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if posixpath.isabs(xdg):
        return os.path.join(xdg, _APP)
    home = os.environ.get("HOME")
    if home and posixpath.isabs(home):
        return os.path.join(os.path.expanduser("~/.local/share"), _APP)
    return None


def default_workspace() -> Path:
    return data_dir() / f"workspace{WORKSPACE_SUFFIX}"


def settings_file() -> Path:
    return data_dir() / "settings.ini"


def log_file() -> Path:
    return data_dir() / "partnerdesk.log"


def backups_dir() -> Path:
    return data_dir() / "backups"
