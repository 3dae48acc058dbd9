"""The post_it_wall commands run as a facilitator would run them: as a subprocess on a workspace file."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path


def partnerdesk(*args: str) -> subprocess.CompletedProcess:
    # Run from the source tree, so the code under test is the one this checkout holds.
    return subprocess.run([sys.executable, "-m", "partnerdesk", *args], cwd=Path(__file__).parents[3],
                          capture_output=True, text=True, timeout=120)


def test_list_the_demo_walls_and_export_one_as_csv(demo_path, tmp_path):
    listed = partnerdesk("walls", str(demo_path))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    evaluation = next(line for line in lines if "Collaborative Working: Session evaluation wall" in line)
    assert "PINK 5, YELLOW 5, GREEN 4, BLUE 3" in evaluation
    assert any("Recognising Opportunities / Case Study group" in line for line in lines)
    wall_id = evaluation.split()[0]
    out = tmp_path / "evaluation.csv"
    exported = partnerdesk("wall-csv", str(demo_path), wall_id, str(out))
    assert exported.returncode == 0, exported.stderr
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 17
    assert rows[0]["zone"] == "PINK" and rows[0]["theme"] == "Meeting others"
    assert any(r["author"] == "Zoë Harding" for r in rows)


def test_an_unknown_wall_is_an_error_not_a_file(demo_path, tmp_path):
    out = tmp_path / "none.csv"
    result = partnerdesk("wall-csv", str(demo_path), "no-such-wall", str(out))
    assert result.returncode == 2 and "no post-it wall" in result.stderr
    assert not out.exists()
