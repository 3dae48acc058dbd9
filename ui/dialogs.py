"""Every modal question the app asks, in one class that tests replace (`Dialogs.ask_*`).

One rule for file names (the chosen filter's suffix is added when the name lacks it), one way
to show a message (plain text, never markup), one way to report an export that failed.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# The dialog classes are looked up when a dialog is first shown: PySide6 makes a class (and its
# enums) on first use, and no dialog is needed before the window's first paint.
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QFileInfo, Qt

from partnerdesk.errors import StorageError
from ui.text import show_message

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

_SUFFIXES = re.compile(r"\*(\.[A-Za-z0-9]+)")


def with_suffix(path: Path, file_filter: str) -> Path:
    """`path` with the filter's first suffix added unless it already ends in one of them."""
    suffixes = _SUFFIXES.findall(file_filter)
    if not suffixes or path.suffix.lower() in {s.lower() for s in suffixes}:
        return path
    return path.with_name(path.name + suffixes[0])


# -- file dialogs that never read a file -----------------------------------------------------------


@functools.cache
def _no_sniff_icon_provider() -> QtGui.QAbstractFileIconProvider:
    """An icon provider that names a file's type from its name alone. Qt's default asks the MIME
    database, which opens and reads any file whose extension it does not know (a .partnerdesk
    workspace): closing that descriptor drops every POSIX lock SQLite holds on the open workspace
    (issue 12.1, measured here with strace and a second SQLite program). Made at the first file
    dialog, once."""

    class NoSniffIconProvider(QtGui.QAbstractFileIconProvider):
        def type(self, info: QFileInfo) -> str:
            return "Folder" if info.isDir() else "File"

    return NoSniffIconProvider()


def _dialog(parent, caption: str, directory: str, file_filter: str, mode, accept) -> QFileDialog:
    dialog = QtWidgets.QFileDialog(parent, caption, directory, file_filter)
    dialog.setOption(QtWidgets.QFileDialog.DontUseNativeDialog, True)
    dialog.setIconProvider(_no_sniff_icon_provider())
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    return dialog


def _get_open_file_name(parent=None, caption="", dir="", filter="", selected_filter="", options=None):
    dialog = _dialog(parent, caption, dir, filter, QtWidgets.QFileDialog.ExistingFile, QtWidgets.QFileDialog.AcceptOpen)
    if dialog.exec() != QtWidgets.QDialog.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def _get_save_file_name(parent=None, caption="", dir="", filter="", selected_filter="", options=None):
    dialog = _dialog(parent, caption, dir, filter, QtWidgets.QFileDialog.AnyFile, QtWidgets.QFileDialog.AcceptSave)
    if dir and not Path(dir).is_dir():
        dialog.selectFile(dir)
    if dialog.exec() != QtWidgets.QDialog.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def _get_existing_directory(parent=None, caption="", dir="", options=None):
    dialog = _dialog(parent, caption, dir, "", QtWidgets.QFileDialog.Directory, QtWidgets.QFileDialog.AcceptOpen)
    dialog.setOption(QtWidgets.QFileDialog.ShowDirsOnly, True)
    if dialog.exec() != QtWidgets.QDialog.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


#: On Linux the app shows Qt's own file dialog with an icon provider that never reads a file, so
#: no dialog drops the open workspace's locks. Elsewhere the platform's dialog is kept, and the
#: store's own check catches what a dialog does (`Workspace._guard_file`).
LOCK_SAFE = sys.platform.startswith("linux")
get_open_file_name = _get_open_file_name if LOCK_SAFE else (
    lambda *args: QtWidgets.QFileDialog.getOpenFileName(*args))
get_save_file_name = _get_save_file_name if LOCK_SAFE else (
    lambda *args: QtWidgets.QFileDialog.getSaveFileName(*args))
get_existing_directory = _get_existing_directory if LOCK_SAFE else (
    lambda *args: QtWidgets.QFileDialog.getExistingDirectory(*args))



class Dialogs:
    """The app's modal questions. Tests replace these static methods (monkeypatch)."""

    @staticmethod
    def open_path(parent: QWidget | None, title: str, file_filter: str = "", folder: str = "") -> Path | None:
        name, _ = get_open_file_name(parent, title, folder, file_filter)
        return Path(name) if name else None

    @staticmethod
    def save_path(parent: QWidget | None, title: str, suggested: str = "", file_filter: str = "") -> Path | None:
        name, _ = get_save_file_name(parent, title, suggested, file_filter)
        return with_suffix(Path(name), file_filter) if name else None

    @staticmethod
    def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> Path | None:
        name = get_existing_directory(parent, title, folder or str(Path.home()))
        return Path(name) if name else None

    @staticmethod
    def error(parent: QWidget | None, title: str, message: str) -> None:
        show_message(parent, QtWidgets.QMessageBox.Warning, title, message)

    @staticmethod
    def information(parent: QWidget | None, title: str, message: str) -> None:
        show_message(parent, QtWidgets.QMessageBox.Information, title, message)

    @staticmethod
    def confirm(parent: QWidget | None, title: str, question: str) -> bool:
        QMessageBox = QtWidgets.QMessageBox  # noqa: N806 - looked up when first asked
        box = QMessageBox(QMessageBox.Question, title, question, QMessageBox.Yes | QMessageBox.No, parent)
        box.setTextFormat(Qt.PlainText)
        box.setDefaultButton(QMessageBox.No)
        return box.exec() == QMessageBox.Yes

    @staticmethod
    def text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
        text, ok = QtWidgets.QInputDialog.getText(parent, title, label, text=value)
        return text if ok else None

    @staticmethod
    def choose(parent: QWidget | None, title: str, label: str, options: list[str]) -> int | None:
        """One of `options` (its index), or None when cancelled."""
        text, ok = QtWidgets.QInputDialog.getItem(parent, title, label, options, 0, False)
        return options.index(text) if ok and text in options else None

    @staticmethod
    def progress(parent: QWidget | None, label: str, total: int) -> QProgressDialog:
        dialog = QtWidgets.QProgressDialog(label, "Cancel", 0, total, parent)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)
        return dialog


def report_export_failure(parent: QWidget | None, what: str, error: StorageError | OSError) -> None:
    """The one message for an export that could not be written: what, where, and why."""
    reason = error.user_message if isinstance(error, StorageError) else (error.strerror or str(error))
    Dialogs.error(parent, f"{what} not saved", f"The {what.lower()} could not be saved.\n\n{reason}")
