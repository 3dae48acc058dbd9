"""Inputs that wait while the owner is busy are applied together, as one edit, and each phone is
answered with its own input's outcome (`RoomServer._apply`, `tasks.apply_together`)."""

from __future__ import annotations

import concurrent.futures
import threading
import time

import pytest

from partnerdesk.behaviours_audit import values as audit_values
from partnerdesk.post_it_wall import operations as wall_operations
from partnerdesk.post_it_wall import values as wall_values
from partnerdesk.room import tasks


@pytest.fixture
def held(room):
    """`hold()` keeps the owner's one thread busy until `gate.set()`; every edit handed to the
    owner is recorded in `labels`, with its name on an undo menu once it is applied."""
    labels: list = []
    apply = room.owner.apply

    def recording(label, operation, merge_key=None):
        future = apply(label, operation, merge_key)
        labels.append(label if isinstance(label, str) else lambda: label(future.result(10)))
        return future

    room.owner.apply = recording
    gate = threading.Event()
    pool = concurrent.futures.ThreadPoolExecutor(8)

    def hold() -> None:
        room.owner.read(lambda ws: gate.wait(10))

    try:
        yield labels, gate, hold, pool
    finally:
        gate.set()
        pool.shutdown()


def wait_for(condition, what: str) -> None:
    """Poll (the server's loop runs on its own thread) until `condition()`; fail after 10 s."""
    deadline = time.monotonic() + 10
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.005)


def waiting(room) -> int:
    return sum(len(found) for found in room.server._waiting.values())


def test_post_its_that_wait_together_are_one_edit_and_a_refused_one_is_refused_alone(room, held):
    labels, gate, hold, pool = held
    number = room.open("wall", "postit")
    phones = [room.phone() for _ in range(4)]
    phones[0].state()  # the wall's state is read once, before the owner is held
    hold()
    sent = [("pink", "First, alone"), ("yellow", "Second"), ("nowhere", "Refused by the wall"),
            ("green", "Fourth")]

    def send(k: int):
        zone, text = sent[k]
        return phones[k].post("/api/postit", {"opening": number, "zone": zone, "text": text})

    first = pool.submit(send, 0)
    wait_for(lambda: labels, "the first post-it to be handed to the owner")
    rest = [pool.submit(send, k) for k in (1, 2, 3)]
    wait_for(lambda: waiting(room) == 3, "the other three to wait")
    gate.set()
    replies = [first.result(10)] + [r.result(10) for r in rest]

    assert [name() for name in labels] == ["Add a post-it from a phone", "Add 2 post-its from phones"]
    assert [r.status for r in replies] == [200, 200, 409, 200]
    assert "no zone" in replies[2].error
    stored = {p.id: (p.zone, p.text) for p in room.read(lambda ws: wall_values.post_its(ws, room.ids["wall"]))}
    # Each phone's reply names its own post-it, whatever the order inside the edit.
    assert {k: stored[replies[k].json()["id"]] for k in (0, 1, 3)} == {k: sent[k] for k in (0, 1, 3)}
    assert len(stored) == 3
    assert [p["text"] for p in phones[3].state()["mine"]["post_its"]] == ["Fourth"]
    assert phones[2].state()["mine"]["post_its"] == []


def test_audit_answers_that_wait_together_are_one_edit_one_response_each(room, held):
    labels, gate, hold, pool = held
    number = room.open("audit", "audit")
    phones = [room.phone() for _ in range(5)]
    questions = len(phones[0].state()["public"]["questions"])
    hold()

    def form(k: int, count: int = questions) -> list[dict]:
        return [{"score": (k + q) % 11, "comment": f"phone {k}"} for q in range(count)]

    def send(k: int, answers: list[dict]):
        return phones[k].post("/api/audit", {"opening": number, "answers": answers})

    first = pool.submit(send, 0, form(0))
    wait_for(lambda: labels, "the first answer to be handed to the owner")
    # Phone 2's form is short of questions: the audit's own rule refuses it, and only it.
    rest = [pool.submit(send, k, form(k, questions - 1 if k == 2 else questions)) for k in (1, 2, 3, 4)]
    wait_for(lambda: waiting(room) == 4, "the other four to wait")
    gate.set()
    replies = [first.result(10)] + [r.result(10) for r in rest]

    assert [name() for name in labels] == ["Add an audit response from a phone", "Add 3 audit responses from phones"]
    assert [r.status for r in replies] == [200, 200, 409, 200, 200]
    stored = room.read(lambda ws: audit_values.responses(
        ws, audit_values.round_for_exercise(ws, room.ids["audit"]).id))
    comments = sorted({a.comment for r in stored for a in r.answers.values()})
    assert comments == ["phone 0", "phone 1", "phone 3", "phone 4"]
    assert len(stored) == 4
    assert [phone.state()["mine"]["answered"] for phone in phones] == [True, True, False, True, True]


def test_a_refusal_takes_back_only_its_own_writes_and_its_own_rows_of_the_change_set(room):
    def add(text: str, zone: str = "pink"):
        return lambda ws: wall_operations.add_post_it(ws, room.ids["wall"], zone, text)

    def half_then_refused(ws):
        add("written, then taken back")(ws)
        return add("refused", "nowhere")(ws)

    edits = [tasks.Edit("one", add("kept 1"), plural="{n}"), tasks.Edit("one", half_then_refused, plural="{n}"),
             tasks.Edit("one", add("kept 2"), plural="{n}")]
    changes = room.owner.apply("together", tasks.apply_together(edits)).result(10)
    kept, refused, kept_too = changes.value
    assert isinstance(refused, wall_operations.EditRefused)
    texts = sorted(p.text for p in room.read(lambda ws: wall_values.post_its(ws, room.ids["wall"])))
    assert texts == ["kept 1", "kept 2"]
    assert {r.after["text"] for r in changes.rows if r.table == wall_values.POST_ITS} == {"kept 1", "kept 2"}
    assert kept.value != kept_too.value
    assert tasks.together_label(edits) == "3" and tasks.together_label(edits[:1]) == "one"
    assert tasks.together_label(edits, changes.value) == "2"
