"""The join address as a QR code (segno: pure Python, no network, well kept)."""

from __future__ import annotations

import io

import segno


def qr_png(text: str, scale: int = 10) -> bytes:
    """A PNG of the QR code for `text`, black on white with the standard quiet zone."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(text: str, scale: int = 10) -> str:
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="svg", scale=scale, border=4, xmldecl=False)
    return buffer.getvalue().decode("utf-8")


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, row by row (True is dark), for drawing it at any size."""
    return [[bool(cell) for cell in row] for row in segno.make(text, error="m", micro=False).matrix]
