"""The learning log PDF, read back with pypdf: every name, title and answer, as typed."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from partnerdesk.exports import clean_text
from partnerdesk.learning_log.export import render_learning_log
from partnerdesk.learning_log.values import LogBook, WorkshopPage, log_template
from partnerdesk.pdf import laid_out_as_typed, markup

NAMES = ["Zoë Harding", "Łukasz Nowak", "Tomás Dvořák", "王芳", "Ngọc Tran", "Ἀθηνᾶ"]
HOSTILE = ["<b>", "&", "</para>", '<img src="/etc/passwd"/>', "R&D", "<notes>", "&amp;", "<br/>"]


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _book(name="Zoë Harding", workshops=None) -> LogBook:
    if workshops is None:
        workshops = (
            WorkshopPage("Session 1: What is a partnership?", "14 October 2009", "Truro, Cornwall",
                         {"experience": "We looked at the principles.", "reflect": "Trust matters.",
                          "conclude": "Listen first.", "plan": "Meet the branch secretary in May."},
                         "Remember the SPF website."),
            WorkshopPage("Session 2: The trade union perspective", "11 November 2009", "Bodmin",
                         {s: "" for s in ("experience", "reflect", "conclude", "plan")}, ""),
        )
    return LogBook(name, "NHS Partners in Cornwall", tuple(workshops))


@pytest.fixture(scope="module")
def tpl():
    return log_template()


def test_cover_workshops_answers_and_wording(tpl):
    data = render_learning_log(_book(), tpl)
    assert data.startswith(b"%PDF")
    text = _squash(_text(data))
    for expected in ("PERSONAL LEARNING LOG", "Zoë Harding", "NHS Partners in Cornwall",
                     "CONFIDENTIAL TO YOU", "Session 1: What is a partnership?", "14 October 2009",
                     "Truro, Cornwall", "Session 2: The trade union perspective", "Bodmin",
                     "We looked at the principles.", "Trust matters.", "Listen first.",
                     "Meet the branch secretary in May.", "Remember the SPF website.",
                     "EXPERIENCE", "REFLECT", "CONCLUDE", "PLAN",
                     "What main areas of Content were covered and how?",
                     "ADDITIONAL PAGES FOR YOUR NOTES"):
        assert _squash(expected) in text, expected


def test_one_page_per_workshop_after_the_cover(tpl):
    reader = PdfReader(io.BytesIO(render_learning_log(_book(), tpl)))
    pages = [page.extract_text() for page in reader.pages]
    assert "PERSONAL LEARNING LOG" in pages[0] and "CONFIDENTIAL" in pages[0]
    assert "Session 1" in pages[1] and "PLAN" in pages[1]
    # An empty workshop is one page of ruled lines: all four steps on it, and nothing else.
    assert "Session 2" in pages[2] and "PLAN" in pages[2] and "EXPERIENCE" in pages[2]
    assert "ADDITIONAL PAGES FOR YOUR NOTES" in pages[3]


@pytest.mark.parametrize("letter", [False, True])
def test_empty_workshop_page_fits_one_page_on_both_papers(tpl, letter):
    long_title = "Session 5: Skills and behaviour for effective partnership working, " * 2
    book = _book(workshops=[WorkshopPage(long_title, "10 February 2010", "Truro", {}, "")])
    reader = PdfReader(io.BytesIO(render_learning_log(book, tpl, letter=letter)))
    page = reader.pages[1].extract_text()
    assert "EXPERIENCE" in page and "PLAN" in page
    assert "ADDITIONAL" in reader.pages[2].extract_text()
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == ((612, 792) if letter else (595, 842))


def test_names_in_every_script_print(tpl):
    for name in NAMES:
        data = render_learning_log(_book(name=name), tpl)
        assert _squash(name) in _squash(_text(data)), name


def test_hostile_strings_print_as_typed(tpl):
    answer = " ".join(HOSTILE)
    book = _book(name="<b>Bold</b> & </para>", workshops=[
        WorkshopPage("R&D <i>workshop</i>", "", "<img src='x.png'/>",
                     {"experience": answer, "reflect": "a\x00b\x07c\x1bd", "conclude": "", "plan": ""},
                     "</para><para>"),
    ])
    text = _squash(_text(render_learning_log(book, tpl)))
    for expected in [*HOSTILE, "<b>Bold</b> & </para>", "R&D <i>workshop</i>", "<img src='x.png'/>",
                     "</para><para>", "abcd"]:
        assert _squash(expected) in text, expected


def test_markup_escapes_and_switches_font_for_cjk_only():
    assert markup("<b>&") == "&lt;b&gt;&amp;"
    mixed = markup("Wang Fang (王芳)")
    assert mixed.startswith("Wang Fang (") and "王芳</font>)" in mixed
    assert 'name="PartnerDeskFallback"' in mixed
    assert "font" not in markup("Zoë Łukasz Dvořák Ngọc Ἀθηνᾶ")
    assert clean_text("a\tb\x00c\r\nd\ufffe") == "a    bc\nd"


def test_fonts_are_embedded_dejavu_and_fallback(tpl):
    data = render_learning_log(_book(name="Wang Fang (王芳)"), tpl)
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert any("DejaVuSans" in name for name in fonts)
    assert any("DejaVuSans-Bold" in name for name in fonts)
    assert any("DroidSansFallback" in name for name in fonts)
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name  # the TrueType program is in the file
    assert b"Helvetica" not in data


def test_metadata_title_and_author(tpl):
    reader = PdfReader(io.BytesIO(render_learning_log(_book(name="Łukasz Nowak"), tpl)))
    assert reader.metadata.title == "Personal Learning Log: Łukasz Nowak"
    assert reader.metadata.author == "Łukasz Nowak"
    assert reader.metadata.subject == "NHS Partners in Cornwall"


def test_output_is_byte_identical_when_invariant(tpl):
    first = render_learning_log(_book(), tpl, invariant=True)
    assert first == render_learning_log(_book(), tpl, invariant=True)
    assert b"D:20000101" in first
    assert b"D:20000101" not in render_learning_log(_book(), tpl)  # a real creation date


def test_a_20000_character_answer_flows_over_pages_with_nothing_lost(tpl):
    words = [f"point{i:05d}" for i in range(1820)]  # 1820 x 11 characters = 20,020
    answer = " ".join(words)
    assert len(answer) >= 20_000
    book = _book(workshops=[WorkshopPage("Long", "", "", {"reflect": answer, "plan": "After."}, "")])
    reader = PdfReader(io.BytesIO(render_learning_log(book, tpl)))
    assert len(reader.pages) >= 5
    text = _squash("".join(p.extract_text() for p in reader.pages))
    found = re.findall(r"point\d{5}", text)
    assert found == words
    assert "After." in text


def test_long_notes_and_lines_also_flow(tpl):
    notes = "\n".join(f"Note line {i}" for i in range(400))
    book = _book(workshops=[WorkshopPage("W", "", "", {}, notes)])
    text = _text(render_learning_log(book, tpl))
    assert all(f"Note line {i}" in text for i in (0, 199, 399))


def test_fillable_fields_for_empty_sections_only(tpl):
    book = _book()
    data = render_learning_log(book, tpl, fillable=True)
    fields = PdfReader(io.BytesIO(data)).get_fields()
    assert {"w2_experience", "w2_reflect", "w2_conclude", "w2_plan", "notes"} <= set(fields)
    assert not any(name.startswith("w1_") for name in fields)  # section 1 is all written
    plain = PdfReader(io.BytesIO(render_learning_log(book, tpl))).get_fields()
    assert not plain


def test_no_workshops_still_prints_cover_and_notes(tpl):
    text = _text(render_learning_log(_book(workshops=[]), tpl))
    assert "PERSONAL LEARNING LOG" in text and "ADDITIONAL PAGES FOR YOUR NOTES" in text


def test_notes_pages_fill_out_to_the_templates_number_of_pages(tpl):
    book = _book(workshops=[WorkshopPage("W", "", "", {}, "")])
    reader = PdfReader(io.BytesIO(render_learning_log(book, tpl, fillable=True)))
    assert len(reader.pages) == 2 + tpl["notes_pages"]
    assert "ADDITIONAL PAGES FOR YOUR NOTES" in reader.pages[2].extract_text()
    names = {a.get_object()["/T"] for page in reader.pages[2:] for a in page["/Annots"]}
    assert names == {"notes", "notes_page2"}


def test_pages_that_continue_a_workshop_name_it(tpl):
    answer = "\n".join(f"Line {i} of a long reflection." for i in range(150))
    book = _book(workshops=[WorkshopPage("Session 3: The NHS Constitution", "", "", {"plan": answer}, "")])
    reader = PdfReader(io.BytesIO(render_learning_log(book, tpl)))
    pages = [page.extract_text() for page in reader.pages]
    assert "(continued)" not in pages[1]
    assert "Session 3: The NHS Constitution (continued)" in pages[2]
    assert "Line 149" in "".join(pages)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_becomes_valid_paragraph_markup(text):
    from reportlab.lib.styles import ParagraphStyle

    from partnerdesk.pdf import SANS

    paragraph = Paragraph(markup(text), ParagraphStyle("t", fontName=SANS))
    paragraph.wrap(400, 10_000)  # parses and lays out without raising
    if not laid_out_as_typed(text):  # right-to-left or shaped: tests/unit/test_pdf_scripts.py
        return
    shown = "".join(clean_text(text).split())
    plain = re.sub(r"<[^>]+>", "", markup(text)).replace("&lt;", "<").replace("&gt;", ">")
    assert "".join(plain.replace("&amp;", "&").split()) == shown
