"""Exports: written whole, with the user's usual permissions, leaving nothing half-done behind."""

from __future__ import annotations

import os
import stat
import time
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerdesk import exports
from partnerdesk.errors import WriteFailed


@pytest.fixture
def umask():
    original = os.umask(0o022)
    os.umask(original)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(original)


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_an_export_gets_the_permissions_of_any_file_the_user_saves(tmp_path, umask, mask, mode):
    umask(mask)
    path = exports.write_atomically(tmp_path / "report.pdf", b"%PDF-1.4")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert exports.current_umask() == mask


def test_what_a_killed_export_left_behind_is_removed_by_the_next_export(tmp_path):
    stale = tmp_path / ".wall.png.k3j2h1.part"  # the temporary name write_atomically uses
    stale.write_bytes(b"half a PNG")
    old = time.time() - exports.STALE_PART_SECONDS - 60
    os.utime(stale, (old, old))
    recent = tmp_path / ".board.svg.a1b2c3.part"  # another export may still be writing this one
    recent.write_bytes(b"<svg")
    exports.write_atomically(tmp_path / "log.pdf", b"%PDF")
    assert not stale.exists()
    assert recent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".board.svg.a1b2c3.part", "log.pdf"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "folder-not-file"
    target.mkdir()
    with pytest.raises(WriteFailed):
        exports.write_atomically(target, b"x")  # replacing a folder with a file fails
    assert [p.name for p in tmp_path.iterdir()] == ["folder-not-file"]


def test_an_empty_render_is_a_failure_not_a_file(tmp_path):
    with pytest.raises(WriteFailed):
        exports.write_image(tmp_path / "wall.png", b"")
    assert not (tmp_path / "wall.png").exists()


@given(st.text())
def test_xml_text_is_always_valid_in_an_svg(text):
    from xml.sax.saxutils import escape

    ET.fromstring(f"<svg><text>{escape(exports.xml_text(text))}</text></svg>")


@given(st.text(min_size=1))
def test_safe_cell_never_starts_a_formula(text):
    assert exports.safe_cell(text)[0] not in "=+-@\t\r"


def test_csv_keeps_numbers_as_numbers_and_guards_text():
    data = exports.csv_bytes(["name", "score"], [["=HYPERLINK(1)", -3], ["Zoë", 7.5]])
    assert data.decode("utf-8-sig") == "name,score\r\n'=HYPERLINK(1),-3\r\nZoë,7.5\r\n"


def test_xml_text_keeps_exactly_the_characters_xml_allows():
    """XML 1.0's Char production, over every code point."""
    def allowed(c: int) -> bool:
        return (c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD
                or 0x10000 <= c <= 0x10FFFF)

    everything = "".join(map(chr, range(0x110000)))
    assert exports.xml_text(everything) == "".join(ch for ch in everything if allowed(ord(ch)))
