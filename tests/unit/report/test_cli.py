"""`partnerdesk report`: a workshop or programme report written by title."""

from __future__ import annotations

from pathlib import Path

from partnerdesk.cli import main
from tests.unit.report.conftest import pdf_text


def test_the_command_writes_a_workshop_report(demo_path: Path, tmp_path: Path, capsys):
    out = tmp_path / "day.pdf"
    assert main(["report", str(demo_path), "--workshop", "collaborative working", "--out", str(out)]) == 0
    assert "Influencing and Negotiation" in pdf_text(out.read_bytes())
    assert str(out) in capsys.readouterr().out


def test_the_command_writes_a_programme_report(demo_path: Path, tmp_path: Path):
    out = tmp_path / "cornwall.pdf"
    assert main(["report", str(demo_path), "--programme", "NHS Partners in Cornwall", "--out", str(out)]) == 0
    assert "6.02 → 8.61" in pdf_text(out.read_bytes())


def test_an_unknown_title_names_the_known_ones(demo_path: Path, tmp_path: Path, capsys):
    out = tmp_path / "none.pdf"
    assert main(["report", str(demo_path), "--workshop", "Away day", "--out", str(out)]) == 1
    assert "There is no workshop called “Away day”" in capsys.readouterr().err
    assert not out.exists()
