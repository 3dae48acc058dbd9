"""The main window: navigator on the left, the selected item's editor on the right."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QWidget,
)

from partnerdesk import records
from partnerdesk.errors import StorageError
from partnerdesk.exercises import add_exercise, menu_sections
from partnerdesk.paths import default_workspace, settings_file
from partnerdesk.resources import template_problems, templates
from partnerdesk.store import WORKSPACE_SUFFIX
from ui.commands import AddRecordsCommand, DeleteRecordsCommand, OperationCommand
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.navigator import Navigator, NodeKey
from ui.reliability import WorkSafety, open_document
from ui.report_export import report_target, save_report
from ui.startup import after_first_paint

if TYPE_CHECKING:
    from ui.exercises import ExerciseScreen  # imported when an exercise is first shown

log = logging.getLogger(__name__)

FILE_FILTER = f"PartnerDesk workspaces (*{WORKSPACE_SUFFIX});;All files (*)"
MAX_RECENT = 8


def commit_open_editors(screen: QWidget) -> None:
    """Save what a table's open cell editor holds: moving the current index commits it, as
    clicking elsewhere would."""
    for view in screen.findChildren(QAbstractItemView):
        if view.state() == QAbstractItemView.EditingState:
            view.setCurrentIndex(QModelIndex())


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z and the platform's redo keys, each once: one action given the same key
    twice is an "Ambiguous shortcut overload" to Qt, which then runs neither."""
    keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.Redo)]
    unique: list[QKeySequence] = []
    for key in keys:
        if key not in unique:
            unique.append(key)
    return unique


def _screen_key(screen: QScreen | None) -> str:
    if screen is None:
        return "default"
    size = screen.size()
    return f"{screen.name() or 'screen'}-{size.width()}x{size.height()}".replace("/", "-")


def settings() -> QSettings:
    return QSettings(str(settings_file()), QSettings.IniFormat)


class MainWindow(QMainWindow):
    #: The workspace document was replaced (New / Open); screens bound to the old one go.
    document_replaced = Signal(object)
    #: The editor or exercise screen on the right changed.
    current_screen_changed = Signal(object)
    #: The document is about to close (replaced, or the window closes): last chance to use it.
    document_closing = Signal(object)

    def __init__(self, document: WorkspaceDocument):
        super().__init__()
        self.setObjectName("main_window")
        self.document: WorkspaceDocument | None = None
        self.navigator: Navigator | None = None
        self._welcome_forced = False
        self._fitted_once = False
        #: Workspaces whose welcome page was answered "start empty" this session.
        self._empty_start_chosen: set[Path] = set()
        self.editor_area = QScrollArea()
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setObjectName("editor_area")
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self.statusBar()
        self.set_document(document)
        self._restore_layout()
        self.work_safety = WorkSafety(self)
        after_first_paint(self, self._report_template_problems)

    # -- document ------------------------------------------------------------------------------

    def _report_template_problems(self) -> None:
        """A template file that is not valid is named and skipped; the rest of the app works."""
        problems = template_problems()
        if problems:
            listed = "\n".join(f"• {problem}" for problem in problems)
            Dialogs.error(self, "Exercise templates skipped",
                          "These exercise templates could not be read, so their exercises are "
                          f"not offered:\n\n{listed}\n\nEverything else works as usual.")

    def set_document(self, document: WorkspaceDocument) -> None:
        old = self.document
        self.document = document
        document.setParent(self)
        document.error_occurred.connect(self._on_document_error_occurred)
        document.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        navigator = Navigator(document)
        navigator.node_selected.connect(self._on_navigator_node_selected)
        if self.navigator is not None:
            # Swap the navigator in place, keeping the facilitator's splitter layout.
            sizes = self.splitter.sizes()
            self.splitter.replaceWidget(0, navigator)
            self.navigator.deleteLater()
            self.splitter.setSizes(sizes)
        else:
            self.splitter.addWidget(navigator)
            self.splitter.addWidget(self.editor_area)
            self.splitter.setStretchFactor(1, 1)
            self.splitter.setSizes([300, 900])
        self.navigator = navigator
        navigator.setVisible(self.navigator_action.isChecked())
        self._rebind_undo_actions()
        if old is not None:  # its screen goes before it closes (the new page follows below)
            self.show_node(None)
            self.document_closing.emit(old)
            old.close()
            old.deleteLater()
        # Written to the settings file once the window is painted: writing it is a file save.
        after_first_paint(self, lambda: self._remember_recent(document.path))
        self._update_title()
        self.document_replaced.emit(document)
        # Its first node (always one: "Standalone workshops") shows the only page built at start.
        navigator.setCurrentIndex(navigator.tree_model.index(0, 0))

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        if self.document is None:
            return
        suffix = " (read-only)" if self.document.read_only else ""
        self.setWindowTitle(f"{self.document.path.name}{suffix} — PartnerDesk")

    # -- the right-hand side -------------------------------------------------------------------

    def current_key(self) -> NodeKey | None:
        return self.navigator.current_key() if self.navigator else None

    def current_screen(self) -> QWidget | None:
        return self.editor_area.widget()

    def current_exercise_screen(self) -> ExerciseScreen | None:
        from ui.exercises import ExerciseScreen  # imported with the first exercise shown
        widget = self.current_screen()
        return widget if isinstance(widget, ExerciseScreen) else None

    def show_node(self, key: NodeKey | None) -> None:
        document = self.document
        ws = document.workspace
        widget: QWidget
        # Each page's module is imported when first shown: the first paint needs one of them.
        if (key is None or key.kind == "standalone") and self._welcome_wanted():
            from ui.welcome import WelcomePage

            widget = WelcomePage()
            widget.start_chosen.connect(self._on_welcome_start_chosen)
        elif key is None:
            widget = self._placeholder("Choose a programme, workshop or exercise on the left, "
                                       "or add one from the Insert menu.")
        elif key.kind == "programme" and records.programme(ws, key.id):
            from ui.editors.programme_editor import ProgrammeEditor

            widget = ProgrammeEditor(document, key.id)
        elif key.kind == "workshop" and records.workshop(ws, key.id):
            from ui.editors.workshop_editor import WorkshopEditor

            widget = WorkshopEditor(document, key.id)
        elif key.kind == "exercise" and records.exercise(ws, key.id):
            from ui.exercises import create_screen

            widget = create_screen(document, key.id)
        else:
            widget = self._placeholder("Standalone workshops belong to no programme. "
                                       "Add one with Insert ▸ New workshop.")
        previous = self.editor_area.widget()
        if previous is not None:
            commit_open_editors(previous)
            focused = QApplication.focusWidget()
            if focused is not None and previous.isAncestorOf(focused):
                # Otherwise taking the page away hands the focus to the navigator, which picks
                # its first node when it has none and shows that page in the middle of this one.
                self.editor_area.setFocus()
        old = self.editor_area.takeWidget()
        self.editor_area.setWidget(widget)
        if old is not None:
            old.deleteLater()
        self._update_actions()
        self.current_screen_changed.emit(widget)

    def _welcome_wanted(self) -> bool:
        """The welcome page shows while the workspace is empty, unless asked for an empty start."""
        if self._welcome_forced:
            return True
        found = self.document.workspace.query(
            "SELECT EXISTS (SELECT 1 FROM programmes) OR EXISTS (SELECT 1 FROM workshops) AS found")
        return not found[0]["found"] and self.document.path not in self._empty_start_chosen

    def show_welcome(self) -> None:
        self._welcome_forced = True
        try:
            if self.navigator is not None:
                self.navigator.clearSelection()
            self.show_node(None)
        finally:
            self._welcome_forced = False

    def _on_welcome_start_chosen(self, start: str) -> None:
        if start == "demo":
            self.open_demo_workspace()
        elif start == "sample":
            self.add_sample_programme()
        else:
            self._empty_start_chosen.add(self.document.path)
            self.show_node(None)
            self.statusBar().showMessage("Add a programme (Ctrl+Shift+P) or a workshop (Ctrl+Shift+W) "
                                         "from the Insert menu.", 10000)

    def open_demo_workspace(self) -> bool:
        """Open the demo workspace in the user data folder, writing it first if needed."""
        from partnerdesk.demo import build_demo

        path = default_workspace().with_name("Demo workspace.partnerdesk")
        if not path.exists():
            try:
                build_demo(path)
            except StorageError as exc:
                Dialogs.error(self, exc.title, exc.user_message)
                return False
        return self.open_workspace(path)

    def add_sample_programme(self) -> str | None:
        """The workbook's one-day sample programme, ready to run, as one undo step."""
        from partnerdesk.starter import add_sample_programme

        command = OperationCommand(self.document, "New sample programme", add_sample_programme)
        if not self.document.push(command) or not command.value:
            return None
        self.navigator.select(NodeKey("workshop", command.value))
        return command.value

    @staticmethod
    def _placeholder(text: str) -> QWidget:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignCenter)
        label.setObjectName("placeholder")
        return label

    def _on_navigator_node_selected(self, key: NodeKey | None) -> None:
        self.show_node(key)

    def _on_navigator_action_toggled(self, shown: bool) -> None:
        """View ▸ Show the navigator (F9): hidden, its width goes to the screen on the right."""
        if self.navigator is None:
            return
        focused = QApplication.focusWidget()
        had_focus = focused is not None and (focused is self.navigator or self.navigator.isAncestorOf(focused))
        self.navigator.setVisible(shown)
        if shown:
            self.navigator.setFocus()
        elif had_focus:  # the keyboard goes on to the screen rather than nowhere
            self.editor_area.setFocus()
        settings().setValue("window/navigator", shown)

    # -- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_workspace_action = self._action(file_menu, "&New workspace…", self.new_workspace,
                                                 QKeySequence.New)
        self.open_action = self._action(file_menu, "&Open workspace…", self.open_workspace_dialog,
                                        QKeySequence.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_copy_action = self._action(file_menu, "Save a &copy as…", self.save_copy_dialog,
                                             QKeySequence("Ctrl+Shift+S"))
        file_menu.addSeparator()
        self.report_action = self._action(file_menu, "&Workshop report…", self.save_report_dialog)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence.Quit)
        self.file_menu = file_menu

        self.edit_menu = bar.addMenu("&Edit")
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None
        self.delete_action = self._action(self.edit_menu, "&Delete selected item",
                                          self.delete_current, QKeySequence("Ctrl+Delete"))

        insert_menu = bar.addMenu("&Insert")
        self.new_programme_action = self._action(insert_menu, "New &programme", self.new_programme,
                                                 QKeySequence("Ctrl+Shift+P"))
        self.new_workshop_action = self._action(insert_menu, "New &workshop", self.new_workshop,
                                                QKeySequence("Ctrl+Shift+W"))
        self.exercise_menu = insert_menu.addMenu("New &exercise")
        self.new_exercise_actions: dict[str, QAction] = {}
        # Grouped as the workbook runs them (resources/exercise_menu.json).
        for section in menu_sections():
            self.exercise_menu.addSection(section.title)
            for found in section.templates:
                action = self.exercise_menu.addAction(found.title)
                action.setData(found.id)
                action.triggered.connect(lambda _=False, t=found.id: self.new_exercise(t))
                self.new_exercise_actions[found.id] = action
        self.insert_menu = insert_menu
        self.view_menu = bar.addMenu("&View")
        # More room for a board or a wall while the agenda runner is open, on a laptop's screen.
        self.navigator_action = QAction("Show the &navigator", self)
        self.navigator_action.setCheckable(True)
        self.navigator_action.setChecked(settings().value("window/navigator", True, type=bool))
        self.navigator_action.setShortcut(QKeySequence("F9"))
        self.navigator_action.toggled.connect(self._on_navigator_action_toggled)
        self.view_menu.addAction(self.navigator_action)
        self.view_menu.addSeparator()
        self.help_menu = bar.addMenu("&Help")
        self._action(self.help_menu, "&Welcome", self.show_welcome)
        self._action(self.help_menu, "User &guide", self._show_user_guide, QKeySequence.HelpContents)
        self._action(self.help_menu, "&Keyboard shortcuts", self._show_shortcuts)
        self.help_menu.addSeparator()
        self.about_action = self._action(self.help_menu, "&About PartnerDesk", self._show_about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _rebind_undo_actions(self) -> None:
        for action in (self.undo_action, self.redo_action):
            if action is not None:
                self.edit_menu.removeAction(action)
                action.deleteLater()
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(redo_keys())
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertAction(first, self.undo_action)
        self.edit_menu.insertAction(first, self.redo_action)
        # Also on the window itself, so the keys work whatever screen (a board's view, a wall)
        # has the focus, not only while Qt can trace the action through the menu bar.
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.edit_menu.insertSeparator(first)

    def _update_actions(self) -> None:
        key = self.current_key()
        has_workshop = self._selected_workshop_id() is not None
        for action in self.new_exercise_actions.values():
            action.setEnabled(has_workshop)
        self.exercise_menu.setEnabled(has_workshop)
        self.delete_action.setEnabled(key is not None and key.kind != "standalone")
        self.report_action.setEnabled(report_target(self.document.workspace, key) is not None)

    def _selected_workshop_id(self) -> str | None:
        key = self.current_key()
        if key is None:
            return None
        if key.kind == "workshop":
            return key.id
        if key.kind == "exercise":
            found = records.exercise(self.document.workspace, key.id)
            return found.workshop_id if found else None
        return None

    # -- inserting and deleting ----------------------------------------------------------------

    def new_programme(self) -> str:
        command = AddRecordsCommand(self.document, "programmes", [{"title": "New programme"}],
                                    "New programme")
        if self.document.push(command):
            self.navigator.select(NodeKey("programme", command.id))
            self._focus_title()
        return command.id

    def new_workshop(self) -> str:
        key = self.current_key()
        programme_id = None
        ws = self.document.workspace
        if key is not None and key.kind == "programme":
            programme_id = key.id
        elif key is not None and key.kind in ("workshop", "exercise"):
            workshop_id = self._selected_workshop_id()
            found = records.workshop(ws, workshop_id) if workshop_id else None
            programme_id = found.programme_id if found else None
        command = AddRecordsCommand(self.document, "workshops",
                                    [{"programme_id": programme_id, "title": "New workshop"}],
                                    "New workshop")
        if self.document.push(command):
            self.navigator.select(NodeKey("workshop", command.id))
            self._focus_title()
        return command.id

    def new_exercise(self, template_id: str) -> str | None:
        workshop_id = self._selected_workshop_id()
        if workshop_id is None:
            self.statusBar().showMessage("Choose a workshop first, then add the exercise to it.", 5000)
            return None
        found = templates()[template_id]
        command = OperationCommand(self.document, f"New {found.title}",
                                   partial(add_exercise, workshop_id=workshop_id, template_id=template_id))
        if self.document.push(command) and command.value:
            self.navigator.select(NodeKey("exercise", command.value))
        return command.value

    def delete_current(self) -> None:
        key = self.current_key()
        if key is None or key.kind == "standalone":
            return
        table = {"programme": "programmes", "workshop": "workshops", "exercise": "exercises"}[key.kind]
        row = self.document.workspace.get(table, key.id) or {}
        label = row.get("title") or key.kind
        if self.document.push(DeleteRecordsCommand(self.document, table, [key.id], f"Delete {label}")):
            self.statusBar().showMessage(f"Deleted “{label}”. Undo brings it back.", 5000)

    def _focus_title(self) -> None:
        editor = self.current_screen()
        title = getattr(editor, "title_edit", None)
        if title is not None:
            title.setFocus()
            title.selectAll()

    # -- files ---------------------------------------------------------------------------------

    def new_workspace(self) -> None:
        path = Dialogs.save_path(self, "New workspace",
                                 str(default_workspace().parent / "New workspace.partnerdesk"), FILE_FILTER)
        if path is None:
            return
        if path.exists():
            Dialogs.error(self, "File exists",
                          f"{path} already exists. A new workspace is never written over a file; "
                          "choose another name.")
            return
        self.open_workspace(path, create=True)

    def open_workspace_dialog(self) -> None:
        path = Dialogs.open_path(self, "Open workspace", FILE_FILTER)
        if path is not None:
            self.open_workspace(path)

    def open_workspace(self, path: Path, create: bool = False) -> bool:
        document = open_document(self, path, create=create)
        if document is None:
            return False
        self.set_document(document)
        return True

    def save_copy_dialog(self) -> None:
        current = self.document.path
        path = Dialogs.save_path(self, "Save a copy as",
                                 str(current.with_name(f"{current.stem} copy{current.suffix}")), FILE_FILTER)
        if path is None:
            return
        if path.resolve() == current.resolve():
            Dialogs.error(self, "Same file", "Choose a different file for the copy.")
            return
        try:
            self.document.workspace.backup_to(path)
        except StorageError as exc:
            self.show_storage_error(exc)
            return
        self.statusBar().showMessage(f"Copy saved to {path}", 8000)

    def save_report_dialog(self) -> Path | None:
        """File ▸ Workshop report…: the selected workshop's or programme's report as PDF."""
        path = save_report(self, self.document.workspace, self.current_key(), self.document.path.parent)
        if path is not None:
            self.statusBar().showMessage(f"Report saved to {path}", 8000)
        return path

    def show_storage_error(self, exc: StorageError) -> None:
        log.warning("storage error: %s", exc)
        Dialogs.error(self, exc.title, exc.user_message)

    def _on_document_error_occurred(self, exc: StorageError) -> None:
        self.show_storage_error(exc)

    def _remember_recent(self, path: Path) -> None:
        store = settings()
        recent = [p for p in (store.value("recent", []) or []) if p != str(path)]
        if isinstance(recent, str):
            recent = [recent]
        store.setValue("recent", [str(path), *recent][:MAX_RECENT])
        store.setValue("last_workspace", str(path))

    def recent_workspaces(self) -> list[str]:
        value = settings().value("recent", []) or []
        return [value] if isinstance(value, str) else list(value)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_workspaces():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, p=name: self.open_workspace(Path(p)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)

    # -- layout --------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        """The size and place last used on this screen (a laptop alone, or with a projector
        plugged in), always inside the screen the window starts on."""
        store = settings()
        screen = self._start_screen()
        geometry = store.value(f"window/geometry/{_screen_key(screen)}") or store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self._fit_inside(screen)  # again once shown, when the window frame is known
        state = store.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = store.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _start_screen(self) -> QScreen:
        return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()

    def _fit_inside(self, screen: QScreen) -> None:
        if self.isMaximized() or self.isFullScreen():
            return
        available = screen.availableGeometry()
        # Room for the window frame and title bar, which the window manager adds.
        width = min(self.width(), available.width() - 16)
        height = min(self.height(), available.height() - 48)
        self.resize(max(width, 400), max(height, 300))
        frame = self.frameGeometry()
        if not available.contains(frame):
            x = min(max(frame.x(), available.x()), available.right() - frame.width() + 1)
            y = min(max(frame.y(), available.y()), available.bottom() - frame.height() + 1)
            self.move(max(x, available.x()), max(y, available.y()))

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        if not self._fitted_once:
            self._fitted_once = True
            self._fit_inside(self.screen())

    def closeEvent(self, event) -> None:  # Qt override
        store = settings()
        store.setValue(f"window/geometry/{_screen_key(self.screen())}", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.setValue("window/splitter", self.splitter.saveState())
        store.sync()
        if self.document is not None:
            # Take the screen down first, so an open cell or post-it editor saves what is typed
            # while the workspace is still open.
            self.show_node(None)
            self.document_closing.emit(self.document)
            self.document.close()
            self.document = None
        super().closeEvent(event)

    def _show_user_guide(self) -> None:
        from ui.help import UserGuideDialog

        UserGuideDialog(self).exec()

    def _show_shortcuts(self) -> None:
        from ui.help import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def _show_about(self) -> None:
        from ui.about import show_about  # imported when asked for: not needed to start

        show_about(self, str(self.document.path) if self.document is not None else "")
