"""The audit in the store: typed answers, the template's round, anonymity, freezing, the demo."""

from __future__ import annotations

import json
import re

import pytest

from partnerdesk import records
from partnerdesk.behaviours_audit import KIND, operations
from partnerdesk.behaviours_audit import values as audit
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


# -- the store -------------------------------------------------------------------------------


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


def test_rounds_of_a_programme_can_be_compared(workspace, audit_round):
    exercise = records.exercise(workspace, audit_round.exercise_id)
    programme = workspace.get("workshops", exercise.workshop_id)["programme_id"]
    later = workspace.insert("workshops", {"programme_id": programme, "title": "Later", "date": "2026-03-01"})
    other = workspace.insert("exercises", {"workshop_id": later, "kind": KIND,
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


def test_an_exercise_with_a_missing_template_gets_the_default_questions(workspace):
    workshop = workspace.insert("workshops", {"title": "W"})
    exercise = workspace.insert("exercises", {"workshop_id": workshop, "kind": KIND,
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
