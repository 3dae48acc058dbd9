"""User text is shown as typed: tooltips and messages never read it as markup."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from partnerdesk import records
from ui.navigator import KEY_ROLE, NodeKey
from ui.text import plain_tooltip

HOSTILE = '<img src="/etc/passwd"><b>Council</b> & R&D\nsecond line'


def rendered(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_plain_tooltip_renders_exactly_the_text(qapp):
    assert rendered(plain_tooltip(HOSTILE)) == HOSTILE


def test_navigator_tooltip_shows_a_hostile_title_as_typed(start_window, tmp_path):
    window = start_window(tmp_path / "t.partnerdesk")
    programme_id = window.new_programme()
    window.document.workspace.update("programmes", programme_id, {"title": HOSTILE})
    window.navigator.tree_model.rebuild()
    index = window.navigator.tree_model.index_of(NodeKey("programme", programme_id))
    assert index.data(KEY_ROLE) == f"programme:{programme_id}"
    assert rendered(index.data(3)) == HOSTILE  # Qt.ToolTipRole
    assert records.programme(window.document.workspace, programme_id).title == HOSTILE
