"""Help ▸ About's list of what is shipped, and the Linux desktop entry."""

from __future__ import annotations

import configparser

from partnerdesk import about
from partnerdesk.cli import main as command_line
from partnerdesk.desktop_entry import APP_ID, entry_text, exec_quote


def test_shipped_libraries_come_from_the_installed_distributions():
    shipped = {normal: s for s in about.libraries() if (normal := about.normalise(s.name))}
    assert "LGPL-3.0" in shipped["pyside6"].licence
    assert shipped["reportlab"].licence.startswith("BSD")
    assert shipped["sqlite-utils"].licence == "Apache-2.0"
    # Requirements of requirements are shipped too; pip (only for sqlite-utils' own installer) is not.
    assert "click" in shipped and "pillow" in shipped
    assert "pip" not in shipped and "pytest" not in shipped, "tools and test extras are not shipped"
    assert shipped["sqlite-utils"].text.strip(), "the licence text travels with the metadata"
    assert {"python", "sqlite"} <= set(shipped)


def test_fonts_are_listed_with_their_licence_files():
    fonts = {f.name.split(" (")[0]: f for f in about.fonts()}
    assert fonts["DejaVu fonts"].licence == "bitstream-vera"
    assert "DejaVuSans.ttf" in fonts["DejaVu fonts"].name
    assert fonts["Droid"].licence == "Apache-2"
    assert "Copyright" in fonts["Droid"].text


def test_exec_arguments_are_quoted_as_the_desktop_entry_specification_says():
    assert exec_quote("/opt/PartnerDesk/PartnerDesk") == "/opt/PartnerDesk/PartnerDesk"
    assert exec_quote("/home/jo/My apps/PartnerDesk") == '"/home/jo/My apps/PartnerDesk"'
    assert exec_quote('/a "b"$') == '"/a \\\\"b\\\\"\\\\$"'
    entry = configparser.ConfigParser(interpolation=None)
    entry.read_string(entry_text(["/home/jo/My apps/PartnerDesk"]))
    section = entry["Desktop Entry"]
    assert section["Exec"] == '"/home/jo/My apps/PartnerDesk" %f'
    assert section["Icon"] == APP_ID and section["Type"] == "Application"


def test_desktop_entry_command_adds_and_removes_the_entry_icons_and_metadata(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert command_line(["desktop-entry"]) == 0
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert "main.py %f" in entry.read_text(encoding="utf-8")
    assert (tmp_path / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").exists()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    assert command_line(["desktop-entry", "--remove"]) == 0
    assert not entry.exists() and not list(tmp_path.rglob("*.png"))
