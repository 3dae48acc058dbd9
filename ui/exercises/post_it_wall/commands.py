"""The wall's undoable edits, named for what the facilitator did; each runs one core operation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from partnerdesk.post_it_wall import operations as ops
from ui.commands import OperationCommand
from ui.document import WorkspaceDocument


class AddPostItCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, zone: str, zone_label: str,
                 text: str, author: str = ""):
        super().__init__(document, f"Add post-it to {zone_label}",
                         partial(ops.add_post_it, exercise_id=exercise_id, zone=zone, text=text, author=author))


class EditPostItCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, post_it_id: str, text: str):
        super().__init__(document, "Edit post-it", partial(ops.edit_post_it, post_it_id=post_it_id, text=text))


class DeletePostItsCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, post_it_ids: Sequence[str]):
        text = "Delete post-it" if len(post_it_ids) == 1 else f"Delete {len(post_it_ids)} post-its"
        super().__init__(document, text, partial(ops.delete_post_its, post_it_ids=list(post_it_ids)))


class MovePostItsCommand(OperationCommand):
    """A drag released: the post-its go where they were dropped (zones and themes follow)."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, dropped: Mapping[str, tuple[float, float]]):
        text = "Move post-it" if len(dropped) == 1 else f"Move {len(dropped)} post-its"
        super().__init__(document, text, partial(ops.drop_post_its, exercise_id=exercise_id, dropped=dict(dropped)))

    def _redo(self) -> None:
        super()._redo()
        if self.changes is not None and self.value is not None:
            # Say how many really moved (a theme's frame may hold one that did not).
            self.setText("Move post-it" if self.value == 1 else f"Move {self.value} post-its")


class MovePostItsToZoneCommand(OperationCommand):
    """The keyboard's move: the post-its go to the first free places of another zone."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, post_it_ids: Sequence[str], zone: str,
                 zone_label: str):
        self.zone_label = zone_label
        super().__init__(document, f"Move post-its to {zone_label}",
                         partial(ops.move_post_its_to_zone, exercise_id=exercise_id,
                                 post_it_ids=list(post_it_ids), zone=zone))

    def _redo(self) -> None:
        super()._redo()
        if self.value:
            self.setText(f"Move {self.value} post-it{'s' if self.value > 1 else ''} to {self.zone_label}")


class TidyZoneCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, zone: str, zone_label: str):
        super().__init__(document, f"Tidy {zone_label}", partial(ops.tidy_zone, exercise_id=exercise_id, zone=zone))


class GroupIntoThemeCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, post_it_ids: Sequence[str], name: str):
        count = len(post_it_ids)
        super().__init__(document, f"Group {count} post-it{'s' if count > 1 else ''} as “{name}”",
                         partial(ops.group_into_theme, exercise_id=exercise_id, post_it_ids=list(post_it_ids),
                                 name=name))


class UngroupThemesCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, theme_ids: Sequence[str]):
        text = "Ungroup theme" if len(theme_ids) == 1 else f"Ungroup {len(theme_ids)} themes"
        super().__init__(document, text, partial(ops.ungroup_themes, theme_ids=list(theme_ids)))


class RenameThemeCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, theme_id: str, name: str):
        super().__init__(document, "Rename theme", partial(ops.rename_theme, theme_id=theme_id, name=name))


class AddDotsCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, post_it_ids: Sequence[str], step: int):
        super().__init__(document, "Add a dot" if step > 0 else "Remove a dot",
                         partial(ops.add_dots, post_it_ids=list(post_it_ids), step=step))


class TallyDotsCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, post_it_id: str, dots: int):
        super().__init__(document, f"Tally {dots} dots", partial(ops.tally_dots, post_it_id=post_it_id, dots=dots))


class SetDotsPerParticipantCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, dots: int):
        super().__init__(document, "Change dots per participant",
                         partial(ops.set_dots_per_participant, exercise_id=exercise_id, dots=dots))


class CollectHiddenCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, hidden: bool):
        super().__init__(document, "Collect post-its hidden" if hidden else "Collect post-its visible",
                         partial(ops.set_collect_hidden, exercise_id=exercise_id, hidden=hidden))


class RevealAllCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, count: int):
        super().__init__(document, f"Reveal {count} post-its", partial(ops.reveal_all, exercise_id=exercise_id))
