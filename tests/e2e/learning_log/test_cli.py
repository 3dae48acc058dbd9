"""`python -m partnerdesk logs` as a real process on a demo workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_logs_for_a_workshop_then_an_unknown_title(demo_path, tmp_path):
    out = tmp_path / "pdfs"
    done = _run("logs", str(demo_path), "--out", str(out), "--workshop", "Collaborative Working")
    assert done.returncode == 0, done.stderr
    names = sorted(os.listdir(out))
    assert len(names) == 12 and "Learning log - Zoë Harding.pdf" in names
    assert all((out / n).read_bytes().startswith(b"%PDF") for n in names)
    failed = _run("logs", str(demo_path), "--out", str(tmp_path / "x"), "--programme", "Nope")
    assert failed.returncode == 1
    assert "There is no programme called “Nope”" in failed.stderr
    assert not (tmp_path / "x").exists()
