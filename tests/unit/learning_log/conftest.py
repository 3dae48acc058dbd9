"""A programme for the learning log's unit tests."""

from __future__ import annotations

import pytest

from partnerdesk.store import Workspace


@pytest.fixture
def programme(workspace: Workspace):
    """A programme with two workshops; Ann attends both, Bob only the second."""
    ws = workspace
    programme_id = ws.insert("programmes", {"title": "NHS Partners in Cornwall"})
    first = ws.insert("workshops", {"programme_id": programme_id, "title": "Session 1",
                                    "date": "2009-10-14", "venue": "Truro"})
    second = ws.insert("workshops", {"programme_id": programme_id, "title": "Session 2",
                                     "date": "2009-11-11", "venue": "Bodmin"})
    ann = ws.insert("participants", {"programme_id": programme_id, "name": "Ann"})
    bob = ws.insert("participants", {"programme_id": programme_id, "name": "Bob"})
    ws.insert_many("attendance", [{"workshop_id": first, "participant_id": ann},
                                  {"workshop_id": second, "participant_id": ann},
                                  {"workshop_id": second, "participant_id": bob}])
    return {"programme": programme_id, "first": first, "second": second, "ann": ann, "bob": bob}
