"""A participant writes their own learning log from a phone, and only theirs."""

from __future__ import annotations

import io

from pypdf import PdfReader

from partnerdesk.learning_log.values import log_for


def test_a_phone_chooses_its_name_once_writes_its_log_and_downloads_it(room):
    number = room.open("log", "log")
    phone = room.phone()
    state = phone.state()
    assert state["open"]["task"] == "log"
    names = [p["name"] for p in state["public"]["people"]]
    assert names == ["Ann Jones", "Bob Smith", "Chloé Dubois"]
    assert state["mine"]["name"] is None

    assert phone.post("/api/log/name", {"participant": room.ids["Ann Jones"]}).status == 200
    reply = phone.post("/api/log/save", {"opening": number, "field": "reflect", "text": "Walk in their shoes"})
    assert reply.status == 200, reply.body
    found = room.read(lambda ws: log_for(ws, room.ids["Ann Jones"], room.ids["workshop"]))
    assert found.reflect == "Walk in their shoes"
    assert phone.state()["mine"] == {"name": "Ann Jones", "texts": {
        "experience": "", "reflect": "Walk in their shoes", "conclude": "", "plan": "", "notes": ""}}

    pdf = phone.request("GET", f"/api/log.pdf?t={phone.token}")
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body)).pages)
    assert "Ann Jones" in text and "Walk in their shoes" in text


def test_a_name_taken_on_one_phone_cannot_be_taken_on_another(room):
    room.open("log", "log")
    first, second = room.phone(), room.phone()
    assert first.post("/api/log/name", {"participant": room.ids["Ann Jones"]}).status == 200
    reply = second.post("/api/log/name", {"participant": room.ids["Ann Jones"]})
    assert reply.status == 409 and "another phone" in reply.error
    assert second.state()["mine"]["name"] is None
    # And the first phone cannot switch to someone else's log either.
    assert first.post("/api/log/name", {"participant": room.ids["Bob Smith"]}).status == 409


def test_a_phone_without_a_name_reads_no_log_and_cannot_download_one(room):
    number = room.open("log", "log")
    writer, other = room.phone(), room.phone()
    writer.post("/api/log/name", {"participant": room.ids["Bob Smith"]})
    writer.post("/api/log/save", {"opening": number, "field": "plan", "text": "Private plan"})
    assert b"Private plan" not in other.request("GET", "/api/state").body
    assert other.request("GET", f"/api/log.pdf?t={other.token}").status == 409
    # Another phone's token in the address does not open the writer's log.
    assert other.request("GET", f"/api/log.pdf?t={writer.token}").status == 403


def test_only_an_attendee_of_the_workshop_can_be_chosen(room):
    room.open("log", "log")
    phone = room.phone()
    assert phone.post("/api/log/name", {"participant": "not-a-person"}).status == 404
