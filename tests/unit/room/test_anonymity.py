"""Storage never links a phone's audit answers to the phone.

"One response per device per round" is kept in the room session's memory only (the device's
last form, on its in-memory record), and dropped when the round closes. These tests read every
byte the workspace leaves on disk (the file, its -wal and -shm, and any backup) after phones
have answered and changed their answers: no device token, header token, address or page number
is there, and the room added no table or row of its own.
"""

from __future__ import annotations

from pathlib import Path

from partnerdesk.room.server import COOKIE, HEADER
from partnerdesk.store import Workspace


def every_byte(*folders: Path) -> bytes:
    found = b""
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found += path.read_bytes()
    return found


def row_counts(path: Path) -> dict[str, int]:
    with Workspace.open(path, create=False, read_only=True) as ws:
        tables = [r["name"] for r in ws.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: ws.query(f"SELECT COUNT(*) AS n FROM [{t}]")[0]["n"] for t in tables}


def test_no_byte_on_disk_links_an_answer_to_a_phone(room, tmp_path: Path, partnerdesk_home: Path):
    number = room.open("audit", "audit")
    phones = [room.phone() for _ in range(6)]
    nonces = []
    for n, phone in enumerate(phones):
        nonce = f"page-number-{n:04d}-xyz"
        nonces.append(nonce)
        answers = [{"score": (n + q) % 11, "comment": f"comment from person {n}"} for q in range(10)]
        assert phone.post("/api/audit", {"opening": number, "answers": answers, "nonce": nonce}).status == 200
    # Two change their minds before the round closes: still six responses.
    for phone in phones[:2]:
        answers = [{"score": 1, "comment": "changed my mind"} for _ in range(10)]
        assert phone.post("/api/audit", {"opening": number, "answers": answers}).status == 200
    held = room.server.session.memory_of_devices()
    assert sum(d.audit_form is not None for d in held) == 6  # the rule lives in memory...
    room.server.close_exercise()
    assert all(d.audit_form is None and not d.replies for d in held)  # ...and goes with the round

    secrets = [COOKIE, HEADER, "127.0.0.1", *nonces]
    for phone in phones:
        secrets += [phone.cookie, phone.token]
    room.server.stop()
    room.owner.close()
    disk = every_byte(tmp_path, partnerdesk_home)
    assert b"comment from person 3" in disk  # the answers are there: the search can find text
    for secret in secrets:
        assert secret.encode() not in disk, secret

    counts = row_counts(room.path)
    assert counts["audit_responses"] == 6
    # Nothing but the audit's own tables has a row the phones added.
    assert {t for t in counts if t.startswith("room")} == set()


def test_the_room_adds_no_table_of_its_own(room):
    before = set(row_counts(room.path))
    number = room.open("audit", "audit")
    phone = room.phone()
    phone.post("/api/audit", {"opening": number, "answers": [{"score": 5, "comment": ""}] * 10})
    assert set(row_counts(room.path)) == before
