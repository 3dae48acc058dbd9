"""Behaviours audit: results and comparison of 65 responses x 10 questions x 6 rounds, against plain means;
and the cost of adding one anonymous response (the whole round rewritten in a random order)."""

from __future__ import annotations

import random
import statistics
import tempfile
from functools import cache
from itertools import pairwise
from pathlib import Path

from bench.run import Case
from partnerdesk.behaviours_audit import KIND, operations, values
from partnerdesk.behaviours_audit.stats import compare, round_results
from partnerdesk.store import Workspace, new_id

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

@cache
def _workspace() -> tuple[Workspace, str]:
    """One round of 65 stored responses (made once; the folder goes when the process ends)."""
    folder = tempfile.TemporaryDirectory()
    ws = Workspace.open(Path(folder.name) / "bench.partnerdesk")
    ws._bench_folder = folder  # keep the folder alive as long as the workspace
    workshop = ws.insert("workshops", {"title": "Bench", "date": "2026-01-05"})
    exercise = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                       "template": values.DEFAULT_TEMPLATE, "title": "Audit"})
    round_id = operations.set_up_round(ws, exercise).value
    questions = values.question_set(ws, values.audit_round(ws, round_id).set_id).questions
    data = _rounds()[0]
    with ws.atomic():
        for person in range(RESPONSES):
            operations.add_response(ws, round_id, {q.id: data[i][person] for i, q in enumerate(questions)})
    return ws, round_id


def stored_project():
    ws, round_id = _workspace()
    return lambda: values.results(ws, round_id)


def stored_baseline():
    ws, round_id = _workspace()

    def run():
        # SQLite's own averages over the same rows: the floor for reading them at all.
        return ws.query("SELECT a.question_id, COUNT(a.score), AVG(a.score) FROM audit_answers a "
                        "JOIN audit_responses r ON r.id = a.response_id WHERE r.round_id = ? "
                        "GROUP BY a.question_id", [round_id])

    return run


def add_project():
    ws, round_id = _workspace()
    questions = values.question_set(ws, values.audit_round(ws, round_id).set_id).questions
    return lambda: operations.add_response(ws, round_id, {q.id: 5 for q in questions})


def add_baseline():
    ws, round_id = _workspace()
    questions = values.question_set(ws, values.audit_round(ws, round_id).set_id).questions

    def run():
        # The least a store can do: one response and its answers inserted in one commit.
        with ws.db.conn:
            response = new_id()
            ws.db.execute("INSERT INTO audit_responses VALUES (?, ?, '', '2026-01-05', '2026-01-05')",
                          [response, round_id])
            for q in questions:
                ws.db.execute("INSERT INTO audit_answers VALUES (?, ?, ?, 5, '', '2026-01-05', '2026-01-05')",
                              [new_id(), response, q.id])

    return run


CASES = [
    Case("behaviours_audit: 6 rounds x 65 responses x 10 questions", project, baseline, repeat=9,
         note="results with spread, lowest items and 5 comparisons, against plain mean and median"),
    Case("behaviours_audit: one stored round of 65 responses, read and summarised", stored_project, stored_baseline,
         repeat=9, note="values.results() from the workspace, against SQL AVG over the same answers"),
    Case("behaviours_audit: add a response to a round of 65", add_project, add_baseline, repeat=5,
         note="the round rewritten shuffled, the -wal emptied, against 11 plain INSERTs in one commit"),
]
