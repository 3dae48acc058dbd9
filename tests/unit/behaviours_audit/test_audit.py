"""The behaviours audit's rules: typed answers, statistics, the minimum, anonymity and freezing."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from partnerdesk import records
from partnerdesk.behaviours_audit import export, operations, stats
from partnerdesk.behaviours_audit import values as audit
from partnerdesk.behaviours_audit.stats import compare, question_result, round_results
from partnerdesk.errors import InvalidValue
from partnerdesk.store import Workspace

# -- typed answers ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, score", [("0", 0), ("7", 7), ("10", 10), (" 4 ", 4), ("", None), ("  ", None)])
def test_good_answers(text, score):
    assert audit.parse_score(text) == score


@pytest.mark.parametrize("text, words", [("11", "more than 10"), ("-1", "below zero"),
                                         ("7.5", "not a whole number"), ("x", "not a score"),
                                         ("7a", "not a score")])
def test_bad_answers_are_refused_with_a_clear_message(text, words):
    with pytest.raises(audit.AnswerError, match=words):
        audit.parse_score(text)


# -- statistics by hand ----------------------------------------------------------------------


def test_question_statistics_ignore_blanks():
    result = question_result(1, "Q", [4, None, 6, 8, None, 2])
    assert result.n == 4
    assert result.mean == pytest.approx(5.0)
    assert result.median == pytest.approx(5.0)  # (4 + 6) / 2
    assert (result.minimum, result.maximum) == (2, 8)
    assert result.sd == pytest.approx(5 ** 0.5)  # deviations 1, 1, 3, 3: variance 20/4
    assert result.spread == "2–8 (sd 2.24)"


def test_blank_never_counts_as_zero():
    assert question_result(1, "Q", [None, 10, None]).mean == 10
    nobody = question_result(1, "Q", [None, None])
    assert nobody.n == 0 and nobody.mean is None and nobody.spread == "—"


def test_overall_is_the_mean_of_question_means_and_lowest_are_marked():
    results = round_results(["a", "b", "c"], [[9, 9, None], [2, 4, 6], [5, 7, 6]], responses=3,
                            minimum_responses=2)
    assert [q.mean for q in results.questions] == [9, 4, 6]
    assert results.overall == pytest.approx((9 + 4 + 6) / 3)  # not the mean of all 8 answers
    assert [q.position for q in results.lowest] == [2, 3]
    assert not results.withheld


def test_ties_at_the_cut_off_are_all_marked():
    results = round_results(list("abcd"), [[1, 1, 1], [5, 5, 5], [5, 5, 5], [9, 9, 9]], responses=3)
    assert [q.position for q in results.lowest] == [1, 2, 3]


def test_results_are_withheld_below_the_minimum():
    results = round_results(["a"], [[3, 9]], responses=2, minimum_responses=3)
    assert results.withheld
    assert results.overall is None and results.questions[0].mean is None
    assert "at least 3" in results.withheld_message and "1 more" in results.withheld_message
    assert not round_results(["a"], [[3, 9, 4]], responses=3, minimum_responses=3).withheld
    assert round_results(["a"], [[3, 9, 4]], responses=3, minimum_responses=4).withheld


def test_comparison_per_question_overall_and_most_moved():
    before = round_results(["a", "b", "c"], [[4, 6, 5], [2, 2, 2], [8, 8, 8]], responses=3)
    after = round_results(["a", "b", "c"], [[6, 6, 6], [7, 8, 9], [7, 7, 7]], responses=3)
    result = compare(before, after)
    assert [c.change for c in result.changes] == pytest.approx([1.0, 6.0, -1.0])
    assert result.overall_change == pytest.approx((6 + 8 + 7) / 3 - (5 + 2 + 8) / 3)
    assert [c.position for c in result.most_moved(2)] == [2, 1]  # ties: first question first
    assert stats.fmt_change(-1.0) == "−1.00"


def test_comparison_is_withheld_if_either_round_is():
    before = round_results(["a"], [[4, 6]], responses=2)
    after = round_results(["a"], [[6, 6, 6]], responses=3)
    result = compare(before, after)
    assert result.withheld and "first round" in result.withheld and result.overall_change is None


# -- the store -------------------------------------------------------------------------------


@pytest.fixture
def audit_round(workspace: Workspace):
    programme = workspace.insert("programmes", {"title": "P"})
    workshop = workspace.insert("workshops", {"programme_id": programme, "title": "W", "date": "2026-01-05"})
    participant = workspace.insert("participants", {"programme_id": programme, "name": "Ann Example"})
    workspace.insert("attendance", {"workshop_id": workshop, "participant_id": participant})
    exercise = workspace.insert("exercises", {"workshop_id": workshop, "kind": audit.KIND,
                                              "template": audit.DEFAULT_TEMPLATE, "title": "Audit"})
    return audit.audit_round(workspace, operations.set_up_round(workspace, exercise).value)


def test_a_round_uses_the_template_set_of_ten_questions(workspace, audit_round):
    questions = audit.question_set(workspace, audit_round.set_id).questions
    assert len(questions) == 10
    texts = " ".join(q.text for q in questions)
    for words in ("shared values", "walk in each other's shoes", "mutual respect", "solution focussed",
                  "no surprises"):
        assert words in texts
    assert audit_round.benchmark == 7.5 and audit_round.minimum_responses == 3
    assert operations.set_up_round(workspace, audit_round.exercise_id).value == audit_round.id
    assert audit.planned_round(workspace, audit_round.exercise_id) == audit_round


def test_responses_are_anonymous_and_in_no_meaningful_order(workspace, audit_round):
    questions = audit.question_set(workspace, audit_round.set_id).questions
    for n in range(40):
        operations.add_response(workspace, audit_round.id, {questions[0].id: (n % 11, "fine")})
    for table in ("audit_responses", "audit_answers"):
        columns = set(workspace.columns(table))
        assert not columns & {"participant_id", "device", "author", "name", "workshop_id"}
        for row in workspace.query(f"SELECT * FROM {table}"):
            # Nothing finer than the day: no time of day in any column.
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["created"])
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["modified"])
        sql = workspace.query("SELECT sql FROM sqlite_master WHERE name = ?", [table])[0]["sql"]
        assert "WITHOUT ROWID" in sql
    stored = [r["id"] for r in workspace.query("SELECT id FROM audit_responses")]
    assert len(stored) == 40 and stored == sorted(stored)  # the table's own order is the ids'
    assert [r.id for r in audit.responses(workspace, audit_round.id)] == stored
    # The store's generic reading works on these tables too, in id order.
    assert [r["id"] for r in workspace.rows("audit_responses", {"round_id": audit_round.id})] == stored


def test_scores_outside_0_to_10_cannot_be_stored(workspace, audit_round):
    question = audit.question_set(workspace, audit_round.set_id).questions[0]
    for bad in (11, -1, 7.5, "7", True):
        with pytest.raises(InvalidValue):
            operations.add_response(workspace, audit_round.id, {question.id: bad})
    with pytest.raises(InvalidValue):
        operations.add_response(workspace, audit_round.id, {"someone-else's-question": 5})
    assert audit.response_count(workspace, audit_round.id) == 0


def test_an_answered_set_is_frozen_and_can_be_duplicated(workspace, audit_round):
    set_id = audit_round.set_id
    question = audit.question_set(workspace, set_id).questions[0]
    exercise = audit_round.exercise_id
    assert operations.reword_question(workspace, exercise, 0, "New words")
    operations.add_response(workspace, audit_round.id, {question.id: 5})
    assert audit.question_set(workspace, set_id).frozen
    with pytest.raises(audit.SetFrozen, match="Duplicate to edit"):
        operations.reword_question(workspace, exercise, 0, "Other words")
    copy = operations.duplicate_set(workspace, set_id).value
    duplicate = audit.question_set(workspace, copy)
    assert not duplicate.frozen and [q.text for q in duplicate.questions] == [
        q.text for q in audit.question_set(workspace, set_id).questions]


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


def test_rounds_of_a_programme_can_be_compared(workspace, audit_round):
    exercise = records.exercise(workspace, audit_round.exercise_id)
    programme = workspace.get("workshops", exercise.workshop_id)["programme_id"]
    later = workspace.insert("workshops", {"programme_id": programme, "title": "Later", "date": "2026-03-01"})
    other = workspace.insert("exercises", {"workshop_id": later, "kind": audit.KIND,
                                           "template": audit.DEFAULT_TEMPLATE, "title": "Again",
                                           "settings": json.dumps({})})
    again = audit.audit_round(workspace, operations.set_up_round(workspace, other).value)
    assert again.set_id == audit_round.set_id
    assert [r.round.id for r in audit.related_rounds(workspace, again.id)] == [audit_round.id, again.id]


# -- the demo reproduces the case ------------------------------------------------------------


def test_demo_reproduces_the_east_midlands_figures(demo_path):
    with Workspace.open(demo_path) as ws:
        rounds = ws.query("SELECT r.id FROM audit_rounds r JOIN exercises e ON e.id = r.exercise_id "
                          "JOIN workshops w ON w.id = e.workshop_id ORDER BY w.date")
        assert len(rounds) == 2
        baseline = audit.results(ws, rounds[0]["id"])
        assert f"{audit.results(ws, rounds[1]['id']).overall:.2f}" == "8.61"
        assert f"{baseline.overall:.2f}" == "6.02"
        lowest = sorted(baseline.lowest, key=lambda q: q.mean)
        assert [(f"{q.mean:.1f}", q.text) for q in lowest] == [
            ("4.6", "Do colleagues walk in each other's shoes?"), ("5.8", "Do we work from shared values?")]
        change = audit.comparison(ws, rounds[0]["id"], rounds[1]["id"])
        assert f"{change.overall_change:.2f}" == "2.59"
        assert change.most_moved(1)[0].text == "Do colleagues walk in each other's shoes?"


# -- property: the statistics agree with the standard library --------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=80))
def test_statistics_agree_with_the_standard_library(scores):
    import statistics

    result = question_result(1, "Q", scores)
    answered = [s for s in scores if s is not None]
    assert result.n == len(answered)
    if answered:
        assert result.mean == pytest.approx(statistics.fmean(answered))
        assert result.median == pytest.approx(statistics.median(answered))
        assert result.sd == pytest.approx(statistics.pstdev(answered), abs=1e-9)
        assert 0 <= result.minimum <= result.mean <= result.maximum <= 10
    else:
        assert result.mean is None


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


def test_an_exercise_with_a_missing_template_gets_the_default_questions(workspace):
    workshop = workspace.insert("workshops", {"title": "W"})
    exercise = workspace.insert("exercises", {"workshop_id": workshop, "kind": audit.KIND,
                                              "template": "from-another-laptop", "title": "Audit"})
    found = audit.audit_round(workspace, operations.set_up_round(workspace, exercise).value)
    assert len(audit.question_set(workspace, found.set_id).questions) == 10


def test_deleting_the_exercise_takes_its_round_and_undo_brings_all_back(workspace, audit_round):
    q = audit.question_set(workspace, audit_round.set_id).questions
    for score in (3, 5, 7):
        operations.add_response(workspace, audit_round.id, {q[0].id: (score, "ok"), q[1].id: None})
    before = workspace.query("SELECT * FROM audit_answers ORDER BY id")
    snapshot = workspace.delete("exercises", audit_round.exercise_id)
    assert audit.round_for_exercise(workspace, audit_round.exercise_id) is None
    assert workspace.query("SELECT COUNT(*) AS n FROM audit_answers")[0]["n"] == 0
    workspace.restore(snapshot)
    assert workspace.query("SELECT * FROM audit_answers ORDER BY id") == before
    assert audit.results(workspace, audit_round.id).questions[0].mean == 5
