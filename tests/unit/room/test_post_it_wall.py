"""Post-its and dots from phones, through the wall's own operations."""

from __future__ import annotations

import json

from partnerdesk.room.session import MAX_POST_ITS_PER_DEVICE


def wall_post_its(room):
    from partnerdesk.post_it_wall import values

    return room.read(lambda ws: values.post_its(ws, room.ids["wall"]))


def collect_hidden(room, hidden: bool = True) -> None:
    from partnerdesk.post_it_wall import operations

    room.owner.apply("hide", lambda ws: operations.set_collect_hidden(ws, room.ids["wall"], hidden)).result(10)


def test_a_post_it_is_anonymous_unless_a_name_is_typed(room):
    number = room.open("wall", "postit")
    phone = room.phone()
    zones = [z["key"] for z in phone.state()["public"]["zones"]]
    assert zones == ["pink", "yellow", "green", "blue"]
    assert phone.post("/api/postit", {"opening": number, "zone": "pink", "text": "  The role play\x07 "}).status == 200
    assert phone.post("/api/postit", {"opening": number, "zone": "blue", "text": "More breaks",
                                      "author": "Bob Smith"}).status == 200
    found = sorted(wall_post_its(room), key=lambda p: p.zone)
    assert [(p.zone, p.text, p.author) for p in found] == [("blue", "More breaks", "Bob Smith"),
                                                           ("pink", "The role play", "")]
    mine = phone.state()["mine"]["post_its"]
    assert [p["text"] for p in mine] == ["The role play", "More breaks"]


def test_the_walls_own_rules_refuse_an_empty_post_it_and_an_unknown_zone(room):
    number = room.open("wall", "postit")
    phone = room.phone()
    assert phone.post("/api/postit", {"opening": number, "zone": "pink", "text": "   "}).status == 400
    reply = phone.post("/api/postit", {"opening": number, "zone": "<script>alert(1)</script>", "text": "x"})
    assert reply.status == 409 and "no zone" in reply.error
    assert wall_post_its(room) == []


def test_a_post_it_sent_again_after_a_lost_reply_is_added_once(room):
    number = room.open("wall", "postit")
    phone = room.phone()
    body = {"opening": number, "zone": "green", "text": "Coaching", "nonce": "abc-1"}
    first = phone.post("/api/postit", body)
    again = phone.post("/api/postit", body)
    assert first.status == again.status == 200 and first.json() == again.json()
    assert len(wall_post_its(room)) == 1


def test_post_its_arrive_hidden_when_the_wall_collects_hidden_and_no_phone_sees_anothers(room):
    collect_hidden(room)
    number = room.open("wall", "postit")
    writer, other = room.phone(), room.phone()
    reply = writer.post("/api/postit", {"opening": number, "zone": "yellow", "text": "A secret worry"})
    assert reply.json()["hidden"] is True
    assert [p.hidden for p in wall_post_its(room)] == [True]
    assert b"A secret worry" not in other.request("GET", "/api/state").body
    room.open("wall", "dots")
    assert b"A secret worry" not in other.request("GET", "/api/state").body
    assert b"A secret worry" not in writer.request("GET", "/api/state").body


def test_one_phone_cannot_flood_a_wall(room):
    room.server.session.clock = iter(range(0, 10_000, 10)).__next__  # time enough to refill
    number = room.open("wall", "postit")
    phone = room.phone()
    for n in range(MAX_POST_ITS_PER_DEVICE):
        assert phone.post("/api/postit", {"opening": number, "zone": "pink", "text": f"n{n}"}).status == 200
    assert phone.post("/api/postit", {"opening": number, "zone": "pink", "text": "one more"}).status == 429
    assert len(wall_post_its(room)) == MAX_POST_ITS_PER_DEVICE


def test_dots_within_the_allowance_only_on_post_its_showing_on_this_wall(room):
    number = room.open("wall", "postit")
    writer = room.phone()
    for text in ("Role play", "Lunch"):
        writer.post("/api/postit", {"opening": number, "zone": "pink", "text": text})
    collect_hidden(room)
    writer.post("/api/postit", {"opening": number, "zone": "pink", "text": "Still hidden"})
    number = room.open("wall", "dots")
    voter = room.phone()
    state = voter.state()
    shown = {p["text"]: p["id"] for p in state["public"]["post_its"]}
    assert set(shown) == {"Role play", "Lunch"}
    assert state["mine"]["dots_left"] == 3
    hidden = next(p.id for p in wall_post_its(room) if p.hidden)

    def dot(post_it, step=1):
        return voter.post("/api/dot", {"opening": number, "post_it": post_it, "step": step})

    assert dot(hidden).status == 409  # not showing
    assert dot("no-such-post-it").status == 409
    assert dot(shown["Role play"]).status == 200
    assert dot(shown["Role play"]).status == 200
    assert dot(shown["Lunch"]).status == 200
    reply = dot(shown["Lunch"])
    assert reply.status == 409 and "all your 3 dots" in reply.error
    assert dot(shown["Lunch"], -1).status == 200
    assert dot(shown["Lunch"], -1).status == 409  # no dot of this phone's left there
    assert dot(shown["Role play"], 5).status == 400
    votes = {p.text: p.votes for p in wall_post_its(room)}
    assert votes == {"Role play": 2, "Lunch": 0, "Still hidden": 0}
    assert voter.state()["mine"]["dots_left"] == 1
    # A second phone has its own allowance; the wall's own operation counts every dot.
    other = room.phone()
    assert other.post("/api/dot", {"opening": number, "post_it": shown["Lunch"], "step": 1}).status == 200
    assert {p.text: p.votes for p in wall_post_its(room)}["Lunch"] == 1


def test_a_dot_for_another_walls_post_it_is_refused(room):
    from partnerdesk.exercises import add_exercise
    from partnerdesk.post_it_wall import operations, values

    other_wall = room.owner.apply("add", lambda ws: add_exercise(ws, room.ids["workshop"], "evaluation-wall")
                                  ).result(10).value
    elsewhere = room.owner.apply("add", lambda ws: operations.add_post_it(ws, other_wall, "pink", "Elsewhere")
                                 ).result(10).value
    number = room.open("wall", "dots")
    phone = room.phone()
    assert phone.post("/api/dot", {"opening": number, "post_it": elsewhere, "step": 1}).status == 409
    assert room.read(lambda ws: values.post_it(ws, elsewhere)).votes == 0
    assert json.loads(phone.request("GET", "/api/state").body)["public"]["post_its"] == []
