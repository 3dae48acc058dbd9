"""The board's undoable commands, named for what the facilitator did; each runs one operation
of `partnerdesk.quadrant_board.operations`, which holds every rule."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from partnerdesk.quadrant_board import operations as ops
from partnerdesk.quadrant_board.values import BoardTemplate
from ui.commands import OperationCommand
from ui.document import WorkspaceDocument


def plural(board: BoardTemplate, count: int) -> str:
    return board.item_noun if count == 1 else board.item_noun_plural


class AddItemCommand(OperationCommand):
    """A stakeholder or partnership typed in the list's name box, or double-clicked onto the
    board at `at`. `value` is the new item's id."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, exercise_id: str,
                 group_id: str | None, label: str, at: tuple[float, float] | None = None):
        super().__init__(document, f"Add {board.item_noun}", functools.partial(
            ops.add_item, exercise_id=exercise_id, group_id=group_id, label=label, at=at))


class PlaceInQuadrantCommand(OperationCommand):
    """Items chosen in the list sent to a quadrant (a key 1-4 or a button by the list)."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, item_ids: Iterable[str],
                 key: str):
        item_ids = list(item_ids)
        super().__init__(document, f"Place {plural(board, len(item_ids))} in {board.quadrant(key).name}",
                         lambda ws: ops.place_in_quadrant(ws, item_ids, key))


class MoveCommand(OperationCommand):
    """One drag of one chip or many: {placement id: (x, y)}."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate,
                 points: Mapping[str, tuple[float, float]]):
        points = dict(points)
        super().__init__(document, f"Move {plural(board, len(points))}",
                         lambda ws: ops.move_placements(ws, points))


class NudgeCommand(OperationCommand):
    """An arrow key on the board; a run of them on the same chips is one undo step."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, placement_ids: Iterable[str],
                 dx: float, dy: float):
        ids = sorted(placement_ids)
        super().__init__(document, f"Nudge {plural(board, len(ids))}",
                         lambda ws: ops.nudge_placements(ws, ids, dx, dy),
                         merge_key="nudge:" + ",".join(ids))


class SendToQuadrantCommand(OperationCommand):
    """A key 1-4 on the board: the chosen chips mirrored into that quadrant."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, placement_ids: Iterable[str],
                 key: str):
        ids = list(placement_ids)
        super().__init__(document, f"Send {plural(board, len(ids))} to {board.quadrant(key).name}",
                         lambda ws: ops.send_to_quadrant(ws, ids, key))


class EditItemCommand(OperationCommand):
    """A cell of the list edited: "Rename stakeholder", "Edit stakeholder's organisation"..."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, item_id: str, field: str,
                 heading: str, value: str):
        super().__init__(document, edit_text(board, field, heading), functools.partial(
            ops.edit_item, item_id=item_id, field=field, value=value))


def edit_text(board: BoardTemplate, field: str, heading: str) -> str:
    """What the Edit menu calls a cell's edit: never "Edit stakeholder stakeholder"."""
    noun, what = board.item_noun, heading.strip().lower()
    if field == "label" or not what or what == noun:
        return f"Rename {noun}" if field == "label" else f"Edit {noun}"
    return f"Edit {noun}'s {what}"


class DeleteItemsCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, item_ids: Iterable[str]):
        ids = list(item_ids)
        super().__init__(document, f"Delete {plural(board, len(ids))}",
                         lambda ws: ops.delete_items(ws, ids))


class RemoveFromBoardCommand(OperationCommand):
    """Delete on a partnership's chips: those placements go, the partnership stays listed."""

    def __init__(self, document: WorkspaceDocument, placement_ids: Iterable[str]):
        ids = list(placement_ids)
        super().__init__(document, "Remove from the board", lambda ws: ops.remove_placements(ws, ids))


class TickCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, item_id: str, checklist: str, entry: str,
                 title: str, ticked: bool):
        super().__init__(document, f"{'Tick' if ticked else 'Untick'} {title}", functools.partial(
            ops.set_tick, item_id=item_id, checklist=checklist, entry=entry, ticked=ticked))


class _BringItemsCommand(OperationCommand):
    """Items brought in all at once; the undo text names how many once they are in."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, text: str, operation):
        super().__init__(document, text.format(noun=board.item_noun_plural), operation)
        self._board = board
        self._text = text

    def _redo(self) -> None:
        super()._redo()
        if self.value:
            self.setText(self._text.format(noun=plural(self._board, len(self.value))))


class BringFromLastSessionCommand(_BringItemsCommand):
    """The previous session's items, where they were left; `value` lists the items brought."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, exercise_id: str,
                 group_id: str | None):
        super().__init__(document, board, "Bring {noun} from the last session", functools.partial(
            ops.bring_from_last_session, exercise_id=exercise_id, group_id=group_id))


class AddFromScenariosCommand(_BringItemsCommand):
    """The partnerships the workshop's scenarios name; `value` lists those added."""

    def __init__(self, document: WorkspaceDocument, board: BoardTemplate, exercise_id: str,
                 group_id: str | None):
        super().__init__(document, board, "Add {noun} from the scenarios", functools.partial(
            ops.add_from_scenarios, exercise_id=exercise_id, group_id=group_id))
