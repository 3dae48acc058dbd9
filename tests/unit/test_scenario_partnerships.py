"""The partnerships the scenario worksheets name, as the quadrant board lists them (Step 1)."""

from __future__ import annotations

from partnerdesk import worksheets
from partnerdesk.worksheet import operations


def test_scenario_partnerships_come_from_step_one(workspace):
    from partnerdesk import boards

    wid = workspace.insert("workshops", {"title": "W"})
    settings = operations.with_notes("{}", "step-1", "  Kernow Carers Partnership\nsecond line")
    settings = operations.with_notes(settings, "step-2", "Since 2008.")
    for _ in range(2):  # two groups wrote the same partnership: listed once
        workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet",
                                       "template": "partnership-scenario", "settings": settings})
    workspace.insert("exercises", {"workshop_id": wid, "kind": "worksheet", "template": "partnership-scenario"})
    found = worksheets.scenario_partnerships(workspace, wid)
    assert found == [worksheets.ScenarioPartnership("Kernow Carers Partnership", "Since 2008.")]

    board = workspace.insert("exercises", {"workshop_id": wid, "kind": "quadrant_board",
                                           "template": "purpose-of-partnership"})
    rows = boards.from_scenarios(workspace, board, None)
    assert [(r["label"], r["notes"]) for r in rows] == [("Kernow Carers Partnership", "Since 2008.")]
    workspace.insert_many("board_items", rows)
    assert boards.from_scenarios(workspace, board, None) == []  # already listed: not twice
