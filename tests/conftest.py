"""Shared fixtures. Qt runs offscreen and every user file lives in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

# Before anything imports Qt: no display needed, and the shipped fonts on any machine. The
# offscreen screens are the room's: a 1366×768 laptop and a 1024×768 projector beside it.
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).resolve().parent / 'laptop_and_projector.json'}"
os.environ["QT_QPA_FONTDIR"] = str(Path(__file__).resolve().parent.parent / "resources" / "fonts")
# Until the autouse fixture points it at each test's own folder (import-time code sees this).
os.environ.setdefault("PARTNERDESK_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "partnerdesk-tests"))

import pytest
from hypothesis import settings

from partnerdesk.demo import build_demo
from partnerdesk.store import Workspace

# No timed assertions: Hypothesis's per-example deadline would fail a test on a busy machine.
settings.register_profile("partnerdesk", deadline=None)
settings.load_profile("partnerdesk")


@pytest.fixture(autouse=True)
def partnerdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, logs, backups and the default workspace go to this test's own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("PARTNERDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo workspace built per test run; tests get their own copy (`demo_path`)."""
    path = tmp_path_factory.mktemp("demo") / "demo.partnerdesk"
    build_demo(path)
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.partnerdesk"
    with Workspace.open(demo_template, create=False, read_only=True) as ws:
        ws.backup_to(target)
    return target


@pytest.fixture
def workspace(tmp_path: Path):
    ws = Workspace.open(tmp_path / "test.partnerdesk")
    yield ws
    ws.close()


@pytest.fixture
def wal_demo(demo_path: Path) -> Path:
    """The demo as the app leaves a workspace: in write-ahead-log mode (a copy is not)."""
    Workspace.open(demo_path, create=False).close()
    return demo_path
