"""Keeping work safe in the app: opening with care (in use, damaged), automatic backups, restore dialog."""

from __future__ import annotations

import logging
from pathlib import Path

# The dialogs' classes are looked up when a dialog is first shown (`QtWidgets.QtWidgets.QMessageBox`, the
# restore dialog's module): PySide6 makes a class and its enums on first use, and the first
# window shows none of them.
from PySide6 import QtWidgets
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from partnerdesk.backups import (
    BackupInfo,
    BackupKeeper,
    backups_of_file,
    latest_backup,
    restore_backup,
    restored_name,
)
from partnerdesk.errors import (
    CorruptWorkspace,
    ForeignWal,
    NotAWorkspace,
    StorageError,
    WorkspaceInUse,
    WriteFailed,
)
from partnerdesk.paths import backups_dir
from partnerdesk.store import WORKSPACE_SUFFIX, Workspace, copy_without_wal
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.startup import after_first_paint

log = logging.getLogger(__name__)

#: How often the open workspace is looked at for an hourly backup, and its lock refreshed.
CHECK_INTERVAL_MS = 5 * 60 * 1000
#: How often the file under the open workspace is watched: kept edits written when it is free,
#: a -wal removed by another program noticed (`Workspace.watch`).
WATCH_INTERVAL_MS = 250
#: After the file has been busy this long, *Save a copy as* is offered with everything typed.
OFFER_COPY_AFTER_S = 60.0


class ReliabilityDialogs:
    """The questions this module asks, replaceable in tests (like `ui.dialogs.Dialogs`)."""

    @staticmethod
    def offer_read_only(parent: QWidget | None, title: str, message: str) -> bool:
        message_box = QtWidgets.QMessageBox  # looked up when asked: see the imports
        box = message_box(message_box.Question, title, message, message_box.Cancel, parent)
        read_only = box.addButton("Open read-only", message_box.AcceptRole)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only

    @staticmethod
    def offer_backup(parent: QWidget | None, title: str, message: str) -> bool:
        message_box = QtWidgets.QMessageBox  # looked up when asked: see the imports
        box = message_box(message_box.Warning, title, message, message_box.Cancel, parent)
        restore = box.addButton("Open latest backup", message_box.AcceptRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    @staticmethod
    def offer_without_wal(parent: QWidget | None, title: str, message: str) -> str:
        """A -wal of unknown origin: "without" (the file without it, as a copy), "backup", or ""."""
        message_box = QtWidgets.QMessageBox  # looked up when asked: see the imports
        box = message_box(message_box.Warning, title, message, message_box.Cancel, parent)
        without = box.addButton("Open without the log", message_box.AcceptRole)
        backup = box.addButton("Open latest backup", message_box.AcceptRole)
        box.setDefaultButton(without)
        box.exec()
        clicked = box.clickedButton()
        return "without" if clicked is without else "backup" if clicked is backup else ""

    @staticmethod
    def offer_copy_while_busy(parent: QWidget | None, message: str) -> bool:
        message_box = QtWidgets.QMessageBox  # looked up when asked: see the imports
        box = message_box(message_box.Warning, "Workspace busy", message, message_box.Cancel, parent)
        save = box.addButton("Save a copy as…", message_box.AcceptRole)
        box.setDefaultButton(save)
        box.exec()
        return box.clickedButton() is save

    @staticmethod
    def choose_backup(parent: QWidget | None, backups: list[BackupInfo], folder: Path) -> BackupInfo | None:
        from ui.restore_backup import RestoreBackupDialog

        dialog = RestoreBackupDialog(backups, folder, parent)
        return dialog.chosen() if dialog.exec() == QtWidgets.QDialog.Accepted else None


# -- opening with care ---------------------------------------------------------------------------


def open_document(parent: QWidget | None, path: Path, create: bool = False, note: str = "",
                  report: bool = True, defer_check: bool = False) -> WorkspaceDocument | None:
    """Open a workspace for the window, asking the user what to do when it cannot be written.

    In use elsewhere or unwritable: offer read-only. Damaged: offer the latest backup, restored
    into a new file. Anything else: say why (unless `report` is False: then only logged), with
    `note` added. `defer_check`: see `Workspace.open` (the window's `WorkSafety` runs the check).
    """
    try:
        return WorkspaceDocument(Workspace.open(path, create=create, defer_check=defer_check))
    except (WorkspaceInUse, WriteFailed) as exc:
        if path.exists():
            if ReliabilityDialogs.offer_read_only(parent, exc.title, exc.user_message):
                return _open_read_only(parent, path)
            return None
        error: StorageError = exc
    except ForeignWal as exc:
        backup = latest_backup(path)
        message = exc.user_message
        if backup is not None:
            message += f"\n\nThe latest backup was taken {backup.label}."
        choice = ReliabilityDialogs.offer_without_wal(parent, exc.title, message)
        if choice == "without":
            return open_without_wal(parent, path)
        if choice == "backup":
            if backup is None:
                Dialogs.error(parent, "No backup", "There is no backup of this workspace yet.")
                return None
            return open_latest_backup(parent, path, backup)
        return None
    except (CorruptWorkspace, NotAWorkspace) as exc:
        backup = latest_backup(path) if path.exists() else None
        if backup is None:
            error = exc
        else:
            message = (f"{exc.user_message}\n\nThe latest backup of this workspace was taken "
                       f"{backup.label}. PartnerDesk can restore it into a new file beside this one "
                       "and open that.")
            if ReliabilityDialogs.offer_backup(parent, exc.title, message):
                return open_latest_backup(parent, path, backup)
            return None
    except StorageError as exc:
        error = exc
    log.warning("could not open %s: %s", path, error)
    if report:
            Dialogs.error(parent, error.title, error.user_message + (f"\n\n{note}" if note else ""))
    return None


def _open_read_only(parent: QWidget | None, path: Path) -> WorkspaceDocument | None:
    try:
        return WorkspaceDocument(Workspace.open(path, create=False, read_only=True))
    except StorageError as exc:
        Dialogs.error(parent, exc.title, exc.user_message)
        return None


def open_without_wal(parent: QWidget | None, path: Path) -> WorkspaceDocument | None:
    """Copy the workspace without the -wal beside it into a new file and open that; the file,
    its -wal and its -shm stay as they are."""
    target = path.with_name(f"{path.stem} (without the unsaved log){WORKSPACE_SUFFIX}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.stem} (without the unsaved log, {n}){WORKSPACE_SUFFIX}")
        n += 1
    try:
        copy_without_wal(path, target)
        document = WorkspaceDocument(Workspace.open(target, create=False))
    except StorageError as exc:
        Dialogs.error(parent, exc.title, exc.user_message)
        return None
    Dialogs.information(parent, "Opened without the log",
                        f"The workspace without the log beside it is now open as {target}.\n\n"
                        f"{path} and the files beside it have not been changed.")
    return document


def open_latest_backup(parent: QWidget | None, damaged: Path, backup: BackupInfo) -> WorkspaceDocument | None:
    """Restore `backup` into a new file beside the damaged one (never over it) and open that."""
    target = restored_name(damaged, backup)
    try:
        restore_backup(backup.path, target)
        document = WorkspaceDocument(Workspace.open(target, create=False))
    except StorageError as exc:
        Dialogs.error(parent, exc.title, exc.user_message)
        return None
    Dialogs.information(parent, "Backup restored",
                        f"The backup taken {backup.label} is now open as {target}.\n\n"
                        f"The damaged file {damaged} has not been changed.")
    return document


# -- the running window --------------------------------------------------------------------------


class WorkSafety(QObject):
    """Installed on the main window: backups of the open workspace, its lock kept fresh, read-only
    shown in the status bar, and File ▸ Restore from backup.

    The integrity check an opening deferred, then the backup on opening, run just after the window
    is first painted (`ui.startup`): before any edit is handled, but not in the way of the window
    showing. A workspace found damaged then is reported through `damaged_on_open`.
    """

    #: The document whose deferred integrity check failed (CorruptWorkspace as the second value).
    damaged_on_open = Signal(object, object)

    def __init__(self, window: QMainWindow, clock=None):
        super().__init__(window)
        self.setObjectName("work_safety")
        self.window = window
        self.clock = clock
        self.keeper: BackupKeeper | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        self.read_only_label = QLabel("Read-only: changes cannot be made here")
        self.read_only_label.setObjectName("read_only_label")
        self.read_only_label.setStyleSheet("QLabel { color: #8a1c1c; font-weight: bold; }")
        window.statusBar().addPermanentWidget(self.read_only_label)
        #: Shown while edits wait because another program holds the file.
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busy_label")
        self.busy_label.setWordWrap(True)
        self.busy_label.setStyleSheet("QLabel { color: #8a4b00; font-weight: bold; }")
        self.busy_label.hide()
        window.statusBar().addPermanentWidget(self.busy_label)
        self._offered_copy = False
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_INTERVAL_MS)
        self.watch_timer.timeout.connect(self._on_watch_timer_timeout)
        self.watch_timer.start()
        self.restore_action = QAction("Restore from &backup…", window)
        self.restore_action.setObjectName("restore_backup_action")
        self.restore_action.triggered.connect(lambda _=False: self.restore_from_backup())
        menu = window.file_menu
        actions = menu.actions()
        after_copy = actions.index(window.save_copy_action) + 1
        menu.insertAction(actions[after_copy] if after_copy < len(actions) else None, self.restore_action)
        window.document_replaced.connect(self.attach)
        window.document_closing.connect(self._on_window_document_closing)
        if window.document is not None:
            self.attach(window.document)

    def attach(self, document: WorkspaceDocument) -> None:
        self.read_only_label.setVisible(document.read_only)
        reason = getattr(document.workspace, "read_only_reason", "")
        self.read_only_label.setText(
            "Read-only: this location cannot be written (use Save a copy as…)" if reason
            else "Read-only: changes cannot be made here")
        self.read_only_label.setToolTip(reason)
        self._offered_copy = False
        self.watch()
        kwargs = {"clock": self.clock} if self.clock is not None else {}
        self.keeper = BackupKeeper(document.workspace, **kwargs)
        document.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        keeper = self.keeper
        after_first_paint(self.window, lambda: self._settle_opened(document, keeper))

    def _settle_opened(self, document: WorkspaceDocument, keeper: BackupKeeper) -> None:
        """The check the data needs before it is edited, then the backup on opening, then the
        store's sqlite-utils `Database` (its import waits for the first paint, not for the
        facilitator's first edit)."""
        if self.keeper is not keeper or self.window.document is not document:
            return  # replaced or closed before the window was painted
        try:
            document.workspace.ensure_checked()
        except CorruptWorkspace as exc:
            log.warning("damaged workspace found after opening: %s", exc)
            self.keeper = None
            self.damaged_on_open.emit(document, exc)
            return
        self._report(keeper.on_open(), "Backup taken on opening")
        if not document.read_only:
            document.workspace.db  # noqa: B018 - made now, so the first edit does not wait

    def maybe_backup(self) -> BackupInfo | None:
        if self.keeper is None:
            return None
        info = self.keeper.maybe_backup()
        self._report(info, "Hourly backup taken")
        return info

    def restore_from_backup(self) -> None:
        document = self.window.document
        backups = self.keeper.backups() if self.keeper is not None else []
        backups = backups or backups_of_file(document.path)
        folder = self.keeper.folder if self.keeper is not None else backups_dir()
        if not backups:
            Dialogs.information(self.window, "No backups yet",
                                f"There are no backups of this workspace yet. They are kept in {folder}.")
            return
        chosen = ReliabilityDialogs.choose_backup(self.window, backups, folder)
        if chosen is None:
            return
        target = Dialogs.save_path(self.window, "Restore the backup into a new file",
                                   str(restored_name(document.path, chosen)))
        if target is None:
            return
        try:
            restore_backup(chosen.path, target, open_paths=(document.path,))
        except StorageError as exc:
            Dialogs.error(self.window, exc.title, exc.user_message)
            return
        if self.window.open_workspace(target):
            self.window.statusBar().showMessage(
                f"Restored the backup taken {chosen.label} into {target}.", 10000)

    def _report(self, info: BackupInfo | None, text: str) -> None:
        if info is not None:
            local = info.taken.astimezone().strftime("%H:%M")
            self.window.statusBar().showMessage(f"{text} at {local}.", 5000)
        elif self.keeper is not None and self.keeper.last_error is not None:
            self.window.statusBar().showMessage(
                f"Automatic backup failed: {self.keeper.last_error}", 10000)

    def watch(self) -> None:
        """Write the edits kept while the file was busy, notice a file changed under the store,
        and say so: a banner while busy, a message once for anything recovered."""
        document = self.window.document
        if document is None:
            self.busy_label.hide()
            return
        workspace = document.workspace
        try:
            workspace.watch()
        except StorageError as exc:
            log.warning("watching %s: %s", workspace.path, exc)
        for notice in workspace.take_notices():
            Dialogs.information(self.window, "Workspace file", notice)
        if not workspace.busy:
            if self.busy_label.isVisible():
                self.window.statusBar().showMessage("The workspace is free again: every change is saved.",
                                                    8000)
            self.busy_label.hide()
            self._offered_copy = False
            return
        count = workspace.pending_count
        self.busy_label.setText(
            "Waiting to save: another program (a sync or backup tool, a database browser) is "
            f"holding the workspace file. {count} change{'s' if count != 1 else ''} kept here and "
            "saved as soon as it lets go; keep working.")
        self.busy_label.show()
        if not self._offered_copy and workspace.busy_for() >= OFFER_COPY_AFTER_S:
            self._offered_copy = True
            message = ("The workspace file has been held by another program for over a minute, so "
                       f"{count} change{'s' if count != 1 else ''} could not be saved into it yet. "
                       "They are kept and will be saved when it is free. To be safe, save a copy "
                       "with everything typed now.")
            if ReliabilityDialogs.offer_copy_while_busy(self.window, message):
                self.window.save_copy_dialog()

    def _on_watch_timer_timeout(self) -> None:
        self.watch()

    def _on_timer_timeout(self) -> None:
        self.maybe_backup()
        document = self.window.document
        lock = document.workspace.lock if document is not None else None
        if lock is not None:
            lock.refresh()

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self.maybe_backup()

    def _on_window_document_closing(self, document: WorkspaceDocument) -> None:
        if self.keeper is not None and self.keeper.workspace is document.workspace:
            self._report(self.keeper.on_close(), "Backup taken on closing")
            self.keeper = None
