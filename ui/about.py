"""Help ▸ About: the version, and every library and font shipped with its licence (partnerdesk.about)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk import about

_TEXT_ROLE = Qt.UserRole + 1


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, workspace: str = ""):
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle("About PartnerDesk")
        heading = QLabel(about.version_line())
        heading.setObjectName("about_version")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        lines = ["Runs partnership-working workshops from a laptop and a projector, with no network."]
        if workspace:
            lines.append(f"Workspace: {workspace}")
        lines.append("PartnerDesk ships with these libraries and fonts, under their own licences. "
                     "Choose one to read its licence.")
        intro = QLabel("\n\n".join(lines))
        intro.setTextFormat(Qt.PlainText)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.tree = QTreeWidget()
        self.tree.setObjectName("about_components")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Component", "Version", "Licence"])
        self.tree.setRootIsDecorated(True)
        for title, items in (("Libraries", about.libraries()), ("Fonts", about.fonts())):
            group = QTreeWidgetItem(self.tree, [title])
            group.setFirstColumnSpanned(True)
            for shipped in items:
                item = QTreeWidgetItem(group, [shipped.name, shipped.version, shipped.licence])
                text = shipped.text or (f"{shipped.name} is distributed under {shipped.licence}.\n\n"
                                        + (f"The licence's full text: {shipped.url}" if shipped.url else ""))
                item.setData(0, _TEXT_ROLE, text)
            group.setExpanded(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.licence_view = QPlainTextEdit()
        self.licence_view.setObjectName("about_licence_text")
        self.licence_view.setReadOnly(True)
        self.licence_view.setPlaceholderText("Choose a library or font to read its licence.")
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)

        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.licence_view)
        splitter.setSizes([300, 200])
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(720, 620)

    def components(self) -> list[tuple[str, str, str]]:
        """(name, version, licence) of every row, as shown."""
        rows = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                rows.append((item.text(0), item.text(1), item.text(2)))
        return rows

    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        text = current.data(0, _TEXT_ROLE) if current is not None else None
        self.licence_view.setPlainText(text or "")


def show_about(parent: QWidget, workspace: str = "") -> AboutDialog:
    """Open the About box over `parent` without blocking (window-modal), and return it."""
    dialog = AboutDialog(parent, workspace)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog
