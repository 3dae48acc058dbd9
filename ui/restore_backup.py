"""File ▸ Restore from backup's dialog: imported when first shown (`ReliabilityDialogs.choose_backup`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.backups import BackupInfo


class RestoreBackupDialog(QDialog):
    """File ▸ Restore from backup: the backups of this workspace, newest first."""

    def __init__(self, backups: list[BackupInfo], folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restore_backup_dialog")
        self.setWindowTitle("Restore from backup")
        self.backups = backups
        explanation = QLabel(
            "PartnerDesk keeps a copy of this workspace when you open it, every hour while you "
            "work and when you close it. Choose the copy to go back to: it is restored into a new "
            "file, which then opens. The workspace open now is not changed."
        )
        explanation.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backup_list")
        for backup in backups:
            item = QListWidgetItem(backup.label)
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        where = QLabel(f"Backups are kept in {folder}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        where.setObjectName("backup_folder_label")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.restore_button = self.buttons.addButton("Restore into a new file…", QDialogButtonBox.AcceptRole)
        self.restore_button.setObjectName("restore_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list, 1)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.resize(520, 380)

    def chosen(self) -> BackupInfo | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None
