"""What the facilitator (or a participant) does to a learning log, as undoable commands."""

from __future__ import annotations

from partnerdesk.learning_log.operations import save_log
from ui.commands import OperationCommand
from ui.document import WorkspaceDocument


class EditLearningLogCommand(OperationCommand):
    """Type in one field of a participant's log; the log is created by its first keystroke.

    It goes through `save_log`, so a log is kept only for a workshop the participant attended.
    Consecutive keystrokes in the same field merge, so one field edit is one undo step, and
    undoing the edit that created the log removes the log again.
    """

    def __init__(self, document: WorkspaceDocument, participant_id: str, workshop_id: str,
                 column: str, value: str, label: str):
        super().__init__(
            document, f"Edit learning log: {label[:1].upper()}{label[1:].lower()}",
            lambda ws: save_log(ws, participant_id, workshop_id, **{column: value}),
            merge_key=f"learning_log:{participant_id}:{workshop_id}:{column}",
        )
        self.participant_id = participant_id
        self.workshop_id = workshop_id
        self.column = column
