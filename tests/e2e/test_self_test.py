"""`python main.py --self-test` as a process, as the smoke test runs the built app's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_opens_every_exercise_kind_projects_it_and_prints_one_line(partnerdesk_home):
    from ui.exercises import screen_factories

    env = {**os.environ, "PARTNERDESK_HOME": str(partnerdesk_home), "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)  # --self-test chooses offscreen itself
    done = subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(lines) == 1 and lines[0].startswith("PartnerDesk self-test passed")
    for kind in screen_factories():
        assert kind in lines[0]
    assert "learning-log PDFs written" in lines[0]
    assert "the chime" in lines[0]  # Qt Multimedia loaded (and, with a sound output, played it)
    assert not partnerdesk_home.exists(), "the self-test keeps to its own temporary folder"


def test_app_help_names_the_self_test():
    done = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 0 and "--self-test" in done.stdout
