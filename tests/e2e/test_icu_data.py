"""packaging/icu_data.py: the bundle's smaller ICU data library reads as the full one for every
ICU service Qt calls (collation, case mapping, time-zone names, converters)."""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICU = runpy.run_path(str(ROOT / "packaging" / "icu_data.py"))


def _qt_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found or not all(shutil.which(tool) for tool in ("as", "ld", "nm")):
        pytest.skip("only Linux wheels carry ICU (and binutils builds the library)")
    return found[0]


# Sorting, casing and time-zone names in a spread of locales and scripts, and every converter
# Qt lists: what QtCore asks ICU for.
PROBE = r"""
import functools
from PySide6.QtCore import QCollator, QLocale, QStringConverter, QStringDecoder, QTimeZone
words = ["Zoë", "zebra", "Ångström", "Äpfel", "ñandú", "İstanbul", "ıssız", "file10", "file9",
         "ch", "cz", "ll", "ö", "oe", "ß", "ss", "Ωmega", "Жук", "日本", "中国", "한국", "ไทย", "عربي"]
for name in ["en_GB", "de_DE", "sv_SE", "es_ES", "cs_CZ", "tr_TR", "el_GR", "lt_LT", "cy_GB",
             "ru_RU", "ar_EG", "he_IL", "hi_IN", "th_TH", "ja_JP", "zh_CN", "zh_TW", "ko_KR"]:
    locale = QLocale(name)
    collator = QCollator(locale)
    collator.setNumericMode(True)
    line = [name, "|".join(sorted(words, key=functools.cmp_to_key(collator.compare))),
            locale.toUpper("istanbul straße ΐ"), locale.toLower("İSTANBUL ΣΑΣ")]
    for zone in (b"Europe/London", b"America/New_York", b"Asia/Kolkata"):
        for kind in (QTimeZone.StandardTime, QTimeZone.DaylightTime, QTimeZone.GenericTime):
            line.append(QTimeZone(zone).displayName(kind, QTimeZone.LongName, locale))
    print(" ¦ ".join(line))
for codec in QStringConverter.availableCodecs():
    print(codec, QStringDecoder(codec).isValid())
"""


def _probe(library_dir: Path | None) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if library_dir is not None:
        env["LD_LIBRARY_PATH"] = str(library_dir)  # searched before QtCore's RUNPATH
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_rewriting_the_package_with_every_item_gives_back_the_same_bytes():
    source = _qt_icu_data()
    library = source.read_bytes()
    size = ICU["_symbol_size"](source, f"icudt{source.name.rsplit('.', 1)[1]}_dat")
    header, items = ICU["read_package"](library, size)
    start = ICU["_find_package"](library)
    assert ICU["write_package"](header, items) == library[start:start + size]


def test_the_smaller_library_drops_only_data_qt_cannot_reach_and_answers_qt_alike(tmp_path):
    source = _qt_icu_data()
    trimmed = ICU["trimmed_library"](source, tmp_path / "icu")
    assert trimmed.name == source.name
    assert trimmed.stat().st_size < source.stat().st_size * 0.6

    full = _probe(None)
    assert "Greenwich Mean Time" in full and "Shift_JIS True" in full
    assert _probe(trimmed.parent) == full


def test_the_probe_notices_when_data_qt_uses_is_missing(tmp_path, monkeypatch):
    """The comparison above can fail: without collation and time-zone names it differs."""
    source = _qt_icu_data()
    trimmed_library = ICU["trimmed_library"]
    monkeypatch.setitem(trimmed_library.__globals__, "DROPPED", re.compile(r"^(coll|zone)/"))
    trimmed = trimmed_library(source, tmp_path / "icu")
    assert _probe(trimmed.parent) != _probe(None)
