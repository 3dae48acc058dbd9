"""The board as the room sees it: no word on the projector smaller than 1/40 of its height,
at a 1024×768 and a 1920×1080 projector; names shortened by whole words, never shrunk."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QVBoxLayout, QWidget

from partnerdesk.quadrant_board import values
from tests.ui.conftest import activate, first_exercise
from ui.exercises import create_screen
from ui.exercises.quadrant_board.export import PROJECTOR_SIZE, render_image
from ui.exercises.quadrant_board.room import RoomChip
from ui.navigator import NodeKey
from ui.projector_view import ProjectorBoardView


def _board_id(document, template_id):
    return next(r["id"] for r in document.workspace.rows("exercises", {"template": template_id}))


#: The projector windows a test opened: kept alive until it ends (qtbot holds them weakly, and a
#: window Python lets go of takes its view with it).
_OPEN: list[QWidget] = []


@pytest.fixture(autouse=True)
def _close_projectors():
    yield
    while _OPEN:
        _OPEN.pop().close()


def _projector(qtbot, screen, width, height, text_scale=1.0) -> tuple[QWidget, ProjectorBoardView]:
    """The screen's presenter view in a window the projector's size, as the presenter shows it."""
    window = QWidget()
    _OPEN.append(window)
    window.setProperty("text_scale", text_scale)
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    view = screen.presenter_view(window)
    layout.addWidget(view)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: view.viewport().height() == height)
    return window, view


def _rendered_text_px(view: ProjectorBoardView) -> list[tuple[str, float]]:
    """(text, pixel size on the projector) of every word the view draws: font size × view scale."""
    scale = view.transform().m11()
    assert scale == pytest.approx(view.transform().m22())
    shown = []
    for item in view.items():
        if isinstance(item, RoomChip):
            shown.append((item.shown_text, item.text_font.pixelSize() * scale))
        elif isinstance(item, QGraphicsSimpleTextItem) and item.text():
            shown.append((item.text(), item.font().pixelSize() * scale))
    return shown


@pytest.mark.parametrize("width, height", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("template_id", ["stakeholder-matrix", "purpose-of-partnership"])
def test_no_word_on_the_projector_is_below_a_fortieth_of_its_height(qtbot, demo_document, template_id,
                                                                    width, height):
    screen = create_screen(demo_document, _board_id(demo_document, template_id))
    qtbot.addWidget(screen)
    for n, group in enumerate(screen.groups):
        screen.group_combo.setCurrentIndex(n)
        _window, view = _projector(qtbot, screen, width, height)
        labels = {i.id: i.label for i in values.items(demo_document.workspace, screen.exercise_id,
                                                         group.id if group else None)}
        chips = [i for i in view.items() if isinstance(i, RoomChip)]
        assert len(chips) == len(values.placements(demo_document.workspace, screen.exercise_id,
                                                     group.id if group else None))
        shown = _rendered_text_px(view)
        assert len(shown) > len(chips) + 8  # the title, the quadrants' and the axes' names too
        smallest = min(px for _, px in shown)
        assert smallest >= height / 40, [(t, px) for t, px in shown if px < height / 40]
        for chip in chips:
            # Fewer words, not none: each chip starts with its name's first word (or part of it).
            label = chip.label.split()[0]
            assert chip.lines and (chip.lines[0].split()[0] == label or chip.lines[0].endswith("…"))
            assert chip.label in labels.values()
            # And the chip holds its text.
            assert chip.rect().width() <= view.scene().board_rect.width() * 0.3 + 1


def test_a_larger_projector_text_size_makes_larger_chips(qtbot, demo_document):
    screen = create_screen(demo_document, _board_id(demo_document, "stakeholder-matrix"))
    qtbot.addWidget(screen)
    _window, view = _projector(qtbot, screen, 1024, 768, text_scale=1.5)
    assert min(px for _, px in _rendered_text_px(view)) >= 1.5 * 768 / 40


def test_the_room_sees_names_only_and_no_selection(qtbot, demo_document):
    screen = create_screen(demo_document, _board_id(demo_document, "stakeholder-matrix"))
    qtbot.addWidget(screen)
    _window, view = _projector(qtbot, screen, 1024, 768)
    for chip in screen.scene.chips.values():
        chip.setSelected(True)
    assert not [i for i in view.items() if i.isSelected()]
    assert not view.isInteractive()


def test_the_room_sees_the_movement_over_the_programme_when_the_facilitator_shows_it(qtbot, demo_document):
    last = list(demo_document.workspace.rows("exercises", {"template": "purpose-of-partnership"}))[-1]
    screen = create_screen(demo_document, last["id"])
    qtbot.addWidget(screen)
    _window, view = _projector(qtbot, screen, 1024, 768)
    room = view.scene()
    assert room._arrows == []
    screen.movement_check.setChecked(True)
    assert len(room._arrows) >= 3
    # A new projector view opened while movement shows shows it too.
    _window, again = _projector(qtbot, screen, 1024, 768)
    assert len(again.scene()._arrows) == len(room._arrows)
    screen.movement_check.setChecked(False)
    assert room._arrows == []


def test_the_real_projector_at_1024x768(start_window, demo_path, qtbot):
    """Through the presenter as the facilitator opens it (F5's action) on the room's projector."""
    window = start_window(demo_path)
    ws = window.document.workspace
    board = first_exercise(ws, template="stakeholder-matrix")
    window.navigator.select(NodeKey("exercise", board.id))
    activate(qtbot, window)
    window.presenter.start_action.trigger()
    projector = window.presenter.window
    qtbot.waitUntil(lambda: projector.isVisible() and projector.height() == 768)
    view = projector.findChild(ProjectorBoardView)
    qtbot.waitUntil(lambda: any(isinstance(i, RoomChip) for i in view.items()))
    assert min(px for _, px in _rendered_text_px(view)) >= 768 / 40
    # View ▸ Projector text size: the room's board grows with it.
    window.presenter.set_text_scale(1.5)
    qtbot.waitUntil(lambda: min(px for _, px in _rendered_text_px(view)) >= 1.5 * 768 / 40)
    window.presenter.leave()


def test_the_png_for_the_projector_is_what_the_room_sees(qtbot, demo_document, tmp_path):
    screen = create_screen(demo_document, _board_id(demo_document, "stakeholder-matrix"))
    qtbot.addWidget(screen)
    path = screen.export("projector", tmp_path / "board.png")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (PROJECTOR_SIZE.width(), PROJECTOR_SIZE.height())
    # Drawn as the export draws it: the room's scene at 1920×1080, one scene pixel a pixel.
    room = screen.room_scene(screen)
    render_image(room, PROJECTOR_SIZE)
    assert room.sceneRect().size().toSize() == PROJECTOR_SIZE
    sizes = [c.text_font.pixelSize() for c in room.chips.values()]
    sizes += [i.font().pixelSize() for i in room.items() if isinstance(i, QGraphicsSimpleTextItem)]
    assert len(room.chips) == len(screen.scene.chips) and min(sizes) >= PROJECTOR_SIZE.height() / 40
