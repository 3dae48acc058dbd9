"""Issue 12.4: the order in which people answered cannot be read back from the files' bytes.

Each test plays someone with the workspace file, its -wal, its -shm and a backup, and a hex
editor: they know what each person wrote (a unique comment) and try to put the responses in
answering order from cell offsets in b-tree leaf pages, from freed space and freelist pages,
and from the order of WAL frames. Kendall's tau of their guess against the true order must be
no better than chance over many trials. A control shows the same attack recovers the order
exactly from rows written the way the audit used to write them.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
from pathlib import Path

import pytest

from partnerdesk.behaviours_audit import KIND, operations, values
from partnerdesk.store import Workspace
from tests.unit.behaviours_audit.sqlite_bytes import (
    db_pages,
    freelist_pages,
    kendall_tau,
    leaf_cells,
    page_size,
    wal_frames,
)

TRIALS = 20
PEOPLE = 10
#: Chance gives a mean tau near 0 (its standard error over 20 trials of 10 people is about
#: 0.06); the old layout gives 1.0. This bound is generous enough never to flake.
CHANCE = 0.3


def marker(k: int) -> str:
    return f"said-by-person-{k:02d}."


def new_round(ws: Workspace, title: str) -> tuple[str, list[str]]:
    workshop = ws.insert("workshops", {"title": title, "date": "2026-02-03"})
    exercise = ws.insert("exercises", {"workshop_id": workshop, "kind": KIND,
                                       "template": values.DEFAULT_TEMPLATE, "title": title})
    round_id = operations.set_up_round(ws, exercise).value
    questions = values.question_set(ws, values.audit_round(ws, round_id).set_id).questions
    return round_id, [q.id for q in questions]


def files(path: Path) -> dict[str, bytes]:
    found = {}
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        found[suffix or "db"] = part.read_bytes() if part.exists() else b""
    return found


Guess = tuple[dict[str, float], dict[str, int]]  # person -> minus the cell's offset; person -> page


def guess_from_cells(db: bytes) -> list[Guess]:
    """From live cells, one guess per b-tree: each person's cell by its offset (SQLite fills a
    page from its end, so a higher offset means written earlier), and the page it is on. The
    b-trees: the answers and responses tables, and their indexes on response and round."""
    cells = [c for number, page in db_pages(db) for c in leaf_cells(page, number)]
    response_of, answer_of = {}, {}
    answers: Guess = ({}, {})
    for cell in cells:
        for value in cell.values:
            if isinstance(value, str) and value.startswith("said-by-person-"):
                answers[0][value], answers[1][value] = -cell.offset, cell.page
                response_of[cell.values[1]] = value  # audit_answers: id, response_id, ...
                answer_of[cell.values[0]] = value
    responses: Guess = ({}, {})
    response_index: Guess = ({}, {})
    answer_index: Guess = ({}, {})
    for cell in cells:
        found = cell.values
        if len(found) == 5 and found[0] in response_of:  # audit_responses: id, round_id, day, ...
            guess, person = responses, response_of[found[0]]
        elif len(found) == 2 and found[1] in response_of:  # audit_responses_round: round_id, id
            guess, person = response_index, response_of[found[1]]
        elif len(found) == 2 and found[1] in answer_of:  # audit_answers_response: response_id, id
            guess, person = answer_index, answer_of[found[1]]
        else:
            continue
        guess[0][person], guess[1][person] = -cell.offset, cell.page
    return [answers, responses, response_index, answer_index]


def guess_from_wal(wal: bytes) -> dict[str, float]:
    """From the -wal: the first frame in which each person's words appear."""
    first = {}
    for index, (_page, image) in enumerate(wal_frames(wal)):
        for k in range(PEOPLE):
            if marker(k) not in first and marker(k).encode() in image:
                first[marker(k)] = index
    return first


def taus(db: bytes, wal: bytes, order: dict[str, int]) -> list[float]:
    found = [kendall_tau(order, offsets, lambda a, b, pages=pages: pages[a] == pages[b])
             for offsets, pages in guess_from_cells(db)]
    found.append(kendall_tau(order, guess_from_wal(wal)))
    return [t for t in found if t is not None]


def add_person(ws: Workspace, round_id: str, questions: list[str], k: int, rng: random.Random) -> None:
    operations.add_response(ws, round_id, {questions[0]: (rng.randint(0, 10), marker(k)),
                                           questions[1]: rng.randint(0, 10)})


def test_no_file_gives_the_order_of_answering(tmp_path):
    rng = random.Random(12)  # the test's own data only; the store's shuffle uses system randomness
    by_source: dict[str, list[float]] = {"file": [], "backup": []}
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}.partnerdesk"
        ws = Workspace.open(path)
        try:
            round_id, questions = new_round(ws, "Measured")
            other_round, other_questions = new_round(ws, "Another round sharing the pages")
            order = {marker(k): k for k in range(PEOPLE)}
            for k in range(PEOPLE):
                add_person(ws, round_id, questions, k, rng)
                operations.add_response(ws, other_round, {other_questions[0]: (1, "x" * rng.randint(0, 60))})
                raw = files(path)
                # At every moment: no -wal history, nothing in the -shm, every person's words
                # exactly once in the file (in a live cell), and none on a freelist page.
                assert raw["-wal"] == b""
                assert not any(marker(j).encode() in raw["-shm"] for j in range(PEOPLE))
                assert all(raw["db"].count(marker(j).encode()) == 1 for j in range(k + 1))
                size = page_size(raw["db"])
                for number in freelist_pages(raw["db"]):
                    freed = raw["db"][(number - 1) * size:number * size]
                    assert not any(marker(j).encode() in freed for j in range(PEOPLE))
            by_source["file"] += taus(files(path)["db"], b"", order)
            backup = tmp_path / f"trial-{trial}-backup.partnerdesk"
            ws.backup_to(backup)
            by_source["backup"] += taus(backup.read_bytes(), b"", order)
        finally:
            ws.close()
    for source, found in by_source.items():
        assert len(found) >= 4 * TRIALS, source  # the attack found cells in all four b-trees
        assert abs(statistics.fmean(found)) < CHANCE, (source, statistics.fmean(found))


def test_the_same_attack_reads_the_order_of_rows_written_the_old_way(tmp_path):
    """Control: rows inserted one by one and kept (as before issue 12) give the order away."""
    path = tmp_path / "old.partnerdesk"
    ws = Workspace.open(path)
    try:
        round_id, questions = new_round(ws, "Old")
        order = {marker(k): k for k in range(PEOPLE)}
        for k in range(PEOPLE):
            response = f"{random.getrandbits(128):032x}"
            with ws.db.conn:
                ws.db.execute("INSERT INTO audit_responses VALUES (?, ?, '2026-02-03', '2026-02-03', '2026-02-03')",
                              [response, round_id])
                ws.db.execute("INSERT INTO audit_answers VALUES (?, ?, ?, 5, ?, '2026-02-03', '2026-02-03')",
                              [f"{random.getrandbits(128):032x}", response, questions[0], marker(k)])
        wal_tau = kendall_tau(order, guess_from_wal(files(path)["-wal"]))
        ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cell_taus = taus(files(path)["db"], b"", order)
    finally:
        ws.close()
    assert wal_tau == 1.0
    assert len(cell_taus) == 4 and all(t == 1.0 for t in cell_taus)


def test_a_reader_that_blocks_emptying_the_wal_delays_it_only_until_it_lets_go(tmp_path):
    path = tmp_path / "read.partnerdesk"
    ws = Workspace.open(path)
    try:
        round_id, questions = new_round(ws, "Read elsewhere")
        rng = random.Random(3)
        add_person(ws, round_id, questions, 0, rng)
        reader = sqlite3.connect(path)
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM audit_answers").fetchone()  # holds a read snapshot
        add_person(ws, round_id, questions, 1, rng)
        assert files(path)["-wal"] != b""  # the snapshot the reader holds keeps the -wal
        reader.rollback()
        reader.close()
        ws.insert("workshops", {"title": "any later edit"})  # the next commit tries again
        assert files(path)["-wal"] == b""
        assert files(path)["db"].count(marker(1).encode()) == 1
    finally:
        ws.close()


def test_undo_and_redo_of_an_answer_leave_no_history_either(tmp_path):
    path = tmp_path / "undo.partnerdesk"
    ws = Workspace.open(path)
    try:
        round_id, questions = new_round(ws, "Undone")
        rng = random.Random(5)
        for k in range(3):
            add_person(ws, round_id, questions, k, rng)
        changes = operations.add_response(ws, round_id, {questions[0]: (4, marker(3))})
        ws.apply(changes.inverse())
        raw = files(path)
        assert raw["-wal"] == b"" and marker(3).encode() not in raw["db"]  # zeroed, not just unlinked
        assert all(raw["db"].count(marker(k).encode()) == 1 for k in range(3))
        ws.apply(changes)
        raw = files(path)
        assert raw["-wal"] == b"" and all(raw["db"].count(marker(k).encode()) == 1 for k in range(4))
    finally:
        ws.close()


def test_answers_applied_together_with_one_shuffle_keep_no_order_either(tmp_path):
    """A room's burst: several people's answers in one edit, the round shuffled once at its end.
    Within an edit and across edits, the attack does no better than chance."""
    from partnerdesk.changes import operation

    @operation
    def together(ws: Workspace, round_id: str, questions: list[str], people: list[int], rng: random.Random):
        with operations.one_shuffle(ws):
            for k in people:
                add_person(ws, round_id, questions, k, rng)

    rng = random.Random(16)
    found: list[float] = []
    for trial in range(TRIALS):
        path = tmp_path / f"together-{trial}.partnerdesk"
        ws = Workspace.open(path)
        try:
            round_id, questions = new_round(ws, "Together")
            order = {marker(k): k for k in range(PEOPLE)}
            people = list(range(PEOPLE))
            while people:
                size = rng.randint(2, 5)
                batch, people = people[:size], people[size:]
                together(ws, round_id, questions, batch, rng)
                raw = files(path)
                assert raw["-wal"] == b""
                assert all(raw["db"].count(marker(j).encode()) == 1 for j in range(PEOPLE - len(people)))
            found += taus(files(path)["db"], b"", order)
        finally:
            ws.close()
    assert len(found) >= 4 * TRIALS
    assert abs(statistics.fmean(found)) < CHANCE, statistics.fmean(found)


def test_inside_one_shuffle_the_round_is_written_once_at_the_end(tmp_path):
    with Workspace.open(tmp_path / "once.partnerdesk") as ws:
        round_id, questions = new_round(ws, "Once")
        rng = random.Random(4)
        add_person(ws, round_id, questions, 0, rng)
        before = {r["id"] for r in ws.rows("audit_responses", {"round_id": round_id})}
        with ws.atomic(), operations.one_shuffle(ws):
            add_person(ws, round_id, questions, 1, rng)
            add_person(ws, round_id, questions, 2, rng)
            # Nothing written yet: the new responses go in with the round's one rewrite.
            assert {r["id"] for r in ws.rows("audit_responses", {"round_id": round_id})} == before
        after = {r["id"] for r in ws.rows("audit_responses", {"round_id": round_id})}
        assert len(after) == 3 and not after & before  # every response has a fresh id
        assert ws.query("SELECT COUNT(*) AS n FROM audit_answers")[0]["n"] == 6
    with pytest.raises(RuntimeError), Workspace.open(tmp_path / "once.partnerdesk") as ws, \
            operations.one_shuffle(ws):
        pass  # outside a transaction, a shuffle at the end would commit on its own
