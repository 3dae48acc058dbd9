"""Any text and any amount of it: the report is still written, with the text as typed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerdesk.exports import one_line
from partnerdesk.post_it_wall import KIND as WALL
from partnerdesk.post_it_wall import operations as wall_operations
from partnerdesk.quadrant_board import KIND as BOARD
from partnerdesk.quadrant_board.operations import add_item
from partnerdesk.report import workshop_report
from partnerdesk.store import Workspace
from tests.unit.report.conftest import pdf_text, unembedded_fonts

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


def _workshop(ws: Workspace) -> str:
    return ws.insert("workshops", {"title": "Away day", "date": "2026-03-05", "venue": "Bodmin"})


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=_TEXT, post_it=_TEXT)
def test_any_label_and_post_it_is_written(tmp_path_factory, label: str, post_it: str):
    with Workspace.open(tmp_path_factory.mktemp("any") / "t.partnerdesk") as ws:
        workshop_id = _workshop(ws)
        board_id = ws.insert("exercises", {"workshop_id": workshop_id, "kind": BOARD,
                                           "template": "stakeholder-matrix", "title": label, "position": 1})
        add_item(ws, board_id, None, label if one_line(label, 500) else "x", at=(0.5, 0.5))
        wall_id = ws.insert("exercises", {"workshop_id": workshop_id, "kind": WALL,
                                          "template": "evaluation-wall", "title": "Wall", "position": 2})
        wall_operations.add_post_it(ws, wall_id, "pink", post_it if one_line(post_it, 500) else "x")
        data = workshop_report(ws, workshop_id)
    assert data.startswith(b"%PDF")
    assert unembedded_fonts(data) == []
    words = one_line(post_it, 500).split()
    if words and all(w.isascii() and w.isalnum() for w in words):
        assert " ".join(words) in pdf_text(data)


def test_a_crowded_wall_and_board_fit_their_pages(workspace: Workspace, tmp_path: Path):
    workshop_id = _workshop(workspace)
    wall_id = workspace.insert("exercises", {"workshop_id": workshop_id, "kind": WALL,
                                             "template": "evaluation-wall", "title": "Wall", "position": 1})
    for n in range(150):
        wall_operations.add_post_it(workspace, wall_id, "pink", f"Post-it number {n} " * 4)
    board_id = workspace.insert("exercises", {"workshop_id": workshop_id, "kind": BOARD,
                                              "template": "stakeholder-matrix", "title": "Board", "position": 2})
    for n in range(80):
        add_item(workspace, board_id, None, f"Stakeholder {n} " * 3, at=(-1 + (n % 9) / 4, 1 - (n // 9) / 4.5))
    text = pdf_text(workshop_report(workspace, workshop_id))
    assert "Post-it number 149" in text and "Stakeholder 79" in text


SCRIPTS = {
    "arabic": "مرحبا بالعالم، هذا نص عربي",
    "hebrew": "שלום עולם, זה טקסט בעברית",
    "korean": "안녕하세요 세계",
    "cjk": "王芳 さくら 東京",
    "emoji": "😀 👍🏽 🎉",
}


def test_every_script_in_a_report_prints_in_embedded_fonts(workspace: Workspace, tmp_path: Path):
    from tests.unit.report.conftest import qpdf_check

    workshop_id = workspace.insert("workshops", {"title": SCRIPTS["hebrew"], "date": "2026-03-05",
                                                 "venue": SCRIPTS["arabic"]})
    board_id = workspace.insert("exercises", {"workshop_id": workshop_id, "kind": BOARD,
                                              "template": "stakeholder-matrix", "title": "Board", "position": 1})
    wall_id = workspace.insert("exercises", {"workshop_id": workshop_id, "kind": WALL,
                                             "template": "evaluation-wall", "title": "Wall", "position": 2})
    for n, text in enumerate(SCRIPTS.values()):
        add_item(workspace, board_id, None, text, at=(0.2 + n / 10, 0.5))
        wall_operations.add_post_it(workspace, wall_id, "pink", text)
    data = workshop_report(workspace, workshop_id)
    assert unembedded_fonts(data) == []
    result = qpdf_check(data, tmp_path)
    assert result.returncode == 0, result.stdout
    text = pdf_text(data)
    assert "안녕하세요" in text and "王芳" in text
