"""No report holds a learning log, or a name on an anonymous post-it or audit answer."""

from __future__ import annotations

from pathlib import Path

from partnerdesk import records
from partnerdesk.demo import CORNWALL_TITLE, ONE_DAY_TITLE
from partnerdesk.learning_log.operations import save_log
from partnerdesk.learning_log.values import FIELDS
from partnerdesk.post_it_wall import operations as wall_operations
from partnerdesk.post_it_wall import values as wall_values
from partnerdesk.report import programme_report, workshop_report
from partnerdesk.store import Workspace
from tests.unit.report.conftest import pdf_text

PHRASE = "Quixotic heliotrope lantern 7741"
AUTHOR = "Ottoline Quarrendon"


def _reports(ws: Workspace) -> str:
    texts = [pdf_text(workshop_report(ws, w.id)) for w in records.all_workshops(ws)]
    texts += [pdf_text(programme_report(ws, p.id)) for p in records.programmes(ws)]
    return " ".join(texts)


def test_no_report_holds_learning_log_text(demo_path: Path):
    with Workspace.open(demo_path, create=False) as ws:
        day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
        session = records.workshops(ws, next(p.id for p in records.programmes(ws) if p.title == CORNWALL_TITLE))[0]
        for workshop in (day, session):
            person = records.attendees(ws, workshop.id)[0]
            save_log(ws, person.id, workshop.id, **dict.fromkeys(FIELDS, PHRASE))
        text = _reports(ws)
    assert "Agenda: as planned and as run" in text  # the reports were read
    assert PHRASE not in text
    assert "Quixotic" not in text


def test_no_report_prints_a_post_its_author(demo_path: Path):
    with Workspace.open(demo_path, create=False) as ws:
        day = next(w for w in records.all_workshops(ws) if w.title == ONE_DAY_TITLE)
        wall = next(e for e in wall_values.walls(ws, day.id) if e.template == "evaluation-wall")
        wall_operations.add_post_it(ws, wall.id, "blue", "Signed suggestion about lunch", author=AUTHOR)
        text = pdf_text(workshop_report(ws, day.id))
    assert "Signed suggestion about lunch" in text
    assert AUTHOR not in text
    assert "Quarrendon" not in text
