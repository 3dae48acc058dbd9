"""The wall's CSV: safe cells, the theme column, the author only when typed, written whole."""

from __future__ import annotations

import csv
import io

import pytest

from partnerdesk import exports
from partnerdesk.post_it_wall import export as wall_export
from partnerdesk.post_it_wall import values
from tests.unit.post_it_wall.post_its import make_post_it, row


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


# -- CSV ----------------------------------------------------------------------------------------


def test_safe_cell_guards_against_formulas():
    for risky in ("=1+1", "+44", "-2", "@SUM(A1)", "\tx"):
        assert exports.safe_cell(risky) == "'" + risky
    assert exports.safe_cell("fine") == "fine"
    assert exports.safe_cell("") == ""


def test_csv_has_the_author_column_only_when_someone_typed_a_name(wall):
    post_its = [make_post_it("a", "blue", "More breaks", votes=2), make_post_it("b", "pink", "=cmd|' /C calc'!A0")]
    plain = read(wall_export.csv_data(wall_export.export_rows(wall, post_its, [])))
    assert plain[0] == ["zone", "question", "text", "theme", "votes"]
    assert plain[1] == ["PINK", "What worked well for you today?", "'=cmd|' /C calc'!A0", "", "0"]
    assert plain[2] == ["BLUE", "What could be improved and how?", "More breaks", "", "2"]
    named = [*post_its, make_post_it("c", "green", "Chairing skills", author="Ruth", theme="k")]
    theme = values.Theme("k", "e", "green", "Skills")
    rows = read(wall_export.csv_data(wall_export.export_rows(wall, named, [theme])))
    assert rows[0][-1] == "author"
    assert rows[2] == ["GREEN", "What are your Future Learning Needs?", "Chairing skills", "Skills", "0",
                       "Ruth"]



def test_export_csv_writes_atomically_and_reads_back(workspace, exercise_id, tmp_path):
    for text, zone in [("Good venue", "pink"), ("Jargon", "blue"), ("Negotiation", "green")]:
        workspace.insert(values.POST_ITS, row(exercise_id, zone, text))
    target = tmp_path / "wall.csv"
    target.write_text("old")
    assert wall_export.export_csv(workspace, exercise_id, target) == 3
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["zone"], r["text"]) for r in rows] == [("PINK", "Good venue"), ("GREEN", "Negotiation"),
                                                      ("BLUE", "Jargon")]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".wall")) == []


def test_write_atomically_reports_a_missing_folder(tmp_path):
    from partnerdesk.errors import WriteFailed

    with pytest.raises(WriteFailed):
        exports.write_atomically(tmp_path / "missing" / "x.csv", b"data")


