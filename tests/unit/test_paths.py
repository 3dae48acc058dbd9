"""The user data folder: platformdirs' answer, found without importing platformdirs on a Linux
desktop (`partnerdesk.paths._plain_linux_data_dir`), and from platformdirs everywhere else."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from partnerdesk import paths

UNSET = None


@pytest.mark.parametrize(("xdg", "home"), [
    (UNSET, "/home/ana"), (UNSET, "/home/ana/"), (UNSET, "/"), ("", "/home/ana"), ("   ", "/home/ana"),
    ("/data/xdg", "/home/ana"), ("/data/xdg/", "/home/ana"), ("relative/xdg", "/home/ana"),
    ("/data/xdg", "relative"), (UNSET, "relative"), (UNSET, ""), (UNSET, UNSET), ("~/xdg", "/home/ana"),
])
def test_the_data_folder_is_the_one_platformdirs_gives(monkeypatch, xdg, home):
    monkeypatch.delenv("PARTNERDESK_HOME", raising=False)
    for name, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    try:
        expected = Path(platformdirs.user_data_dir("PartnerDesk", appauthor=False))
    except RuntimeError:  # no home platformdirs can find
        with pytest.raises(RuntimeError):
            paths.data_dir()
        return
    assert paths.data_dir() == expected


@pytest.mark.skipif(sys.platform != "linux", reason="the plain rule is Linux's")
def test_on_a_linux_desktop_platformdirs_is_not_imported_to_find_the_folder(monkeypatch):
    monkeypatch.delenv("PARTNERDESK_HOME", raising=False)
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(paths, "_platform_data_dir", lambda: pytest.fail("platformdirs asked"))
    assert paths.data_dir() == Path("/home/ana/.local/share/PartnerDesk")


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_elsewhere_platformdirs_answers(monkeypatch, platform):
    monkeypatch.delenv("PARTNERDESK_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app, appauthor: f"/from-platformdirs/{app}")
    assert paths.data_dir() == Path("/from-platformdirs/PartnerDesk")


def test_partnerdesk_home_overrides_the_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PARTNERDESK_HOME", str(tmp_path))
    assert paths.data_dir() == tmp_path and paths.backups_dir() == tmp_path / "backups"
