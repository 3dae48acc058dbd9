"""Where PartnerDesk keeps its files: the user data folder (platformdirs), or PARTNERDESK_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from partnerdesk.store import WORKSPACE_SUFFIX


def data_dir() -> Path:
    """The user data folder; PARTNERDESK_HOME overrides it (tests, portable use)."""
    override = os.environ.get("PARTNERDESK_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("PartnerDesk", appauthor=False))


def default_workspace() -> Path:
    return data_dir() / f"workspace{WORKSPACE_SUFFIX}"


def settings_file() -> Path:
    return data_dir() / "settings.ini"


def log_file() -> Path:
    return data_dir() / "partnerdesk.log"


def backups_dir() -> Path:
    return data_dir() / "backups"
