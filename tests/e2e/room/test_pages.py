"""The room's pages in a real browser: join, write a log, answer the audit, add post-its, vote,
then check the workspace."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from partnerdesk.learning_log.values import log_for
from tests.e2e.room.conftest import needs_chromium, shot

pytestmark = needs_chromium


def join(page, room) -> None:
    page.goto(f"{room.server.address}?code={room.code}")
    shot(page, "01-join")
    page.get_by_role("button", name="Join").click()


def test_a_participant_joins_writes_their_log_and_downloads_it(browser, room):
    room.open("log", "log")
    page = browser()
    join(page, room)
    page.wait_for_url("**/log")
    page.get_by_role("button", name="Chloé Dubois").click()
    shot(page, "02-log")
    page.get_by_label("EXPERIENCE").fill("Role play <script>alert(1)</script> & the quadrant")
    page.get_by_label("PLAN").fill("Meet the union rep in March")
    page.locator("#field-plan-saved").filter(has_text="Saved").wait_for()
    page.locator("#field-experience-saved").filter(has_text="Saved").wait_for()
    shot(page, "02-log-written")
    found = room.read(lambda ws: log_for(ws, room.ids["Chloé Dubois"], room.ids["workshop"]))
    assert found.experience == "Role play <script>alert(1)</script> & the quadrant"
    assert found.plan == "Meet the union rep in March"

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my log (PDF)").click()
    data = Path(download.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Chloé Dubois" in text and "Meet the union rep in March" in text


def test_what_is_typed_while_the_phone_is_offline_is_kept_and_sent_when_it_is_back(browser, room):
    room.open("log", "log")
    page = browser()
    join(page, room)
    page.get_by_role("button", name="Ann Jones").click()
    page.get_by_label("REFLECT").fill("First thought")
    page.locator("#field-reflect-saved").filter(has_text="Saved").wait_for()

    page.context.set_offline(True)
    page.get_by_label("REFLECT").fill("Typed on the train")
    page.locator("#field-reflect-saved").filter(has_text="kept on this phone").wait_for()
    # The phone sleeps: the page is gone, the typing is in its storage.
    page.context.set_offline(False)
    page.reload()
    page.get_by_label("REFLECT").wait_for()
    assert page.get_by_label("REFLECT").input_value() == "Typed on the train"
    page.locator("#field-reflect-saved").filter(has_text="Saved").wait_for()
    found = room.read(lambda ws: log_for(ws, room.ids["Ann Jones"], room.ids["workshop"]))
    assert found.reflect == "Typed on the train"


def test_a_page_follows_the_facilitator_to_the_next_exercise(browser, room):
    page = browser()
    join(page, room)
    page.get_by_text("Waiting for the facilitator").wait_for()
    shot(page, "01-waiting")
    room.open("log", "log")
    page.wait_for_url("**/log")
    room.server.close_exercise()
    page.wait_for_url(lambda url: url.endswith("/"))
    page.get_by_text("Waiting for the facilitator").wait_for()


def test_a_participant_answers_the_audit_and_changes_their_answers(browser, room):
    from partnerdesk.behaviours_audit import values

    room.open("audit", "audit")
    page = browser()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    join(page, room)
    page.wait_for_url("**/audit")
    legends = page.locator("legend")
    legends.first.wait_for()
    assert legends.count() == 10
    for index in range(10):
        page.get_by_label(f"{(index % 10) + 1} out of 10").nth(index).check(force=True)
    page.locator("#c1").fill("<img src=x onerror=alert(1)>")
    shot(page, "03-audit")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_text("your answers are in").wait_for()
    shot(page, "03-audit-sent")
    page.get_by_label("No answer to question 3").check(force=True)
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_text("replace your first ones").wait_for()

    def read(ws):
        found = values.round_for_exercise(ws, room.ids["audit"])
        return values.responses(ws, found.id)

    given = room.read(read)
    assert len(given) == 1
    scores = sorted((a.score for a in given[0].answers.values()), key=lambda s: -1 if s is None else s)
    assert scores == [None, 1, 2, 4, 5, 6, 7, 8, 9, 10]
    assert "<img src=x onerror=alert(1)>" in {a.comment for a in given[0].answers.values()}
    assert page.locator("img").count() == 0 and dialogs == []


def test_participants_add_post_its_then_place_their_dots(browser, room):
    from partnerdesk.post_it_wall import values

    room.open("wall", "postit")
    page = browser()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    join(page, room)
    page.wait_for_url("**/postit")
    page.get_by_text("What could be improved and how?").click()
    page.get_by_label("Your post-it").fill("Longer breaks <b>please</b>")
    shot(page, "04-postit")
    page.get_by_role("button", name="Add post-it").click()
    page.get_by_text("Added to the wall.").wait_for()
    assert page.get_by_label("Your post-it").input_value() == ""
    page.get_by_text("What worked well for you today?").click()
    page.get_by_label("Your post-it").fill("The role play")
    page.get_by_label("Your name").fill("Ann Jones")
    page.get_by_role("button", name="Add post-it").click()
    page.locator("#mine .post-it").nth(1).wait_for()
    shot(page, "04-postit-added")
    assert page.locator("#mine .post-it").all_inner_texts() == ["Longer breaks <b>please</b>", "The role play"]

    # A second phone adds one too, then the facilitator opens the wall for dots.
    other = browser()
    join(other, room)
    other.wait_for_url("**/postit")
    other.get_by_label("Your post-it").fill("Good venue")
    other.get_by_role("button", name="Add post-it").click()
    other.get_by_text("Added to the wall.").wait_for()
    room.open("wall", "dots")
    page.wait_for_url("**/dots")
    other.wait_for_url("**/dots")
    page.get_by_text("Dots left: 3 of 3").wait_for()
    page.get_by_role("button", name="Add a dot to: The role play").click()
    page.get_by_text("Dots left: 2 of 3").wait_for()
    page.get_by_role("button", name="Add a dot to: The role play").click()
    page.get_by_role("button", name="Add a dot to: Good venue").click()
    page.get_by_text("Dots left: 0 of 3").wait_for()
    assert page.get_by_role("button", name="Add a dot to: Longer breaks <b>please</b>").is_disabled()
    shot(page, "05-dots")
    page.get_by_role("button", name="Take back a dot from: Good venue").click()
    page.get_by_text("Dots left: 1 of 3").wait_for()
    other.get_by_role("button", name="Add a dot to: Longer breaks <b>please</b>").click()
    other.get_by_text("Dots left: 2 of 3").wait_for()

    found = {p.text: (p.zone, p.author, p.votes) for p in room.read(lambda ws: values.post_its(ws, room.ids["wall"]))}
    assert found == {"Longer breaks <b>please</b>": ("blue", "", 1), "The role play": ("pink", "Ann Jones", 2),
                     "Good venue": ("pink", "", 0)}
    assert page.locator("b").count() == 0 and dialogs == []
