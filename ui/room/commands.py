"""The facilitator's own room edits, as named undoable commands."""

from __future__ import annotations

from ui.commands import OperationCommand
from ui.document import WorkspaceDocument


class RemoveRoomPostItCommand(OperationCommand):
    """Remove a post-it that came from the room, before the wall is revealed."""

    def __init__(self, document: WorkspaceDocument, post_it_id: str):
        from partnerdesk.post_it_wall.operations import delete_post_its

        super().__init__(document, "Remove a post-it from the room",
                         lambda ws: delete_post_its(ws, [post_it_id]))


def remove_post_it(document: WorkspaceDocument, post_it_id: str) -> bool:
    return document.push(RemoveRoomPostItCommand(document, post_it_id))
