"""The demo's reports, written once per module, and ways to read a PDF back."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from partnerdesk import records
from partnerdesk.demo import CORNWALL_TITLE, ONE_DAY_TITLE
from partnerdesk.report import programme_report, workshop_report
from partnerdesk.store import Workspace

#: The fonts every PDF viewer has, which a PDF may name without embedding them.
BASE_14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
           "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
           "Times-BoldItalic", "Symbol", "ZapfDingbats"}


def pdf_text(data: bytes) -> str:
    """Every page's text, with runs of white space made one space (lines wrap anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _fonts(resources, seen: dict) -> None:
    resources = resources.get_object() if resources is not None else None
    if not resources:
        return
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        seen[font.get("/BaseFont")] = font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            _fonts(xobject["/Resources"], seen)


def fonts_of(data: bytes) -> dict:
    """Every font any page (or form on it) names: base font name -> font dictionary."""
    seen: dict = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        _fonts(page.get("/Resources"), seen)
    return seen


def unembedded_fonts(data: bytes) -> list[str]:
    """Fonts named but not carried in the file (a TrueType font needs its /FontFile2)."""
    missing = []
    for name, font in fonts_of(data).items():
        base = str(name).lstrip("/").split("+")[-1]
        if base in BASE_14:
            missing.append(base)
            continue
        descriptor = font.get("/FontDescriptor")
        if font.get("/Subtype") == "/Type0":
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        if not any(key in descriptor for key in ("/FontFile2", "/FontFile", "/FontFile3")):
            missing.append(base)
    return missing


def qpdf_check(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (.ci/run installs it)")
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    return subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def demo_reports(demo_template: Path) -> dict[str, bytes]:
    """The demo's Collaborative Working report and the Cornwall programme report."""
    with Workspace.open(demo_template, create=False, read_only=True) as ws:
        day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
        cornwall = next(p for p in records.programmes(ws) if p.title == CORNWALL_TITLE)
        return {"workshop": workshop_report(ws, day.id, invariant=True),
                "programme": programme_report(ws, cornwall.id, invariant=True)}


@pytest.fixture(scope="module")
def demo_texts(demo_reports: dict[str, bytes]) -> dict[str, str]:
    return {name: pdf_text(data) for name, data in demo_reports.items()}
