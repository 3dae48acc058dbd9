"""Exercise screens, one module per engine (`kind`), found at start-up.

A module in this package that defines `KIND = "<engine name>"` and a `create_screen(document,
exercise_id, parent)` function returning an `ExerciseScreen` runs every template of that kind
(`resources/templates/*.json`). A new exercise of an existing kind is a new template, no code.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable
from functools import cache

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from partnerdesk import records
from partnerdesk.resources import template
from ui.document import WorkspaceDocument

log = logging.getLogger(__name__)


class ExerciseScreen(QWidget):
    """The laptop's screen for one exercise.

    Subclasses override `presenter_view()` to give the projector a large, control-free view
    that follows every edit (for a board, a second `QGraphicsView` on the same scene).
    """

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.exercise_id = exercise_id

    @property
    def exercise(self) -> records.Exercise | None:
        return records.exercise(self.document.workspace, self.exercise_id)

    def instructions(self) -> str:
        """The exercise's instructions, from its template (plain text)."""
        found = self.exercise
        if found is None:
            return ""
        try:
            return template(found.template).instructions
        except KeyError:
            return ""

    #: True for a screen whose panels scroll themselves (a worksheet's steps, a log's boxes, the
    #: audit's tabs): it asks the window for its minimum height only, so the window's scrolling
    #: area never makes it as tall as its wrapped text would like and scrolls it as a whole.
    scrolls_itself = False

    def heightForWidth(self, width: int) -> int:  # Qt override
        if self.scrolls_itself:
            return self.minimumSizeHint().height()
        return super().heightForWidth(width)

    def presenter_view(self, parent: QWidget | None = None) -> QWidget | None:
        """A new widget for the projector, or None to show the instructions there."""
        return None


ScreenFactory = Callable[[WorkspaceDocument, str, QWidget | None], ExerciseScreen]


@cache
def screen_factories() -> dict[str, ScreenFactory]:
    found: dict[str, ScreenFactory] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        factory = getattr(module, "create_screen", None)
        if kind and factory:
            found[kind] = factory
    return found


class InstructionsScreen(ExerciseScreen):
    """For a template whose engine has no screen of its own: its instructions, readable."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None):
        super().__init__(document, exercise_id, parent)
        layout = QVBoxLayout(self)
        label = QLabel(self.instructions() or "This exercise has no instructions.")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addStretch(1)


def create_screen(
    document: WorkspaceDocument, exercise_id: str, parent: QWidget | None = None
) -> ExerciseScreen:
    found = records.exercise(document.workspace, exercise_id)
    factory = screen_factories().get(found.kind) if found else None
    if factory is None:
        return InstructionsScreen(document, exercise_id, parent)
    return factory(document, exercise_id, parent)
