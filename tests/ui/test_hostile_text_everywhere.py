"""Every name, title and note a facilitator or participant typed is shown as typed, on every
screen and on the projector: Qt reads a label's, a tooltip's or a chart's text as rich text when
it looks like markup, so one typed `<b>` would turn the rest bold and an `<img>` would load a
file. The demo's text is given markup, every screen and its projector view is opened, and
every label and tooltip that shows typed text is checked."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QGraphicsView, QLabel, QWidget

from tests.ui.conftest import show_on_projector
from ui.navigator import NodeKey

MARK = "<b>M</b>"

#: The typed text of the demo, table by table (audit answers are anonymous and rewritten with
#: every round change, so they are left as they are).
TYPED = {
    "programmes": ["title", "description"],
    "workshops": ["title", "venue"],
    "participants": ["name", "organisation", "role"],
    "small_groups": ["name"],
    "exercises": ["title"],
    "agenda_items": ["title", "notes"],
    "board_items": ["label", "organisation", "role", "notes"],
    "placements": ["note"],
    "wall_clusters": ["name"],
    "wall_notes": ["text", "author"],
    "learning_logs": ["experience", "reflect", "conclude", "plan", "notes"],
    "audit_rounds": ["title"],
    "audit_questions": ["text"],
}


def marked_demo(demo: Path, target: Path) -> Path:
    shutil.copyfile(demo, target)
    conn = sqlite3.connect(target)
    for table, columns in TYPED.items():
        for column in columns:
            conn.execute(f"UPDATE [{table}] SET [{column}] = ? || [{column}] "
                         f"WHERE [{column}] IS NOT NULL AND [{column}] != ''", [MARK])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return target


def read_as_markup(widget: QWidget) -> list[str]:
    """Places under `widget` that would read typed markup as markup."""
    found = []
    for label in [widget, *widget.findChildren(QLabel)] if isinstance(widget, QLabel) else widget.findChildren(QLabel):
        if MARK in label.text() and label.textFormat() != Qt.PlainText:
            found.append(f"label {label.objectName() or type(label).__name__}: {label.text()[:60]!r}")
    for child in [widget, *widget.findChildren(QWidget)]:
        if MARK in child.toolTip():
            found.append(f"tooltip of {child.objectName() or type(child).__name__}: {child.toolTip()[:60]!r}")
    for view in widget.findChildren(QGraphicsView):
        for item in view.scene().items() if view.scene() is not None else []:
            if MARK in item.toolTip():
                found.append(f"tooltip of a {type(item).__name__}: {item.toolTip()[:60]!r}")
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        pending = [(QModelIndex(), 0)]
        while pending:
            parent, depth = pending.pop()
            try:
                columns = model.columnCount(parent)
            except TypeError:  # a list model: one column, and no children
                columns = 1
            for row in range(min(model.rowCount(parent), 200)):
                for column in range(columns):
                    index = model.index(row, column, parent)
                    tip = index.data(Qt.ToolTipRole)
                    if isinstance(tip, str) and MARK in tip:
                        found.append(f"tooltip in {view.objectName() or type(view).__name__}: {tip[:60]!r}")
                child = model.index(row, 0, parent)
                if depth < 3 and child.isValid() and model.rowCount(child) > 0:
                    pending.append((child, depth + 1))
    return found


def test_typed_markup_is_shown_as_typed_on_every_screen_and_the_projector(qtbot, start_window, demo_path,
                                                                          tmp_path):
    window = start_window(marked_demo(demo_path, tmp_path / "marked.partnerdesk"))
    ws = window.document.workspace
    assert ws.rows("programmes")[0]["title"].startswith(MARK)
    presenter = show_on_projector(qtbot, window)
    keys = [NodeKey("programme", p["id"]) for p in ws.rows("programmes")]
    keys += [NodeKey("workshop", w["id"]) for w in ws.rows("workshops")]
    keys += [NodeKey("exercise", e["id"]) for e in ws.rows("exercises")]
    problems: list[str] = []
    for key in keys:
        window.navigator.select(key)
        QApplication.processEvents()
        for place in read_as_markup(window) + read_as_markup(presenter.window):
            problems.append(f"{key.kind} {key.id[:6]}: {place}")
    assert problems == [], "\n".join(sorted(set(p.split(': ', 1)[1] for p in problems)))
