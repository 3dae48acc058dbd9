"""The behaviours audit's screen (kind `behaviours_audit`), found by `ui.exercises.screen_factories`."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.behaviours_audit import KIND, values
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen, InstructionsScreen
from ui.exercises.behaviours_audit.screen import BehavioursAuditScreen

__all__ = ["KIND", "BehavioursAuditScreen", "create_screen"]


def create_screen(document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None) -> ExerciseScreen:
    if document.read_only and values.round_for_exercise(document.workspace, exercise_id) is None:
        # A read-only workspace can never set up the round: show the instructions instead.
        return InstructionsScreen(document, exercise_id, parent)
    return BehavioursAuditScreen(document, exercise_id, parent)
