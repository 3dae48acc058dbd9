"""Version 5: the partnership behaviours audit: question sets, rounds and anonymous responses."""

from __future__ import annotations

import sqlite_utils

# Responses and answers are WITHOUT ROWID tables: a rowid would record the order in which
# people answered, which could be matched against who sat where. Keyed by random UUIDs, their
# stored order is meaningless. Neither table has a participant, a device or a time of day:
# `created`/`modified` hold the date only (written by `partnerdesk.audit.add_response`).
STATEMENTS = [
    """CREATE TABLE audit_question_sets (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        template TEXT NOT NULL DEFAULT '',
        frozen INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    """CREATE TABLE audit_questions (
        id TEXT PRIMARY KEY,
        set_id TEXT NOT NULL REFERENCES audit_question_sets(id) ON DELETE CASCADE,
        position REAL NOT NULL DEFAULT 0,
        text TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX audit_questions_set ON audit_questions(set_id)",
    """CREATE TABLE audit_rounds (
        id TEXT PRIMARY KEY,
        exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
        set_id TEXT NOT NULL REFERENCES audit_question_sets(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        day TEXT NOT NULL DEFAULT '',
        benchmark REAL,
        minimum_responses INTEGER NOT NULL DEFAULT 3 CHECK (minimum_responses >= 1),
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    )""",
    "CREATE INDEX audit_rounds_exercise ON audit_rounds(exercise_id)",
    """CREATE TABLE audit_responses (
        id TEXT PRIMARY KEY,
        round_id TEXT NOT NULL REFERENCES audit_rounds(id) ON DELETE CASCADE,
        day TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX audit_responses_round ON audit_responses(round_id)",
    """CREATE TABLE audit_answers (
        id TEXT PRIMARY KEY,
        response_id TEXT NOT NULL REFERENCES audit_responses(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL REFERENCES audit_questions(id) ON DELETE CASCADE,
        score INTEGER CHECK (score IS NULL OR (score BETWEEN 0 AND 10)),
        comment TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX audit_answers_response ON audit_answers(response_id)",
]


def migrate(db: sqlite_utils.Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
