"""The shared private entry: fills the window, shows only its content, and only the facilitator leaves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tests.ui.conftest import inside
from ui.dialogs import Dialogs
from ui.private_entry import PrivateEntry


@pytest.fixture
def asked(monkeypatch):
    """What the facilitator types when asked for the leave word (None: cancelled)."""
    record = {"answer": None, "labels": []}

    def text(parent, title, label, value=""):
        record["labels"].append(label)
        return record["answer"]

    monkeypatch.setattr(Dialogs, "text", staticmethod(text))
    return record


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    widget.setWindowTitle("The facilitator's window")
    QVBoxLayout(widget).addWidget(QLabel("Everyone's results"))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _tall_content() -> QWidget:
    content = QWidget()
    content.setObjectName("tall")
    layout = QVBoxLayout(content)
    for n in range(40):
        box = QLabel(f"Question {n + 1}")
        box.setMinimumHeight(50)
        layout.addWidget(box)
    return content


@pytest.mark.parametrize("size", [(1200, 760), (1366, 768), (1024, 600)])
def test_fills_the_window_and_the_leave_button_stays_in_it(qtbot, window, asked, size):
    window.resize(*size)
    content = _tall_content()  # far taller than any window: it scrolls
    entry = PrivateEntry(content, window, title="Private", leave_text="Leave private entry")
    entry.enter()
    qtbot.waitExposed(entry)
    assert entry.isModal() and entry.content is content
    assert entry.geometry() == window.geometry()
    assert entry.leave_button.isVisible() and inside(entry.leave_button, entry)
    assert entry.scroll.verticalScrollBar().isVisible()
    assert entry.leave_button.text() == "Leave private entry (facilitator)…"


def test_only_the_leave_word_leaves(qtbot, window, asked):
    entry = PrivateEntry(QLabel("Your answers"), window, title="Private", leave_text="Leave private answering")
    left = []
    entry.left.connect(lambda: left.append(entry.isVisible()))
    entry.enter()
    qtbot.waitExposed(entry)

    qtbot.keyClick(entry, Qt.Key_Escape)  # a participant's Esc
    entry.close()  # the close box
    qtbot.mouseClick(entry.leave_button, Qt.LeftButton)  # cancelled
    asked["answer"] = "please"
    qtbot.mouseClick(entry.leave_button, Qt.LeftButton)  # the wrong word
    assert entry.isVisible() and left == []
    assert len(asked["labels"]) == 4
    assert asked["labels"][0] == "For the facilitator: type LEAVE to leave private answering."

    asked["answer"] = "  leave "
    with qtbot.waitSignal(entry.finished):
        qtbot.mouseClick(entry.leave_button, Qt.LeftButton)
    # `left` comes while the content is still on screen, so it can be wiped before it goes.
    assert left == [True] and not entry.isVisible()


def test_another_leave_word_and_a_control_in_the_bar(qtbot, window, asked):
    entry = PrivateEntry(QLabel("Form"), window, title="Private", leave_text="Stop", leave_word="DONE")
    submit = QPushButton("Submit my answers")
    entry.add_to_bar(submit)
    entry.enter()
    qtbot.waitExposed(entry)
    assert submit.parent() is entry.bar and submit.isVisible()
    assert submit.geometry().right() < entry.leave_button.geometry().left()
    asked["answer"] = "LEAVE"
    assert not entry.ask_to_leave() and entry.isVisible()
    asked["answer"] = "done"
    assert entry.ask_to_leave() and not entry.isVisible()
