"""`python -m partnerdesk card` and `export` as real processes on a demo workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.record_checks import assert_all_embedded, pdf_text, qpdf_check, squash

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_card_writes_a_pdf_and_refuses_an_unknown_name(tmp_path):
    out = tmp_path / "pledges.pdf"
    done = _run("card", "nhs-constitution-staff-pledges", "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert squash("The NHS commits:") in squash(pdf_text(data))
    assert_all_embedded(data)
    qpdf_check(data, tmp_path)
    failed = _run("card", "Box 7", "--out", str(tmp_path / "x.pdf"))
    assert failed.returncode == 1 and "no reference card called “Box 7”" in failed.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_export_a_programme_then_an_unknown_workshop(demo_path, tmp_path):
    out = tmp_path / "cornwall"
    done = _run("export", str(demo_path), "--programme", "NHS Partners in Cornwall", "--out", str(out))
    assert done.returncode == 0, done.stderr
    report = out / "NHS Partners in Cornwall report.pdf"
    text = squash(pdf_text(report.read_bytes()))
    for figure in ("22", "26", "18", "6.02", "8.61"):
        assert figure in text
    assert (out / "README.txt").is_file()
    for path in out.rglob("*.pdf"):
        assert_all_embedded(path.read_bytes())
        qpdf_check(path.read_bytes(), tmp_path)
    failed = _run("export", str(demo_path), "--workshop", "Nope", "--out", str(tmp_path / "x"))
    assert failed.returncode == 1 and "There is no workshop called “Nope”" in failed.stderr
    assert not (tmp_path / "x").exists()
