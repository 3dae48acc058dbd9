"""The post-it wall's screen (kind `post_it_wall`): composition in `screen`, the wall's scene,
items and view, the panels round it, and commands named for what the facilitator did."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from partnerdesk import records
from partnerdesk.post_it_wall import KIND
from partnerdesk.post_it_wall.values import wall_template
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen, InstructionsScreen
from ui.exercises.post_it_wall.screen import PostItWallScreen

log = logging.getLogger(__name__)

__all__ = ["KIND", "create_screen"]


def create_screen(
    document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None
) -> ExerciseScreen:
    found = records.exercise(document.workspace, exercise_id)
    try:
        wall_template(found.template)
    except KeyError:
        # A workspace from a PartnerDesk with a wall template this one lacks: say so, keep data.
        log.warning("no wall template %r for exercise %s", found.template, exercise_id)
        return InstructionsScreen(document, exercise_id, parent)
    return PostItWallScreen(document, exercise_id, parent)
