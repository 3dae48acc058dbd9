"""Every edit of a behaviours audit, as an operation (`partnerdesk.changes`) holding all its rules.

The laptop's undo stack, the command line and the demo call these and nothing else. An
operation that needs the exercise's round sets it up first (`set_up_round`), inside its own
transaction, so undoing that edit takes the round and its question set away again.

Anonymity: after every new, changed or removed response, `shuffle_round` rewrites all of the
round's responses and answers with fresh ids in a random order, in the same transaction. The
store zeroes deleted content (`secure_delete`) and empties the -wal after each commit that
touched these tables, so neither cell offsets, freed space nor the -wal keep the order in which
people answered (docs/FILE_FORMAT.md says exactly what is promised). Inside `one_shuffle(ws)`
(a room's burst of answers applied as one edit) each changed round is shuffled once, when the
block ends, in the same transaction: the same promise, without rewriting the round per answer.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from partnerdesk.behaviours_audit.values import (
    FROZEN_MESSAGE,
    HIGHEST_SCORE,
    LOWEST_SCORE,
    SetFrozen,
    audit_round,
    clean_comment,
    exercise_template,
    planned_round,
    question_set,
    response_count,
    responses,
    round_for_exercise,
    template_set_id,
)
from partnerdesk.changes import Changes, RowChange, operation
from partnerdesk.errors import InvalidValue
from partnerdesk.store import Workspace, new_id

#: The order of rewritten rows comes from the system's randomness, never a seeded generator.
_RANDOM = random.SystemRandom()

Answers = Mapping[str, "int | tuple[int | None, str] | None"]

#: Per open workspace (by id) inside `one_shuffle`: the rounds to shuffle when it ends, each
#: with the new responses (row, answer rows) that its shuffle writes.
_SHUFFLE_LATER: dict[int, dict[str, list[tuple[dict, list[dict]]]]] = {}


# -- question sets ---------------------------------------------------------------------------


@operation
def create_set(ws: Workspace, title: str, questions: Sequence[str], template_id: str = "") -> str:
    """A new, editable question set; returns its id."""
    set_id = ws.insert("audit_question_sets", {"title": title, "template": template_id, "frozen": 0})
    ws.insert_many("audit_questions", [
        {"set_id": set_id, "position": float(n), "text": text.strip()}
        for n, text in enumerate(questions, start=1)
    ])
    return set_id


@operation
def duplicate_set(ws: Workspace, set_id: str, title: str | None = None) -> str:
    """An editable copy of a set (frozen or not), for a facilitator's own version."""
    source = question_set(ws, set_id)
    if source is None:
        raise InvalidValue("That question set no longer exists.")
    return create_set(ws, title or f"{source.title} (copy)", [q.text for q in source.questions]).value


def _editable(ws: Workspace, set_id: str) -> None:
    row = ws.get("audit_question_sets", set_id)
    if row is None:
        raise InvalidValue("That question set no longer exists.")
    if row["frozen"]:
        raise SetFrozen(FROZEN_MESSAGE)


# -- the round -------------------------------------------------------------------------------


@operation
def set_up_round(ws: Workspace, exercise_id: str) -> str:
    """The exercise's round (its id), set up from its template by the first edit that needs it;
    the template's own question set is made then too, the first time any round needs it."""
    found = round_for_exercise(ws, exercise_id)
    if found is not None:
        return found.id
    plan = planned_round(ws, exercise_id)
    set_id = plan.set_id
    if not set_id:
        tpl = exercise_template(ws, exercise_id)
        set_id = template_set_id(ws, tpl.id) or create_set(
            ws, tpl.get("set_title", tpl.title), list(tpl["questions"]), tpl.id).value
    return ws.insert("audit_rounds", {
        "exercise_id": exercise_id, "set_id": set_id, "title": plan.title, "day": plan.day,
        "benchmark": plan.benchmark, "minimum_responses": plan.minimum_responses,
    })


def _round_set(ws: Workspace, exercise_id: str) -> tuple[str, str]:
    round_id = set_up_round(ws, exercise_id).value
    return round_id, audit_round(ws, round_id).set_id


@operation
def set_benchmark(ws: Workspace, exercise_id: str, benchmark: float | None) -> None:
    """The line results are compared against (None for no line), to one decimal place."""
    if benchmark is not None:
        if not 0 < benchmark <= HIGHEST_SCORE:
            raise InvalidValue("The benchmark is a score from 0 to 10.")
        benchmark = round(float(benchmark), 1)
    round_id = set_up_round(ws, exercise_id).value
    if audit_round(ws, round_id).benchmark != benchmark:
        ws.update("audit_rounds", round_id, {"benchmark": benchmark})


@operation
def set_minimum(ws: Workspace, exercise_id: str, minimum: int) -> None:
    """How many answers a round, and each question, needs before any figure is shown."""
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise InvalidValue("The minimum number of responses is a whole number from 1.")
    round_id = set_up_round(ws, exercise_id).value
    if audit_round(ws, round_id).minimum_responses != minimum:
        ws.update("audit_rounds", round_id, {"minimum_responses": minimum})


@operation
def choose_set(ws: Workspace, exercise_id: str, set_id: str) -> None:
    """Ask another question set in this round; only before anyone has answered."""
    if question_set(ws, set_id) is None:
        raise InvalidValue("That question set no longer exists.")
    round_id = set_up_round(ws, exercise_id).value
    if response_count(ws, round_id):
        raise InvalidValue("This round already has answers, so it keeps its questions.")
    if audit_round(ws, round_id).set_id != set_id:
        ws.update("audit_rounds", round_id, {"set_id": set_id})


@operation
def duplicate_to_edit(ws: Workspace, exercise_id: str) -> tuple[str, bool]:
    """Copy the round's questions into a new set; the round uses the copy if nobody has answered.

    Returns the copy's id and whether the round now uses it.
    """
    round_id, set_id = _round_set(ws, exercise_id)
    copy = duplicate_set(ws, set_id).value
    if response_count(ws, round_id):
        return copy, False
    ws.update("audit_rounds", round_id, {"set_id": copy})
    return copy, True


# -- questions -------------------------------------------------------------------------------


def _question_id(ws: Workspace, set_id: str, index: int) -> str:
    questions = question_set(ws, set_id).questions
    if not 0 <= index < len(questions):
        raise InvalidValue("That question is no longer in the set.")
    return questions[index].id


@operation
def reword_question(ws: Workspace, exercise_id: str, index: int, text: str) -> None:
    """New wording for the round's question `index` (0-based); refused once the set is answered."""
    text = " ".join(clean_comment(text).split())
    if not text:
        raise InvalidValue("A question needs some words.")
    _round_id, set_id = _round_set(ws, exercise_id)
    _editable(ws, set_id)
    question_id = _question_id(ws, set_id, index)
    if ws.get("audit_questions", question_id)["text"] != text:
        ws.update("audit_questions", question_id, {"text": text})


@operation
def add_question(ws: Workspace, exercise_id: str, text: str = "New question") -> str:
    """A question at the end of the round's set; refused once the set is answered."""
    _round_id, set_id = _round_set(ws, exercise_id)
    _editable(ws, set_id)
    position = max((q.position for q in question_set(ws, set_id).questions), default=0) + 1
    return ws.insert("audit_questions", {"set_id": set_id, "position": position, "text": text.strip()})


@operation
def remove_question(ws: Workspace, exercise_id: str, index: int) -> None:
    """Take question `index` (0-based) out of the round's set; refused once the set is answered."""
    _round_id, set_id = _round_set(ws, exercise_id)
    _editable(ws, set_id)
    ws.delete("audit_questions", _question_id(ws, set_id, index))


# -- responses -------------------------------------------------------------------------------


def _answer_rows(ws: Workspace, set_id: str, answers: Answers, response_id: str, day: str) -> list[dict]:
    valid = {q.id for q in question_set(ws, set_id).questions}
    rows = []
    for question_id, value in answers.items():
        if question_id not in valid:
            raise InvalidValue("An answer was given to a question this round does not ask.")
        score, comment = value if isinstance(value, tuple) else (value, "")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)
                                  or not LOWEST_SCORE <= score <= HIGHEST_SCORE):
            raise InvalidValue(f"{score!r} is not a score from 0 to 10.")
        rows.append({"response_id": response_id, "question_id": question_id, "score": score,
                     "comment": clean_comment(comment), "created": day, "modified": day})
    return rows


@operation
def add_response(ws: Workspace, round_id: str, answers: Answers, day: str | None = None) -> None:
    """Store one anonymous response: no participant, no device and the date only.

    `answers` maps question ids to a score (None for no answer) or a (score, comment) pair.
    Answering a round freezes its question set, so later rounds stay comparable. Returns
    nothing: the new response's id changes with the next shuffle, and nothing may point at it.
    """
    found = audit_round(ws, round_id)
    if found is None:
        raise InvalidValue("That audit round no longer exists.")
    # The round's own day where it has one: every response then carries the same date.
    day = day or found.day or date.today().isoformat()
    response = {"id": new_id(), "round_id": round_id, "day": day, "created": day, "modified": day}
    rows = _answer_rows(ws, found.set_id, answers, response["id"], day)
    if not ws.get("audit_question_sets", found.set_id)["frozen"]:
        ws.update("audit_question_sets", found.set_id, {"frozen": 1})
    later = _SHUFFLE_LATER.get(id(ws))
    if later is not None:
        # Inside `one_shuffle` (last, after every check): the round's shuffle at the end of the
        # block writes it, in among the others, rather than writing it here to rewrite it then.
        later.setdefault(round_id, []).append((response, rows))
        return
    ws.insert("audit_responses", response)
    ws.insert_many("audit_answers", rows)
    shuffle_round(ws, round_id)


@operation
def answer(ws: Workspace, exercise_id: str, answers: Sequence[tuple[int | None, str]]) -> None:
    """One person's answers (a paper form or the laptop), in the order of the round's questions."""
    if not any(score is not None or clean_comment(comment) for score, comment in answers):
        raise InvalidValue("This form has no answers, so nothing was added.")
    round_id, set_id = _round_set(ws, exercise_id)
    questions = question_set(ws, set_id).questions
    if len(answers) != len(questions):
        raise InvalidValue("The questions changed while these answers were typed; nothing was added.")
    add_response(ws, round_id, {q.id: a for q, a in zip(questions, answers, strict=True)})


@contextlib.contextmanager
def one_shuffle(ws: Workspace) -> Iterator[None]:
    """Several edits of responses in one transaction, each changed round shuffled once at the end.

    Use it inside one operation, so the shuffle commits with the edits: a room's answers
    arriving together then cost one rewrite of the round, not one per answer. If the block
    fails, nothing is shuffled (the operation around it rolls back).
    """
    key = id(ws)
    if key in _SHUFFLE_LATER:  # already inside one: the outer block shuffles
        yield
        return
    if not ws.db.conn.in_transaction:
        raise RuntimeError("one_shuffle() belongs inside an operation's transaction.")
    rounds = _SHUFFLE_LATER[key] = {}
    try:
        yield
    finally:
        del _SHUFFLE_LATER[key]
    for round_id in sorted(rounds):
        _rewrite(ws, round_id, rounds[round_id])


@operation
def shuffle_round(ws: Workspace, round_id: str) -> None:
    """Rewrite all of a round's responses and answers with fresh ids in a random order.

    SQLite places each new cell below the last one in its page, so cell offsets would otherwise
    give the order of answering; a b-tree's divider keys would keep ids of answers older than
    a split. After this, every stored detail of the round is a fresh random arrangement.
    Inside `one_shuffle`, the round is only noted, to be shuffled once when the block ends.
    """
    later = _SHUFFLE_LATER.get(id(ws))
    if later is not None:
        later.setdefault(round_id, [])
        return
    _rewrite(ws, round_id, [])


def _rewrite(ws: Workspace, round_id: str, added: list[tuple[dict, list[dict]]]) -> None:
    """`shuffle_round`, writing the `added` responses (row, answer rows) in among the stored ones."""
    stored = ws.rows("audit_responses", {"round_id": round_id})
    if not stored and not added:
        return
    stored_answers = ws.query(
        "SELECT a.* FROM audit_answers a JOIN audit_responses r ON r.id = a.response_id "
        "WHERE r.round_id = ?", [round_id])
    responses = [*stored, *(response for response, _rows in added)]
    answers = [*stored_answers, *(row for _response, rows in added for row in rows)]
    fresh = {r["id"]: new_id() for r in responses}
    _RANDOM.shuffle(responses)
    _RANDOM.shuffle(answers)
    # Every row's whole image is known before and after, so the rewrite is applied as a change
    # set: one statement a row, none read back (a room's round of 65 is 1,400 rows).
    ws.apply(Changes((
        *(RowChange("audit_answers", a["id"], a, None) for a in stored_answers),
        *(RowChange("audit_responses", r["id"], r, None) for r in stored),
        *(RowChange("audit_responses", fresh[r["id"]], None, {**r, "id": fresh[r["id"]]}) for r in responses),
        *(RowChange("audit_answers", answer_id, None,
                    {**a, "id": answer_id, "response_id": fresh[a["response_id"]]})
          for a in answers for answer_id in (new_id(),)),
    )))


# -- paper forms, found by what is written on them -------------------------------------------


def _find_form(ws: Workspace, exercise_id: str, form: Sequence[tuple[int | None, str]]) -> tuple[str, str]:
    """(round id, response id) of a response whose answers read exactly `form`.

    Responses carry no stable id and no order, so a form is found by its content; two forms
    with the same content are interchangeable.
    """
    found = round_for_exercise(ws, exercise_id)
    if found is None:
        raise InvalidValue("That form is no longer in this round.")
    questions = question_set(ws, found.set_id).questions
    wanted = [(score, clean_comment(comment)) for score, comment in form]
    for response in responses(ws, found.id):
        given = [(response.answers[q.id].score, response.answers[q.id].comment) if q.id in response.answers
                 else (None, "") for q in questions]
        if given == wanted:
            return found.id, response.id
    raise InvalidValue("That form is no longer in this round.")


@operation
def remove_form(ws: Workspace, exercise_id: str, form: Sequence[tuple[int | None, str]]) -> None:
    """Delete one response that reads exactly `form` (a paper form typed twice, say)."""
    round_id, response_id = _find_form(ws, exercise_id, form)
    ws.delete("audit_responses", response_id)
    shuffle_round(ws, round_id)


@operation
def correct_form(ws: Workspace, exercise_id: str, typed: Sequence[tuple[int | None, str]],
                 corrected: Sequence[tuple[int | None, str]]) -> None:
    """Replace the answers of a response that reads `typed` with `corrected` (a typing slip)."""
    if not any(score is not None or clean_comment(comment) for score, comment in corrected):
        raise InvalidValue("This form has no answers; delete it instead.")
    round_id, response_id = _find_form(ws, exercise_id, typed)
    found = audit_round(ws, round_id)
    questions = question_set(ws, found.set_id).questions
    if len(corrected) != len(questions):
        raise InvalidValue("The questions changed while this form was corrected; nothing was changed.")
    day = ws.get("audit_responses", response_id)["day"]
    old = [r["id"] for r in ws.rows("audit_answers", {"response_id": response_id})]
    ws.delete_many("audit_answers", old)
    ws.insert_many("audit_answers", _answer_rows(
        ws, found.set_id, {q.id: a for q, a in zip(questions, corrected, strict=True)}, response_id, day))
    shuffle_round(ws, round_id)
