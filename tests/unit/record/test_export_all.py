"""Export everything: a workshop's and a programme's record in a folder, read back file by file."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from partnerdesk import demo, records
from partnerdesk.behaviours_audit import values as audit_values
from partnerdesk.cli import main
from partnerdesk.export_all.folder import README, ExportCancelled, export_programme, export_workshop
from partnerdesk.learning_log.export import render_learning_log
from partnerdesk.learning_log.operations import save_log
from partnerdesk.learning_log.values import log_book, log_template
from tests.record_checks import assert_all_embedded, pdf_text, qpdf_check, squash

PHRASE = "Quokka-Zanzibar-7781 my private reflection"


def _workshop(ws, title=demo.ONE_DAY_TITLE) -> records.Workshop:
    return next(w for w in records.all_workshops(ws) if w.title == title)


def _programme(ws) -> records.Programme:
    return next(p for p in records.programmes(ws) if p.title == demo.CORNWALL_TITLE)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_a_workshop_folder_holds_every_file_and_the_readme_names_each(demo_ws, tmp_path):
    ws = demo_ws
    workshop = _workshop(ws)
    out = tmp_path / "export"
    written = export_workshop(ws, workshop.id, out)
    files = _files(out)
    assert sorted(f.path for f in written) == files
    names = [f.name for f in files]
    assert "Collaborative Working report.pdf" in names
    assert {"Attendance.csv", "Agenda.csv", README} <= set(names)
    # Every board and wall of the workshop has its CSV, PDF, SVG and PNG.
    for exercise in records.exercises(ws, workshop.id):
        if exercise.kind in ("quadrant_board", "post_it_wall"):
            stems = [n for n in names if exercise.title.split(":")[0] in n]
            assert {Path(n).suffix for n in stems} >= {".csv", ".pdf", ".svg", ".png"}, exercise.title
    readme = (out / README).read_text(encoding="utf-8-sig")
    for path in files:
        if path.name != README:
            assert path.relative_to(out).as_posix() in readme, path
    assert "Learning logs are not in this folder" in readme
    attendance = _csv(out / "Attendance.csv")
    assert attendance[0] == ["name", "organisation", "role", "side"]
    assert len(attendance) - 1 == len(records.attendees(ws, workshop.id))
    agenda = _csv(out / "Agenda.csv")
    assert [row[2] for row in agenda[1:]] == [i.title for i in records.agenda(ws, workshop.id)]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary leftovers


def test_every_file_is_valid_and_every_pdf_font_embedded(demo_ws, tmp_path):
    out = tmp_path / "export"
    export_workshop(demo_ws, _workshop(demo_ws).id, out)
    seen = set()
    for path in _files(out):
        data = path.read_bytes()
        seen.add(path.suffix)
        if path.suffix == ".pdf":
            assert_all_embedded(data)
            qpdf_check(data, tmp_path)
        elif path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
        elif path.suffix == ".svg":
            assert ET.fromstring(data).tag.endswith("svg")
        elif path.suffix == ".csv":
            assert data.startswith(b"\xef\xbb\xbf") and len(_csv(path)) >= 1
    assert seen == {".pdf", ".png", ".svg", ".csv", ".txt"}


def test_board_csv_names_each_items_quadrant(demo_ws, tmp_path):
    out = tmp_path / "export"
    export_programme(demo_ws, _programme(demo_ws).id, out)
    boards = [p for p in _files(out) if "Purpose of partnership" in p.name and p.suffix == ".csv"]
    assert boards
    rows = [row for board in boards for row in _csv(board)[1:]]
    assert rows and {row[4] for row in rows} <= {"Competition", "Co-operation", "Co-ordination",
                                                  "Co-evolution", ""}
    assert {row[4] for row in rows} - {""}


def test_a_programme_folder_has_attendance_across_sessions_and_a_folder_per_session(
        demo_ws, tmp_path):
    out = tmp_path / "export"
    export_programme(demo_ws, _programme(demo_ws).id, out)
    assert (out / "NHS Partners in Cornwall report.pdf").is_file()
    table = _csv(out / "Attendance.csv")
    assert table[-1][0] == "Total"
    assert [int(n) for n in table[-1][4:-1]] == list(demo.CORNWALL_ATTENDANCE)  # 22, 24, 26 …
    sessions = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len(sessions) == 6 and sessions[0].startswith("01 Session 1")
    assert all((out / s / "Agenda.csv").is_file() and (out / s / "Attendance.csv").is_file()
               for s in sessions)
    readme = (out / README).read_text(encoding="utf-8-sig")
    assert f"{sessions[0]}/Attendance.csv" in readme


def test_audit_responses_only_at_or_above_the_minimum(demo_ws, tmp_path):
    ws = demo_ws
    programme = _programme(ws)
    audits = [e for w in records.workshops(ws, programme.id) for e in records.exercises(ws, w.id)
              if e.kind == "behaviours_audit"]
    found = audit_values.round_for_exercise(ws, audits[0].id)
    answered = audit_values.response_count(ws, found.id)
    out = tmp_path / "first"
    export_programme(ws, programme.id, out)
    csvs = [p for p in _files(out) if p.suffix == ".csv" and "audit" in p.name.casefold()]
    assert csvs and len(_csv(csvs[0])) - 1 == answered
    # Raise the minimum above the responses: the CSV goes, and the README says why.
    ws.update("audit_rounds", found.id, {"minimum_responses": answered + 1})
    out = tmp_path / "second"
    export_programme(ws, programme.id, out)
    session = [p for p in _files(out) if p.suffix == ".csv" and audits[0].title.split(":")[0] in p.name]
    assert all(audits[0].title not in p.read_text(encoding="utf-8-sig") for p in session)
    assert len([p for p in _files(out) if "audit" in p.name.casefold()]) == len(csvs) - 1
    readme = (out / README).read_text(encoding="utf-8-sig")
    assert f"below the minimum of {answered + 1}" in readme


def test_no_learning_log_text_in_any_exported_file(demo_ws, tmp_path):
    ws = demo_ws
    workshop = _workshop(ws)
    person = records.attendees(ws, workshop.id)[0]
    save_log(ws, person.id, workshop.id, reflect=PHRASE, notes=PHRASE)
    programme = _programme(ws)
    session = records.workshops(ws, programme.id)[0]
    cornish = records.attendees(ws, session.id)[0]
    save_log(ws, cornish.id, session.id, plan=PHRASE)
    # The check can see the phrase where it is: in that participant's own log.
    own = render_learning_log(log_book(ws, person.id), log_template())
    assert squash(PHRASE) in squash(pdf_text(own))
    export_workshop(ws, workshop.id, tmp_path / "workshop")
    export_programme(ws, programme.id, tmp_path / "programme")
    files = _files(tmp_path / "workshop") + _files(tmp_path / "programme")
    assert len(files) > 30
    for path in files:
        data = path.read_bytes()
        for needle in ("Quokka", "Zanzibar-7781", "private reflection"):
            assert needle.encode() not in data, path
            assert needle.encode("utf-16-be") not in data, path
        if path.suffix == ".pdf":
            assert "Zanzibar" not in pdf_text(data), path


def test_progress_can_stop_the_export(demo_ws, tmp_path):
    calls = []

    def progress(done, total, what):
        calls.append((done, total, what))
        return done < 3

    with pytest.raises(ExportCancelled):
        export_workshop(demo_ws, _workshop(demo_ws).id, tmp_path / "out", progress)
    assert [c[0] for c in calls] == [0, 1, 2, 3]
    assert calls[0][1] > 4 and not (tmp_path / "out" / README).exists()


def test_the_export_command(demo_path, tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["export", str(demo_path), "--workshop", "collaborative working", "--out", str(out)]) == 0
    assert "files written to" in capsys.readouterr().out
    assert (out / README).is_file() and (out / "Collaborative Working report.pdf").is_file()
    assert main(["export", str(demo_path), "--programme", "Nowhere", "--out", str(out)]) == 1
    assert "no programme called “Nowhere”" in capsys.readouterr().err
