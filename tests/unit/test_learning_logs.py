"""Learning logs: storage rules, what gets printed for whom, file names and atomic writing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnerdesk import learning_logs, records
from partnerdesk.errors import InvalidValue, WriteFailed
from partnerdesk.learning_logs import (
    FIELDS,
    STEPS,
    TABLE,
    distinct_file_names,
    log_book,
    log_for,
    printed_date,
    safe_file_stem,
    save_log,
    write_atomically,
)
from partnerdesk.resources import template, templates_of_kind
from partnerdesk.store import Workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def programme(workspace: Workspace):
    """A programme with two workshops; Ann attends both, Bob only the second."""
    ws = workspace
    programme_id = ws.insert("programmes", {"title": "NHS Partners in Cornwall"})
    first = ws.insert("workshops", {"programme_id": programme_id, "title": "Session 1",
                                    "date": "2009-10-14", "venue": "Truro"})
    second = ws.insert("workshops", {"programme_id": programme_id, "title": "Session 2",
                                     "date": "2009-11-11", "venue": "Bodmin"})
    ann = ws.insert("participants", {"programme_id": programme_id, "name": "Ann"})
    bob = ws.insert("participants", {"programme_id": programme_id, "name": "Bob"})
    ws.insert_many("attendance", [{"workshop_id": first, "participant_id": ann},
                                  {"workshop_id": second, "participant_id": ann},
                                  {"workshop_id": second, "participant_id": bob}])
    return {"programme": programme_id, "first": first, "second": second, "ann": ann, "bob": bob}


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


def test_save_creates_one_log_per_participant_and_workshop(workspace, programme):
    ws = workspace
    log_id = save_log(ws, programme["ann"], programme["first"], experience="Principles")
    again = save_log(ws, programme["ann"], programme["first"], reflect="Trust")
    assert again == log_id
    found = log_for(ws, programme["ann"], programme["first"])
    assert (found.experience, found.reflect, found.conclude, found.plan, found.notes) == (
        "Principles", "Trust", "", "", "")
    assert len(ws.rows(TABLE)) == 1
    with pytest.raises(InvalidValue):
        ws.insert(TABLE, {"participant_id": programme["ann"], "workshop_id": programme["first"]})


def test_save_refuses_unknown_fields_and_workshops_not_attended(workspace, programme):
    with pytest.raises(KeyError):
        save_log(workspace, programme["ann"], programme["first"], feelings="x")
    with pytest.raises(ValueError):
        save_log(workspace, programme["bob"], programme["first"], experience="I was not there")


def test_logs_die_with_their_participant_and_come_back_on_restore(workspace, programme):
    ws = workspace
    save_log(ws, programme["ann"], programme["first"], plan="Act")
    snapshot = ws.delete("participants", programme["ann"])
    assert ws.rows(TABLE) == []
    ws.restore(snapshot)
    assert log_for(ws, programme["ann"], programme["first"]).plan == "Act"
    ws.delete("workshops", programme["first"])
    assert ws.rows(TABLE) == []


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
    by_workshop = learning_logs.jobs_for_workshop(ws, programme["first"])
    assert [(j.participant, j.workshop_ids) for j in by_workshop] == [("Ann", (programme["first"],))]
    by_programme = learning_logs.jobs_for_title(ws, programme="NHS Partners in Cornwall")
    assert [(j.participant, j.workshop_ids) for j in by_programme] == [("Ann", None), ("Bob", None)]
    assert [j.participant for j in learning_logs.jobs_for_title(ws, workshop="session 2")] == ["Ann", "Bob"]
    assert len(learning_logs.jobs_for_title(ws)) == 2
    with pytest.raises(learning_logs.UnknownTitleError, match="no workshop called “Session 9”"):
        learning_logs.jobs_for_title(ws, workshop="Session 9")
    with pytest.raises(learning_logs.UnknownTitleError, match="Session 1"):
        learning_logs.jobs_for_title(ws, workshop="Session 9")
    with pytest.raises(learning_logs.UnknownTitleError):
        learning_logs.jobs_for_title(ws, programme="Nowhere")


def test_people_who_attended_nothing_get_no_pdf(workspace, programme):
    workspace.insert("participants", {"programme_id": programme["programme"], "name": "Cat"})
    names = [j.participant for j in learning_logs.jobs_for_programme(workspace, programme["programme"])]
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
    jobs = learning_logs.jobs_for_programme(workspace, programme["programme"])
    seen = []

    def progress(done, job):
        seen.append(job.participant)
        return done < 1

    written = learning_logs.write_pdfs(workspace, jobs, tmp_path / "out", progress=progress)
    assert seen == ["Ann", "Bob"]
    assert [p.name for p in written] == ["Learning log - Ann.pdf"]
    assert sorted(os.listdir(tmp_path / "out")) == ["Learning log - Ann.pdf"]


def test_fields_are_the_schema_columns(workspace):
    columns = workspace.columns(TABLE)
    assert set(FIELDS) <= set(columns)
    assert {"participant_id", "workshop_id", "created", "modified"} <= set(columns)


def test_the_learning_log_table_appears_in_no_other_module():
    """Privacy: a log is printed only for its owner and is in no other export or report."""
    allowed = {
        "partnerdesk/learning_logs.py",
        "partnerdesk/migrations/m0004_learning_logs.py",
    }
    offenders = []
    for folder in ("partnerdesk", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if relative not in allowed and "learning_logs" in path.read_text(encoding="utf-8"):
                text = path.read_text(encoding="utf-8")
                # Modules may use the learning_logs module's functions, never its table by name.
                if re.search(r"""["'\[]learning_logs["'\]]""", text):
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
