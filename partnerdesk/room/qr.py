"""The join address as a QR code (segno: pure Python, no network, well kept)."""

from __future__ import annotations

import segno


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, row by row (True is dark), for drawing it at any size."""
    return [[bool(cell) for cell in row] for row in segno.make(text, error="m", micro=False).matrix]
