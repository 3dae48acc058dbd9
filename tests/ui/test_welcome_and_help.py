"""A newcomer is shown the way: the welcome page's three starts, the user guide and the shortcuts card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTextBrowser

from partnerdesk import records
from partnerdesk.paths import default_workspace
from ui.help import ShortcutsDialog, UserGuideDialog, menu_shortcuts
from ui.navigator import NodeKey
from ui.welcome import WelcomePage


def _welcome(window) -> WelcomePage | None:
    screen = window.current_screen()
    return screen if isinstance(screen, WelcomePage) else None


def test_the_first_start_shows_the_welcome_page(start_window):
    window = start_window()
    assert window.document.path == default_workspace()
    page = _welcome(window)
    assert page is not None
    assert set(page.buttons) == {"demo", "sample", "empty"}


def test_the_sample_programme_start_is_ready_to_run_and_one_undo_step(start_window, qtbot):
    window = start_window()
    qtbot.mouseClick(_welcome(window).buttons["sample"], Qt.LeftButton)
    key = window.current_key()
    assert key is not None and key.kind == "workshop"
    ws = window.document.workspace
    assert [a.title for a in records.agenda(ws, key.id)][-1] == "Close"
    assert len(records.exercises(ws, key.id)) >= 10
    assert window.undo_action.text() == "&Undo New sample programme"
    window.undo_action.trigger()
    assert ws.rows("programmes") == [] and ws.rows("exercises") == []
    assert _welcome(window) is not None


def test_the_demo_start_opens_the_demo_in_its_own_file(start_window, qtbot):
    window = start_window()
    qtbot.mouseClick(_welcome(window).buttons["demo"], Qt.LeftButton)
    assert window.document.path.name == "Demo workspace.partnerdesk"
    assert default_workspace().exists(), "the default workspace is kept, not replaced"
    titles = [p.title for p in records.programmes(window.document.workspace)]
    assert "NHS Partners in Cornwall" in titles
    assert _welcome(window) is None


def test_the_empty_start_leaves_the_welcome_and_help_brings_it_back(start_window, qtbot):
    window = start_window()
    qtbot.mouseClick(_welcome(window).buttons["empty"], Qt.LeftButton)
    assert _welcome(window) is None
    assert "Insert menu" in window.statusBar().currentMessage()
    window.show_welcome()
    assert _welcome(window) is not None


def test_a_workspace_with_content_opens_on_its_first_item_not_the_welcome(start_window, demo_path):
    window = start_window(demo_path)
    assert _welcome(window) is None
    assert window.current_key() == NodeKey("programme", records.programmes(window.document.workspace)[0].id)


def test_the_user_guide_reads_in_the_facilitators_words(start_window, qtbot):
    dialog = UserGuideDialog(start_window())
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "stakeholder matrix" in text and "learning log" in text and "Ctrl+Z" in text


def test_the_shortcuts_card_lists_the_menus_own_keys_and_each_screens(start_window, qtbot):
    window = start_window()
    rows = menu_shortcuts(window)
    assert ("Edit", "Undo New sample programme", "Ctrl+Z") not in rows  # names come from the menus
    assert any(what == "New programme" and keys == "Ctrl+Shift+P" for _, what, keys in rows)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    shown = {table.item(r, 1).text() for r in range(table.rowCount())}
    assert "New programme" in shown
    assert "add the post-it to the current zone" in shown
    assert dialog.width() <= window.screen().availableGeometry().width()


def test_the_demo_start_clicked_in_the_active_window_shows_the_first_programme(start_window, qtbot):
    """Seen in a real X session: the welcome button had the focus; taking its page away moved the
    focus to the new navigator, which chose its first programme and showed it, and then the page
    being replaced by a placeholder covered it: the programme highlighted, "Choose a programme…"
    on the right."""
    from tests.ui.conftest import activate
    from ui.editors.programme_editor import ProgrammeEditor

    window = start_window()
    activate(qtbot, window)
    button = _welcome(window).buttons["demo"]
    button.setFocus()
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.document.path.name == "Demo workspace.partnerdesk")
    assert window.current_key().kind == "programme"
    assert isinstance(window.current_screen(), ProgrammeEditor)
