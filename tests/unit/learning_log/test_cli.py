"""`partnerdesk logs WORKSPACE --out DIR`: files, scopes, paper and exit statuses."""

from __future__ import annotations

import io
import os

from pypdf import PdfReader

from partnerdesk import records
from partnerdesk.cli import main
from partnerdesk.demo import CORNWALL_TITLE, ONE_DAY_TITLE
from partnerdesk.store import Workspace


def _pdfs(folder):
    return sorted(name for name in os.listdir(folder))


def test_everyone_one_pdf_each(demo_path, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["logs", str(demo_path), "--out", str(out)]) == 0
    with Workspace.open(demo_path, read_only=True) as ws:
        programme = next(p for p in records.programmes(ws) if p.title == CORNWALL_TITLE)
        expected = len([p for p in records.participants_of_programme(ws, programme.id)
                        if records.workshops_attended(ws, p.id)])
        one_day = next(w for w in records.workshops(ws, None) if w.title == ONE_DAY_TITLE)
        expected += len(records.attendees(ws, one_day.id))
    names = _pdfs(out)
    assert len(names) == expected
    assert all(n.startswith("Learning log - ") and n.endswith(".pdf") for n in names)
    assert "Learning log - Wang Fang (王芳).pdf" in names
    assert f"{expected} learning logs written" in capsys.readouterr().out


def test_workshop_scope_prints_only_that_workshop(demo_path, tmp_path):
    out = tmp_path / "session"
    title = "Session 3: The NHS Constitution"
    assert main(["logs", str(demo_path), "--out", str(out), "--workshop", title, "--letter"]) == 0
    names = _pdfs(out)
    assert len(names) == 26
    reader = PdfReader(io.BytesIO((out / names[0]).read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Session 3" in text and "Session 1:" not in text and "Session 6" not in text
    assert round(float(reader.pages[0].mediabox.height)) == 792


def test_programme_scope_and_fillable(demo_path, tmp_path):
    out = tmp_path / "programme"
    assert main(["logs", str(demo_path), "--out", str(out), "--programme", CORNWALL_TITLE,
                 "--fillable"]) == 0
    names = _pdfs(out)
    assert len(names) == 30 and "Learning log - Zoë Harding.pdf" not in names
    reader = PdfReader(io.BytesIO((out / "Learning log - Alison Trewin.pdf").read_bytes()))
    assert reader.get_fields()


def test_unknown_title_fails_clearly_and_writes_nothing(demo_path, tmp_path, capsys):
    out = tmp_path / "none"
    assert main(["logs", str(demo_path), "--out", str(out), "--workshop", "Session 99"]) == 1
    err = capsys.readouterr().err
    assert "no workshop called “Session 99”" in err and ONE_DAY_TITLE in err
    assert not out.exists()
    assert main(["logs", str(demo_path), "--out", str(out), "--programme", "Nowhere"]) == 1
    assert "no programme called “Nowhere”" in capsys.readouterr().err


def test_missing_workspace_and_bad_file(tmp_path, capsys):
    assert main(["logs", str(tmp_path / "absent.partnerdesk"), "--out", str(tmp_path / "o")]) == 2
    bad = tmp_path / "bad.partnerdesk"
    bad.write_bytes(b"")
    assert main(["logs", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "not a PartnerDesk workspace" in capsys.readouterr().err


def test_nobody_attended(tmp_path, capsys):
    path = tmp_path / "empty.partnerdesk"
    Workspace.open(path).close()
    assert main(["logs", str(path), "--out", str(tmp_path / "o")]) == 0
    assert "no learning logs to print" in capsys.readouterr().out


def test_workspace_is_not_changed(demo_path, tmp_path):
    before = demo_path.read_bytes()
    assert main(["logs", str(demo_path), "--out", str(tmp_path / "o"), "--workshop", ONE_DAY_TITLE]) == 0
    assert demo_path.read_bytes() == before


def test_out_that_is_a_file_fails_with_a_message(demo_path, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert main(["logs", str(demo_path), "--out", str(blocker)]) == 2
    assert "folder could not be created" in capsys.readouterr().err
    assert blocker.read_text() == "x"
