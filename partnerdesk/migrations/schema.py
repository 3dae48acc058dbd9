"""The tables and columns of the latest schema, as its migrations build them.

Opening a workspace checks that it has these tables and columns before anything reads or writes
it. Building them by running every migration in an in-memory database cost each start-up several
milliseconds; this is that result, written down. tests/unit/test_schema_constant.py runs the
migrations and fails, printing the new text, when this differs from what they build: a new
migration updates this file in the same commit.
"""

from __future__ import annotations

VERSION = 6

_COLUMNS = {
    "workspace_info": "key value",
    "programmes": "created description id modified title",
    "workshops": "created date id modified programme_id title venue",
    "participants": "created id modified name organisation programme_id role side workshop_id",
    "attendance": "created id modified participant_id workshop_id",
    "small_groups": "created id modified name position workshop_id",
    "exercises": "created group_id id kind modified position settings template title workshop_id",
    "agenda_items": (
        "actual_start created duration_minutes exercise_id id modified notes position "
        "start_time title workshop_id"
    ),
    "board_items": "created exercise_id group_id id label modified notes organisation position role",
    "placements": "created id item_id modified note x y",
    "checklist_ticks": "checklist created entry id item_id modified",
    "wall_clusters": "created exercise_id id modified name zone",
    "wall_notes": "author cluster_id created exercise_id hidden id modified text votes x y zone",
    "learning_logs": (
        "conclude created experience id modified notes participant_id plan reflect "
        "workshop_id"
    ),
    "audit_question_sets": "created frozen id modified template title",
    "audit_questions": "created id modified position set_id text",
    "audit_rounds": "benchmark created day exercise_id id minimum_responses modified set_id title",
    "audit_responses": "created day id modified round_id",
    "audit_answers": "comment created id modified question_id response_id score",
}

#: Table name: its column names.
TABLES: dict[str, frozenset[str]] = {name: frozenset(columns.split()) for name, columns in _COLUMNS.items()}
