"""Every edit of a quadrant board, as an operation (`partnerdesk.changes`).

Each takes the workspace and plain values, holds every rule of the edit (names cleaned and
never empty, points kept on the board, where a placement lands, one placement per stakeholder
but several per partnership) and returns what it changed. The laptop's undo stack, the command
line and any later way in all call these; none of them repeats a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from partnerdesk import records
from partnerdesk.changes import operation
from partnerdesk.errors import InvalidValue
from partnerdesk.exports import clean_text, one_line
from partnerdesk.quadrant_board.scenarios import scenario_partnerships
from partnerdesk.quadrant_board.values import (
    ITEM_FIELDS,
    BoardTemplate,
    board_template,
    clamp,
    free_spot,
    items,
    next_item_position,
    nudge,
    placements,
    placements_by_id,
    placements_of,
    previous_board,
    quadrant_of,
    same_name_key,
    send_to,
)
from partnerdesk.store import Workspace

#: The longest name kept: a name is a chip's label, not a paragraph.
NAME_LIMIT = 300
#: Stored coordinates are rounded so they stay short and a drag back and forth compares equal.
DIGITS = 4


def clean_name(text: str) -> str:
    """A name as it is kept: one line, runs of spaces as one, no control characters; never empty."""
    name = one_line(text, NAME_LIMIT)
    if not name:
        raise InvalidValue("A name cannot be empty; undo removes an item you did not want.")
    return name


def _clean_field(field: str, value: str) -> str:
    if field not in ITEM_FIELDS:
        raise InvalidValue(f"Unknown board item field: {field!r}.")
    return clean_name(value) if field == "label" else clean_text(value).strip()


def _point(x: float, y: float) -> dict[str, float]:
    return {"x": round(clamp(x), DIGITS), "y": round(clamp(y), DIGITS)}


def _exercise(ws: Workspace, exercise_id: str) -> tuple[records.Exercise, BoardTemplate]:
    found = records.exercise(ws, exercise_id)
    if found is None:
        raise InvalidValue("That board no longer exists.")
    return found, board_template(found.template)


def _item_row(ws: Workspace, item_id: str) -> dict:
    row = ws.get("board_items", item_id)
    if row is None:
        raise InvalidValue("That item is no longer on the board.")
    return row


def _insert_item(ws: Workspace, exercise_id: str, group_id: str | None, label: str,
                 fields: Mapping[str, str]) -> str:
    values = {"exercise_id": exercise_id, "group_id": group_id, "label": clean_name(label),
              "position": next_item_position(ws, exercise_id)}
    for field, value in fields.items():
        if field == "label":
            raise InvalidValue("The name is given once.")
        values[field] = _clean_field(field, value)
    return ws.insert("board_items", values)


# -- adding --------------------------------------------------------------------------------------


@operation
def add_item(ws: Workspace, exercise_id: str, group_id: str | None, label: str,
             at: tuple[float, float] | None = None, **fields: str) -> str:
    """List a stakeholder or partnership at the end of the board's list (the name box), and
    place it at `at` (board coordinates, a double-click on the board) if given. Returns its id."""
    _exercise(ws, exercise_id)
    item_id = _insert_item(ws, exercise_id, group_id, label, fields)
    if at is not None:
        ws.insert("placements", {"item_id": item_id, **_point(*at)})
    return item_id


@operation
def add_placement(ws: Workspace, item_id: str, x: float, y: float, note: str = "") -> str:
    """Place an item at a point: a stakeholder once, a partnership as often as the room sees it
    (the paper's examples show all four purposes at once). Returns the placement's id."""
    row = _item_row(ws, item_id)
    _, board = _exercise(ws, row["exercise_id"])
    if not board.multiple_placements and placements_of(ws, item_id):
        raise InvalidValue(f"A {board.item_noun} is placed once on this board; move it instead.")
    return ws.insert("placements", {"item_id": item_id, **_point(x, y), "note": clean_text(note).strip()})


@operation
def place_in_quadrant(ws: Workspace, item_ids: Iterable[str], key: str) -> list[str]:
    """Put each item in quadrant `key` (a key 1-4 or a button by the list), on a free spot
    there: a placed stakeholder moves; a partnership gets one more placement there unless it
    has one there already; an unplaced item gets its first. Returns the placements changed."""
    item_ids = list(dict.fromkeys(item_ids))
    if not item_ids:
        return []
    first = _item_row(ws, item_ids[0])
    _, board = _exercise(ws, first["exercise_id"])
    board.quadrant(key)  # an unknown key is a KeyError before anything is written
    taken = [(p.x, p.y) for p in placements(ws, first["exercise_id"], first["group_id"])]
    touched = []
    for item_id in item_ids:
        row = _item_row(ws, item_id)
        if (row["exercise_id"], row["group_id"]) != (first["exercise_id"], first["group_id"]):
            raise InvalidValue("Items are placed on one board at a time.")
        existing = placements_of(ws, item_id)
        if existing and not board.multiple_placements:
            spot = existing[0]
            if quadrant_of(board, spot.x, spot.y).key != key:
                x, y = free_spot(board, key, taken)
                taken.append((x, y))
                ws.update("placements", spot.id, _point(x, y))
                touched.append(spot.id)
        elif not any(quadrant_of(board, p.x, p.y).key == key for p in existing):
            x, y = free_spot(board, key, taken)
            taken.append((x, y))
            touched.append(ws.insert("placements", {"item_id": item_id, **_point(x, y)}))
    return touched


# -- moving --------------------------------------------------------------------------------------


def _placement_row(ws: Workspace, placement_id: str) -> dict:
    row = ws.get("placements", placement_id)
    if row is None:
        raise InvalidValue("That placement is no longer on the board.")
    return row


def _move(ws: Workspace, points: Mapping[str, tuple[float, float]]) -> None:
    found = placements_by_id(ws, points)
    changes = {}
    for placement_id, (x, y) in points.items():
        if placement_id not in found:
            raise InvalidValue("That placement is no longer on the board.")
        point = _point(x, y)
        if (found[placement_id].x, found[placement_id].y) != (point["x"], point["y"]):
            changes[placement_id] = point
    if changes:
        ws.update_many("placements", changes)


@operation
def move_placements(ws: Workspace, points: Mapping[str, tuple[float, float]]) -> None:
    """A drag of one chip or many: each placement to its new point, kept on the board."""
    _move(ws, points)


@operation
def nudge_placements(ws: Workspace, placement_ids: Iterable[str], dx: float, dy: float) -> None:
    """The arrow keys: move each placement by (dx, dy), stopping at the board's edge."""
    ids = list(placement_ids)
    found = placements_by_id(ws, ids)
    if len(found) != len(set(ids)):
        raise InvalidValue("That placement is no longer on the board.")
    _move(ws, {p.id: nudge(p.x, p.y, dx, dy) for p in found.values()})


@operation
def send_to_quadrant(ws: Workspace, placement_ids: Iterable[str], key: str) -> None:
    """A key 1-4 on the board: each chosen chip mirrored into quadrant `key`, keeping its
    distance from the axes so a group keeps its spread."""
    points = {}
    for placement_id in placement_ids:
        row = _placement_row(ws, placement_id)
        _, board = _exercise(ws, _item_row(ws, row["item_id"])["exercise_id"])
        points[placement_id] = send_to(board, row["x"], row["y"], key)
    _move(ws, points)


# -- editing and removing ------------------------------------------------------------------------


@operation
def edit_item(ws: Workspace, item_id: str, field: str, value: str) -> None:
    """Rename an item (`field` "label") or change its organisation, role or notes."""
    row = _item_row(ws, item_id)
    cleaned = _clean_field(field, value)
    if row[field] != cleaned:
        ws.update("board_items", item_id, {field: cleaned})


@operation
def delete_items(ws: Workspace, item_ids: Iterable[str]) -> None:
    """Delete items from the list, with their placements and ticks."""
    ids = [i for i in dict.fromkeys(item_ids) if ws.get("board_items", i) is not None]
    if ids:
        ws.delete_many("board_items", ids)


@operation
def remove_placements(ws: Workspace, placement_ids: Iterable[str]) -> None:
    """Take chips off the board; the items stay listed (a partnership keeps its others)."""
    ids = [i for i in dict.fromkeys(placement_ids) if ws.get("placements", i) is not None]
    if ids:
        ws.delete_many("placements", ids)


@operation
def set_tick(ws: Workspace, item_id: str, checklist: str, entry: str, ticked: bool) -> None:
    """Tick or untick one entry of the template's checklists (Box 7, Box 8) for an item."""
    row = _item_row(ws, item_id)
    _, board = _exercise(ws, row["exercise_id"])
    known = {(c.id, e.id) for c in board.checklists for e in c.entries}
    if (checklist, entry) not in known:
        raise InvalidValue(f"This board has no checklist entry {checklist}/{entry}.")
    existing = ws.rows("checklist_ticks", {"item_id": item_id, "checklist": checklist, "entry": entry})
    if ticked and not existing:
        ws.insert("checklist_ticks", {"item_id": item_id, "checklist": checklist, "entry": entry})
    elif not ticked and existing:
        ws.delete_many("checklist_ticks", [r["id"] for r in existing])


# -- bringing items in ---------------------------------------------------------------------------


def _group_name(ws: Workspace, group_id: str | None) -> str | None:
    if not group_id:
        return None
    row = ws.get("small_groups", group_id)
    return row["name"] if row else None


@operation
def bring_from_last_session(ws: Workspace, exercise_id: str, group_id: str | None) -> list[str]:
    """Copy the items of the same template's board in the programme's previous session (the
    same small group by name) that this board does not list yet, with their placements: the
    room starts where it left off, and moving them shows the movement. Returns the new ids."""
    _exercise(ws, exercise_id)
    source = previous_board(ws, exercise_id)
    if source is None:
        return []
    source_group = None
    group_name = _group_name(ws, group_id)
    if group_name is not None:
        matches = [g for g in records.small_groups(ws, source.workshop_id) if g.name == group_name]
        if not matches:
            return []
        source_group = matches[0].id
    present = {same_name_key(i.label) for i in items(ws, exercise_id, group_id)}
    added = []
    for old in items(ws, source.id, source_group):
        if same_name_key(old.label) in present:
            continue
        present.add(same_name_key(old.label))
        item_id = _insert_item(ws, exercise_id, group_id, old.label,
                               {"organisation": old.organisation, "role": old.role, "notes": old.notes})
        for spot in placements_of(ws, old.id):
            ws.insert("placements", {"item_id": item_id, **_point(spot.x, spot.y), "note": spot.note})
        added.append(item_id)
    return added


@operation
def add_from_scenarios(ws: Workspace, exercise_id: str, group_id: str | None) -> list[str]:
    """List the partnerships the workshop's partnership scenarios name (Step 1) that this board
    does not list yet, with their background (Step 2) as notes; they arrive unplaced, for the
    room to place. Only for a template that offers it. Returns the new ids."""
    exercise, board = _exercise(ws, exercise_id)
    if not board.from_scenarios:
        raise InvalidValue(f"The {board.title} does not take its {board.item_noun_plural} from the scenarios.")
    present = {same_name_key(i.label) for i in items(ws, exercise_id, group_id)}
    added = []
    for found in scenario_partnerships(ws, exercise.workshop_id):
        if same_name_key(found.name) in present:
            continue
        present.add(same_name_key(found.name))
        added.append(_insert_item(ws, exercise_id, group_id, found.name, {"notes": found.background}))
    return added
