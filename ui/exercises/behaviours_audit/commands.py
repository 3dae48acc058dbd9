"""Undoable commands named for what the facilitator did; each runs one core operation."""

from __future__ import annotations

from collections.abc import Sequence

from partnerdesk.behaviours_audit import operations
from ui.commands import OperationCommand
from ui.document import WorkspaceDocument


class AddPaperFormCommand(OperationCommand):
    """One paper form typed in: its answers, in the order of the round's questions."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str,
                 answers: Sequence[tuple[int | None, str]], text: str = "Add a paper form"):
        answers = list(answers)
        super().__init__(document, text, lambda ws: operations.answer(ws, exercise_id, answers))


class AddPrivateAnswersCommand(AddPaperFormCommand):
    """One person's answers given on the laptop as it went round."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str,
                 answers: Sequence[tuple[int | None, str]]):
        super().__init__(document, exercise_id, answers, "Add private answers")


class RewordQuestionCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, index: int, text: str):
        super().__init__(document, "Reword a question",
                         lambda ws: operations.reword_question(ws, exercise_id, index, text))


class AddQuestionCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str):
        super().__init__(document, "Add a question", lambda ws: operations.add_question(ws, exercise_id))


class RemoveQuestionCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, index: int):
        super().__init__(document, "Remove a question",
                         lambda ws: operations.remove_question(ws, exercise_id, index))


class ChooseQuestionSetCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, set_id: str):
        super().__init__(document, "Choose the question set",
                         lambda ws: operations.choose_set(ws, exercise_id, set_id))


class DuplicateToEditCommand(OperationCommand):
    """A copy of the round's questions; the round asks the copy if nobody has answered yet.
    `value` is (the copy's id, whether the round uses it)."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str):
        super().__init__(document, "Duplicate the question set",
                         lambda ws: operations.duplicate_to_edit(ws, exercise_id))


class SetBenchmarkCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, benchmark: float | None):
        super().__init__(document, "Set the benchmark",
                         lambda ws: operations.set_benchmark(ws, exercise_id, benchmark),
                         merge_key=f"audit-benchmark:{exercise_id}")


class SetMinimumCommand(OperationCommand):
    def __init__(self, document: WorkspaceDocument, exercise_id: str, minimum: int):
        super().__init__(document, "Set the minimum responses",
                         lambda ws: operations.set_minimum(ws, exercise_id, minimum),
                         merge_key=f"audit-minimum:{exercise_id}")


class DeletePaperFormCommand(OperationCommand):
    """One typed form taken out again (typed twice, say), found by what is written on it."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, form: Sequence[tuple[int | None, str]]):
        form = list(form)
        super().__init__(document, "Delete a paper form", lambda ws: operations.remove_form(ws, exercise_id, form))


class CorrectPaperFormCommand(OperationCommand):
    """A typing slip on a form put right: its answers replaced as one step."""

    def __init__(self, document: WorkspaceDocument, exercise_id: str, typed: Sequence[tuple[int | None, str]],
                 corrected: Sequence[tuple[int | None, str]]):
        typed, corrected = list(typed), list(corrected)
        super().__init__(document, "Correct a paper form",
                         lambda ws: operations.correct_form(ws, exercise_id, typed, corrected))
