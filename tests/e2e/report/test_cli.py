"""`python -m partnerdesk report` as a real process on a demo workspace."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_programme_report_then_a_missing_folder(demo_path, tmp_path):
    out = tmp_path / "cornwall.pdf"
    done = _run("report", str(demo_path), "--programme", "NHS Partners in Cornwall", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"Report written to {out}" in done.stdout
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "6.02" in text and "8.61" in text
    failed = _run("report", str(demo_path), "--workshop", "Collaborative Working",
                  "--out", str(tmp_path / "no such folder" / "day.pdf"))
    assert failed.returncode == 2
    assert "could not be written" in failed.stderr
    assert not (tmp_path / "no such folder").exists()
