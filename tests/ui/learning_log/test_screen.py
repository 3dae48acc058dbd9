"""The learning logs screen driven like a user: typing, undo, private entry and printing."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QProgressDialog, QWidget

from partnerdesk import records
from partnerdesk.learning_log.operations import save_log
from partnerdesk.learning_log.values import TABLE, log_for
from partnerdesk.store import Workspace
from tests.ui.conftest import inside, laptop_window
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.exercises import create_screen
from ui.exercises.learning_log import LearningLogScreen


@pytest.fixture
def setup(document: WorkspaceDocument):
    """A programme workshop attended by Ann and Zoë (not by Cat), with a logs exercise."""
    ws = document.workspace
    programme_id = ws.insert("programmes", {"title": "NHS Partners in Cornwall"})
    workshop_id = ws.insert("workshops", {"programme_id": programme_id, "title": "Session 1",
                                          "date": "2009-10-14", "venue": "Truro"})
    ann = ws.insert("participants", {"programme_id": programme_id, "name": "Ann Trewin"})
    zoe = ws.insert("participants", {"programme_id": programme_id, "name": "Zoë Harding"})
    ws.insert("participants", {"programme_id": programme_id, "name": "Cat Absent"})
    ws.insert_many("attendance", [{"workshop_id": workshop_id, "participant_id": p} for p in (ann, zoe)])
    exercise_id = ws.insert("exercises", {"workshop_id": workshop_id, "kind": "learning_log",
                                          "template": "learning-log", "title": "Personal learning logs"})
    return {"workshop": workshop_id, "ann": ann, "zoe": zoe, "exercise": exercise_id}


@pytest.fixture
def screen(qtbot, document, setup) -> LearningLogScreen:
    widget = create_screen(document, setup["exercise"])
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def answers(monkeypatch):
    """Replaces the screen's dialogs; answers come from the dict, messages land in `shown`."""
    recorded = {"shown": [], "leave": "", "folder": None, "pdf": None, "is_me": [], "me": False}

    def confirm(parent, title, question):
        recorded["is_me"].append(question)
        return recorded["me"]

    monkeypatch.setattr(Dialogs, "confirm", staticmethod(confirm))
    monkeypatch.setattr(Dialogs, "text", staticmethod(lambda parent, title, label, value="": recorded["leave"]))
    monkeypatch.setattr(Dialogs, "choose_folder", staticmethod(lambda parent, title, folder="": recorded["folder"]))
    monkeypatch.setattr(Dialogs, "save_path",
                        staticmethod(lambda parent, title, suggested, file_filter: recorded["pdf"]))
    monkeypatch.setattr(Dialogs, "information",
                        staticmethod(lambda parent, title, message: recorded["shown"].append(message)))
    monkeypatch.setattr(Dialogs, "error",
                        staticmethod(lambda parent, title, message: recorded["shown"].append(message)))
    return recorded


def _save(document, participant_id, workshop_id, **texts):
    """Write a log as any way in does: through the operation, with the document telling screens."""
    document.run(lambda ws: save_log(ws, participant_id, workshop_id, **texts))


def _texts(listing) -> list[str]:
    model = listing.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _row_of(listing, name: str) -> int:
    for row, text in enumerate(_texts(listing)):
        if text.startswith(name):
            return row
    raise AssertionError(f"{name} not listed")


def _text_of(listing, name: str) -> str:
    return _texts(listing)[_row_of(listing, name)]


def _click_row(qtbot, listing, name: str) -> None:
    rect = listing.visualRect(listing.model().index(_row_of(listing, name), 0))
    qtbot.mouseClick(listing.viewport(), Qt.LeftButton, pos=rect.center())


def _visible_texts(widget: QWidget) -> list[str]:
    return [e.toPlainText() for e in widget.findChildren(QPlainTextEdit) if e.isVisibleTo(widget)]


def test_lists_attendees_only(screen):
    assert _texts(screen.attendees) == ["Ann Trewin", "Zoë Harding"]
    screen.select_participant(None)
    assert not screen.editor.isVisible() and not screen.printing.print_button.isEnabled()


def test_typing_autosaves_and_each_field_edit_is_one_undo_step(qtbot, screen, document, setup):
    ws = document.workspace
    _click_row(qtbot, screen.attendees, "Ann")
    assert screen.editor.isVisible() and screen.editor.name_label.text() == "Ann Trewin"
    experience = screen.editor.fields["experience"]
    qtbot.mouseClick(experience.viewport(), Qt.LeftButton)
    qtbot.keyClicks(experience, "Principles & <b>trust</b>")
    # Every keystroke is already on disk.
    assert log_for(ws, setup["ann"], setup["workshop"]).experience == "Principles & <b>trust</b>"
    assert _text_of(screen.attendees, "Ann").endswith("✓")
    qtbot.keyClick(experience, Qt.Key_Tab)  # to the next field
    qtbot.keyClicks(screen.editor.fields["plan"], "Meet in May")
    stack = document.undo_stack
    assert stack.count() == 2
    stack.undo()
    assert log_for(ws, setup["ann"], setup["workshop"]).plan == ""
    assert screen.editor.fields["plan"].toPlainText() == ""
    stack.undo()  # the edit that created the log: the log goes
    assert log_for(ws, setup["ann"], setup["workshop"]) is None
    assert experience.toPlainText() == ""
    assert not _text_of(screen.attendees, "Ann").endswith("✓")
    stack.redo()
    stack.redo()
    assert experience.toPlainText() == "Principles & <b>trust</b>"
    assert screen.editor.fields["plan"].toPlainText() == "Meet in May"
    path = ws.path
    document.workspace.close()
    with Workspace.open(path, read_only=True) as reopened:
        found = log_for(reopened, setup["ann"], setup["workshop"])
        assert (found.experience, found.plan) == ("Principles & <b>trust</b>", "Meet in May")
    document.workspace = Workspace.open(path)


def test_text_in_any_script_is_saved_as_entered(qtbot, screen, document, setup):
    screen.select_participant(setup["zoe"])
    reflect = screen.editor.fields["reflect"]
    # As an input method commits text (QTest.keyClicks cannot type beyond ASCII here).
    reflect.insertPlainText("王芳 Łukasz Ἀθηνᾶ")
    reflect.insertPlainText(" Ngọc")
    assert log_for(document.workspace, setup["zoe"], setup["workshop"]).reflect == "王芳 Łukasz Ἀθηνᾶ Ngọc"
    assert document.undo_stack.count() == 1


def test_switching_attendee_shows_their_own_log(qtbot, screen, document, setup):
    _save(document, setup["zoe"], setup["workshop"], reflect="Zoë's point")
    _click_row(qtbot, screen.attendees, "Ann")
    assert "Zoë's point" not in _visible_texts(screen)
    _click_row(qtbot, screen.attendees, "Zoë")
    assert screen.editor.fields["reflect"].toPlainText() == "Zoë's point"


def test_private_entry_shows_only_the_writer_and_needs_the_facilitator_to_leave(
    qtbot, screen, document, setup, answers
):
    ws = document.workspace
    _save(document, setup["zoe"], setup["workshop"], reflect="Zoë's secret")
    _click_row(qtbot, screen.attendees, "Zoë")
    qtbot.mouseClick(screen.private_button, Qt.LeftButton)
    entry = screen.private_entry
    writing = entry.content
    qtbot.waitExposed(entry)
    assert entry.isModal()
    # Nothing of anyone's log stays visible behind private entry.
    assert not screen.editor.isVisible() and screen.editor.participant_id is None
    assert not screen.attendees.isEnabled()
    assert all(text == "" for text in _visible_texts(entry))
    assert _texts(writing.names) == ["Ann Trewin", "Zoë Harding"]  # no ticks: nobody's business

    _click_row(qtbot, writing.names, "Ann")
    qtbot.mouseClick(writing.start_button, Qt.LeftButton)
    assert writing.writing and writing.editor.name_label.text() == "Ann Trewin"
    qtbot.keyClicks(writing.editor.fields["experience"], "My own notes")
    assert log_for(ws, setup["ann"], setup["workshop"]).experience == "My own notes"
    assert not any("Zoë's secret" in t for t in _visible_texts(entry))
    assert not any("Zoë's secret" in t for t in _visible_texts(screen))

    qtbot.mouseClick(writing.next_button, Qt.LeftButton)
    assert not writing.writing
    assert all(text == "" for text in _visible_texts(entry))
    assert not writing.names.currentIndex().isValid() and not writing.start_button.isEnabled()

    # A participant cannot leave: Esc, the close box and the button all ask the facilitator.
    qtbot.keyClick(entry, Qt.Key_Escape)
    assert entry.isVisible()
    entry.close()
    assert entry.isVisible()
    answers["leave"] = "leave it"
    qtbot.mouseClick(entry.leave_button, Qt.LeftButton)
    assert entry.isVisible() and screen.private_entry is entry

    # Zoë has written before: opening her log needs her say-so, and a "no" shows nothing.
    _click_row(qtbot, writing.names, "Zoë")
    qtbot.mouseClick(writing.start_button, Qt.LeftButton)
    assert len(answers["is_me"]) == 1 and "Zoë Harding" in answers["is_me"][0]
    assert not writing.writing
    assert not any("Zoë's secret" in t for t in _visible_texts(entry))
    answers["me"] = True
    qtbot.mouseClick(writing.start_button, Qt.LeftButton)
    assert writing.writing and writing.editor.fields["reflect"].toPlainText() == "Zoë's secret"

    # The facilitator's word closes private entry, and nobody's log is left in it.
    answers["leave"] = " leave "
    with qtbot.waitSignal(screen.private_mode_changed) as left:
        qtbot.mouseClick(entry.leave_button, Qt.LeftButton)
    assert left.args == [False]
    assert screen.private_entry is None and not entry.isVisible()
    assert writing.editor.participant_id is None and not writing.writing
    _click_row(qtbot, screen.attendees, "Ann")
    assert screen.editor.fields["experience"].toPlainText() == "My own notes"


def test_print_this_participant(qtbot, screen, document, setup, answers, tmp_path):
    _save(document, setup["ann"], setup["workshop"], plan="R&D <i>plan</i>")
    _click_row(qtbot, screen.attendees, "Ann")
    answers["pdf"] = tmp_path / "ann.pdf"
    screen.printing.paper.setCurrentText("US Letter")
    qtbot.mouseClick(screen.printing.print_button, Qt.LeftButton)
    reader = PdfReader(io.BytesIO((tmp_path / "ann.pdf").read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Ann Trewin" in text and "R&D <i>plan</i>" in text
    assert round(float(reader.pages[0].mediabox.height)) == 792
    assert answers["shown"] and "ann.pdf" in answers["shown"][-1]


def test_batch_for_the_workshop_and_the_programme(qtbot, screen, answers, tmp_path):
    answers["folder"] = tmp_path / "batch"
    qtbot.mouseClick(screen.printing.print_workshop_button, Qt.LeftButton)
    assert sorted(os.listdir(tmp_path / "batch")) == ["Learning log - Ann Trewin.pdf",
                                                       "Learning log - Zoë Harding.pdf"]
    assert "2 learning logs were written" in answers["shown"][-1]
    answers["folder"] = tmp_path / "programme"
    qtbot.mouseClick(screen.printing.print_programme_button, Qt.LeftButton)
    assert len(os.listdir(tmp_path / "programme")) == 2  # Cat attended nothing
    answers["folder"] = None
    qtbot.mouseClick(screen.printing.print_workshop_button, Qt.LeftButton)  # chooser cancelled
    assert len(answers["shown"]) == 2


def test_batch_can_be_cancelled(qtbot, screen, answers, tmp_path, monkeypatch):
    class CancelAfterFirst(QProgressDialog):
        def setValue(self, value: int) -> None:
            super().setValue(value)
            if value >= 1:
                self.cancel()

    def progress(parent, label, total):
        dialog = CancelAfterFirst("Printing", "Cancel", 0, total, parent)
        dialog.setMinimumDuration(0)
        return dialog

    monkeypatch.setattr(Dialogs, "progress", staticmethod(progress))
    answers["folder"] = tmp_path / "stopped"
    qtbot.mouseClick(screen.printing.print_workshop_button, Qt.LeftButton)
    assert os.listdir(tmp_path / "stopped") == ["Learning log - Ann Trewin.pdf"]
    assert "Stopped: 1 of 2" in answers["shown"][-1]


def test_the_demo_shows_logs_under_each_workshop(qtbot, start_window, demo_path):
    window = start_window(demo_path)
    ws = window.document.workspace
    session = next(w for w in records.all_workshops(ws) if w.title.startswith("Session 1"))
    exercise = next(e for e in records.exercises(ws, session.id) if e.kind == "learning_log")
    from ui.navigator import NodeKey

    assert window.navigator.select(NodeKey("exercise", exercise.id))
    screen = window.current_screen()
    assert isinstance(screen, LearningLogScreen)
    assert screen.attendees_model.rowCount() == len(records.attendees(ws, session.id))
    assert screen.presenter_view() is None  # the projector shows instructions, never a log
    assert "learning-log" in window.new_exercise_actions
    assert ws.rows(TABLE)


def test_ctrl_z_in_a_field_undoes_the_document_step(qtbot, start_window, demo_path):
    from ui.navigator import NodeKey

    window = start_window(demo_path)
    ws = window.document.workspace
    session = next(w for w in records.all_workshops(ws) if w.title.startswith("Session 1"))
    exercise = next(e for e in records.exercises(ws, session.id) if e.kind == "learning_log")
    window.navigator.select(NodeKey("exercise", exercise.id))
    screen = window.current_screen()
    screen.attendees.setCurrentIndex(screen.attendees_model.index(1))
    person = screen.editor.participant_id
    notes = screen.editor.fields["notes"]
    notes.setFocus()
    qtbot.keyClicks(notes, "hello")
    assert log_for(ws, person, session.id).notes == "hello"
    qtbot.keyClick(notes, Qt.Key_Z, Qt.ControlModifier)
    found = log_for(ws, person, session.id)
    assert (found is None or found.notes == "") and notes.toPlainText() == ""
    qtbot.keyClick(notes, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert log_for(ws, person, session.id).notes == "hello"


def test_private_undo_never_reaches_the_previous_writer(qtbot, screen, document, setup, answers):
    ws = document.workspace
    writing = screen.start_private_entry().content
    _click_row(qtbot, writing.names, "Ann")
    qtbot.mouseClick(writing.start_button, Qt.LeftButton)
    qtbot.keyClicks(writing.editor.fields["plan"], "Ann's plan")
    qtbot.mouseClick(writing.next_button, Qt.LeftButton)
    _click_row(qtbot, writing.names, "Zoë")
    qtbot.mouseClick(writing.start_button, Qt.LeftButton)
    plan = writing.editor.fields["plan"]
    qtbot.keyClick(plan, Qt.Key_Z, Qt.ControlModifier)  # nothing of Zoë's to undo yet
    assert log_for(ws, setup["ann"], setup["workshop"]).plan == "Ann's plan"
    qtbot.keyClicks(plan, "Zoe's")  # QTest.keyClicks aborts on non-ASCII text with this Qt
    qtbot.keyClick(plan, Qt.Key_Z, Qt.ControlModifier)
    assert log_for(ws, setup["zoe"], setup["workshop"]) is None
    qtbot.keyClick(plan, Qt.Key_Z, Qt.ControlModifier)
    assert log_for(ws, setup["ann"], setup["workshop"]).plan == "Ann's plan"
    assert plan.toPlainText() == ""


def test_a_closed_screen_no_longer_listens(qtbot, start_window, demo_path):
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.exercises.learning_log.commands import EditLearningLogCommand
    from ui.navigator import NodeKey

    window = start_window(demo_path)
    ws = window.document.workspace
    session = next(w for w in records.all_workshops(ws) if w.title.startswith("Session 2"))
    exercise = next(e for e in records.exercises(ws, session.id) if e.kind == "learning_log")
    window.navigator.select(NodeKey("exercise", exercise.id))
    person = records.attendees(ws, session.id)[0]
    window.navigator.select(NodeKey("workshop", session.id))  # the logs screen goes
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    command = EditLearningLogCommand(window.document, person.id, session.id, "notes", "later", "Notes")
    assert window.document.push(command)
    window.document.undo_stack.undo()
    window.document.undo_stack.redo()
    assert log_for(ws, person.id, session.id).notes == "later"


def test_attendees_model_passes_the_model_tester(qtmodeltester, screen, document, setup):
    qtmodeltester.check(screen.attendees_model)
    _save(document, setup["zoe"], setup["workshop"], notes="x")
    assert _text_of(screen.attendees, "Zoë").endswith("✓")
    screen.attendees_model.reload()
    qtmodeltester.check(screen.attendees_model)
    assert _text_of(screen.attendees, "Zoë").endswith("✓")


def _open_logs(window, session_prefix: str = "Session 1"):
    from ui.navigator import NodeKey

    ws = window.document.workspace
    session = next(w for w in records.all_workshops(ws) if w.title.startswith(session_prefix))
    exercise = next(e for e in records.exercises(ws, session.id) if e.kind == "learning_log")
    assert window.navigator.select(NodeKey("exercise", exercise.id))
    return window.current_screen(), session


def _cursor_shown(edit: QPlainTextEdit, container: QWidget) -> bool:
    from PySide6.QtCore import QRect

    cursor = edit.cursorRect()
    return container.rect().contains(QRect(edit.viewport().mapTo(container, cursor.topLeft()), cursor.size()))


def _changes_so_far(ws) -> int:
    return ws.db.execute("SELECT total_changes()").fetchone()[0]


def test_opening_the_screen_writes_nothing(qtbot, document, setup):
    ws = document.workspace
    _save(document, setup["ann"], setup["workshop"], plan="Act")
    tables = [r[0] for r in ws.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    counts = {t: ws.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
    before = _changes_so_far(ws)
    widget = create_screen(document, setup["exercise"])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.select_participant(setup["ann"])  # showing a log writes nothing either
    widget.select_participant(setup["zoe"])
    assert _changes_so_far(ws) == before
    assert {t: ws.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables} == counts
    assert document.undo_stack.count() == 0


def test_a_log_is_written_only_for_an_attended_workshop(qtbot, screen, document, setup):
    """The screen writes through the operation: if Ann's attendance has gone, her words are refused."""
    ws = document.workspace
    _click_row(qtbot, screen.attendees, "Ann")
    ws.delete("attendance", records.attendance_id(ws, setup["workshop"], setup["ann"]))  # elsewhere
    experience = screen.editor.fields["experience"]
    with qtbot.waitSignal(document.error_occurred) as refused:
        qtbot.keyClicks(experience, "x")
    assert "only for a workshop the participant attended" in refused.args[0].user_message
    assert log_for(ws, setup["ann"], setup["workshop"]) is None
    assert document.undo_stack.count() == 0 and experience.toPlainText() == ""


def test_each_field_edit_is_named_on_the_edit_menu(qtbot, screen, document, setup):
    _click_row(qtbot, screen.attendees, "Zoë")
    qtbot.keyClicks(screen.editor.fields["conclude"], "Listen")
    qtbot.keyClicks(screen.editor.fields["notes"], "Mobius")
    stack = document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Edit learning log: Conclude", "Edit learning log: Notes"]


def test_the_ticks_follow_each_log_without_rereading_the_workshop(qtbot, screen, document, setup, monkeypatch):
    import ui.exercises.learning_log.models as models

    def whole_workshop(*_args):
        raise AssertionError("the workshop's logs were read again")

    monkeypatch.setattr(models, "logs_of_workshop", whole_workshop)
    _click_row(qtbot, screen.attendees, "Ann")
    qtbot.keyClicks(screen.editor.fields["plan"], "Go")
    assert _text_of(screen.attendees, "Ann").endswith("✓")
    assert not _text_of(screen.attendees, "Zoë").endswith("✓")
    document.undo_stack.undo()  # the step that made the log: it goes, and so does the tick
    assert not _text_of(screen.attendees, "Ann").endswith("✓")
    document.undo_stack.redo()
    assert _text_of(screen.attendees, "Ann").endswith("✓")
    qtbot.keyClick(screen.editor.fields["plan"], Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(screen.editor.fields["plan"], Qt.Key_Backspace)  # an empty log has no tick
    assert log_for(document.workspace, setup["ann"], setup["workshop"]).plan == ""
    assert not _text_of(screen.attendees, "Ann").endswith("✓")


@pytest.mark.parametrize("size", [(1200, 760), (1366, 768)])
def test_private_entry_keeps_leave_in_the_window(qtbot, start_window, demo_path, answers, size):
    window = start_window(demo_path)
    window.resize(*size)
    screen, _session = _open_logs(window)
    qtbot.mouseClick(screen.private_button, Qt.LeftButton)
    entry = screen.private_entry
    qtbot.waitExposed(entry)
    assert entry.geometry() == window.geometry()
    assert entry.leave_button.isVisible() and inside(entry.leave_button, entry)
    writing = entry.content
    answers["me"] = True  # the demo's first attendee may have written already
    writing.names.setCurrentIndex(writing.names.model().index(0, 0))
    qtbot.mouseClick(writing.start_button, Qt.LeftButton)
    assert writing.writing
    assert entry.leave_button.isVisible() and inside(entry.leave_button, entry)
    # At a laptop's size the whole log and "next person" fit without scrolling.
    qtbot.waitUntil(lambda: inside(writing.next_button, entry.scroll.viewport()))
    assert not entry.scroll.verticalScrollBar().isVisible()
    answers["leave"] = "LEAVE"
    with qtbot.waitSignal(entry.finished):
        qtbot.mouseClick(entry.leave_button, Qt.LeftButton)


@pytest.mark.parametrize("size", [(1366, 700, True), (1200, 760, False)], ids=["runner", "default"])
def test_a_chosen_log_fits_the_laptop_and_tab_reaches_every_box(qtbot, start_window, demo_path, size):
    from tests.ui.conftest import activate, press, type_text

    window = laptop_window(start_window, demo_path, size)
    screen, session = _open_logs(window)
    screen.attendees.setCurrentIndex(screen.attendees.model().index(1, 0))  # as a click would
    QApplication.processEvents()
    # The window never scrolls the screen; the printing controls stay in it; the log scrolls.
    assert not window.editor_area.verticalScrollBar().isVisible()
    assert not window.editor_area.horizontalScrollBar().isVisible()
    for button in (screen.printing.print_button, screen.printing.print_programme_button, screen.printing.paper):
        assert inside(button, window), button.objectName()
    activate(qtbot, window)
    first = screen.editor.fields["experience"]
    first.setFocus()
    notes = screen.editor.fields["notes"]
    while not notes.hasFocus():
        press(window, Qt.Key_Tab)
    qtbot.waitUntil(lambda: _cursor_shown(notes, screen.log_area.viewport()))  # where the typing goes
    type_text(window, "Tab got here")
    person = screen.selected_participant()
    assert log_for(window.document.workspace, person, session.id).notes.endswith("Tab got here")
