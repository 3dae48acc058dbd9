"""Issue 12.5: every figure of a question is withheld while fewer people answered it than the
minimum: mean, median, range, spread, its bar, its comments, on screen, in the PDF and the CSV."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from partnerdesk.behaviours_audit import KIND, export, operations, values
from partnerdesk.behaviours_audit.stats import round_results


def test_a_question_answered_by_two_of_three_shows_no_figure():
    results = round_results(["Everyone", "Two of three"], [[4, 6, 8], [2, 9, None]], responses=3)
    everyone, two = results.questions
    assert not results.withheld and everyone.mean == 6 and not everyone.withheld
    assert two.withheld and two.n == 2
    assert (two.mean, two.median, two.minimum, two.maximum, two.sd) == (None,) * 5
    assert two.spread == "withheld" and "9" not in two.spread
    assert results.overall == 6  # the withheld question is left out of the overall average
    assert [q.position for q in results.lowest] == [1]


def fill(workspace) -> tuple[str, list[values.Question]]:
    workshop = workspace.insert("workshops", {"title": "W", "date": "2026-01-05"})
    exercise = workspace.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                              "template": values.DEFAULT_TEMPLATE, "title": "Audit"})
    blank = [(None, "")] * 8
    # Q1 answered by all three; Q2 by two people, each with a telling comment.
    operations.answer(workspace, exercise, [(5, "all fine"), (2, "I am the one who gave 2"), *blank])
    operations.answer(workspace, exercise, [(6, ""), (9, "I gave 9"), *blank])
    operations.answer(workspace, exercise, [(7, "")] + [(None, "")] * 9)
    found = values.round_for_exercise(workspace, exercise)
    return found.id, values.question_set(workspace, found.set_id).questions


def test_comments_pdf_and_csv_withhold_the_question(workspace, tmp_path):
    round_id, questions = fill(workspace)
    assert values.comments(workspace, round_id) == [(questions[0].text, ["all fine"])]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        export.render_results(export.results_paper(workspace, round_id)))).pages)
    assert "all fine" in text and "I gave 9" not in text and "I am the one" not in text
    assert "withheld" in text and "9.00" not in text and "2–9" not in text and "5.50" not in text
    path = tmp_path / "responses.csv"
    export.export_csv(workspace, round_id, path)
    table = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert sorted(row[2] for row in table[1:]) == ["5", "6", "7"]
    assert [row[4] for row in table[1:]] == ["", "", ""] and [row[5] for row in table[1:]] == ["", "", ""]
    assert not any("I gave 9" in cell for row in table for cell in row)
