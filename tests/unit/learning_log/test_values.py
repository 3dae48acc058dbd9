"""Learning logs as values: what is stored, what gets printed for whom, file names, writing PDFs,
and the privacy rule that nothing else reads the logs table."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerdesk import records
from partnerdesk.errors import WriteFailed
from partnerdesk.exports import safe_file_stem, write_atomically
from partnerdesk.learning_log import export
from partnerdesk.learning_log.export import distinct_file_names
from partnerdesk.learning_log.operations import save_log
from partnerdesk.learning_log.values import FIELDS, STEPS, TABLE, log_book, printed_date
from partnerdesk.resources import template, templates_of_kind
from partnerdesk.store import Workspace

ROOT = Path(__file__).resolve().parents[3]


def test_template_holds_the_workbook_wording():
    found = template("learning-log")
    assert found.kind == "learning_log"
    assert [t.id for t in templates_of_kind("learning_log")] == ["learning-log"]
    steps = {s["field"]: s for s in found["steps"]}
    assert list(steps) == list(STEPS)
    assert steps["experience"]["heading"] == "EXPERIENCE"
    assert steps["experience"]["prompt"] == "What main areas of Content were covered and how?"
    assert steps["reflect"]["prompt"] == "What are the main learning points for you?"
    assert steps["conclude"]["prompt"].startswith("What conclusions have you reached")
    assert steps["plan"]["prompt"].endswith("What actions do you plan to take? And when?")
    assert "CONFIDENTIAL TO YOU" in found["confidential"]
    assert found["notes_heading"] == "ADDITIONAL PAGES FOR YOUR NOTES"


def test_log_book_has_every_workshop_attended_in_date_order(workspace, programme):
    ws = workspace
    save_log(ws, programme["ann"], programme["second"], conclude="Listen more", notes="N")
    book = log_book(ws, programme["ann"])
    assert book.participant == "Ann" and book.programme == "NHS Partners in Cornwall"
    assert [w.title for w in book.workshops] == ["Session 1", "Session 2"]
    assert book.workshops[0].date == "14 October 2009" and book.workshops[1].venue == "Bodmin"
    assert book.workshops[0].answers == dict.fromkeys(STEPS, "")
    assert book.workshops[1].answers["conclude"] == "Listen more"
    assert book.workshops[1].notes == "N"
    only = log_book(ws, programme["ann"], [programme["second"]])
    assert [w.title for w in only.workshops] == ["Session 2"]


def test_standalone_workshop_participant_has_the_workshop_as_programme(workspace):
    ws = workspace
    workshop_id = ws.insert("workshops", {"title": "Collaborative Working", "date": "bad date"})
    person = ws.insert("participants", {"workshop_id": workshop_id, "name": "Zoë"})
    ws.insert("attendance", {"workshop_id": workshop_id, "participant_id": person})
    book = log_book(ws, person)
    assert book.programme == "Collaborative Working"
    assert book.workshops[0].date == "bad date"


def test_printed_date():
    assert printed_date("2010-03-10") == "10 March 2010"
    assert printed_date("") == ""
    assert printed_date("next Tuesday") == "next Tuesday"


def test_jobs_by_scope_and_title(workspace, programme):
    ws = workspace
    by_workshop = export.jobs_for_workshop(ws, programme["first"])
    assert [(j.participant, j.workshop_ids) for j in by_workshop] == [("Ann", (programme["first"],))]
    by_programme = export.jobs_for_title(ws, programme="NHS Partners in Cornwall")
    assert [(j.participant, j.workshop_ids) for j in by_programme] == [("Ann", None), ("Bob", None)]
    assert [j.participant for j in export.jobs_for_title(ws, workshop="session 2")] == ["Ann", "Bob"]
    assert len(export.jobs_for_title(ws)) == 2
    with pytest.raises(export.UnknownTitleError, match="no workshop called “Session 9”"):
        export.jobs_for_title(ws, workshop="Session 9")
    with pytest.raises(export.UnknownTitleError, match="Session 1"):
        export.jobs_for_title(ws, workshop="Session 9")
    with pytest.raises(export.UnknownTitleError):
        export.jobs_for_title(ws, programme="Nowhere")


def test_people_who_attended_nothing_get_no_pdf(workspace, programme):
    workspace.insert("participants", {"programme_id": programme["programme"], "name": "Cat"})
    names = [j.participant for j in export.jobs_for_programme(workspace, programme["programme"])]
    assert names == ["Ann", "Bob"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zoë Harding", "Zoë Harding"),
        ("../../etc/passwd", "etc passwd"),
        ('A<b>:"c"|d?*', "A b c d"),
        ("C:\\Users\\x", "C Users x"),
        ("tab\there\nnew", "tab here new"),
        ("", "participant"),
        ("...", "participant"),
        ("CON", "participant CON"),
        ("王芳", "王芳"),
    ],
)
def test_safe_file_stem(name, expected):
    assert safe_file_stem(name) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=8))
def test_file_names_are_safe_and_distinct(names):
    found = distinct_file_names(names)
    assert len({n.casefold() for n in found}) == len(names)
    for name in found:
        assert name.endswith(".pdf") and name.startswith("Learning log - ")
        assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
        assert len(name.encode("utf-8")) < 255
        assert name not in (".", "..")


def test_same_names_are_numbered():
    assert distinct_file_names(["Sam Rowe", "sam rowe", "Sam/Rowe", "Sam Rowe"]) == [
        "Learning log - Sam Rowe.pdf", "Learning log - sam rowe (2).pdf",
        "Learning log - Sam Rowe (3).pdf", "Learning log - Sam Rowe (4).pdf",
    ]


def test_write_atomically_replaces_whole_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "log.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert os.listdir(tmp_path) == ["log.pdf"]
    with pytest.raises(WriteFailed):
        write_atomically(tmp_path / "missing" / "log.pdf", b"x")


def test_write_pdfs_stops_when_progress_says_so(workspace, programme, tmp_path):
    jobs = export.jobs_for_programme(workspace, programme["programme"])
    seen = []

    def progress(done, job):
        seen.append(job.participant)
        return done < 1

    written = export.write_pdfs(workspace, jobs, tmp_path / "out", progress=progress)
    assert seen == ["Ann", "Bob"]
    assert [p.name for p in written] == ["Learning log - Ann.pdf"]
    assert sorted(os.listdir(tmp_path / "out")) == ["Learning log - Ann.pdf"]


def test_fields_are_the_schema_columns(workspace):
    columns = workspace.columns(TABLE)
    assert set(FIELDS) <= set(columns)
    assert {"participant_id", "workshop_id", "created", "modified"} <= set(columns)


#: The table's name in quotes or brackets (SQL), as code that reads it must spell it.
_TABLE_BY_NAME = re.compile(r"""["'\[]learning_logs["'\]]""")
#: An import of the kind's core package, the only way to its reads.
_IMPORTS_THE_KIND = re.compile(
    r"(from|import)\s+partnerdesk\.learning_log\b|from\s+partnerdesk\s+import\s+.*\blearning_log\b"
)


def _reads_the_logs(relative: str, text: str) -> bool:
    """Whether a module other than the kind's own could read learning logs."""
    if relative == "partnerdesk/migrations/m0004_learning_logs.py":
        return False  # creates the table; reads nothing
    if relative == "partnerdesk/migrations/schema.py":
        return False  # data only: the tables and columns a workspace must have; reads nothing
    if relative.startswith(("partnerdesk/learning_log/", "ui/exercises/learning_log/")):
        # The kind's own modules read the table only through values.py.
        return relative != "partnerdesk/learning_log/values.py" and bool(_TABLE_BY_NAME.search(text))
    return bool(_TABLE_BY_NAME.search(text) or _IMPORTS_THE_KIND.search(text))


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("partnerdesk/report.py", 'ws.rows("learning_logs")'),
        ("partnerdesk/report.py", "SELECT * FROM [learning_logs]"),
        ("ui/export_all.py", "from partnerdesk.learning_log.values import logs_of_workshop"),
        ("ui/export_all.py", "import partnerdesk.learning_log.export"),
        ("partnerdesk/report.py", "from partnerdesk import records, learning_log"),
        ("ui/exercises/learning_log/models.py", "ws.rows('learning_logs')"),
    ],
)
def test_the_privacy_check_catches_a_reader(relative, text):
    assert _reads_the_logs(relative, text)


def test_the_learning_log_table_is_read_by_no_other_module():
    """Privacy: a log is printed only for its owner and is in no other export or report.

    Only the kind's packages import `partnerdesk.learning_log`, and only its values module names
    the table, so no other export, report or screen can read a log.
    """
    offenders = []
    for folder in ("partnerdesk", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if _reads_the_logs(relative, path.read_text(encoding="utf-8")):
                offenders.append(relative)
    assert offenders == []


def test_demo_has_logs_only_for_sessions_attended(demo_path):
    with Workspace.open(demo_path, read_only=True) as ws:
        rows = ws.rows(TABLE)
        assert len(rows) >= 10
        writers = {r["participant_id"] for r in rows}
        assert len(writers) >= 5
        for row in rows:
            assert records.attendance_id(ws, row["workshop_id"], row["participant_id"])
        sessions = {r["workshop_id"] for r in rows}
        assert len(sessions) >= 4
        for workshop in records.all_workshops(ws):
            kinds = [e.kind for e in records.exercises(ws, workshop.id)]
            assert kinds.count("learning_log") == 1
            for item in records.agenda(ws, workshop.id):
                if item.title == "Session evaluation and learning log":
                    assert records.exercise(ws, item.exercise_id).kind == "learning_log"
