"""What every PDF shares: the shipped fonts, user text in any script as safe ReportLab markup, and
form fields and charts whose fonts are embedded.

ReportLab's `Paragraph` parses markup, so raw user text could raise, change or open a file;
`markup()` escapes it. It also lays the text out for the eye, which ReportLab alone does not:
each run of characters gets a shipped font that has them; right-to-left runs (Arabic, Hebrew) are
put in visual order with python-bidi's resolution of the Unicode Bidirectional Algorithm; runs in
scripts that need shaping (Arabic joining, Devanagari conjuncts, emoji sequences) are shaped by
HarfBuzz (uharfbuzz). A shaped glyph that no character maps to is written as a private-use code
point (plane 15, U+F0000 + glyph id) registered in that font, so ReportLab embeds and draws exactly
the glyph HarfBuzz chose. Those scripts ship one weight: bold text in them prints regular, never
in a face whose glyph ids differ.

ReportLab has shaping of its own (`ParagraphStyle(shaping=1)`), but its bidi needs `rlbidi`,
which is not on PyPI, it shapes every word of every paragraph (slow for long Latin answers), and
it shapes a word that mixes fonts with the first font's glyph ids.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from xml.sax.saxutils import escape

import uharfbuzz as hb
from bidi import algorithm as bidi_algorithm
from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import asNative
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

from partnerdesk.exports import clean_text
from partnerdesk.resources import resource_path

SANS = "PartnerDeskSans"
SANS_BOLD = "PartnerDeskSans-Bold"
#: Droid Sans Fallback: Chinese and Japanese, which DejaVu Sans lacks.
FALLBACK = "PartnerDeskFallback"
ARABIC = "PartnerDeskArabic"
HEBREW = "PartnerDeskHebrew"
DEVANAGARI = "PartnerDeskDevanagari"
HANGUL = "PartnerDeskHangul"
EMOJI = "PartnerDeskEmoji"
#: The font of fillable form fields: a WinAnsi subset of DejaVu Sans, embedded whole.
FORM_FONT = "PartnerDeskFormSans"

#: Registered name -> (file, shaped by HarfBuzz). DejaVu's two faces come first.
FONT_FILES: dict[str, tuple[str, bool]] = {
    SANS: ("DejaVuSans.ttf", False),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", False),
    FALLBACK: ("DroidSansFallbackFull.ttf", False),
    ARABIC: ("NotoSansArabic-Regular.ttf", True),
    HEBREW: ("NotoSansHebrew-Regular.ttf", True),
    DEVANAGARI: ("NotoSansDevanagari-Regular.ttf", True),
    HANGUL: ("PartnerDeskHangul-Regular.ttf", False),
    EMOJI: ("NotoEmoji-Regular.ttf", True),
}
#: The fonts a character is looked for in, in order, when its script names none.
_SEARCH = (SANS, FALLBACK, HANGUL, ARABIC, HEBREW, DEVANAGARI, EMOJI)
_PRIVATE = 0xF0000  # plane 15 private use: shaped glyphs without a character
_JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f\u20e3")
_RTL_TYPES = frozenset(("R", "AL", "RLE", "RLO", "RLI"))
_FEATURES = {"kern": True, "liga": True}
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


@dataclass
class _Font:
    name: str
    ttf: TTFont
    shaped: bool
    cover: frozenset[int]

    @cached_property
    def hb_font(self) -> hb.Font:
        return hb.Font(hb.Face(hb.Blob(self.ttf.face._ttf_data)))


@cache
def _fonts() -> dict[str, _Font]:
    # ReportLab looks this up when it writes each font subset; see _to_unicode_cmap.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    fonts = {}
    for name, (file, shaped) in FONT_FILES.items():
        ttf = TTFont(name, str(resource_path("fonts", file)))
        pdfmetrics.registerFont(ttf)
        fonts[name] = _Font(name, ttf, shaped, frozenset(ttf.face.charToGlyph))
    # No oblique faces are shipped: italic text prints upright rather than in a missing face.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    for name in FONT_FILES:
        if name not in (SANS, SANS_BOLD):
            # One weight: glyph ids (and so shaped text) are only valid in that face.
            pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return fonts


@cache
def register_fonts() -> tuple[frozenset[int], frozenset[int]]:
    """Register the shipped fonts once; returns the code points DejaVu and Droid each cover."""
    fonts = _fonts()
    return fonts[SANS].cover, fonts[FALLBACK].cover


# -- choosing a font for each character ----------------------------------------------------


def _script_font(point: int) -> str | None:
    """The font a script's own letters go to, before coverage is looked at."""
    if 0x0590 <= point <= 0x05FF or 0xFB1D <= point <= 0xFB4F:
        return HEBREW
    if (0x0600 <= point <= 0x06FF or 0x0750 <= point <= 0x077F or 0x0870 <= point <= 0x08FF
            or 0xFB50 <= point <= 0xFDFF or 0xFE70 <= point <= 0xFEFF):
        return ARABIC
    if 0x0900 <= point <= 0x097F or 0xA8E0 <= point <= 0xA8FF or 0x1CD0 <= point <= 0x1CFF:
        return DEVANAGARI
    if (0x1100 <= point <= 0x11FF or 0x3130 <= point <= 0x318F or 0xA960 <= point <= 0xA97F
            or 0xAC00 <= point <= 0xD7FF):
        return HANGUL
    if 0x1F000 <= point <= 0x1FAFF or 0xE0020 <= point <= 0xE007F:
        return EMOJI
    return None


def _choose(text: str, fonts: dict[str, _Font]) -> list[str]:
    """A font name for each character of `text`, so that the font has it where any font does."""
    chosen: list[str] = []
    length = len(text)
    for index, char in enumerate(text):
        point = ord(char)
        following = text[index + 1] if index + 1 < length else ""
        previous = chosen[-1] if chosen else None
        if char == " " and previous and previous != EMOJI:
            name = previous  # a phrase stays one run (the emoji font's space is 1.27 em wide)
        elif point < 0x80 and following not in ("\ufe0f", "\u20e3"):
            name = SANS  # a keycap emoji (1️⃣) is the one ASCII start of an emoji
        elif previous and (char in _JOINERS or (unicodedata.category(char).startswith("M")
                                                and point in fonts[previous].cover)):
            name = previous  # marks and joiners shape with the letter they belong to
        elif following == "\ufe0f" and point in fonts[EMOJI].cover:
            name = EMOJI  # emoji presentation asked for (❤️)
        else:
            name = _script_font(point)
            if name is None or point not in fonts[name].cover:
                name = next((n for n in _SEARCH if point in fonts[n].cover), SANS)
        chosen.append(name)
    return chosen


# -- bidi and shaping --------------------------------------------------------------------------


def _levels(text: str, base: str | None = None) -> list[int]:
    """The resolved bidi embedding level of each character (UAX #9, with bracket pairs).

    python-bidi's Rust core resolves them but only shows them in its debug report, one per UTF-8
    byte; its older pure-Python algorithm lacks rule N0, so "(Ahmed)" in Arabic text would lose
    its brackets' pairing. The report is read defensively and the older algorithm is the fallback.
    """
    report = get_display(text, base_dir=base, debug=True)
    try:
        section = report[report.rindex("levels: ["):report.rindex("paragraphs: [")]
        by_byte = [int(level) for level in _LEVEL.findall(section)]
    except ValueError:
        by_byte = []
    if len(by_byte) != len(text.encode()):
        return _legacy_levels(text, base)
    levels, offset = [], 0
    for char in text:
        levels.append(by_byte[offset])
        offset += len(char.encode())
    return levels


def _legacy_levels(text: str, base: str | None = None) -> list[int]:
    storage = bidi_algorithm.get_empty_storage()
    level = bidi_algorithm.get_base_level(text) if base is None else int(base == "R")
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    bidi_algorithm.get_embedding_levels(text, storage)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage, False)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def _glyph_char(font: _Font, gid: int, source: str) -> str:
    """A character that draws glyph `gid` in `font`: the source character when it does."""
    face = font.ttf.face
    if len(source) == 1 and face.charToGlyph.get(ord(source)) == gid:
        return source
    for point in face.glyphToChar.get(gid, ()):
        if point < _PRIVATE:
            return chr(point)
    point = _PRIVATE + gid
    if point not in face.charToGlyph:
        face.charToGlyph[point] = gid
        face.charWidths[point] = font.hb_font.get_glyph_h_advance(gid) * 1000 / face.unitsPerEm
    return chr(point)


#: (font face name, private-use code point) -> the text its shaped glyph was made from.
_SOURCES: dict[tuple[bytes, int], str] = {}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, corrected: code points beyond U+FFFF (emoji) as UTF-16
    (ReportLab writes their bare hex, which readers take as other characters), and shaped
    glyphs as the text they were shaped from."""
    face = fontname.split("+", 1)[-1].encode("latin-1", "replace")

    def utf16(point: int) -> str:
        text = _SOURCES.get((face, point)) or chr(point)
        return text.encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{utf16(point)}>" for code, point in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@lru_cache(maxsize=4096)
def _shape(name: str, text: str, rtl: bool) -> str:
    """`text` shaped by HarfBuzz in font `name`, as characters in visual (left-to-right) order."""
    font = _fonts()[name]
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    # Variation selectors and joiners must take no room once they have done their work.
    buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    hb.shape(font.hb_font, buffer, _FEATURES)
    infos = buffer.glyph_infos
    ends = dict(itertools.pairwise([*sorted({info.cluster for info in infos}), len(text)]))
    clusters: dict[int, list[int]] = {}
    for index, info in enumerate(infos):
        clusters.setdefault(info.cluster, []).append(index)
    chars = [""] * len(infos)
    for cluster, indices in clusters.items():
        source = rest = text[cluster:ends[cluster]]
        private = []
        for index in indices:
            gid = infos[index].codepoint
            if gid == 0:
                # An invisible joiner the font lacks is dropped; anything else is left for the
                # coverage tests to see rather than hidden.
                chars[index] = "" if all(_invisible(c) for c in source) else source
                continue
            char = chars[index] = _glyph_char(font, gid, source)
            if ord(char) >= _PRIVATE:
                private.append(ord(char))
            else:
                rest = rest.replace(char, "", 1)
        # Copying or searching the PDF gives back what was typed (a conjunct, a ZWJ family):
        # the cluster's text, less what its other glyphs already stand for.
        face = font.ttf.face.name
        for point in private:
            known = _SOURCES.get((face, point), "")
            if known and known in rest:
                rest = rest.replace(known, "", 1)
        unknown = [point for point in private if (face, point) not in _SOURCES]
        if unknown and rest:
            _SOURCES[(face, unknown[0])] = rest
    return "".join(chars)


def _invisible(char: str) -> bool:
    """A character that only steers layout (joiners, bidi marks, variation selectors)."""
    point = ord(char)
    return (char in _JOINERS or unicodedata.category(char) == "Cf" or 0xFE00 <= point <= 0xFE0F
            or 0xE0100 <= point <= 0xE01EF)


def _unshaped(name: str, text: str, rtl: bool) -> str:
    # Layout controls the font lacks would print as boxes; they have done their work here.
    cover = _fonts()[name].cover
    text = "".join(c for c in text if ord(c) in cover or not _invisible(c))
    if rtl:
        return "".join(MIRRORED.get(c, c) for c in reversed(text))
    return text


def _reorder(runs: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Rule L2 on whole runs: each run's own characters are already in visual order."""
    levels = [level for level, _, _ in runs]
    lowest_odd = min((lv for lv in levels if lv % 2), default=None)
    if lowest_odd is None:
        return runs
    runs = list(runs)
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index][0] >= level:
                end = index
                while end < len(runs) and runs[end][0] >= level:
                    end += 1
                runs[index:end] = reversed(runs[index:end])
                index = end
            else:
                index += 1
    return runs


@lru_cache(maxsize=8192)
def visual_runs(text: str, base: str | None = None) -> tuple[tuple[str, str], ...]:
    """Cleaned one-line `text` as (font name, characters) runs in visual order, ready to draw.

    `base` is the paragraph's direction, "L" or "R"; by default its first strong character's.
    """
    fonts = _fonts()
    chosen = _choose(text, fonts)
    levels = _levels(text, base) \
        if base == "R" or any(unicodedata.bidirectional(c) in _RTL_TYPES for c in text) \
        else [0] * len(text)
    logical: list[tuple[int, str, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or chosen[index] != chosen[start] or levels[index] != levels[start]:
            name, level, part = chosen[start], levels[start], text[start:index]
            rtl = bool(level % 2)
            shaped = _shape(name, part, rtl) if fonts[name].shaped else _unshaped(name, part, rtl)
            if shaped:
                logical.append((level, name, shaped))
            start = index
    merged: list[tuple[str, str]] = []
    for _, name, part in _reorder(logical):
        if merged and merged[-1][0] == name:
            merged[-1] = (name, merged[-1][1] + part)
        else:
            merged.append((name, part))
    return tuple(merged)


def laid_out_as_typed(text: str) -> bool:
    """Whether markup() keeps every character of `text` as typed and in order: nothing
    right-to-left, nothing shaped (so no joined forms, conjuncts or emoji sequences)."""
    text = clean_text(text).replace("\n", " ")
    if text.isascii():
        return True
    if any(unicodedata.bidirectional(c) in _RTL_TYPES for c in text):
        return False
    fonts = _fonts()
    return not any(fonts[name].shaped for name in _choose(text, fonts)) and \
        not any(_invisible(c) for c in text)


def markup(text: str, base: str | None = None) -> str:
    """One line of user text as Paragraph markup: escaped, in visual order, each run in a font
    that has it (the paragraph's own font for DejaVu's runs, so bold stays bold).

    A right-to-left paragraph that wraps needs `paragraph()`, which breaks its lines first."""
    register_fonts()
    text = clean_text(text).replace("\n", " ")
    if text.isascii():
        return escape(text)  # DejaVu has every printable ASCII character
    parts = []
    for name, part in visual_runs(text, base):
        escaped = escape(part)
        parts.append(escaped if name == SANS else f'<font name="{name}">{escaped}</font>')
    return "".join(parts)


# -- documents and charts ----------------------------------------------------------------------


#: A TableStyle command: a Table sets each cell's font, Helvetica unless told, even for Paragraphs.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), SANS)


def document_fonts(size: float = 10, leading: float | None = None) -> dict[str, object]:
    """Keyword arguments for a DocTemplate or Canvas: without them every page names Helvetica,
    which is never embedded, as the font it starts in."""
    register_fonts()
    return {"initialFontName": SANS, "initialFontSize": size,
            "initialLeading": leading if leading is not None else size * 1.2}




def chart_fonts(drawing, bold: Iterable[str] = ()):
    """`drawing` with every string in a shipped, embedded font and any script laid out.

    ReportLab's charts default to Helvetica, which is never embedded; this turns each chart in
    the drawing into its plain shapes and replaces each string by one string per font run.
    Changes and returns `drawing`.
    """
    from reportlab.graphics.shapes import Group, String, UserNode
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    bold = set(bold)

    def fix(group) -> None:
        for index, child in enumerate(group.contents):
            if isinstance(child, UserNode):
                child = group.contents[index] = child.provideNode()
            if isinstance(child, Group):
                fix(child)
            elif isinstance(child, String):
                group.contents[index] = _string_runs(child, bold, Group, String, stringWidth)

    fix(drawing)
    drawing.initialFontName = SANS  # the renderer starts a drawing in it, else Helvetica
    return drawing


def _string_runs(string, bold, group_class, string_class, string_width):
    base = SANS_BOLD if (string.fontName in bold or "Bold" in string.fontName) else SANS
    text = clean_text(string.text).replace("\n", " ")
    runs = (((base, text),) if text.isascii()
            else tuple((base if name == SANS else name, part) for name, part in visual_runs(text)))
    size = string.fontSize
    widths = [string_width(part, name, size) for name, part in runs]
    total = sum(widths)
    anchor = getattr(string, "textAnchor", "start")
    x = string.x - (total if anchor == "end" else total / 2 if anchor == "middle" else 0)
    group = group_class()
    for (name, part), width in zip(runs, widths, strict=True):
        group.add(string_class(x, string.y, part, fontName=name, fontSize=size,
                               fillColor=string.fillColor, textAnchor="start"))
        x += width
    return group


# -- form fields ------------------------------------------------------------------------------


def form_textfield(canvas, **kwargs) -> None:
    """`canvas.acroForm.textfield(**kwargs)` in PartnerDesk Form Sans, embedded in the file.

    ReportLab's form fields only name the 14 standard fonts, which a PDF never embeds. This one
    embeds a small WinAnsi font whole (not subset), so a reader types any Western European
    character in it and every font in the file is still embedded.
    """
    form = canvas.acroForm
    if not getattr(form, "_partnerdesk_font", None):
        form._partnerdesk_font = _form_font_ref(canvas._doc)
        standard = form.makeFont

        def make_font(font_name):
            if font_name != FORM_FONT:
                return standard(font_name)
            form.fonts[FORM_FONT] = form._partnerdesk_font
            return form._partnerdesk_font, FORM_FONT

        form.makeFont = make_font
    kwargs.pop("fontName", None)
    form.textfield(fontName=FORM_FONT, **kwargs)


@cache
def _form_font_program() -> tuple[bytes, TTFont]:
    path = resource_path("fonts", "PartnerDeskFormSans.ttf")
    return path.read_bytes(), TTFont(FORM_FONT, str(path))


def _form_font_ref(doc) -> str:
    program, ttf = _form_font_program()
    face = ttf.face
    font_file = pdfdoc.PDFStream()
    font_file.content = program
    font_file.dictionary["Length1"] = len(program)
    if doc.compression:
        font_file.filters = [pdfdoc.PDFZCompress]
    widths = []
    for code in range(32, 256):
        try:
            point = ord(bytes([code]).decode("cp1252"))
        except UnicodeDecodeError:
            point = 0
        widths.append(face.charWidths.get(point, 0) if point else 0)
    descriptor = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("FontDescriptor"),
        "FontName": pdfdoc.PDFName(FORM_FONT),
        "Flags": 32,  # non-symbolic: WinAnsi codes map to glyphs through the Unicode cmap
        "FontBBox": pdfdoc.PDFArray(face.bbox),
        "ItalicAngle": face.italicAngle,
        "Ascent": face.ascent,
        "Descent": face.descent,
        "CapHeight": face.capHeight,
        "StemV": face.stemV,
        "FontFile2": doc.Reference(font_file),
    })
    font = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Font"),
        "Subtype": pdfdoc.PDFName("TrueType"),
        "BaseFont": pdfdoc.PDFName(FORM_FONT),
        "FirstChar": 32,
        "LastChar": 255,
        "Widths": pdfdoc.PDFArray(widths),
        "Encoding": pdfdoc.PDFName("WinAnsiEncoding"),
        "FontDescriptor": doc.Reference(descriptor),
    })
    return asNative(doc.Reference(font).format(doc))


# -- paragraphs that may run right to left ----------------------------------------------------


def paragraph(text: str, style) -> Flowable:
    """User text as a flowable: a `Paragraph` of `markup(text)`, or, when the text runs right to
    left, one that breaks lines in reading order and sets each line from the right.

    `Paragraph` breaks the visual (reordered) text from the left, so a wrapped Arabic or Hebrew
    paragraph would print its last line first.
    """
    text = clean_text(text).replace("\n", " ")
    if text.isascii() or get_base_level(text) == 0:
        return Paragraph(markup(text), style)
    return RightToLeft(text, style)


class RightToLeft(Flowable):
    """Right-to-left user text: lines broken in logical order, each reordered on its own and set
    flush right (or centred, if the style centres)."""

    def __init__(self, text: str, style):
        super().__init__()
        self.text, self.style = text, style
        self._lines: list[Paragraph] = []

    def _break(self, width: float) -> list[str]:
        size = self.style.fontSize
        space = pdfmetrics.stringWidth(" ", self.style.fontName, size)
        lines: list[list[str]] = []
        used = 0.0
        for word in self.text.split():
            wide = sum(pdfmetrics.stringWidth(part, self.style.fontName if name == SANS else name, size)
                       for name, part in visual_runs(word, "R"))
            if lines and used + space + wide <= width:
                lines[-1].append(word)
                used += space + wide
            else:
                lines.append([word])
                used = wide
        return [" ".join(words) for words in lines]

    def wrap(self, avail_width, avail_height):
        align = TA_CENTER if self.style.alignment == TA_CENTER else TA_RIGHT
        line_style = ParagraphStyle(f"{self.style.name}-line", self.style, alignment=align,
                                    spaceBefore=0, spaceAfter=0)
        self._lines = [Paragraph(markup(line, "R"), line_style) for line in self._break(avail_width)]
        self.width = avail_width
        self.height = sum(line.wrap(avail_width, avail_height)[1] for line in self._lines)
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        used, count = 0.0, 0
        for line in self._lines:
            if used + line.height > avail_height:
                break
            used += line.height
            count += 1
        if count in (0, len(self._lines)):
            return []
        texts = self._break(avail_width)
        head = ParagraphStyle(f"{self.style.name}-head", self.style, spaceAfter=0)
        tail = ParagraphStyle(f"{self.style.name}-tail", self.style, spaceBefore=0)
        return [RightToLeft(" ".join(texts[:count]), head), RightToLeft(" ".join(texts[count:]), tail)]

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def draw(self):
        y = self.height
        for line in self._lines:
            y -= line.height
            line.drawOn(self.canv, 0, y)
