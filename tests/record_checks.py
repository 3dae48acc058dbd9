"""Checks shared by the PDF tests (the record's, any script's): a PDF's text, every font
embedded (also in form fields), qpdf --check."""

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


def pdf_fonts(reader: PdfReader) -> list[dict]:
    """Every font dictionary the pages, their XObjects, their form fields and the form use."""
    found: dict[int, dict] = {}

    def resources(res) -> None:
        if res is None:
            return
        res = res.get_object()
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            found[id(font)] = font
        for xobject in (res.get("/XObject") or {}).values():
            resources(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        resources(page.get("/Resources"))
        for annot in page.get("/Annots") or []:
            for appearance in (annot.get_object().get("/AP") or {}).values():
                appearance = appearance.get_object()
                resources(appearance.get("/Resources"))
    form = reader.trailer["/Root"].get("/AcroForm")
    if form is not None:
        resources(form.get_object().get("/DR"))
    return list(found.values())


def assert_all_embedded(data: bytes) -> list[dict]:
    """Every font the PDF names carries its program, and Helvetica is named nowhere."""
    fonts = pdf_fonts(PdfReader(io.BytesIO(data)))
    assert fonts
    for font in fonts:
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile2", "/FontFile3", "/FontFile"} & set(descriptor), font["/BaseFont"]
    assert b"Helvetica" not in data
    return fonts


def qpdf_check(data: bytes, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (.ci/run installs it)")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
