"""The audit's CSV and results PDF, from the store and the command line."""

from __future__ import annotations

import csv
import io

import pytest

from partnerdesk.behaviours_audit import export, operations
from partnerdesk.behaviours_audit import values as audit
from partnerdesk.behaviours_audit.stats import round_results
from partnerdesk.errors import InvalidValue


def test_results_comments_and_csv_from_the_store(workspace, audit_round, tmp_path):
    q = audit.question_set(workspace, audit_round.set_id).questions
    operations.add_response(workspace, audit_round.id, {q[0].id: (4, "=cmd|' /C calc'!A0"), q[1].id: None})
    operations.add_response(workspace, audit_round.id, {q[0].id: 6, q[1].id: 3})
    assert audit.results(workspace, audit_round.id).withheld
    assert audit.comments(workspace, audit_round.id) == []
    with pytest.raises(InvalidValue, match="withheld"):
        export.export_csv(workspace, audit_round.id, tmp_path / "early.csv")
    assert not (tmp_path / "early.csv").exists()
    operations.add_response(workspace, audit_round.id, {q[0].id: (8, "Good"), q[1].id: 5})
    results = audit.results(workspace, audit_round.id)
    assert results.questions[0].mean == 6 and results.questions[1].n == 2
    assert results.questions[1].withheld and results.questions[1].mean is None  # 2 answers of 3
    assert audit.comments(workspace, audit_round.id) == [(q[0].text, ["=cmd|' /C calc'!A0", "Good"])]
    path = tmp_path / "responses.csv"
    assert export.export_csv(workspace, audit_round.id, path) == 3
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:3] == ["response", "day", f"Q1 {q[0].text}"]
    assert len(rows) == 4 and not any("Ann Example" in cell for row in rows for cell in row)
    assert any(cell.startswith("'=cmd") for row in rows for cell in row)
    assert {row[1] for row in rows[1:]} == {rows[1][1]}


# -- command line ----------------------------------------------------------------------------


def test_command_line_lists_prints_and_exports(demo_path, tmp_path, capsys):
    from pypdf import PdfReader

    from partnerdesk.cli import main

    assert main(["audits", str(demo_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "overall 6.02" in lines[0] and "overall 8.61" in lines[1]
    baseline, repeat = (line.split()[0] for line in lines)
    pdf = tmp_path / "results.pdf"
    assert main(["audit-pdf", str(demo_path), baseline, str(pdf), "--compare", repeat]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "6.02" in text and "+2.59" in text and "walk in each other" in text
    assert "Comments (anonymous)" in text
    out = tmp_path / "responses.csv"
    assert main(["audit-csv", str(demo_path), repeat, str(out)]) == 0
    assert out.read_bytes().decode("utf-8-sig").count("\r\n") == 11
    assert main(["audit-pdf", str(demo_path), "nope", str(tmp_path / "x.pdf")]) == 2
    assert main(["audit-csv", str(demo_path), "nope", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_results_pdf_prints_user_text_as_text_and_withholds(tmp_path):
    from pypdf import PdfReader

    from partnerdesk.behaviours_audit.export import ResultsPaper, render_results

    texts = ["Do we share <b>values</b> & R&D?", "Wang Fang (王芳) asks: do we listen?"]
    # Means 5 and 25/3: overall (5 + 8.333) / 2 = 6.67.
    results = round_results(texts, [[4, 6, None], [8, 8, 9]], responses=3, minimum_responses=2, benchmark=7.5)
    paper = ResultsPaper("Audit <para>", "Session 1, 2026-01-05", results,
                         comments=[(texts[0], ["<img src='/etc/passwd'/> no", "Zoë: 很好"])])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_results(paper))).pages)
    for words in ("Audit <para>", "<b>values</b> & R&D", "王芳", "<img src='/etc/passwd'/> no", "很好",
                  "Overall average 6.67", "benchmark of 7.5", "Lowest items"):
        assert words in text
    withheld = round_results(texts, [[4, 6], [8, 8]], responses=2)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_results(
        ResultsPaper("Audit", "", withheld, comments=[(texts[0], ["secret words"])])))).pages)
    assert "withheld" in text and "secret words" not in text and "4.00" not in text
