"""Room mode: 65 phones on 127.0.0.1 join at once, each answers the audit and adds 5 post-its.

The burst case sends every phone's write at the same instant (the worst a room can do); the
paced case spreads them over a few seconds, as people finish typing. The project run goes
through HTTP, the server's thread and the owner's thread; the baseline applies the same
operations directly, one after another, on one thread. The note gives the 95th-percentile time
from a phone sending a write to its reply (the target is under 200 ms) and the median. In a
burst the server hands the writes waiting for the workspace's one writer over together, as one
edit (one transaction, and for the audit one anonymity shuffle of the round instead of one per
answer), so the percentile is mostly the time of that one edit. The baseline applies each write
as its own edit, as the room did before it gathered them.
"""

from __future__ import annotations

import asyncio
import importlib.util
import tempfile
from pathlib import Path

from bench.run import Case
from partnerdesk.room.owner import DirectOwner
from partnerdesk.room.server import RoomServer
from partnerdesk.room.session import RoomSession
from partnerdesk.store import Workspace
from tests.unit.room.crowd import audit_answers, post_it_text, run_crowd
from tests.unit.room.phones import make_workshop

PHONES = 65
POST_ITS = 5
ZONES = ["pink", "yellow", "green", "blue"]
HAS_WALL = importlib.util.find_spec("partnerdesk.post_it_wall.operations") is not None


def _workspace() -> tuple[Path, dict[str, str]]:
    path = Path(tempfile.mkdtemp(prefix="bench-room-")) / "room.partnerdesk"
    return path, make_workshop(path)


def project(spread: float = 0.0, case_name: str = "burst") -> callable:
    path, ids = _workspace()

    def run() -> None:
        owner = DirectOwner(path)
        server = RoomServer(owner, RoomSession(), "127.0.0.1", 0)
        owner.on_changed = lambda changes: server.notify_changed()
        server.start()
        try:
            def open_audit() -> int:
                return server.open_exercise(ids["audit"], "behaviours_audit", "audit", "audit").number

            def open_wall() -> tuple[int, list[str]]:
                return server.open_exercise(ids["wall"], "post_it_wall", "postit", "wall").number, ZONES

            result = asyncio.run(run_crowd(server.address, server.session.code, PHONES, open_audit,
                                           open_wall if HAS_WALL else None, POST_ITS, spread))
        finally:
            server.stop()
            owner.close()
        if result.failures:
            raise RuntimeError(result.failures[0])
        CASES_BY_NAME[case_name].note = (f"p95 {result.p95_ms:.0f} ms per write (target < 200 ms): audit answers "
                     f"{result.p95_of('/api/audit'):.0f} ms, post-its {result.p95_of('/api/postit'):.0f} ms; "
                     f"median {result.median_ms:.0f} ms; {len(result.times)} writes"
                     + ("" if HAS_WALL else "; audit only (no wall operations yet)"))

    return run


def baseline() -> callable:
    from partnerdesk.behaviours_audit import operations as audit

    path, ids = _workspace()

    def run() -> None:
        with Workspace.open(path, create=False) as ws:
            for n in range(PHONES):
                audit.answer(ws, ids["audit"], [(a["score"], a["comment"]) for a in audit_answers(n)])
            if HAS_WALL:
                from partnerdesk.post_it_wall import operations as wall

                for n in range(PHONES):
                    for k in range(POST_ITS):
                        wall.add_post_it(ws, ids["wall"], ZONES[(n + k) % len(ZONES)], post_it_text(n, k))

    return run


#: As people finish typing at different moments: each write waits up to this long first.
SPREAD = 8.0
CASES_BY_NAME = {
    "burst": Case("room: 65 phones send the audit and 5 post-its at once", project, baseline, repeat=1),
    "paced": Case(f"room: 65 phones, writes spread over {SPREAD:.0f} s", lambda: project(SPREAD, "paced"),
                  baseline, repeat=1,
                  note="(the project time includes the spread; the percentiles are the measure)"),
}
CASES = list(CASES_BY_NAME.values())
