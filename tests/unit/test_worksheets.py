"""Worksheet rules: answers in settings JSON, ticks, scales, the most recognised stage."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk import worksheets
from partnerdesk.resources import template, templates_of_kind
from partnerdesk.worksheets import TICKED, Worksheet


def sheet(template_id: str) -> Worksheet:
    return Worksheet.from_template(template(template_id))


def test_every_worksheet_template_loads_with_unique_keys():
    found = templates_of_kind("worksheet")
    assert {t.id for t in found} >= {
        "partnership-scenario", "collaborative-experience", "partnership-life-cycle",
        "mobius-model", "climate-for-change", "role-play", "effective-partnership-self-assessment",
    }
    for found_template in found:
        worksheet = Worksheet.from_template(found_template)
        assert worksheet.sections and worksheet.instructions


def test_ten_steps_use_the_workbooks_wording():
    scenario = sheet("partnership-scenario")
    assert len(scenario.sections) == 10
    assert scenario.sections[0].title == "Step 1: Naming your Partnership"
    assert scenario.sections[-1].title == "Step 10: Ideas for the future"


def test_notes_keep_other_settings_and_other_sections():
    settings = json.dumps({"zoom": 2})
    settings = worksheets.with_notes(settings, "step-1", "Our partnership")
    settings = worksheets.with_notes(settings, "step-2", "Background")
    answers = worksheets.read_answers(settings)
    assert worksheets.notes_of(answers, "step-1") == "Our partnership"
    assert worksheets.notes_of(answers, "step-2") == "Background"
    assert json.loads(settings)["zoom"] == 2
    cleared = worksheets.with_notes(settings, "step-1", "")
    assert "step-1" not in worksheets.read_answers(cleared)


def test_ticks_and_the_most_recognised_stage():
    life = sheet("partnership-life-cycle")
    settings = "{}"
    settings = worksheets.with_item(life, settings, "frustration", 0, TICKED)
    assert worksheets.most_recognised(life, worksheets.read_answers(settings)).key == "frustration"
    settings = worksheets.with_item(life, settings, "functioning", 1, TICKED)
    assert worksheets.most_recognised(life, worksheets.read_answers(settings)) is None  # a tie
    settings = worksheets.with_item(life, settings, "functioning", 2, TICKED)
    assert worksheets.most_recognised(life, worksheets.read_answers(settings)).title == "Functioning"
    settings = worksheets.with_item(life, settings, "functioning", 2, "")
    assert worksheets.most_recognised(life, worksheets.read_answers(settings)) is None
    assert worksheets.most_recognised(life, {}) is None


def test_scale_values_are_checked_and_tallied():
    mobius = sheet("mobius-model")
    settings = worksheets.with_item(mobius, "{}", "possibility", 0, "Present")
    settings = worksheets.with_item(mobius, settings, "commitment", 0, "Missing")
    tally = worksheets.tally(mobius, worksheets.read_answers(settings))
    assert tally["possibility"] == {"Present": 1, "Developing": 0, "Missing": 0}
    assert tally["commitment"]["Missing"] == 1
    with pytest.raises(ValueError):
        worksheets.with_item(mobius, settings, "possibility", 0, TICKED)  # not on the scale
    with pytest.raises(ValueError):
        worksheets.with_item(mobius, settings, "possibility", 5, "Present")  # no such item
    with pytest.raises(KeyError):
        worksheets.with_item(mobius, settings, "no-such-section", 0, "Present")


@pytest.mark.parametrize("bad", ["", "not json", "[]", '{"answers": 3}', '{"answers": {"a": 5}}'])
def test_malformed_settings_read_as_no_answers(bad):
    assert worksheets.read_answers(bad) == {}
    assert worksheets.read_answers(worksheets.with_notes(bad, "step-1", "x")) == {
        "step-1": {"notes": "x", "items": {}}}


@given(st.text())
def test_any_notes_round_trip(text):
    settings = worksheets.with_notes("{}", "step-1", text)
    assert worksheets.notes_of(worksheets.read_answers(settings), "step-1") == text


def test_scenario_partnerships_come_from_step_one(workspace):
    wid = workspace.insert("workshops", {"title": "W"})
    settings = worksheets.with_notes("{}", "step-1", "  Kernow Carers Partnership\nsecond line")
    settings = worksheets.with_notes(settings, "step-2", "Since 2008.")
    for _ in range(2):  # two groups wrote the same partnership: listed once
        workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet",
                                       "template": "partnership-scenario", "settings": settings})
    workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet", "template": "partnership-scenario"})
    found = worksheets.scenario_partnerships(workspace, wid)
    assert found == [worksheets.ScenarioPartnership("Kernow Carers Partnership", "Since 2008.")]
