"""The learning log's screen: attendees, the chosen one's log, private entry and printing."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from partnerdesk.learning_log import KIND
from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.learning_log.screen import LearningLogScreen

__all__ = ["KIND", "LearningLogScreen", "create_screen"]


def create_screen(
    document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None
) -> ExerciseScreen:
    return LearningLogScreen(document, exercise_id, parent)
