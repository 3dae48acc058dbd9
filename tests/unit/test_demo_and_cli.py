"""The demo workspace and the command line."""

from __future__ import annotations

import pytest

from partnerdesk import records
from partnerdesk.cli import main
from partnerdesk.demo import CORNWALL_ATTENDANCE, CORNWALL_TITLE, ONE_DAY_TITLE
from partnerdesk.store import Workspace


def test_demo_has_cornwall_programme_and_one_day_workshop(demo_path):
    with Workspace.open(demo_path, read_only=True) as ws:
        programme = next(p for p in records.programmes(ws) if p.title == CORNWALL_TITLE)
        sessions = records.workshops(ws, programme.id)
        assert len(sessions) == 6
        assert sessions[0].date.startswith("2009-10") and sessions[-1].date.startswith("2010-03")
        counts = [len(records.attendee_ids(ws, s.id)) for s in sessions]
        assert counts == list(CORNWALL_ATTENDANCE)
        assert counts[0] == 22 and max(counts) == 26 and counts[-1] == 18
        sides = {p.side for p in records.participants_of_programme(ws, programme.id)}
        assert sides == {"management", "staff side"}
        one_day = next(w for w in records.workshops(ws, None) if w.title == ONE_DAY_TITLE)
        agenda = records.agenda(ws, one_day.id)
        assert (agenda[0].start_time, agenda[0].title) == ("09:30", "Registration and Refreshment")
        assert (agenda[-1].start_time, agenda[-1].title) == ("16:00", "Close")


def test_cli_demo_then_check(tmp_path, capsys):
    path = tmp_path / "demo.partnerdesk"
    assert main(["demo", str(path)]) == 0
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "schema version" in out and out.strip().endswith("ok")


def test_cli_demo_never_overwrites(tmp_path, capsys):
    path = tmp_path / "mine.partnerdesk"
    path.write_text("precious")
    assert main(["demo", str(path)]) == 2
    assert path.read_text() == "precious"
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 10])
def test_cli_check_refuses_bad_files(tmp_path, capsys, content):
    path = tmp_path / "bad.partnerdesk"
    path.write_bytes(content)
    assert main(["check", str(path)]) != 0
    assert "not a PartnerDesk workspace" in capsys.readouterr().err
