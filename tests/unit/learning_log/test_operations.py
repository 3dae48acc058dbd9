"""The learning log's operations: every rule of writing a log, and the change sets undo uses."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerdesk.errors import InvalidValue
from partnerdesk.learning_log.operations import NotAttended, save_log
from partnerdesk.learning_log.values import FIELDS, TABLE, log_for


def test_save_creates_one_log_per_participant_and_workshop(workspace, programme):
    ws = workspace
    log_id = save_log(ws, programme["ann"], programme["first"], experience="Principles").value
    again = save_log(ws, programme["ann"], programme["first"], reflect="Trust").value
    assert again == log_id
    found = log_for(ws, programme["ann"], programme["first"])
    assert (found.experience, found.reflect, found.conclude, found.plan, found.notes) == (
        "Principles", "Trust", "", "", "")
    assert len(ws.rows(TABLE)) == 1
    with pytest.raises(InvalidValue):
        ws.insert(TABLE, {"participant_id": programme["ann"], "workshop_id": programme["first"]})


def test_save_refuses_unknown_fields_and_workshops_not_attended(workspace, programme):
    with pytest.raises(KeyError):
        save_log(workspace, programme["ann"], programme["first"], feelings="x")
    with pytest.raises(ValueError):
        save_log(workspace, programme["bob"], programme["first"], experience="I was not there")
    assert workspace.rows(TABLE) == []


def test_not_attended_is_a_refusal_the_user_is_told_about(workspace, programme):
    """The laptop's command reports a store refusal (InvalidValue) instead of crashing."""
    with pytest.raises(NotAttended) as refused:
        save_log(workspace, programme["bob"], programme["first"], notes="x")
    assert isinstance(refused.value, InvalidValue)
    assert "only for a workshop the participant attended" in refused.value.user_message
    # A participant who attended nothing, or a workshop that does not exist, is refused too.
    cat = workspace.insert("participants", {"programme_id": programme["programme"], "name": "Cat"})
    with pytest.raises(NotAttended):
        save_log(workspace, cat, programme["second"], notes="x")
    with pytest.raises(NotAttended):
        save_log(workspace, programme["ann"], "no-such-workshop", notes="x")
    assert workspace.rows(TABLE) == []


def test_logs_die_with_their_participant_and_come_back_on_restore(workspace, programme):
    ws = workspace
    save_log(ws, programme["ann"], programme["first"], plan="Act")
    snapshot = ws.delete("participants", programme["ann"])
    assert ws.rows(TABLE) == []
    ws.restore(snapshot)
    assert log_for(ws, programme["ann"], programme["first"]).plan == "Act"
    ws.delete("workshops", programme["first"])
    assert ws.rows(TABLE) == []


def test_the_change_set_says_what_changed_and_undoes_it(workspace, programme):
    ws = workspace
    created = save_log(ws, programme["ann"], programme["first"], experience="Principles")
    log_id = created.value
    assert created.added(TABLE) == [log_id] and not created.changed(TABLE)
    edited = save_log(ws, programme["ann"], programme["first"], experience="Principles and trust")
    assert edited.changed(TABLE) == [log_id] and edited.changed_columns(TABLE) == ["experience"]
    ws.apply(edited.inverse())
    assert log_for(ws, programme["ann"], programme["first"]).experience == "Principles"
    ws.apply(created.inverse())
    assert log_for(ws, programme["ann"], programme["first"]) is None
    ws.apply(created)
    assert log_for(ws, programme["ann"], programme["first"]).id == log_id


def test_the_same_text_again_changes_nothing(workspace, programme):
    ws = workspace
    save_log(ws, programme["ann"], programme["first"], plan="Act", notes="N")
    again = save_log(ws, programme["ann"], programme["first"], plan="Act")
    assert not again and again.value == log_for(ws, programme["ann"], programme["first"]).id


def test_typing_merged_into_one_step_creates_and_removes_the_log(workspace, programme):
    """Keystrokes merge (`Changes.then`): undoing the step that created the log removes it."""
    ws = workspace
    merged = save_log(ws, programme["ann"], programme["first"], reflect="T")
    for text in ("Tr", "Tru", "Trust"):
        merged = merged.then(save_log(ws, programme["ann"], programme["first"], reflect=text))
    assert len(merged.rows) == 1 and merged.added(TABLE) == [merged.value]
    assert merged.after(TABLE, merged.value)["reflect"] == "Trust"
    ws.apply(merged.inverse())
    assert ws.rows(TABLE) == []


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(FIELDS), text=st.text(st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_is_kept_as_typed(workspace, programme, column, text):
    save_log(workspace, programme["ann"], programme["second"], **{column: text})
    assert log_for(workspace, programme["ann"], programme["second"]).text(column) == text
