"""Each behaviours audit operation's rules, and that its change set undoes it exactly (no Qt)."""

from __future__ import annotations

import re

import pytest

from partnerdesk.behaviours_audit import KIND, operations, values
from partnerdesk.errors import InvalidValue
from partnerdesk.store import Workspace

AUDIT_TABLES = ("audit_question_sets", "audit_questions", "audit_rounds", "audit_responses", "audit_answers")


@pytest.fixture
def exercise(workspace: Workspace) -> str:
    workshop = workspace.insert("workshops", {"title": "W", "date": "2026-01-05"})
    return workspace.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                          "template": values.DEFAULT_TEMPLATE, "title": "Audit"})


def rows(ws: Workspace) -> dict[str, list[dict]]:
    return {t: ws.query(f"SELECT * FROM {t} ORDER BY id") for t in AUDIT_TABLES}


def undo(ws: Workspace, changes) -> None:
    ws.apply(changes.inverse())


def test_the_planned_round_needs_no_write_and_the_first_edit_sets_it_up_in_its_own_step(workspace, exercise):
    before = rows(workspace)
    plan = values.planned_round(workspace, exercise)
    assert plan.id == "" and plan.benchmark == 7.5 and plan.minimum_responses == 3 and plan.day == "2026-01-05"
    planned = values.round_questions(workspace, plan)
    assert len(planned.questions) == 10 and not planned.frozen
    assert values.results_of(workspace, plan).responses == 0
    assert rows(workspace) == before  # reading a plan wrote nothing

    changes = operations.answer(workspace, exercise, [(7, "ok")] + [(None, "")] * 9)
    assert changes.added("audit_rounds") and changes.added("audit_question_sets")
    assert len(changes.added("audit_questions")) == 10
    found = values.round_for_exercise(workspace, exercise)
    assert values.response_count(workspace, found.id) == 1
    undo(workspace, changes)
    assert rows(workspace) == before  # round, set, questions and the answer all gone


def test_a_second_round_of_the_template_shares_its_set(workspace, exercise):
    operations.set_benchmark(workspace, exercise, 8.0)
    other = workspace.insert("exercises", {"workshop_id": workspace.get("exercises", exercise)["workshop_id"],
                                           "kind": KIND, "template": values.DEFAULT_TEMPLATE, "title": "Again"})
    assert values.planned_round(workspace, other).set_id == values.round_for_exercise(workspace, exercise).set_id
    changes = operations.set_minimum(workspace, other, 4)
    assert not changes.added("audit_question_sets")


def test_benchmark_and_minimum_are_checked(workspace, exercise):
    operations.set_benchmark(workspace, exercise, 7.26)
    assert values.planned_round(workspace, exercise).benchmark == 7.3
    assert not operations.set_benchmark(workspace, exercise, 7.3)  # the same value: nothing changes
    operations.set_benchmark(workspace, exercise, None)
    assert values.planned_round(workspace, exercise).benchmark is None
    for bad in (0, -1, 10.5):
        with pytest.raises(InvalidValue):
            operations.set_benchmark(workspace, exercise, bad)
    for bad in (0, -2, 2.5, True):
        with pytest.raises(InvalidValue):
            operations.set_minimum(workspace, exercise, bad)
    operations.set_minimum(workspace, exercise, 5)
    assert values.planned_round(workspace, exercise).minimum_responses == 5


def test_questions_are_reworded_added_and_removed_until_answered(workspace, exercise):
    operations.reword_question(workspace, exercise, 0, "  Do we   share\x07 values?  ")
    found = values.round_for_exercise(workspace, exercise)
    texts = [q.text for q in values.question_set(workspace, found.set_id).questions]
    assert texts[0] == "Do we share values?"
    with pytest.raises(InvalidValue):
        operations.reword_question(workspace, exercise, 0, "   ")
    with pytest.raises(InvalidValue):
        operations.reword_question(workspace, exercise, 10, "No such question")
    added = operations.add_question(workspace, exercise)
    assert len(values.question_set(workspace, found.set_id).questions) == 11
    undo(workspace, added)
    operations.remove_question(workspace, exercise, 9)
    assert len(values.question_set(workspace, found.set_id).questions) == 9
    operations.answer(workspace, exercise, [(5, "")] * 9)
    for edit in (lambda: operations.reword_question(workspace, exercise, 0, "Later words"),
                 lambda: operations.add_question(workspace, exercise),
                 lambda: operations.remove_question(workspace, exercise, 0)):
        with pytest.raises(values.SetFrozen, match="Duplicate to edit"):
            edit()


def test_choosing_and_duplicating_sets(workspace, exercise):
    copy, used = operations.duplicate_to_edit(workspace, exercise).value
    found = values.round_for_exercise(workspace, exercise)
    assert used and found.set_id == copy
    template_set = values.template_set_id(workspace, values.DEFAULT_TEMPLATE)
    operations.choose_set(workspace, exercise, template_set)
    assert values.round_for_exercise(workspace, exercise).set_id == template_set
    operations.answer(workspace, exercise, [(5, "")] * 10)
    with pytest.raises(InvalidValue, match="already has answers"):
        operations.choose_set(workspace, exercise, copy)
    second, used = operations.duplicate_to_edit(workspace, exercise).value
    assert not used and values.round_for_exercise(workspace, exercise).set_id == template_set
    assert not values.question_set(workspace, second).frozen


def test_answers_are_checked_and_freeze_the_set(workspace, exercise):
    with pytest.raises(InvalidValue, match="no answers"):
        operations.answer(workspace, exercise, [(None, "  ")] * 10)
    with pytest.raises(InvalidValue, match="questions changed"):
        operations.answer(workspace, exercise, [(5, "")] * 9)
    changes = operations.answer(workspace, exercise, [(None, "Only a comment")] + [(None, "")] * 9)
    found = values.round_for_exercise(workspace, exercise)
    assert values.question_set(workspace, found.set_id).frozen
    undo(workspace, changes)
    assert values.round_for_exercise(workspace, exercise) is None


def test_each_response_rewrites_the_round_with_fresh_ids_and_undo_restores_it_exactly(workspace, exercise):
    for score in (3, 5, 7):
        operations.answer(workspace, exercise, [(score, f"c{score}")] + [(None, "")] * 9)
    before = rows(workspace)
    changes = operations.answer(workspace, exercise, [(9, "c9")] + [(None, "")] * 9)
    after = rows(workspace)
    old_ids = {r["id"] for r in before["audit_responses"]}
    assert len(after["audit_responses"]) == 4
    assert not old_ids & {r["id"] for r in after["audit_responses"]}  # every id is new
    assert not {r["id"] for r in before["audit_answers"]} & {r["id"] for r in after["audit_answers"]}
    for table in ("audit_responses", "audit_answers"):
        for row in after[table]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["created"]) and row["modified"] == row["created"]
    undo(workspace, changes)
    assert rows(workspace) == before
    workspace.apply(changes)
    assert rows(workspace) == after


def test_a_round_of_a_deleted_exercise_is_refused(workspace, exercise):
    workspace.delete("exercises", exercise)
    with pytest.raises(InvalidValue):
        operations.answer(workspace, exercise, [(5, "")] * 10)


def forms(ws: Workspace, exercise: str) -> list[tuple]:
    """Each response as written: (score, comment) per question, sorted."""
    found = values.round_for_exercise(ws, exercise)
    questions = values.question_set(ws, found.set_id).questions
    return sorted(tuple((r.answers[q.id].score, r.answers[q.id].comment) for q in questions)
                  for r in values.responses(ws, found.id))


def test_a_paper_form_is_found_by_what_is_written_on_it_to_correct_or_delete(workspace, exercise):
    blank = [(None, "")] * 9
    other, slip, fixed = [(3, ""), *blank], [(8, "typo"), *blank], [(6, "fixed"), *blank]
    operations.answer(workspace, exercise, other)
    operations.answer(workspace, exercise, slip)
    changes = operations.correct_form(workspace, exercise, slip, fixed)
    assert forms(workspace, exercise) == sorted([tuple(other), tuple(fixed)])
    with pytest.raises(InvalidValue, match="no longer in this round"):
        operations.correct_form(workspace, exercise, slip, fixed)
    with pytest.raises(InvalidValue, match="no answers"):
        operations.correct_form(workspace, exercise, fixed, [(None, ""), *blank])
    undo(workspace, changes)
    assert forms(workspace, exercise) == sorted([tuple(other), tuple(slip)])
    operations.remove_form(workspace, exercise, slip)
    assert forms(workspace, exercise) == [tuple(other)]
    with pytest.raises(InvalidValue):
        operations.remove_form(workspace, exercise, slip)
