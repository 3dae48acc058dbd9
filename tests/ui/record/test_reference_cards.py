"""Help ▸ Reference cards: each card in a dialog that prints it and puts it on the projector."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from partnerdesk import records
from partnerdesk.cards import reference_card, reference_cards
from ui.navigator import NodeKey
from ui.projector.reference_card import ELLIPSIS, ReferenceCardView
from ui.projector.widgets import FitLabel, min_text_px


def _card_action(window, card_id: str):
    menu = window.reference_cards_menu
    return next(a for a in menu.actions() if a.objectName() == f"card_{card_id}")


def _open(qtbot, window, card_id: str):
    _card_action(window, card_id).trigger()
    dialog = window.reference_card_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_help_menu_lists_every_card_in_order(start_window, tmp_path):
    window = start_window(tmp_path / "w.partnerdesk")
    help_titles = [a.text() for a in window.help_menu.actions()]
    assert "&Reference cards" in help_titles
    titles = [a.text() for a in window.reference_cards_menu.actions()]
    assert titles == ["Social Partnership Forum Principles", "NHS Constitution Staff Pledges",
                      "Principles of Representation"]


def test_a_card_shows_its_words_and_prints_the_same_pdf(qtbot, start_window, tmp_path, printed):
    window = start_window(tmp_path / "w.partnerdesk")
    dialog = _open(qtbot, window, "principles-of-representation")
    shown = dialog.browser.toPlainText()
    card = reference_card("principles-of-representation")
    assert card.title in shown
    for item in card.items:
        assert f"{item.term} – {item.text}" in shown
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    assert printed.titles == ["Principles of Representation"]
    reader = PdfReader(io.BytesIO(printed.files[0].read_bytes()))
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == 842  # the card's own A4 page
    # The page holds the card as painted (an image of the PDF page), not a blank sheet.
    assert reader.pages[0].images and len(reader.pages[0].images[0].data) > 10_000
    # Another card replaces the dialog rather than stacking a second one.
    second = _open(qtbot, window, "spf-principles")
    assert second is not dialog and not dialog.isVisible()


def test_show_on_the_projector_until_something_else_is_selected(qtbot, start_window, demo_path):
    window = start_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    dialog = _open(qtbot, window, "spf-principles")
    qtbot.mouseClick(dialog.project_button, Qt.LeftButton)
    presenter = window.presenter
    qtbot.waitUntil(lambda: presenter.showing)
    view = presenter.window.content
    assert isinstance(view, ReferenceCardView) and view.card.id == "spf-principles"
    presenter.window.resize(1024, 768)
    qtbot.waitUntil(lambda: view.width() > 900)
    presenter.window.grab()
    assert view.title.shown_text() == "Social Partnership Forum Principles"
    for label in view.findChildren(FitLabel):
        assert label.fitted_pixel_size() >= min_text_px(label)
    assert view.body.shown_text().endswith("• ensuring a no surprises culture.")  # all ten fit
    # Choosing a workshop on the laptop puts that on the projector instead.
    workshop = records.all_workshops(window.document.workspace)[0]
    window.navigator.select(NodeKey("workshop", workshop.id))
    qtbot.waitUntil(lambda: not isinstance(presenter.window.content, ReferenceCardView))
    assert presenter.reference_card is None


def test_a_small_projector_shows_fewer_items_never_smaller_words(qtbot, start_window, tmp_path):
    window = start_window(tmp_path / "w.partnerdesk")
    presenter = window.presenter
    card = reference_card("nhs-constitution-staff-pledges")
    presenter.show_reference_card(card)
    qtbot.waitUntil(lambda: presenter.showing)
    presenter.set_text_scale(1.5)
    presenter.window.resize(420, 640)  # a tall, narrow window: many lines at 24 px
    view = presenter.window.content
    qtbot.waitUntil(lambda: view.width() < 500)
    presenter.window.grab()
    body = view.body
    assert body.fitted_pixel_size() >= min_text_px(body)
    shown = body.shown_text().split("\n")
    assert shown[-1] == ELLIPSIS and len(shown) >= 2
    full = [card.introduction, *card.lines()]
    assert shown[:-1] == full[:len(shown) - 1]  # whole items, in order, none cut mid-way
    presenter.set_text_scale(1.0)


def test_every_card_fits_a_1024_by_768_projector_at_the_minimum_or_larger(qtbot, start_window, tmp_path):
    window = start_window(tmp_path / "w.partnerdesk")
    presenter = window.presenter
    for card in reference_cards():
        presenter.show_reference_card(card)
        qtbot.waitUntil(lambda: presenter.showing)
        presenter.window.resize(1024, 768)
        view = presenter.window.content
        qtbot.waitUntil(lambda v=view: v.width() > 900)
        presenter.window.grab()
        assert view.body.fitted_pixel_size() >= min_text_px(view.body), card.id
        assert view.body.shown_text() == "\n".join([card.introduction, *card.lines()]), card.id
    presenter.leave()
    assert presenter.reference_card is None


def _ink_box(data: bytes, page: int = 0) -> tuple[int, int, int, int]:
    """Where the ink is on a page rendered at 50 dpi: (left, top, right, bottom) in pixels."""
    from ui.printing import load_pdf, render_page

    document = load_pdf(data)
    image = render_page(document, page, 50)
    document.close()
    rows = [y for y in range(image.height()) if any(image.pixelColor(x, y).lightness() < 200
                                                   for x in range(0, image.width(), 2))]
    columns = [x for x in range(image.width()) if any(image.pixelColor(x, y).lightness() < 200
                                                      for y in range(rows[0], rows[-1] + 1, 2))]
    return columns[0], rows[0], columns[-1], rows[-1]


def test_the_printed_page_is_the_pdf_page_in_place_and_size(qtbot, start_window, tmp_path, printed):
    from partnerdesk.cards import render_card

    window = start_window(tmp_path / "w.partnerdesk")
    dialog = _open(qtbot, window, "nhs-constitution-staff-pledges")
    dialog.print_card()
    original = _ink_box(render_card(dialog.card))
    on_paper = _ink_box(printed.files[0].read_bytes())
    assert all(abs(a - b) <= 2 for a, b in zip(original, on_paper, strict=True)), (original, on_paper)
