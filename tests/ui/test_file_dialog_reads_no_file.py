"""The app's file dialog never opens the files it lists (issue 12.1). Qt's own icon provider asks
the MIME database what a file is, which opens and reads any file whose extension it does not
know, such as a `.partnerdesk` workspace; closing that descriptor drops every POSIX lock SQLite
holds on the open workspace. The kernel reports every open in the folder (inotify), so the test
sees what the dialog does, and a control shows that Qt's default dialog does open the file."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import struct
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from ui import dialogs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="inotify and the lock-safe dialog are Linux's")

IN_OPEN = 0x20
IN_NONBLOCK = 0o4000


class FolderWatch:
    """The names of the files opened in one folder, as the kernel reports them."""

    def __init__(self, folder: Path):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = libc.inotify_init1(IN_NONBLOCK)
        assert self.fd >= 0, os.strerror(ctypes.get_errno())
        assert libc.inotify_add_watch(self.fd, os.fsencode(folder), IN_OPEN) >= 0

    def opened(self) -> set[str]:
        names = set()
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return names
            at = 0
            while at < len(data):
                _wd, _mask, _cookie, length = struct.unpack_from("iIII", data, at)
                name = data[at + 16: at + 16 + length].rstrip(b"\0").decode()
                if name:
                    names.add(name)
                at += 16 + length

    def close(self) -> None:
        os.close(self.fd)


def _listed(qtbot, dialog: QFileDialog, folder: Path, name: str) -> str:
    """Show the dialog until its listing has worked out `name`'s type; that type."""
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    qtbot.waitUntil(lambda: model.index(str(folder / name)).isValid())

    def kind() -> str:
        return model.index(str(folder / name)).siblingAtColumn(2).data() or ""

    qtbot.waitUntil(lambda: kind() != "")
    return kind()


def test_the_apps_file_dialog_lists_a_workspace_without_opening_it(qtbot, demo_path, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copyfile(demo_path, folder / "day.partnerdesk")
    (folder / "notes.txt").write_text("agenda", encoding="utf-8")
    watch = FolderWatch(folder)
    try:
        dialog = dialogs._dialog(None, "Open workspace", str(folder), "PartnerDesk workspaces (*.partnerdesk)",
                                 QFileDialog.ExistingFile, QFileDialog.AcceptOpen)
        qtbot.addWidget(dialog)
        assert _listed(qtbot, dialog, folder, "day.partnerdesk") == "File"
        dialog.close()
        assert "day.partnerdesk" not in watch.opened()

        # The control: Qt's own dialog, the same way, does open the file to guess its type.
        plain = QFileDialog(None, "Open workspace", str(folder), "All files (*)")
        plain.setOption(QFileDialog.DontUseNativeDialog, True)
        qtbot.addWidget(plain)
        _listed(qtbot, plain, folder, "day.partnerdesk")
        qtbot.waitUntil(lambda: "day.partnerdesk" in watch.opened(), timeout=3000)
        plain.close()
    finally:
        watch.close()
