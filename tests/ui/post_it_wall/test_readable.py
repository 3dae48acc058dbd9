"""A busy wall reads at the back of the room: every text the projector's view draws is at least
1/40 of the projector's height (times the facilitator's text size), measured as the font's pixel
size times the view's scale; and the laptop shows a readable zone, not blank squares."""

from __future__ import annotations

import math
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from partnerdesk.post_it_wall import KIND, values
from partnerdesk.post_it_wall import operations as ops
from partnerdesk.store import Workspace
from tests.ui.conftest import activate, press, show_on_projector
from ui.exercises.post_it_wall.lettering import LAPTOP_TEXT_PX
from ui.navigator import NodeKey

WORDS = ("sharing", "ideas", "networking", "lunch", "role", "play", "jargon", "trust", "clarity", "of",
         "budgets", "leadership", "time", "more", "breaks", "better", "venue", "handouts", "stakeholder",
         "matrix", "partnership", "working", "listening", "walking", "in", "each", "other's", "shoes")


class TextRecorder(QPainter):
    """A painter that notes every text drawn through it and its size on screen in pixels."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[tuple[float, str]] = []

    def _note(self, text: str) -> None:
        font = self.font()
        size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        transform = self.worldTransform()
        self.texts.append((size * math.hypot(transform.m11(), transform.m12()), text))

    def drawText(self, *args):
        self._note(next(a for a in args if isinstance(a, str)))
        return super().drawText(*args)

    def drawStaticText(self, point, text):
        self._note(text.text())
        return super().drawStaticText(point, text)


def drawn_texts(view) -> list[tuple[float, str]]:
    """Every text the view shows now, with its pixel size on screen."""
    viewport = view.viewport()
    image = QImage(viewport.size(), QImage.Format_ARGB32)
    painter = TextRecorder(image)
    view.render(painter)
    painter.end()
    return [(size, text) for size, text in painter.texts if text.strip()]


def add_busy_wall(path, count: int = 140) -> str:
    """A copy of the evaluation wall with `count` post-its: short and long, named and dotted,
    some themed."""
    rng = random.Random(13)
    with Workspace.open(path, create=False) as ws:
        workshop = ws.rows("workshops")[0]["id"]
        wall = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND, "template": "evaluation-wall",
                                       "title": "Busy wall"})
        zones = [z.key for z in values.wall_template("evaluation-wall").zones]
        for i in range(count):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.choice((1, 2, 4, 9, 20)))).capitalize()
            added = ops.add_post_it(ws, exercise_id=wall, zone=zones[i % len(zones)], text=text,
                                    author="Ruth" if i % 7 == 0 else "").value
            if i % 5 == 0:
                ops.tally_dots(ws, post_it_id=added, dots=i % 11)
        pink = [p.id for p in values.post_its(ws, wall) if p.zone == "pink"][:4]
        ops.group_into_theme(ws, exercise_id=wall, post_it_ids=pink, name="Leadership and shared values")
    return wall


@pytest.fixture
def busy_window(start_window, demo_path):
    wall = add_busy_wall(demo_path)
    window = start_window(demo_path)
    window.navigator.select(NodeKey("exercise", wall))
    return window


@pytest.mark.parametrize(("size", "text_scale"), [((1024, 768), 1.0), ((1920, 1080), 1.0), ((1024, 768), 1.5)],
                         ids=["1024x768", "1920x1080", "1024x768 largest text"])
def test_every_text_on_the_projector_is_at_least_a_fortieth_of_its_height(qtbot, busy_window, size, text_scale):
    window = busy_window
    window.presenter.set_text_scale(text_scale)
    presenter = show_on_projector(qtbot, window)
    projector = presenter.window
    projector.setWindowState(Qt.WindowNoState)
    projector.resize(*size)
    qtbot.waitUntil(lambda: projector.size().toTuple() == size)
    QApplication.processEvents()
    view = projector.content
    least = size[1] / 40 * text_scale
    assert view.zone_at_a_time  # 140 post-its: one zone at a time
    stops, shown = [], set()
    while True:
        QApplication.processEvents()
        texts = drawn_texts(view)
        small = [(round(px, 1), text) for px, text in texts if px < least]
        assert small == [], f"smaller than {least:.1f} px in zone {view.zone_key}: {small[:5]}"
        shown.update(text for _, text in texts)
        stops.append((view.zone_key, view.page))
        if not view.clicker_step(1):
            break
    assert list(dict.fromkeys(zone for zone, _ in stops)) == ["pink", "yellow", "green", "blue"]
    # Every post-it shows words, not a blank square: all of them, or its first ones and "…".
    post_its = view.wall_scene.post_its().values()
    blank = [p.text for p in post_its
             if not any(t == p.text or (t.endswith("…") and p.text.startswith(t[:-1].rstrip())) for t in shown)]
    assert blank == []
    assert any(t.endswith("…") for t in shown)  # long ones cut short, not shrunk
    if text_scale > 1:
        assert len(stops) > 4  # larger words: the zones are shown in pages
    assert not view.clicker_step(1)  # past the last zone the agenda takes the clicker
    assert view.clicker_step(-1) and (view.zone_key, view.page) == stops[-2]
    while view.clicker_step(-1):
        pass
    assert view.zone_key == "pink" and view.page == 0


def test_the_demo_wall_on_the_projector_shows_whole_sentences_a_zone_at_a_time(qtbot, start_window, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    wall = next(e for w in ws.rows("workshops") for e in values.walls(ws, w["id"]) if e.template == "evaluation-wall")
    window.navigator.select(NodeKey("exercise", wall.id))
    show_on_projector(qtbot, window)
    view = window.presenter.window.content
    QApplication.processEvents()
    texts = drawn_texts(view)
    assert min(px for px, _ in texts) >= 768 / 40
    pink = {p.text for p in values.post_its(ws, wall.id) if p.zone == "pink"}
    assert pink <= {text for _, text in texts}  # every word of every PINK post-it
    # The laptop chooses YELLOW for the next post-its: the projector follows.
    screen = window.current_exercise_screen()
    screen.post_it_edit.setFocus()
    press(window, Qt.Key_2, Qt.ControlModifier)
    assert view.zone_key == "yellow"
    # *Whole wall* on the laptop shows the whole wall on the projector too: fewer words, no
    # smaller ones.
    screen.fit_button.click()
    assert not view.zone_at_a_time and not view.clicker_step(1)
    QApplication.processEvents()
    texts = drawn_texts(view)
    assert min(px for px, _ in texts) >= 768 / 40
    assert {"PINK", "YELLOW", "GREEN", "BLUE"} <= {text for _, text in texts}


def test_the_laptop_shows_a_busy_wall_by_its_current_zone_in_readable_words(qtbot, busy_window):
    window = busy_window
    window.resize(1366, 700)
    window.presenter.run_agenda_action.trigger()
    activate(qtbot, window)
    QApplication.processEvents()
    screen = window.current_exercise_screen()
    view = screen.view
    assert view.showing_zone() and not view.horizontalScrollBar().isVisible()
    texts = drawn_texts(view)
    assert min(px for px, _ in texts) >= LAPTOP_TEXT_PX
    pink = {p.text for p in screen.scene.post_its().values() if p.zone == "pink"}
    assert len([t for _, t in texts if t in pink or t.endswith("…")]) >= 30
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.intersects(screen.scene.zone_rect("pink"))
    assert not shown.intersects(screen.scene.zone_rect("blue"))
    screen.post_it_edit.setFocus()
    press(window, Qt.Key_4, Qt.ControlModifier)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.center().x() > screen.scene.zone_rect("blue").left()
    assert shown.center().y() > screen.scene.zone_rect("blue").top()
    # The whole wall on demand: every zone in view (its post-its plain squares, the zones named).
    screen.fit_button.click()
    assert screen.fit_button.isChecked() and not view.showing_zone()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(screen.scene.sceneRect().adjusted(1, 1, -1, -1))
    assert min(px for px, _ in drawn_texts(view)) >= LAPTOP_TEXT_PX
    press(window, Qt.Key_2, Qt.ControlModifier)  # choosing a zone goes back to it
    assert not screen.fit_button.isChecked() and view.showing_zone()
