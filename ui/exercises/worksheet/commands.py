"""What the group's scribe does on a worksheet, each one undo step through a core operation."""

from __future__ import annotations

from functools import partial

from partnerdesk.worksheet import operations
from partnerdesk.worksheet.values import TICKED, Section
from ui.commands import OperationCommand
from ui.document import WorkspaceDocument


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1].rstrip() + '…'}”"


def mark_text(section: Section, index: int, value: str) -> str:
    """The Edit menu's words for a mark: "Tick “Trust”", "Rate “Shared vision” Present"."""
    item = _quoted(section.items[index])
    if value == TICKED:
        return f"Tick {item}"
    if value:
        return f"Rate {item} {value}"
    return f"Clear {item}"


class EditNotesCommand(OperationCommand):
    """Typing in one step's notes: one undo step until the notes lose focus."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, section: Section, notes: str,
                 typing_session: int = 0):
        super().__init__(
            document, f"Edit notes: {section.title}",
            partial(operations.set_notes, exercise_id=exercise_id, section_key=section.key, notes=notes),
            merge_key=f"worksheet:{exercise_id}:{section.key}:{typing_session}")


class MarkItemCommand(OperationCommand):
    """Tick an item, rate it on the worksheet's scale, or clear it ("")."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, section: Section, index: int,
                 value: str):
        super().__init__(
            document, mark_text(section, index, value),
            partial(operations.set_item, exercise_id=exercise_id, section_key=section.key,
                    index=index, value=value))
