"""Attacks on the room are refused, and nothing of them is stored."""

from __future__ import annotations

import http.client
import re

import pytest

from partnerdesk.learning_log.values import logs_of_workshop
from partnerdesk.resources import resource_path
from partnerdesk.room.server import RoomServer
from partnerdesk.room.session import JOIN_FAILURES_PER_MINUTE, WRITE_BURST, RoomSession
from tests.unit.room.phones import Phone
from tests.unit.room.test_audit import form, responses


def stored_logs(room):
    return room.read(lambda ws: logs_of_workshop(ws, room.ids["workshop"]))


def test_a_wrong_code_gets_no_token(room):
    phone = Phone(room.server.address)
    wrong = "000000" if room.code != "000000" else "111111"
    reply = phone.join(wrong)
    assert reply.status == 403 and phone.cookie is None
    assert phone.request("GET", "/api/state").status == 401
    assert room.server.session.joined == 0


def test_guessing_codes_is_stopped_after_a_few_tries(room):
    phone = Phone(room.server.address)
    wrong = "000000" if room.code != "000000" else "111111"
    for _ in range(JOIN_FAILURES_PER_MINUTE):
        assert phone.join(wrong).status == 403
    assert phone.join(room.code).status == 429  # even the right code, for a minute
    assert room.server.session.joined == 0


def test_the_code_and_every_token_expire_with_the_session(room):
    number = room.open("log", "log")
    old = room.phone()
    old.post("/api/log/name", {"participant": room.ids["Ann Jones"]})
    old_code = room.code
    room.server.stop()
    server = RoomServer(room.owner, RoomSession("123456" if old_code != "123456" else "654321"), "127.0.0.1", 0)
    server.start()
    try:
        server.open_exercise(room.ids["log"], "learning_log", "log", "log")
        old.host, old.port = "127.0.0.1", server.port
        old.origin = server.address.rstrip("/")
        assert old.join(old_code).status == 403
        reply = old.post("/api/log/save", {"opening": number, "field": "plan", "text": "from the past"})
        assert reply.status == 401
        assert old.request("GET", "/api/state").status == 401
    finally:
        server.stop()
    assert stored_logs(room) == {}


def test_another_devices_token_is_refused(room):
    number = room.open("log", "log")
    ann, mallory = room.phone(), room.phone()
    assert ann.post("/api/log/name", {"participant": room.ids["Ann Jones"]}).status == 200
    # Mallory's cookie with Ann's header token, then no cookie at all with it.
    mallory.token = ann.token
    reply = mallory.post("/api/log/save", {"opening": number, "field": "plan", "text": "forged"})
    assert reply.status == 403
    mallory.cookie = None
    assert mallory.post("/api/log/save", {"opening": number, "field": "plan", "text": "forged"}).status == 401
    # A write without the header (another site's form can send the cookie, never the header).
    ann_form = Phone(room.server.address)
    ann_form.cookie = ann.cookie
    assert ann_form.post("/api/log/save", {"opening": number, "field": "plan", "text": "forged"}).status == 403
    assert stored_logs(room) == {}


def test_only_the_open_exercise_accepts_input_and_only_while_open(room):
    phone = room.phone()
    answers = {"answers": form(*[5] * 10)}
    assert phone.post("/api/audit", {"opening": 1, **answers}).status == 409  # nothing open
    number = room.open("log", "log")
    assert phone.post("/api/audit", {"opening": number, **answers}).status == 409  # another exercise
    number = room.open("audit", "audit")
    assert phone.post("/api/audit", {"opening": number - 1, **answers}).status == 409  # an old page
    room.server.close_exercise()
    assert phone.post("/api/audit", {"opening": number, **answers}).status == 409  # closed
    assert responses(room) == []


@pytest.mark.parametrize(("body", "status"), [
    (b"{not json", 400),
    (b"[1, 2, 3]", 400),
    (b'"a string"', 400),
    (b"\xff\xfe\x00", 400),
    (b'{"opening": 1, "answers": "all tens"}', 400),
    (b'{"opening": 1, "answers": [{"score": 5, "comment": ["a", "list"]}]}', 400),
    (b'{"opening": 1, "answers": [{"score": 5, "comment": "' + b"x" * 70_000 + b'"}]}', 413),
])
def test_malformed_and_oversized_bodies_are_refused(room, body, status):
    room.open("audit", "audit")
    phone = room.phone()
    assert phone.request("POST", "/api/audit", raw=body).status == status
    assert responses(room) == []


def test_a_log_answer_longer_than_the_room_takes_is_refused(room):
    number = room.open("log", "log")
    phone = room.phone()
    phone.post("/api/log/name", {"participant": room.ids["Bob Smith"]})
    reply = phone.post("/api/log/save", {"opening": number, "field": "notes", "text": "x" * 20_001})
    assert reply.status == 413
    assert stored_logs(room) == {}


def test_requests_from_another_page_or_address_are_refused(room):
    number = room.open("log", "log")
    phone = room.phone()
    phone.post("/api/log/name", {"participant": room.ids["Ann Jones"]})
    body = {"opening": number, "field": "plan", "text": "cross-site"}
    assert phone.request("POST", "/api/log/save", body, headers={"Origin": "http://evil.example"}).status == 403
    assert phone.request("POST", "/api/log/save", raw=b'{"opening": 1}',
                         headers={"Content-Type": "text/plain"}).status == 415
    # Another name for this address (DNS rebinding) gets nothing at all.
    rebound = phone.request("GET", "/api/state", headers={"Host": f"evil.example:{room.server.port}"})
    assert rebound.status == 421
    assert stored_logs(room) == {}


def test_script_in_structural_fields_is_refused_and_nothing_is_stored(room):
    number = room.open("log", "log")
    phone = room.phone()
    script = "<script>alert(document.cookie)</script>"
    assert phone.post("/api/log/name", {"participant": script}).status == 404
    assert phone.post("/api/log/name", {"participant": room.ids["Ann Jones"]}).status == 200
    reply = phone.post("/api/log/save", {"opening": number, "field": script, "text": "x"})
    assert reply.status == 400
    assert phone.post("/api/log/save", {"opening": script, "field": "plan", "text": "x"}).status == 409
    assert stored_logs(room) == {}


def test_script_in_free_text_is_kept_as_plain_text_never_as_markup(room):
    """What a participant types is their words: stored as typed (control characters cleaned by
    the kind's own rules), and every page shows it with textContent only (see the page test)."""
    number = room.open("audit", "audit")
    phone = room.phone()
    script = "<img src=x onerror=alert(1)>\x00\x07"
    assert phone.post("/api/audit", {"opening": number, "answers": form(*[5] * 10, comment=script)}).status == 200
    comments = {a.comment for r in responses(room) for a in r.answers.values()}
    assert comments == {"<img src=x onerror=alert(1)>"}


def test_a_device_that_writes_too_fast_is_slowed_down(room):
    room.server.session.clock = lambda: 1000.0  # time stands still: no allowance comes back
    number = room.open("log", "log")
    phone = room.phone()
    assert phone.post("/api/log/name", {"participant": room.ids["Ann Jones"]}).status == 200
    statuses = [phone.post("/api/log/save", {"opening": number, "field": "plan", "text": f"v{n}"}).status
                for n in range(WRITE_BURST + 5)]
    assert statuses == [200] * (WRITE_BURST - 1) + [429] * 6
    found = stored_logs(room)[room.ids["Ann Jones"]]
    assert found.plan == f"v{WRITE_BURST - 2}"  # the last one let through


def test_every_response_carries_a_strict_content_security_policy(room):
    phone = room.phone()
    for path in ("/", "/audit", "/postit", "/dots", "/log", "/static/room.js", "/api/state", "/nowhere"):
        reply = phone.request("GET", path)
        policy = reply.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_and_put_user_text_in_with_textcontent_only():
    folder = resource_path("room")
    for page in folder.glob("*.html"):
        html = page.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page.name
        assert not re.search(r"\son[a-z]+\s*=", html), page.name
        assert "style=" not in html, page.name
    for script in folder.glob("*.js"):
        code = script.read_text()
        for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert banned not in code, (script.name, banned)


def test_no_file_outside_the_pages_folder_is_served(room):
    connection = http.client.HTTPConnection("127.0.0.1", room.server.port, timeout=10)
    try:
        for path in ("/static/../../pyproject.toml", "/static/%2e%2e%2fpyproject.toml", "/static/.hidden",
                     "/static/join.html", "/pyproject.toml"):
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{room.server.port}"})
            response = connection.getresponse()
            body = response.read()
            assert response.status == 404, path
            assert b"[project]" not in body
    finally:
        connection.close()
