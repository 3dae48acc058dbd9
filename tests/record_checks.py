"""Checks shared by the record's tests: a PDF's text, every font embedded, qpdf --check."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fonts(reader: PdfReader) -> list:
    fonts, seen = [], set()

    def visit(resources):
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                fonts.append(font)
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    form = reader.trailer["/Root"].get("/AcroForm")
    if form is not None:
        visit(form.get_object().get("/DR"))
    return fonts


def assert_all_embedded(data: bytes) -> None:
    """Every font the PDF names carries its program, and Helvetica is named nowhere."""
    fonts = _fonts(PdfReader(io.BytesIO(data)))
    assert fonts
    for font in fonts:
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile2", "/FontFile3", "/FontFile"} & set(descriptor), font["/BaseFont"]
    assert b"Helvetica" not in data


def qpdf_check(data: bytes, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (.ci/run installs it)")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
