"""Any script in every PDF: right-to-left order, shaping, a glyph for every character, and every
font embedded (also in form fields and charts), read back from the files with pypdf."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from partnerdesk.exports import clean_text
from partnerdesk.pdf import (
    ARABIC,
    DEVANAGARI,
    EMOJI,
    FONT_FILES,
    FORM_FONT,
    HANGUL,
    HEBREW,
    SANS,
    SANS_BOLD,
    _fonts,
    document_fonts,
    markup,
    visual_runs,
)
from tests.record_checks import assert_all_embedded, qpdf_check

SAMPLES = {
    "arabic": "مرحبا بالعالم، هذا نص عربي",
    "hebrew": "שלום עולם, זה טקסט בעברית",
    "devanagari": "नमस्ते दुनिया, क्षत्रिय श्री हिन्दी",
    "korean": "안녕하세요 세계, 한국어 텍스트",
    "cjk": "王芳 さくら 東京",
    "emoji": "😀 👍🏽 👨‍👩‍👧 ❤️ 🇬🇧 1️⃣ ✅ 🎉",
    "latin": "Zoë Łukasz Dvořák Ngọc Ἀθηνᾶ Привет",
    "mixed": "Meeting with שלום and مرحبا (Ahmed) 2024, नमस्ते 안녕 王芳 🎉 done",
}


def _plain(markup_text: str) -> str:
    text = re.sub(r"<[^>]+>", "", markup_text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _render(texts) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, **document_fonts(12, 18))
    body = ParagraphStyle("body", fontName=SANS, fontSize=12, leading=18)
    bold = ParagraphStyle("bold", fontName=SANS_BOLD, fontSize=12, leading=18)
    doc.build([Paragraph(markup(text), style) for text in texts for style in (body, bold)])
    return out.getvalue()


def _to_unicode(font: dict) -> dict[int, str]:
    """Code -> text from a font's ToUnicode CMap (bfchar entries, as ReportLab writes)."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    pairs = re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", data.split("beginbfchar", 1)[1])
    return {int(code, 16): bytes.fromhex(text).decode("utf-16-be") for code, text in pairs}


_BY_FACE = {_fonts()[name].ttf.face.name.decode(): name for name in FONT_FILES}


def _shown_codes(data: bytes) -> dict[str, set[int]]:
    """Font resource name -> the codes the content streams show in it."""
    reader = PdfReader(io.BytesIO(data))
    shown: dict[str, set[int]] = {}
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        for name, strings in re.findall(r"/(\S+) [\d.]+ Tf(.*?)(?=/\S+ [\d.]+ Tf|\Z)", content, re.S):
            codes = shown.setdefault(name, set())
            for literal in re.findall(r"\(((?:\\.|[^\\)])*)\)\s*Tj", strings):
                raw = re.sub(r"\\([0-7]{1,3}|.)", lambda m: chr(int(m.group(1), 8))
                             if m.group(1)[0].isdigit() else m.group(1), literal)
                codes.update(ord(c) for c in raw)
    return shown


# -- the PDF as a whole ----------------------------------------------------------------------


def test_every_script_prints_in_embedded_fonts_and_passes_qpdf(tmp_path):
    data = _render(SAMPLES.values())
    fonts = assert_all_embedded(data)
    names = {str(f["/BaseFont"]).split("+", 1)[-1] for f in fonts}
    assert {"NotoSansArabic-Regular", "NotoSansHebrew-Regular", "NotoSansDevanagari-Regular",
            "PartnerDeskHangul-Regular", "DroidSansFallback", "NotoEmoji-Regular", "DejaVuSans",
            "DejaVuSans-Bold"} <= names
    qpdf_check(data, tmp_path)


def test_no_character_shown_is_missing_from_its_font():
    """Every glyph slot of every embedded subset is a glyph the font really has (never .notdef),
    checked through the font's own cmap; a shaped glyph is one HarfBuzz chose (id > 0)."""
    data = _render(SAMPLES.values())
    reader = PdfReader(io.BytesIO(data))
    shown = _shown_codes(data)
    resources = reader.pages[0]["/Resources"]["/Font"]
    checked = 0
    for resource_name, font in resources.items():
        font = font.get_object()
        face = str(font["/BaseFont"]).split("+", 1)[-1]
        ttf_face = _fonts()[_BY_FACE[face]].ttf.face
        to_unicode = _to_unicode(font)
        for code in shown.get(resource_name.lstrip("/"), ()):
            text = to_unicode[code]
            assert text != "\0", (face, code)
            # A shaped glyph maps back to several characters; its own code is private use.
            points = [p for p, g in ttf_face.charToGlyph.items() if p >= 0xF0000] if len(text) > 1 \
                else [ord(text)]
            assert any(ttf_face.charToGlyph.get(p, 0) > 0 for p in points), (face, text)
            checked += 1
    assert checked > 100


def test_emoji_korean_cjk_and_latin_read_back_as_typed():
    text = PdfReader(io.BytesIO(_render(SAMPLES.values()))).pages[0].extract_text()
    for key in ("korean", "cjk", "latin"):
        assert SAMPLES[key] in text
    for emoji in ("😀", "👍", "👨\u200d👩\u200d👧", "❤", "🎉", "✅"):
        assert emoji in text  # ReportLab alone wrote U+1F600 as <1F600>: a wrong character


# -- order and shaping -----------------------------------------------------------------------


def test_hebrew_is_laid_out_right_to_left():
    assert _plain(markup("שלום עולם")) == "םלוע םולש"
    # Left-to-right text keeps its order around a right-to-left word.
    assert _plain(markup("Meeting with שלום team")) == "Meeting with םולש team"
    # Numbers and a bracketed Latin name inside right-to-left text stay readable.
    assert _plain(markup("שלום (Ahmed) 2024")) == "2024 (Ahmed) םולש"


def test_arabic_is_joined_and_right_to_left():
    word = "مرحبا"
    ((name, shaped),) = visual_runs(word)
    assert name == ARABIC and len(shaped) == len(word)
    face = _fonts()[ARABIC].ttf.face
    isolated = [face.charToGlyph[ord(c)] for c in word]
    drawn = [face.charToGlyph[ord(c)] for c in shaped]
    # Joined forms, not the isolated letters, and the last letter (alef, final) comes first.
    assert not set(drawn) & set(isolated[:-1])
    assert shaped[0] == "\ufe8e" and shaped[-1] == "\ufee3"  # ALEF FINAL ... MEEM INITIAL


def test_devanagari_is_shaped():
    ((name, shaped),) = visual_runs("कि")
    assert name == DEVANAGARI
    face = _fonts()[DEVANAGARI].ttf.face
    # The vowel sign i is drawn before its consonant.
    assert shaped[-1] == "क" and face.charToGlyph[ord(shaped[0])] > 0 and shaped[0] != "ि"
    ((_, conjunct),) = visual_runs("क्ष")
    assert len(conjunct) == 1 and ord(conjunct) >= 0xF0000  # one conjunct glyph, not three


def test_emoji_sequences_are_one_glyph_and_controls_take_no_room():
    ((name, family),) = visual_runs("👨\u200d👩\u200d👧")
    assert name == EMOJI and len(family) == 1
    assert visual_runs("❤️") == ((EMOJI, "❤"),)  # the selector leaves no gap behind
    runs = visual_runs("❤️ 1️⃣")
    assert [n for n, _ in runs] == [EMOJI, SANS, EMOJI]
    assert "\ufe0f" not in "".join(p for _, p in runs) and "\u20e3" not in runs[2][1]


def test_each_script_goes_to_its_font():
    assert visual_runs("안녕") == ((HANGUL, "안녕"),)
    assert visual_runs("שלום")[0][0] == HEBREW
    assert markup("Zoë") == "Zoë"  # Latin stays in the paragraph's font, so bold stays bold
    assert 'name="PartnerDeskFallback"' in markup("王芳")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_lays_out_and_no_covered_character_prints_as_a_box(text):
    paragraph = Paragraph(markup(text), ParagraphStyle("t", fontName=SANS))
    paragraph.wrap(300, 10_000)
    fonts = _fonts()
    cleaned = clean_text(text).replace("\n", " ")
    if cleaned.isascii():
        return
    for name, part in visual_runs(cleaned):
        cover = fonts[name].cover
        for char in part:
            if ord(char) not in cover:
                # Only a character no shipped font has may be left to print as a box.
                assert not any(ord(char) in f.cover for f in fonts.values()), (name, char)


# -- form fields and charts ------------------------------------------------------------------


def test_fillable_learning_log_fields_use_an_embedded_font(tmp_path):
    from partnerdesk.learning_log.export import render_learning_log
    from partnerdesk.learning_log.values import STEPS, LogBook, WorkshopPage, log_template

    book = LogBook("مرحبا Zoë", "NHS", (WorkshopPage("Session 1", "", "", {STEPS[0]: "נכון 안녕"}, ""),))
    data = render_learning_log(book, log_template(), fillable=True)
    fonts = assert_all_embedded(data)
    assert f"/{FORM_FONT}" in {str(f["/BaseFont"]) for f in fonts}
    reader = PdfReader(io.BytesIO(data))
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    assert len(reader.get_fields()) == len(widgets) > 0
    assert all(str(w["/DA"]).startswith(f"/{FORM_FONT} 11 Tf") for w in widgets)
    assert str(reader.trailer["/Root"]["/AcroForm"]["/DA"]).startswith(f"/{FORM_FONT} ")
    form_font = next(f for f in fonts if str(f["/BaseFont"]) == f"/{FORM_FONT}")
    assert form_font["/Encoding"] == "/WinAnsiEncoding"
    assert "+" not in str(form_font["/BaseFont"])  # the whole font, so any typed letter has a glyph
    qpdf_check(data, tmp_path)


def test_audit_pdf_and_its_chart_embed_every_font(tmp_path):
    from partnerdesk.behaviours_audit.export import ResultsPaper, render_results
    from partnerdesk.behaviours_audit.stats import round_results

    texts = ["Do we share values?", "נכון? 안녕 王芳"]
    results = round_results(texts, [[4, 6, None], [8, 8, 9]], responses=3, benchmark=7.5)
    paper = ResultsPaper("Audit", "Session 1", results, comments=[(texts[0], ["مرحبا 🎉"])],
                         before_short="قبل", after_short="After")
    data = render_results(paper)
    assert_all_embedded(data)
    qpdf_check(data, tmp_path)


def test_chart_strings_get_fonts_per_run():
    from reportlab.graphics.shapes import Drawing, Group, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from partnerdesk.pdf import chart_fonts

    drawing = Drawing(200, 50)
    drawing.add(String(100, 10, "Round שלום 1", fontName="Helvetica", textAnchor="middle"))
    drawing = chart_fonts(drawing)
    (group,) = drawing.contents
    assert isinstance(group, Group)
    strings = [(s.fontName, s.text) for s in group.contents]
    # "1" follows the Hebrew word, so it is part of the right-to-left run (UAX #9).
    assert strings == [(SANS, "Round 1"), (HEBREW, " םולש")]
    width = sum(stringWidth(s.text, s.fontName, s.fontSize) for s in group.contents)
    assert group.contents[0].x == pytest.approx(100 - width / 2)  # still centred
    assert drawing.initialFontName == SANS


# -- wrapped right-to-left paragraphs --------------------------------------------------------


HEBREW_ANSWER = ("דיברנו על אמון פתיחות ועקרונות משותפים ומה שאני לוקח איתי הוא להקשיב לפני שאני עונה "
                 "בפגישה הבאה נזמין את נציגי העובדים לטיוטה הראשונה ונבדוק יחד מה השתנה בשותפות "
                 "ובסוף השנה נכתוב דוח קצר לכל הארגונים שהשתתפו בתוכנית ונשתף אותו עם ההנהלה")


def test_a_wrapped_right_to_left_paragraph_reads_top_line_first():
    from partnerdesk.pdf import RightToLeft, paragraph

    style = ParagraphStyle("body", fontName=SANS, fontSize=11, leading=15, spaceAfter=4)
    flowable = paragraph(HEBREW_ANSWER, style)
    assert isinstance(flowable, RightToLeft)
    _, height = flowable.wrap(250, 1000)
    lines = [_plain(line.text) for line in flowable._lines]
    assert len(lines) > 2 and height == pytest.approx(15 * len(lines))
    # Each line is a run of the answer in reading order, reversed for the eye, set flush right.
    logical = [line[::-1] for line in lines]
    assert " ".join(logical) == " ".join(HEBREW_ANSWER.split())
    assert logical[0].startswith("דיברנו על אמון")
    assert all(line.style.alignment == TA_RIGHT for line in flowable._lines)
    # Split across a page: the start of the answer stays on the first page.
    head, tail = flowable.split(250, 15 * 2 + 1)
    head.wrap(250, 1000)
    tail.wrap(250, 1000)
    assert [_plain(line.text)[::-1] for line in head._lines + tail._lines] == logical
    assert head.getSpaceAfter() == 0 and tail.getSpaceAfter() == 4
    # Left-to-right text (and text that only contains a right-to-left word) stays a Paragraph.
    assert isinstance(paragraph("Zoë and שלום", style), Paragraph)


def test_learning_log_answers_in_hebrew_break_in_reading_order():
    from partnerdesk.learning_log.export import render_learning_log
    from partnerdesk.learning_log.values import STEPS, LogBook, WorkshopPage, log_template

    book = LogBook("Dana", "NHS", (WorkshopPage("Session 1", "", "", {STEPS[0]: HEBREW_ANSWER}, ""),))
    data = render_learning_log(book, log_template())
    assert_all_embedded(data)
    lines: dict[float, str] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() and font and "Hebrew" in str(font.get("/BaseFont")):
            y = round(cm[5] + tm[5], 1)
            lines[y] = lines.get(y, "") + text

    PdfReader(io.BytesIO(data)).pages[1].extract_text(visitor_text=visit)
    top_down = [lines[y] for y in sorted(lines, reverse=True)]
    assert len(top_down) >= 2
    # The highest line holds the start of the answer (whichever way a reader orders its words).
    words = HEBREW_ANSWER.split()
    top = [w if w in words else w[::-1] for w in top_down[0].split()]
    assert sorted(top) == sorted(words[:len(top)]) and len(top) < len(words)
