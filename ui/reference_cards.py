"""Help ▸ Reference cards: the principles from the documents, shown in a dialog that prints
them (the same PDF as `partnerdesk card`) or shows them on the projector."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.cards import ReferenceCard, reference_cards, render_card


def card_html(card: ReferenceCard) -> str:
    """The card as simple HTML for the dialog; every word escaped (data, never markup)."""
    items = []
    for item in card.items:
        text = escape(item.text)
        items.append(f"<li><b>{escape(item.term)}</b> – {text}</li>" if item.term else f"<li>{text}</li>")
    tag = "ol" if card.numbered else "ul"
    parts = [f"<h2>{escape(card.title)}</h2>"]
    if card.introduction:
        parts.append(f"<p>{escape(card.introduction)}</p>")
    parts.append(f"<{tag}>{''.join(items)}</{tag}>")
    if card.source:
        parts.append(f"<p><small>Source: {escape(card.source)}</small></p>")
    return "".join(parts)


class ReferenceCardDialog(QDialog):
    """One card, with Print… and Show on the projector."""

    def __init__(self, card: ReferenceCard, parent: QWidget | None = None, presenter=None):
        super().__init__(parent)
        self.card = card
        self.presenter = presenter
        self.setObjectName("reference_card_dialog")
        self.setWindowTitle(card.title)
        self.browser = QTextBrowser()
        self.browser.setObjectName("reference_card_text")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(card_html(card))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("print_card")
        self.project_button = QPushButton("Show on the &projector")
        self.project_button.setObjectName("project_card")
        self.project_button.setEnabled(presenter is not None)
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.project_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_card)
        self.project_button.clicked.connect(self.show_on_projector)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def print_card(self) -> bool:
        from ui import printing  # PDFium and ReportLab load when something is printed

        return printing.print_pdfs(self, self.card.title, [lambda: render_card(self.card)])

    def show_on_projector(self) -> None:
        if self.presenter is not None:
            self.presenter.show_reference_card(self.card)


def show_card(window: QMainWindow, card: ReferenceCard) -> ReferenceCardDialog:
    """Open the card's dialog, not modal: it may stay open while the card is on the projector."""
    previous = getattr(window, "reference_card_dialog", None)
    if previous is not None:
        previous.close()
        previous.deleteLater()  # one card's dialog at a time
    dialog = ReferenceCardDialog(card, window, getattr(window, "presenter", None))
    window.reference_card_dialog = dialog
    dialog.show()
    return dialog


def install(window: QMainWindow) -> QMenu:
    """Add Help ▸ Reference cards ▸ <card> to the main window, one action per card."""
    menu = QMenu("&Reference cards", window)
    menu.setObjectName("reference_cards_menu")
    for card in reference_cards():
        action = menu.addAction(card.title)
        action.setObjectName(f"card_{card.id}")
        action.triggered.connect(lambda _=False, c=card: show_card(window, c))
    help_menu = window.help_menu
    # After the user guide and the shortcuts, before About.
    about = next((a for a in help_menu.actions() if a.isSeparator()), None)
    help_menu.insertMenu(about, menu) if about is not None else help_menu.addMenu(menu)
    window.reference_cards_menu = menu
    window.reference_card_dialog = None
    return menu
