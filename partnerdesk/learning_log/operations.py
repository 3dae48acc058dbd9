"""Every edit of a learning log, as an operation: the laptop, the command line and any later
way in write a log through here, so the rules live once."""

from __future__ import annotations

from partnerdesk import records
from partnerdesk.changes import operation
from partnerdesk.errors import InvalidValue
from partnerdesk.learning_log.values import FIELDS, TABLE, LearningLogId, log_for
from partnerdesk.store import Workspace


class NotAttended(InvalidValue, ValueError):
    """A log is kept only for a workshop its participant attended."""

    title = "Learning log not saved"


@operation
def save_log(ws: Workspace, participant_id: str, workshop_id: str, **texts: str) -> LearningLogId:
    """Write some fields of a participant's log for a workshop, creating the log if needed.

    Only for a workshop the participant attended (NotAttended otherwise); the change set's
    value is the log's id.
    """
    unknown = set(texts) - set(FIELDS)
    if unknown:
        raise KeyError(f"learning logs have no field {sorted(unknown)[0]!r}")
    if records.attendance_id(ws, workshop_id, participant_id) is None:
        raise NotAttended("A learning log is kept only for a workshop the participant attended.")
    existing = log_for(ws, participant_id, workshop_id)
    if existing is not None:
        changed = {column: text for column, text in texts.items() if existing.text(column) != text}
        if changed:
            ws.update(TABLE, existing.id, changed)
        return existing.id
    return LearningLogId(
        ws.insert(TABLE, {"participant_id": participant_id, "workshop_id": workshop_id, **texts})
    )
