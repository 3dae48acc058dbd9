"""The worksheet on the room's projector: no text smaller than a fortieth of its height (times
the facilitator's text size); a worksheet too long for that shows fewer words instead."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import first_exercise, show_on_projector
from ui.exercises.worksheet import WorksheetScreen
from ui.exercises.worksheet.view import WorksheetPresenterView
from ui.navigator import NodeKey


def rendered_pixel_sizes(view: WorksheetPresenterView) -> list[int]:
    """The font size, in pixels, of every piece of text the view lays out."""
    sizes = []
    block = view.document().begin()
    while block.isValid():
        for piece in block:
            fragment = piece.fragment()
            if fragment.isValid() and fragment.text().strip():
                font = fragment.charFormat().font()
                sizes.append(font.pixelSize() if font.pixelSize() > 0 else round(font.pointSizeF() * 96 / 72))
        block = block.next()
    return sizes


def shown_text(view: WorksheetPresenterView) -> str:
    return view.document().toPlainText()


def open_on_projector(qtbot, window, template: str, size: tuple[int, int], scale: float):
    ws = window.document.workspace
    exercise = first_exercise(ws, template=template)
    window.navigator.select(NodeKey("exercise", exercise.id))
    screen = window.current_screen()
    assert isinstance(screen, WorksheetScreen)
    window.presenter.set_text_scale(scale)
    presenter = show_on_projector(qtbot, window)
    presenter.window.resize(*size)
    QApplication.processEvents()
    view = presenter.window.content
    assert isinstance(view, WorksheetPresenterView)
    return screen, view


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_no_worksheet_text_on_the_projector_is_smaller_than_a_fortieth_of_its_height(
        qtbot, start_window, demo_path, size, scale):
    window = start_window(demo_path)
    screen, view = open_on_projector(qtbot, window, "partnership-scenario", size, scale)
    floor = size[1] / 40 * scale
    qtbot.waitUntil(lambda: "Cornwall Teenage Pregnancy Partnership" in shown_text(view))
    assert min(rendered_pixel_sizes(view)) >= floor - 0.5
    assert view.document().size().height() <= view.viewport().height()  # the room cannot scroll

    # The group writes a great deal in every step: fewer words, never smaller ones.
    long_notes = " ".join(f"word{n}" for n in range(200))
    for box in screen.sections:
        screen.set_notes(box.section.key, long_notes)
    qtbot.waitUntil(lambda: "word199" not in shown_text(view))
    assert min(rendered_pixel_sizes(view)) >= floor - 0.5
    assert view.document().size().height() <= view.viewport().height()
    assert "…" in shown_text(view)


def test_a_larger_projector_text_size_applies_to_the_worksheet_shown(qtbot, start_window, demo_path):
    window = start_window(demo_path)
    _screen, view = open_on_projector(qtbot, window, "partnership-scenario", (1024, 768), 1.0)
    assert min(rendered_pixel_sizes(view)) >= 768 / 40 - 0.5
    window.presenter.set_text_scale(1.5)
    qtbot.waitUntil(lambda: min(rendered_pixel_sizes(view)) >= 768 / 40 * 1.5 - 0.5)
