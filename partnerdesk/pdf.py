"""What every PDF shares: the shipped fonts, and user text made safe as ReportLab markup.

ReportLab's `Paragraph` parses markup, so raw user text could raise, change or open a file;
`markup()` escapes it and picks, for each run of characters, a shipped font that has them.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from partnerdesk.exports import clean_text
from partnerdesk.resources import resource_path

SANS = "PartnerDeskSans"
SANS_BOLD = "PartnerDeskSans-Bold"
#: Droid Sans Fallback: Chinese, Japanese and Korean, which DejaVu Sans lacks.
FALLBACK = "PartnerDeskFallback"


@cache
def register_fonts() -> tuple[frozenset[int], frozenset[int]]:
    """Register the shipped fonts once; returns the code points DejaVu and Droid each cover."""
    sans = TTFont(SANS, str(resource_path("fonts", "DejaVuSans.ttf")))
    bold = TTFont(SANS_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
    fallback = TTFont(FALLBACK, str(resource_path("fonts", "DroidSansFallbackFull.ttf")))
    for font in (sans, bold, fallback):
        pdfmetrics.registerFont(font)
    # No oblique faces are shipped: italic text prints upright rather than in a missing face.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK,
                                  boldItalic=FALLBACK)
    return frozenset(sans.face.charToGlyph), frozenset(fallback.face.charToGlyph)


def markup(text: str) -> str:
    """One line of user text as Paragraph markup: escaped, each run in a font that has it."""
    dejavu, droid = register_fonts()
    text = clean_text(text).replace("\n", " ")
    if text.isascii():
        return escape(text)  # DejaVu has every printable ASCII character
    runs: list[tuple[bool, list[str]]] = []
    for char in text:
        point = ord(char)
        # Spaces join whatever run they are in, so a name stays one run where it can.
        use_fallback = point not in dejavu and point in droid and not char.isspace()
        if runs and runs[-1][0] == use_fallback:
            runs[-1][1].append(char)
        else:
            runs.append((use_fallback, [char]))
    parts = []
    for use_fallback, chars in runs:
        escaped = escape("".join(chars))
        parts.append(f'<font name="{FALLBACK}">{escaped}</font>' if use_fallback else escaped)
    return "".join(parts)
