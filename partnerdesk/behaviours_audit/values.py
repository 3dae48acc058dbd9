"""The behaviours audit's values and reads: question sets, rounds, anonymous responses, results.

An exercise's round is set up by the first edit that needs it (an answer, a question reworded,
the benchmark moved), inside that edit's undo step. Until then `planned_round` describes the
round the exercise will get, so opening the screen writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from partnerdesk import records
from partnerdesk.behaviours_audit import stats
from partnerdesk.errors import InvalidValue
from partnerdesk.resources import Template, template
from partnerdesk.store import Workspace

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
    """An exercise's round; `id` and perhaps `set_id` are "" while it is only planned."""

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


# -- reading --------------------------------------------------------------------------------


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


def template_set_id(ws: Workspace, template_id: str) -> str | None:
    """The template's own question set, if a round has already made it."""
    found = ws.rows("audit_question_sets", {"template": template_id}, order_by="created")
    return found[0]["id"] if found else None


def round_questions(ws: Workspace, found: Round) -> QuestionSet:
    """The round's question set; for a planned round without one, the template's questions."""
    if found.set_id:
        existing = question_set(ws, found.set_id)
        if existing is not None:
            return existing
    tpl = exercise_template(ws, found.exercise_id)
    texts = list(tpl["questions"])
    return QuestionSet("", tpl.get("set_title", tpl.title), tpl.id, False,
                       tuple(Question("", "", float(n), t) for n, t in enumerate(texts, start=1)))


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


def planned_round(ws: Workspace, exercise_id: str) -> Round:
    """The exercise's round, or (id "") the one its first edit will set up from the template."""
    found = round_for_exercise(ws, exercise_id)
    if found is not None:
        return found
    exercise = records.exercise(ws, exercise_id)
    if exercise is None:
        raise InvalidValue("That exercise no longer exists.")
    tpl = audit_template(exercise.template)
    workshop = ws.get("workshops", exercise.workshop_id) or {}
    return Round("", exercise_id, template_set_id(ws, tpl.id) or "", exercise.title or tpl.title,
                 workshop.get("date") or "", tpl.get("benchmark"),
                 int(tpl.get("minimum_responses", DEFAULT_MINIMUM)))


def exercise_template(ws: Workspace, exercise_id: str) -> Template:
    exercise = records.exercise(ws, exercise_id)
    return audit_template(exercise.template if exercise else "")


def audit_template(template_id: str) -> Template:
    """The exercise's template, or the default one if it is missing (a workspace from elsewhere)."""
    try:
        found = template(template_id or DEFAULT_TEMPLATE)
    except KeyError:
        return template(DEFAULT_TEMPLATE)
    return found if found.get("questions") else template(DEFAULT_TEMPLATE)


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
    found = audit_round(ws, round_id)
    return related_to(ws, found) if found else []


def related_to(ws: Workspace, found: Round) -> list[RoundInfo]:
    """Every round of the round's workshop or programme, this one too even if only planned."""
    here = ws.query(
        "SELECT w.id AS workshop_id, w.programme_id, w.title, w.date FROM exercises e "
        "JOIN workshops w ON w.id = e.workshop_id WHERE e.id = ?", [found.exercise_id])
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
    infos = [RoundInfo(_round(r), r["workshop_title"], r["workshop_date"] or "") for r in rows]
    if not found.id:
        infos.append(RoundInfo(found, here[0]["title"], here[0]["date"] or ""))
        infos.sort(key=lambda i: i.workshop_date)
    return infos


# -- responses -------------------------------------------------------------------------------


def clean_comment(text: str) -> str:
    text = "".join(ch for ch in str(text or "") if ch in "\n\t" or ord(ch) >= 32)
    return text.strip()[:MAX_COMMENT]


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


def answered_by_question(questions: Sequence[Question], given: Sequence[Response]) -> list[int]:
    """For each question, how many responses answered it (a score or a comment)."""
    return [sum(1 for r in given if q.id in r.answers
                and (r.answers[q.id].score is not None or r.answers[q.id].comment)) for q in questions]


def results(ws: Workspace, round_id: str) -> stats.RoundResults:
    """The round's results from the store (withheld below its minimum number of responses)."""
    found = audit_round(ws, round_id)
    if found is None:
        raise InvalidValue("That audit round no longer exists.")
    return results_of(ws, found)


def results_of(ws: Workspace, found: Round) -> stats.RoundResults:
    """A round's results (a planned one has no responses); each question withheld on its own
    below the minimum number of answers."""
    questions = round_questions(ws, found).questions
    given = responses(ws, found.id) if found.id else []
    return stats.round_results(
        [q.text for q in questions], scores_by_question(questions, given), responses=len(given),
        minimum_responses=found.minimum_responses, benchmark=found.benchmark)


def comparison(ws: Workspace, before_id: str, after_id: str) -> stats.Comparison:
    return stats.compare(results(ws, before_id), results(ws, after_id))


def comparison_of(ws: Workspace, before: Round, after: Round) -> stats.Comparison:
    return stats.compare(results_of(ws, before), results_of(ws, after))


def comments(ws: Workspace, round_id: str) -> list[tuple[str, list[str]]]:
    found = audit_round(ws, round_id)
    return comments_of(ws, found) if found else []


def comments_of(ws: Workspace, found: Round) -> list[tuple[str, list[str]]]:
    """Each question's comments, without names; nothing below the round's minimum, and nothing
    for a question fewer people answered than the minimum."""
    given = responses(ws, found.id) if found.id else []
    if len(given) < found.minimum_responses:
        return []
    questions = round_questions(ws, found).questions
    answered = answered_by_question(questions, given)
    return [(q.text, c) for q, c, n in zip(questions, comments_by_question(questions, given), answered, strict=True)
            if c and n >= found.minimum_responses]
