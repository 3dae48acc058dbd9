"""Audit statistics: per-question and overall results, the lowest items, and two rounds compared.

The minimum number of answers protects each question, not only the round: a question answered
by fewer people than the minimum shows no figure at all (mean, median, range, spread), since
with two answers the range alone gives both away.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

DEFAULT_MINIMUM = 3
LOWEST_COUNT = 2
MOST_MOVED_COUNT = 3


@dataclass(frozen=True)
class QuestionResult:
    """One question's answers: blanks are not answers, so they count in neither n nor the mean."""

    position: int  # 1-based
    text: str
    n: int
    mean: float | None
    median: float | None
    minimum: int | None
    maximum: int | None
    sd: float | None  # population standard deviation of the answers given
    lowest: bool = False
    #: Fewer answers than the minimum: `n` is shown, every other figure is None.
    withheld: bool = False

    @property
    def spread(self) -> str:
        if self.withheld:
            return "withheld"
        if self.n == 0:
            return "—"
        return f"{self.minimum}–{self.maximum} (sd {self.sd:.2f})"


@dataclass(frozen=True)
class RoundResults:
    responses: int
    minimum_responses: int
    questions: tuple[QuestionResult, ...]
    overall: float | None
    benchmark: float | None

    @property
    def withheld(self) -> bool:
        return self.responses < self.minimum_responses

    @property
    def withheld_message(self) -> str:
        return withheld_message(self.responses, self.minimum_responses)

    @property
    def lowest(self) -> list[QuestionResult]:
        return [q for q in self.questions if q.lowest]


def withheld_message(responses: int, minimum: int) -> str:
    more = minimum - responses
    return (f"Results are withheld until at least {minimum} people have answered, so that no one's "
            f"answers can be read off. {responses} so far: {more} more needed.")


def question_result(position: int, text: str, scores: Sequence[int | None], minimum: int = 1) -> QuestionResult:
    """One question's figures; with fewer than `minimum` answers, none of them (withheld)."""
    given = sorted(s for s in scores if s is not None)
    n = len(given)
    if n < minimum:
        return QuestionResult(position, text, n, None, None, None, None, None, withheld=n > 0)
    if not n:
        return QuestionResult(position, text, 0, None, None, None, None, None)
    # Plain arithmetic: `statistics.pstdev` works in exact fractions, ten times slower here.
    mean = sum(given) / n
    middle = n // 2
    median = float(given[middle]) if n % 2 else (given[middle - 1] + given[middle]) / 2
    sd = math.sqrt(sum((s - mean) ** 2 for s in given) / n)
    return QuestionResult(position, text, n, mean, median, given[0], given[-1], sd)


def overall_average(results: Sequence[QuestionResult]) -> float | None:
    """The mean of the question means (each question weighs the same, however many answered it).

    This is the East Midlands case's "average score across all ten questions" (6.02). It equals
    the mean of all answers when nobody leaves a question blank; questions nobody answered are
    left out, and so are questions whose figures are withheld.
    """
    means = [q.mean for q in results if q.mean is not None]
    return statistics.fmean(means) if means else None


def lowest_positions(results: Sequence[QuestionResult], count: int = LOWEST_COUNT) -> set[int]:
    """The `count` lowest-scoring questions; a tie at the cut-off marks every tied question."""
    ranked = sorted((q for q in results if q.mean is not None), key=lambda q: q.mean)
    if not ranked:
        return set()
    cut = ranked[min(count, len(ranked)) - 1].mean
    return {q.position for q in ranked if q.mean <= cut + 1e-9}


def round_results(
    texts: Sequence[str],
    scores: Sequence[Sequence[int | None]],
    *,
    responses: int,
    minimum_responses: int = DEFAULT_MINIMUM,
    benchmark: float | None = None,
) -> RoundResults:
    """Results of one round; `scores[i]` holds question i's answers (None for a blank).

    Below the minimum number of responses nothing is computed: the caller shows only the
    withheld message, so a small group's answers cannot be read off. Above it, a question with
    fewer answers than the minimum is withheld on its own.
    """
    if responses < minimum_responses:
        empty = tuple(question_result(i, t, []) for i, t in enumerate(texts, start=1))
        return RoundResults(responses, minimum_responses, empty, None, benchmark)
    results = [question_result(i, t, s, minimum_responses)
               for i, (t, s) in enumerate(zip(texts, scores, strict=True), start=1)]
    marked = lowest_positions(results)
    results = [replace(r, lowest=r.position in marked) for r in results]
    return RoundResults(responses, minimum_responses, tuple(results), overall_average(results), benchmark)


@dataclass(frozen=True)
class QuestionChange:
    position: int
    text: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    changes: tuple[QuestionChange, ...]
    overall_before: float | None
    overall_after: float | None
    withheld: str = ""  # why the comparison cannot be shown, or ""

    @property
    def overall_change(self) -> float | None:
        if self.overall_before is None or self.overall_after is None:
            return None
        return self.overall_after - self.overall_before

    def most_moved(self, count: int = MOST_MOVED_COUNT) -> list[QuestionChange]:
        """The questions whose mean moved furthest, either way, largest first."""
        moved = [c for c in self.changes if c.change is not None and not math.isclose(c.change, 0.0, abs_tol=1e-9)]
        moved.sort(key=lambda c: (-abs(c.change), c.position))
        return moved[:count]


def compare(before: RoundResults, after: RoundResults) -> Comparison:
    """Per-question and overall change from one round to another, questions matched by wording."""
    if before.withheld or after.withheld:
        which = "the first round" if before.withheld else "the second round"
        needed = before if before.withheld else after
        return Comparison((), None, None,
                          f"The comparison is withheld: {which} has {needed.responses} responses, "
                          f"fewer than the {needed.minimum_responses} needed.")
    by_text = {_key(q.text): q for q in after.questions}
    changes = []
    for q in before.questions:
        other = by_text.get(_key(q.text))
        changes.append(QuestionChange(q.position, q.text, q.mean, other.mean if other else None))
    return Comparison(tuple(changes), before.overall, after.overall)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def fmt(value: float | None, places: int = 2) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def fmt_change(value: float | None) -> str:
    if value is None:
        return "—"
    if math.isclose(value, 0.0, abs_tol=0.005):
        return "0.00"
    return f"{value:+.2f}".replace("-", "−")
