"""A workspace with one behaviours audit round set up, for the unit tests of the kind."""

from __future__ import annotations

import pytest

from partnerdesk.behaviours_audit import KIND, operations
from partnerdesk.behaviours_audit import values as audit
from partnerdesk.store import Workspace


@pytest.fixture
def audit_round(workspace: Workspace):
    programme = workspace.insert("programmes", {"title": "P"})
    workshop = workspace.insert("workshops", {"programme_id": programme, "title": "W", "date": "2026-01-05"})
    participant = workspace.insert("participants", {"programme_id": programme, "name": "Ann Example"})
    workspace.insert("attendance", {"workshop_id": workshop, "participant_id": participant})
    exercise = workspace.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                              "template": audit.DEFAULT_TEMPLATE, "title": "Audit"})
    return audit.audit_round(workspace, operations.set_up_round(workspace, exercise).value)
