"""The app and the command line as separate processes on temporary workspaces."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], home: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARTNERDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "QT_QPA_FONTDIR": str(ROOT / "resources" / "fonts"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_command_line_demo_and_check(tmp_path, partnerdesk_home):
    path = tmp_path / "demo.partnerdesk"
    made = run(["-m", "partnerdesk", "demo", str(path)], partnerdesk_home)
    assert made.returncode == 0, made.stderr
    checked = run(["-m", "partnerdesk", "check", str(path)], partnerdesk_home)
    assert checked.returncode == 0, checked.stderr
    assert "schema version" in checked.stdout


def test_check_fails_on_a_foreign_file(tmp_path, partnerdesk_home):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list")
    result = run(["-m", "partnerdesk", "check", str(path)], partnerdesk_home)
    assert result.returncode != 0
    assert "not a PartnerDesk workspace" in result.stderr
    assert path.read_text() == "shopping list"


def test_main_py_opens_the_requested_workspace_and_remembers_it(tmp_path, partnerdesk_home):
    path = tmp_path / "demo.partnerdesk"
    assert run(["-m", "partnerdesk", "demo", str(path)], partnerdesk_home).returncode == 0
    started = run(["main.py", "--workspace", str(path), "--quit-after-ms", "300"], partnerdesk_home)
    assert started.returncode == 0, started.stderr
    settings = (partnerdesk_home / "settings.ini").read_text()
    assert str(path) in settings  # the last workspace reopens next time
    # Closing the app left a sound workspace.
    assert run(["-m", "partnerdesk", "check", str(path)], partnerdesk_home).returncode == 0


def test_first_start_creates_the_default_workspace(partnerdesk_home):
    started = run(["main.py", "--quit-after-ms", "300"], partnerdesk_home)
    assert started.returncode == 0, started.stderr
    assert (partnerdesk_home / "workspace.partnerdesk").exists()
