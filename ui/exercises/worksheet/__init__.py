"""The worksheet screen: a workbook activity's steps, with the group's notes, ticks and ratings."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.document import WorkspaceDocument
from ui.exercises import ExerciseScreen
from ui.exercises.worksheet.screen import WorksheetScreen

KIND = "worksheet"

__all__ = ["KIND", "WorksheetScreen", "create_screen"]


def create_screen(document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None) -> ExerciseScreen:
    return WorksheetScreen(document, exercise_id, parent)
