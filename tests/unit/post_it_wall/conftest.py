"""Fixtures for the post-it wall's unit tests: its template, and a wall in a workspace."""

from __future__ import annotations

import pytest

from partnerdesk.post_it_wall import KIND, values


@pytest.fixture
def wall():
    return values.wall_template("evaluation-wall")


@pytest.fixture
def exercise_id(workspace):
    workshop = workspace.insert("workshops", {"title": "Day"})
    return workspace.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                          "template": "evaluation-wall", "title": "Evaluation"})
