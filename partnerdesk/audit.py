"""The partnership behaviours audit: question sets, rounds and anonymous responses in the store."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from partnerdesk import audit_stats, records
from partnerdesk.errors import InvalidValue
from partnerdesk.exports import safe_cell, write_atomically
from partnerdesk.resources import Template, template
from partnerdesk.store import Workspace, new_id

KIND = "behaviours_audit"
DEFAULT_TEMPLATE = "behaviours-audit"
DEFAULT_MINIMUM = 3
LOWEST_SCORE = 0
HIGHEST_SCORE = 10
MAX_COMMENT = 2000


class AnswerError(ValueError):
    """A typed answer that is not a whole number from 0 to 10 (the message is for the user)."""


class SetFrozen(InvalidValue):
    """A question set already answered in a round: editing it would break comparisons."""


FROZEN_MESSAGE = (
    "This question set has been answered in an audit round, so it is frozen to keep rounds "
    "comparable. Use Duplicate to edit to make a copy you can change."
)


def parse_score(text: str | None) -> int | None:
    """A typed answer as a score: blank is "no answer" (None, never 0); 0-10 whole numbers only."""
    value = (text or "").strip()
    if not value:
        return None
    if value.lstrip("+-").isdigit() and value.startswith("-"):
        raise AnswerError(f"“{value}” is below zero: type a whole number from 0 to 10, or leave it blank.")
    if not value.isdigit() or not value.isascii():
        try:
            float(value)
        except ValueError:
            raise AnswerError(
                f"“{value}” is not a score: type a whole number from 0 to 10, or leave it blank."
            ) from None
        raise AnswerError(f"“{value}” is not a whole number: type 0 to 10, or leave it blank.")
    score = int(value)
    if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
        raise AnswerError(f"“{value}” is more than 10: type a whole number from 0 to 10, or leave it blank.")
    return score


@dataclass(frozen=True)
class Question:
    id: str
    set_id: str
    position: float
    text: str


@dataclass(frozen=True)
class QuestionSet:
    id: str
    title: str
    template: str
    frozen: bool
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Round:
    id: str
    exercise_id: str
    set_id: str
    title: str
    day: str
    benchmark: float | None
    minimum_responses: int


@dataclass(frozen=True)
class Answer:
    question_id: str
    score: int | None
    comment: str = ""


@dataclass(frozen=True)
class Response:
    id: str
    day: str
    answers: dict[str, Answer] = field(default_factory=dict)


# -- question sets ---------------------------------------------------------------------------


def create_set(ws: Workspace, title: str, questions: Sequence[str], template_id: str = "") -> str:
    """A new, editable question set; returns its id."""
    with ws.atomic():
        set_id = ws.insert("audit_question_sets", {"title": title, "template": template_id, "frozen": 0})
        ws.insert_many("audit_questions", [
            {"set_id": set_id, "position": float(n), "text": text}
            for n, text in enumerate(questions, start=1)
        ])
    return set_id


def question_set(ws: Workspace, set_id: str) -> QuestionSet | None:
    row = ws.get("audit_question_sets", set_id)
    if row is None:
        return None
    found = tuple(
        Question(r["id"], r["set_id"], r["position"], r["text"])
        for r in ws.rows("audit_questions", {"set_id": set_id}, order_by="position")
    )
    return QuestionSet(row["id"], row["title"], row["template"], bool(row["frozen"]), found)


def question_sets(ws: Workspace) -> list[QuestionSet]:
    return [question_set(ws, r["id"]) for r in ws.rows("audit_question_sets", order_by="title")]


def default_set(ws: Workspace, template_id: str = DEFAULT_TEMPLATE) -> str:
    """The template's own set of questions, made the first time a round needs it."""
    found = ws.rows("audit_question_sets", {"template": template_id}, order_by="created")
    if found:
        return found[0]["id"]
    tpl = template(template_id)
    return create_set(ws, tpl.get("set_title", tpl.title), list(tpl["questions"]), template_id)


def check_editable(ws: Workspace, set_id: str) -> None:
    """Refuse, with a clear message, any edit of a frozen set."""
    row = ws.get("audit_question_sets", set_id)
    if row is None:
        raise InvalidValue("That question set no longer exists.")
    if row["frozen"]:
        raise SetFrozen(FROZEN_MESSAGE)


def question_changes(ws: Workspace, set_id: str, texts: Mapping[str, str]) -> dict[str, dict]:
    """The store changes that give questions new wording, refused for a frozen set."""
    check_editable(ws, set_id)
    return {qid: {"text": text.strip()} for qid, text in texts.items()}


def duplicate_set(ws: Workspace, set_id: str, title: str | None = None) -> str:
    """An editable copy of a set (frozen or not), for a facilitator's own version."""
    source = question_set(ws, set_id)
    if source is None:
        raise InvalidValue("That question set no longer exists.")
    return create_set(ws, title or f"{source.title} (copy)", [q.text for q in source.questions])


# -- rounds ----------------------------------------------------------------------------------


def _round(row: Mapping) -> Round:
    return Round(row["id"], row["exercise_id"], row["set_id"], row["title"], row["day"],
                 row["benchmark"], int(row["minimum_responses"]))


def audit_round(ws: Workspace, round_id: str) -> Round | None:
    row = ws.get("audit_rounds", round_id)
    return _round(row) if row else None


def round_for_exercise(ws: Workspace, exercise_id: str) -> Round | None:
    rows = ws.rows("audit_rounds", {"exercise_id": exercise_id}, order_by="created")
    return _round(rows[0]) if rows else None


def ensure_round(ws: Workspace, exercise_id: str) -> Round:
    """The exercise's round, set up from its template the first time the exercise is opened."""
    found = round_for_exercise(ws, exercise_id)
    if found is not None:
        return found
    exercise = records.exercise(ws, exercise_id)
    if exercise is None:
        raise InvalidValue("That exercise no longer exists.")
    tpl = audit_template(exercise.template)
    workshop = ws.get("workshops", exercise.workshop_id)
    with ws.atomic():
        round_id = ws.insert("audit_rounds", round_row(exercise_id, default_set(ws, tpl.id), tpl,
                                                       exercise.title or tpl.title,
                                                       (workshop or {}).get("date") or ""))
    return audit_round(ws, round_id)


def audit_template(template_id: str) -> Template:
    """The exercise's template, or the default one if it is missing (a workspace from elsewhere)."""
    try:
        found = template(template_id or DEFAULT_TEMPLATE)
    except KeyError:
        return template(DEFAULT_TEMPLATE)
    return found if found.get("questions") else template(DEFAULT_TEMPLATE)


def round_row(exercise_id: str, set_id: str, tpl: Template, title: str, day: str) -> dict:
    return {
        "exercise_id": exercise_id, "set_id": set_id, "title": title, "day": day,
        "benchmark": tpl.get("benchmark"),
        "minimum_responses": int(tpl.get("minimum_responses", DEFAULT_MINIMUM)),
    }


@dataclass(frozen=True)
class RoundInfo:
    """A round with where it happened, for choosing which rounds to compare."""

    round: Round
    workshop_title: str
    workshop_date: str

    @property
    def label(self) -> str:
        when = f" ({self.workshop_date})" if self.workshop_date else ""
        return f"{self.workshop_title}{when}: {self.round.title}"

    @property
    def short_label(self) -> str:
        """For a chart's legend: the session's name before any colon, and its date."""
        name = self.workshop_title.split(":", 1)[0].strip() or self.round.title
        return f"{name} ({self.workshop_date})" if self.workshop_date else name


def related_rounds(ws: Workspace, round_id: str) -> list[RoundInfo]:
    """Every round of the same workshop or programme (this one included), oldest first."""
    here = ws.query(
        "SELECT w.id AS workshop_id, w.programme_id FROM audit_rounds r "
        "JOIN exercises e ON e.id = r.exercise_id JOIN workshops w ON w.id = e.workshop_id "
        "WHERE r.id = ?", [round_id])
    if not here:
        return []
    programme_id = here[0]["programme_id"]
    if programme_id:
        clause, param = "w.programme_id = ?", programme_id
    else:
        clause, param = "w.id = ?", here[0]["workshop_id"]
    rows = ws.query(
        "SELECT r.*, w.title AS workshop_title, w.date AS workshop_date FROM audit_rounds r "
        "JOIN exercises e ON e.id = r.exercise_id JOIN workshops w ON w.id = e.workshop_id "
        f"WHERE {clause} ORDER BY w.date, r.day, r.created, r.id", [param])
    return [RoundInfo(_round(r), r["workshop_title"], r["workshop_date"] or "") for r in rows]


# -- responses -------------------------------------------------------------------------------


def clean_comment(text: str) -> str:
    text = "".join(ch for ch in str(text or "") if ch in "\n\t" or ord(ch) >= 32)
    return text.strip()[:MAX_COMMENT]


def add_response(
    ws: Workspace,
    round_id: str,
    answers: Mapping[str, int | tuple[int | None, str] | None],
    response_id: str | None = None,
    day: str | None = None,
) -> str:
    """Store one anonymous response: no participant, no device and the date only.

    `answers` maps question ids to a score (None for no answer) or a (score, comment) pair.
    Answering a round freezes its question set, so later rounds stay comparable.
    """
    found = audit_round(ws, round_id)
    if found is None:
        raise InvalidValue("That audit round no longer exists.")
    valid = {q.id for q in question_set(ws, found.set_id).questions}
    # The round's own day where it has one: every response then carries the same date.
    day = day or found.day or date.today().isoformat()
    response_id = response_id or new_id()
    rows = []
    for question_id, value in answers.items():
        if question_id not in valid:
            raise InvalidValue("An answer was given to a question this round does not ask.")
        score, comment = value if isinstance(value, tuple) else (value, "")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)
                                  or not LOWEST_SCORE <= score <= HIGHEST_SCORE):
            raise InvalidValue(f"{score!r} is not a score from 0 to 10.")
        rows.append({"response_id": response_id, "question_id": question_id, "score": score,
                     "comment": clean_comment(comment), "created": day})
    with ws.atomic():
        ws.insert("audit_responses", {"round_id": round_id, "day": day, "created": day}, response_id)
        ws.insert_many("audit_answers", rows)
        # The store stamps `modified` to the millisecond; an anonymous row keeps the day only.
        ws.db.execute("UPDATE audit_responses SET created = ?, modified = ? WHERE id = ?",
                      [day, day, response_id])
        ws.db.execute("UPDATE audit_answers SET created = ?, modified = ? WHERE response_id = ?",
                      [day, day, response_id])
        ws.db.execute("UPDATE audit_question_sets SET frozen = 1 WHERE id = ? AND frozen = 0",
                      [found.set_id])
    return response_id


def responses(ws: Workspace, round_id: str) -> list[Response]:
    """The round's responses, ordered by their random ids (never by when they were given)."""
    found: dict[str, Response] = {}
    for row in ws.query("SELECT id, day FROM audit_responses WHERE round_id = ? ORDER BY id", [round_id]):
        found[row["id"]] = Response(row["id"], row["day"], {})
    for row in ws.query(
        "SELECT a.response_id, a.question_id, a.score, a.comment FROM audit_answers a "
        "JOIN audit_responses r ON r.id = a.response_id WHERE r.round_id = ? ORDER BY a.id",
        [round_id],
    ):
        found[row["response_id"]].answers[row["question_id"]] = Answer(
            row["question_id"], row["score"], row["comment"])
    return list(found.values())


def response_count(ws: Workspace, round_id: str) -> int:
    return ws.query("SELECT COUNT(*) AS n FROM audit_responses WHERE round_id = ?", [round_id])[0]["n"]


def scores_by_question(questions: Sequence[Question], given: Sequence[Response]) -> list[list[int | None]]:
    """For each question in order, every response's score (None where it was left blank)."""
    return [[r.answers[q.id].score if q.id in r.answers else None for r in given] for q in questions]


def comments_by_question(questions: Sequence[Question], given: Sequence[Response]) -> list[list[str]]:
    """For each question, its comments without names, sorted so their order tells nothing."""
    return [sorted((r.answers[q.id].comment for r in given if q.id in r.answers and r.answers[q.id].comment),
                   key=str.casefold) for q in questions]


def results(ws: Workspace, round_id: str) -> audit_stats.RoundResults:
    """The round's results from the store (withheld below its minimum number of responses)."""
    found = audit_round(ws, round_id)
    if found is None:
        raise InvalidValue("That audit round no longer exists.")
    questions = question_set(ws, found.set_id).questions
    given = responses(ws, round_id)
    return audit_stats.round_results(
        [q.text for q in questions], scores_by_question(questions, given), responses=len(given),
        minimum_responses=found.minimum_responses, benchmark=found.benchmark)


def comparison(ws: Workspace, before_id: str, after_id: str) -> audit_stats.Comparison:
    return audit_stats.compare(results(ws, before_id), results(ws, after_id))


def comments(ws: Workspace, round_id: str) -> list[tuple[str, list[str]]]:
    """Each question's comments, without names; nothing at all below the minimum."""
    found = audit_round(ws, round_id)
    given = responses(ws, round_id)
    if found is None or len(given) < found.minimum_responses:
        return []
    questions = question_set(ws, found.set_id).questions
    return [(q.text, c) for q, c in zip(questions, comments_by_question(questions, given), strict=True) if c]


# -- export ----------------------------------------------------------------------------------


def csv_text(questions: Sequence[Question], given: Sequence[Response]) -> str:
    """One row per response (in id order) with each question's score and comment; no names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["response", "day"]
    for n, q in enumerate(questions, start=1):
        header += [safe_cell(f"Q{n} {q.text}"), f"Q{n} comment"]
    writer.writerow(header)
    for number, r in enumerate(given, start=1):
        cells = [str(number), r.day]
        for q in questions:
            answer = r.answers.get(q.id)
            score = "" if answer is None or answer.score is None else str(answer.score)
            cells += [score, safe_cell(answer.comment if answer else "")]
        writer.writerow(cells)
    return out.getvalue()


def export_csv(ws: Workspace, round_id: str, path: Path | str) -> int:
    """Write the round's anonymous responses as CSV (UTF-8 with a BOM); returns the row count."""
    found = audit_round(ws, round_id)
    if found is None:
        raise InvalidValue("That audit round no longer exists.")
    given = responses(ws, round_id)
    if len(given) < found.minimum_responses:
        # One or two responses in a file would be exactly the answers the minimum protects.
        raise InvalidValue(audit_stats.withheld_message(len(given), found.minimum_responses))
    write_atomically(path, csv_text(question_set(ws, found.set_id).questions, given).encode("utf-8-sig"))
    return len(given)
