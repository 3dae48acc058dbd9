"""Behaviours audit: results and comparison of 65 responses x 10 questions x 6 rounds, against plain means."""

from __future__ import annotations

import random
import statistics
from itertools import pairwise

from bench.run import Case
from partnerdesk.audit_stats import compare, round_results

RESPONSES = 65
QUESTIONS = 10
ROUNDS = 6
TEXTS = [f"Question {n}" for n in range(1, QUESTIONS + 1)]


def _rounds() -> list[list[list[int | None]]]:
    rng = random.Random(7)
    return [[[None if rng.random() < 0.05 else rng.randint(0, 10) for _ in range(RESPONSES)]
             for _ in range(QUESTIONS)] for _ in range(ROUNDS)]


def project():
    data = _rounds()

    def run():
        results = [round_results(TEXTS, scores, responses=RESPONSES, benchmark=7.5) for scores in data]
        return [compare(a, b) for a, b in pairwise(results)]

    return run


def baseline():
    data = _rounds()

    def run():
        # The least any tool must do: a mean and a median per question per round, in plain Python.
        out = []
        for scores in data:
            for column in scores:
                given = sorted(s for s in column if s is not None)
                out.append((sum(given) / len(given), given[len(given) // 2]))
        return out

    return run


def _check() -> None:
    data = _rounds()
    ours = round_results(TEXTS, data[0], responses=RESPONSES)
    for q, column in zip(ours.questions, data[0], strict=True):
        given = [s for s in column if s is not None]
        assert abs(q.mean - statistics.fmean(given)) < 1e-12


_check()

CASES = [
    Case("audit: 6 rounds x 65 responses x 10 questions", project, baseline, repeat=9,
         note="results with spread, lowest items and 5 comparisons, against plain mean and median"),
]
