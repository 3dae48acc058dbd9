"""The behaviours audit from phones: anonymous, one response per device per round, in memory."""

from __future__ import annotations

from partnerdesk.behaviours_audit import values


def responses(room):
    def read(ws):
        found = values.round_for_exercise(ws, room.ids["audit"])
        return [] if found is None else values.responses(ws, found.id)

    return room.read(read)


def form(*scores, comment=""):
    return [{"score": s, "comment": comment} for s in scores]


def test_a_phone_answers_and_sending_again_replaces_its_answers(room):
    number = room.open("audit", "audit")
    phone = room.phone()
    questions = phone.state()["public"]["questions"]
    assert len(questions) == 10
    scores = [7, 5, None, 8, 6, 9, 4, 7, 6, 10]
    reply = phone.post("/api/audit", {"opening": number, "answers": form(*scores)})
    assert reply.status == 200 and reply.json()["replaced"] is False
    assert phone.state()["mine"] == {"answered": True}
    assert len(responses(room)) == 1

    again = [3, 3, 3, 3, 3, 3, 3, 3, 3, None]
    reply = phone.post("/api/audit", {"opening": number, "answers": form(*again, comment="Second go")})
    assert reply.status == 200 and reply.json()["replaced"] is True
    found = responses(room)
    assert len(found) == 1
    stored = sorted(found[0].answers.values(), key=lambda a: a.question_id)
    assert sorted(a.score for a in stored if a.score is not None) == [3] * 9
    assert {a.comment for a in stored} == {"Second go"}


def test_two_phones_give_two_responses_and_a_new_round_forgets_who_answered(room):
    number = room.open("audit", "audit")
    first, second = room.phone(), room.phone()
    assert first.post("/api/audit", {"opening": number, "answers": form(*[5] * 10)}).status == 200
    assert second.post("/api/audit", {"opening": number, "answers": form(*[6] * 10)}).status == 200
    assert len(responses(room)) == 2
    # The facilitator closes the round and opens it again: the phones are new to it.
    number = room.open("audit", "audit")
    assert all(d.audit_form is None for d in room.server.session.memory_of_devices())
    reply = first.post("/api/audit", {"opening": number, "answers": form(*[9] * 10)})
    assert reply.json()["replaced"] is False
    assert len(responses(room)) == 3


def test_the_same_validation_as_a_paper_form(room):
    number = room.open("audit", "audit")
    phone = room.phone()
    for bad in (11, -1, 7.5, "7", True):
        reply = phone.post("/api/audit", {"opening": number, "answers": form(bad, *[5] * 9)})
        assert reply.status == 400, bad
    # No answer at all is refused by the audit's own rule, with its own words.
    reply = phone.post("/api/audit", {"opening": number, "answers": form(*[None] * 10)})
    assert reply.status == 409 and "no answers" in reply.error
    # Answers for a different number of questions (the set changed meanwhile).
    assert phone.post("/api/audit", {"opening": number, "answers": form(5, 5)}).status == 409
    assert responses(room) == []
