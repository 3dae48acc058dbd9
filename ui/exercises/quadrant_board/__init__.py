"""The quadrant board's screen: the stakeholder matrix and Pratt's purpose of partnership.

`screen.py` composes the screen; `mirror.py` keeps one board's items and placements in step
with the store; `scene.py`, `items.py` and `view.py` draw and drive the board; `panels.py`
holds the list and the compare view; `commands.py` the undoable edits; `export.py` the PNG and
SVG pictures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk.quadrant_board import KIND

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.document import WorkspaceDocument
    from ui.exercises import ExerciseScreen

__all__ = ["KIND", "create_screen"]


def create_screen(document: WorkspaceDocument, exercise_id: str,
                  parent: QWidget | None = None) -> ExerciseScreen:
    from ui.exercises.quadrant_board.screen import QuadrantBoardScreen

    return QuadrantBoardScreen(document, exercise_id, parent)
