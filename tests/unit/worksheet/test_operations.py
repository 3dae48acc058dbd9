"""Worksheet operations: every rule of an edit in the core, one change set per edit, no Qt."""

from __future__ import annotations

import pytest

from partnerdesk.errors import InvalidValue
from partnerdesk.worksheet import operations, values
from partnerdesk.worksheet.values import TICKED


def _worksheet(ws, template_id: str) -> str:
    workshop_id = ws.insert("workshops", {"title": "W"})
    return ws.insert("exercises", {"workshop_id": workshop_id, "kind": "worksheet", "template": template_id,
                                   "settings": '{"zoom": 2}'})


def _settings(ws, exercise_id: str) -> str:
    return ws.get("exercises", exercise_id)["settings"]


def test_notes_are_one_change_of_the_exercise_and_undo_puts_them_back(workspace):
    exercise_id = _worksheet(workspace, "partnership-scenario")
    before = _settings(workspace, exercise_id)
    changes = operations.set_notes(workspace, exercise_id, "step-1", "Kernow Carers Partnership")
    assert changes.changed("exercises") == [exercise_id]
    assert changes.changed_columns("exercises") == ["settings"]
    assert changes.value == "Kernow Carers Partnership"
    answers = values.answers_of(workspace, exercise_id)
    assert values.notes_of(answers, "step-1") == "Kernow Carers Partnership"
    assert '"zoom": 2' in _settings(workspace, exercise_id)  # other settings are kept
    workspace.apply(changes.inverse())
    assert _settings(workspace, exercise_id) == before


def test_notes_are_cleaned_of_control_characters_but_keep_their_lines(workspace):
    exercise_id = _worksheet(workspace, "partnership-scenario")
    changes = operations.set_notes(workspace, exercise_id, "step-2", "Since\x00 2008\r\nstill\tgoing\x1b")
    assert changes.value == "Since 2008\nstill    going"
    assert values.notes_of(values.answers_of(workspace, exercise_id), "step-2") == changes.value


def test_the_same_answer_again_changes_nothing(workspace):
    exercise_id = _worksheet(workspace, "partnership-life-cycle")
    operations.set_notes(workspace, exercise_id, "forming", "Ours")
    assert not operations.set_notes(workspace, exercise_id, "forming", "Ours")
    assert not operations.set_item(workspace, exercise_id, "forming", 0, "")  # clearing an empty item


def test_ticks_and_ratings_follow_the_template(workspace):
    life_cycle = _worksheet(workspace, "partnership-life-cycle")
    changes = operations.set_item(workspace, life_cycle, "flying", 3, TICKED)
    assert changes.changed("exercises") == [life_cycle]
    assert values.item_value(values.answers_of(workspace, life_cycle), "flying", 3) == TICKED
    operations.set_item(workspace, life_cycle, "flying", 3, "")
    assert values.answers_of(workspace, life_cycle) == {}

    mobius = _worksheet(workspace, "mobius-model")
    operations.set_item(workspace, mobius, "possibility", 0, "Developing")
    assert values.item_value(values.answers_of(workspace, mobius), "possibility", 0) == "Developing"


@pytest.mark.parametrize(("template_id", "section", "index", "value"), [
    ("mobius-model", "possibility", 0, TICKED),        # a tick on a rated worksheet
    ("partnership-life-cycle", "flying", 0, "Present"),  # a rating on a ticked one
    ("mobius-model", "possibility", 99, "Present"),    # no such item
    ("mobius-model", "possibility", -1, "Present"),
    ("mobius-model", "no-such-section", 0, "Present"),
])
def test_items_off_the_template_are_refused_and_nothing_is_written(workspace, template_id, section, index, value):
    exercise_id = _worksheet(workspace, template_id)
    before = _settings(workspace, exercise_id)
    with pytest.raises(InvalidValue):
        operations.set_item(workspace, exercise_id, section, index, value)
    assert _settings(workspace, exercise_id) == before


def test_notes_for_a_missing_section_or_a_non_worksheet_are_refused(workspace):
    exercise_id = _worksheet(workspace, "partnership-scenario")
    with pytest.raises(InvalidValue):
        operations.set_notes(workspace, exercise_id, "step-99", "x")
    board = workspace.insert("exercises", {"workshop_id": workspace.rows("workshops")[0]["id"],
                                           "kind": "quadrant_board", "template": "purpose-of-partnership"})
    with pytest.raises(InvalidValue):
        operations.set_notes(workspace, board, "step-1", "x")
    with pytest.raises(InvalidValue):
        operations.set_notes(workspace, "no-such-exercise", "step-1", "x")
    assert "answers" not in workspace.get("exercises", board)["settings"]
