"""A quadrant board's files for Export everything: each item with its quadrant, as CSV."""

from __future__ import annotations

from pathlib import Path

from partnerdesk.exports import csv_bytes, write_atomically
from partnerdesk.quadrant_board import values
from partnerdesk.records import Exercise
from partnerdesk.store import Workspace

HEADER = ("board", "item", "organisation", "role", "quadrant", "x", "y", "placement note", "notes")


def csv_rows(ws: Workspace, exercise: Exercise) -> list[tuple]:
    """One row per placement (an item placed twice has two), an unplaced item with no quadrant;
    boards in the compare view's order, items in their list order."""
    board = values.board_template(exercise.template)
    rows = []
    for group in values.board_groups(ws, exercise):
        group_id = group.id if group else None
        placed: dict[str, list[values.Placement]] = {}
        for placement in values.placements(ws, exercise.id, group_id):
            placed.setdefault(placement.item_id, []).append(placement)
        for item in values.items(ws, exercise.id, group_id):
            for placement in placed.get(item.id) or [None]:
                quadrant = (values.quadrant_of(board, placement.x, placement.y).name
                            if placement is not None else "")
                rows.append((values.group_label(group), item.label, item.organisation, item.role,
                             quadrant, round(placement.x, 3) if placement else None,
                             round(placement.y, 3) if placement else None,
                             placement.note if placement else "", item.notes))
    return rows


def csv_exports(ws: Workspace, exercise: Exercise, folder: Path, stem: str) -> list[tuple[Path | None, str]]:
    """The board's items with their quadrants as CSV; (file, what it is) for the README."""
    rows = csv_rows(ws, exercise)
    path = write_atomically(folder / f"{stem}.csv", csv_bytes(HEADER, rows))
    plural = "s" if len(rows) != 1 else ""
    return [(path, f"the board's {len(rows)} row{plural}, one per placed item with its quadrant "
                   "(board, item, organisation, role, quadrant, position from -1 to 1)")]
