"""The quadrant board's pages in a report: each group's board drawn with its chips, who is in
each quadrant, and (on a board that tracks movement) each item's path across the sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerdesk import records
from partnerdesk.quadrant_board import KIND, values
from partnerdesk.report.drawing import AxisSpec, Chip, Path, QuadrantSpec, quadrant_drawing

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable

    from partnerdesk.report.kit import ReportKit
    from partnerdesk.store import Workspace

PROGRAMME_ORDER = 20
BOARD_HEIGHT = 270


def _session_name(title: str) -> str:
    """"Session 3: The NHS Constitution" as "Session 3"."""
    return title.split(":", 1)[0].strip() or title


def board_drawing(board: values.BoardTemplate, chips: list[Chip], paths: list[Path] = (),
                  width: float = 480, height: float = BOARD_HEIGHT) -> Drawing:
    """A board as a vector drawing (reusable for images of the board)."""
    return quadrant_drawing(
        [QuadrantSpec(q.corner, q.name, q.colour) for q in board.quadrants],
        AxisSpec(board.horizontal.label, board.horizontal.low, board.horizontal.high),
        AxisSpec(board.vertical.label, board.vertical.low, board.vertical.high),
        chips, paths, width=width, height=height)


def board_chips(ws: Workspace, exercise_id: str, group_id: str | None) -> list[Chip]:
    labels = {i.id: i.label for i in values.items(ws, exercise_id, group_id)}
    return [Chip(labels[p.item_id], p.x, p.y) for p in values.placements(ws, exercise_id, group_id)
            if p.item_id in labels]


def _paths(board: values.BoardTemplate, moves: dict[str, list[values.Step]]) -> list[Path]:
    return [Path(label, tuple((s.x, s.y, _session_name(s.workshop_title)) for s in steps))
            for label, steps in sorted(moves.items(), key=lambda pair: pair[0].casefold())]


def _movement_lines(board: values.BoardTemplate, moves: dict[str, list[values.Step]]) -> list[str]:
    lines = []
    for label, steps in sorted(moves.items(), key=lambda pair: pair[0].casefold()):
        stops = " → ".join(f"{_session_name(s.workshop_title)}: {values.quadrant_of(board, s.x, s.y).name}"
                           for s in steps)
        lines.append(f"{label}: {stops}")
    return lines


def drawings(ws: Workspace, exercise: records.Exercise, width: float = 480,
             height: float = BOARD_HEIGHT) -> list[tuple[str, Drawing]]:
    """Each board of the exercise that has something on it, named by its group ("Whole room"
    or the group's name), as a drawing to write as PDF or SVG (`report.drawing.drawing_bytes`)."""
    board = values.board_template(exercise.template)
    found = []
    for group in values.compared_groups(ws, exercise):
        group_id = group.id if group else None
        if not values.items(ws, exercise.id, group_id):
            continue
        moves = values.movement(ws, exercise.id, group_id) if board.movement else {}
        found.append((values.group_label(group),
                      board_drawing(board, board_chips(ws, exercise.id, group_id), _paths(board, moves),
                                    width=width, height=height)))
    return found


def report_section(ws: Workspace, exercise: records.Exercise, kit: ReportKit) -> list[Flowable]:
    try:
        board = values.board_template(exercise.template)
    except (KeyError, ValueError):
        return [kit.note(f"The board's template “{exercise.template}” is missing, so it cannot be drawn.")]
    story: list[Flowable] = []
    groups = values.compared_groups(ws, exercise)
    used = [g for g in groups if values.items(ws, exercise.id, g.id if g else None)]
    if not used:
        return [kit.note(f"No {board.item_noun_plural} were put on this board.")]
    empty = [values.group_label(g) for g in groups if g not in used]
    # Several groups' boards are drawn smaller, so two share a page.
    height = BOARD_HEIGHT if len(used) == 1 else 215
    for group in used:
        group_id = group.id if group else None
        items = values.items(ws, exercise.id, group_id)
        block: list[Flowable] = []
        if len(groups) > 1 or (group is not None and not exercise.group_id):  # a group's own exercise is headed so
            block.append(kit.heading(values.group_label(group), 3))
        spots = values.placements(ws, exercise.id, group_id)
        moves = values.movement(ws, exercise.id, group_id) if board.movement else {}
        # An item with a path is drawn by its path (its last stop is here), not also as a chip.
        chips = [c for c in board_chips(ws, exercise.id, group_id) if c.label not in moves]
        block.append(board_drawing(board, chips, _paths(board, moves), width=kit.width, height=height))
        cells = values.by_quadrant(board, items, spots)
        rows: list[list[object]] = [["Quadrant", board.item_noun_plural.capitalize()]]
        rows += [[q.name, ", ".join(cells[q.name]) or "—"] for q in board.quadrants]
        block.append(kit.space(4))
        block.append(kit.table(rows, [0.22, 0.78]))
        story.append(kit.keep(block))
        placed = {p.item_id for p in spots}
        unplaced = [i.label for i in items if i.id not in placed]
        if unplaced:
            story.append(kit.note("Listed but not placed: " + ", ".join(unplaced) + "."))
        label_of = {i.id: i.label for i in items}
        noted = [f"{label_of[p.item_id]} ({values.quadrant_of(board, p.x, p.y).name}): {p.note}"
                 for p in spots if p.note.strip() and p.item_id in label_of]
        if noted:
            story.append(kit.heading("Notes on the placements", 3))
            story += kit.bullets(noted)
        if moves:
            story.append(kit.heading("Movement across the sessions", 3))
            story += kit.bullets(_movement_lines(board, moves))
    if empty:
        story.append(kit.note("Nothing was put on these boards: " + ", ".join(empty) + "."))
    return story


def _latest_boards(ws: Workspace, programme_id: str) -> dict[str, records.Exercise]:
    """Per template that tracks movement, its board in the programme's latest session."""
    latest: dict[str, records.Exercise] = {}
    for session in records.workshops(ws, programme_id):
        for exercise in records.exercises(ws, session.id):
            if exercise.kind != KIND:
                continue
            try:
                if values.board_template(exercise.template).movement:
                    latest[exercise.template] = exercise
            except (KeyError, ValueError):
                continue
    return latest


def programme_section(ws: Workspace, programme_id: str, kit: ReportKit) -> list[Flowable]:
    """Each partnership's path on the board across the programme's sessions."""
    story: list[Flowable] = []
    for exercise in _latest_boards(ws, programme_id).values():
        board = values.board_template(exercise.template)
        for group in values.compared_groups(ws, exercise):
            group_id = group.id if group else None
            moves = values.movement(ws, exercise.id, group_id)
            if not moves:
                continue
            title = f"{board.title}: each {board.item_noun}'s path across the sessions"
            if group is not None:
                title += f" ({group.name})"
            story.append(kit.keep([
                kit.heading(title, 2),
                kit.note("Each numbered stop is where the room placed it in a session (the mean of its "
                         "places there); arrows run from the earliest session to the latest."),
                board_drawing(board, [], _paths(board, moves), width=kit.width),
            ]))
            story += kit.bullets(_movement_lines(board, moves))
    return story
