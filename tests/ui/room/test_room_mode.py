"""Room mode from the View menu: it listens only once started, phones' inputs land on the undo
stack, and stopping closes every connection so that nothing listens afterwards."""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import threading
from pathlib import Path

import aiohttp
import pytest

from partnerdesk.learning_log.values import log_for
from tests.unit.room.phones import COOKIE, Phone, make_workshop
from ui.navigator import NodeKey
from ui.room.controller import Interface, RoomDialogs

LOOPBACK = Interface("This computer only", "127.0.0.1")


@pytest.fixture
def window(start_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "room.partnerdesk"
    ids = make_workshop(path)
    monkeypatch.setattr(RoomDialogs, "choose_interface", staticmethod(lambda parent, choices: LOOPBACK))
    monkeypatch.setattr(RoomDialogs, "choose_name", staticmethod(lambda parent, names: None))
    window = start_window(path)
    window.ids = ids
    yield window
    window.room.stop()


def view_action(window, text: str):
    found = [a for a in window.view_menu.actions() if a.text().replace("&", "") == text]
    assert len(found) == 1
    return found[0]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return False
    return True


class SocketWatcher:
    """A phone's WebSocket, on its own thread: it records every message and how it closed."""

    def __init__(self, address: str, cookie: str):
        self.messages: list[str] = []
        self.closed = threading.Event()
        self.close_code: int | None = None
        self.opened = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._run(address, cookie),), daemon=True)
        self._thread.start()

    async def _run(self, address: str, cookie: str) -> None:
        async with aiohttp.ClientSession(cookies={COOKIE: cookie}) as session, \
                session.ws_connect(address.replace("http", "ws") + "ws", origin=address.rstrip("/")) as ws:
            self.opened.set()
            async for message in ws:
                self.messages.append(message.data)
            self.close_code = ws.close_code
        self.closed.set()


def test_room_mode_listens_only_between_start_and_stop_and_stop_closes_every_connection(qtbot, window):
    action = view_action(window, "Let the room join…")
    assert window.room.server is None  # off by default: nothing listens

    action.trigger()
    server = window.room.server
    assert server is not None and action.isChecked()
    assert server.host == "127.0.0.1"
    assert listening(server.port)
    assert window.room.dock.isVisible()

    phone = Phone(server.address)
    assert phone.join(server.session.code).status == 200
    qtbot.waitUntil(lambda: "Phones joined: 1" in window.room.panel.joined_label.text())
    watcher = SocketWatcher(server.address, phone.cookie)
    assert watcher.opened.wait(10)
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=10)  # a keep-alive connection
    idle.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert idle.recv(12) == b"HTTP/1.1 200"

    action.trigger()  # stop
    assert window.room.server is None and not action.isChecked()
    assert watcher.closed.wait(10) and watcher.close_code == 1001
    idle.settimeout(10)
    while idle.recv(65536):  # the rest of the page, then the server's end of the connection
        pass
    idle.close()
    assert not listening(server.port)
    assert not window.room.dock.isVisible()
    # The session's code and the phone's token died with it.
    assert server.session.ended


def test_a_phones_learning_log_goes_through_the_undo_stack(qtbot, window):
    ids = window.ids
    window.navigator.select(NodeKey("exercise", ids["log"]))
    window.room.start(LOOPBACK)
    window.room.open_current("log")
    server = window.room.server
    phone = Phone(server.address)
    phone.join(server.session.code)
    pool = concurrent.futures.ThreadPoolExecutor(1)

    def in_background(job):
        future = pool.submit(job)
        qtbot.waitUntil(future.done, timeout=10_000)
        return future.result()

    assert in_background(lambda: phone.post("/api/log/name", {"participant": ids["Ann Jones"]})).status == 200
    panel = window.room.panel
    qtbot.waitUntil(lambda: panel.names_label.text() == "Learning logs being written on phones: 1")
    number = server.session.opening.number
    reply = in_background(lambda: phone.post("/api/log/save", {"opening": number, "field": "plan",
                                                               "text": "Shadow a colleague"}))
    assert reply.status == 200, reply.body
    ws = window.document.workspace
    assert log_for(ws, ids["Ann Jones"], ids["workshop"]).plan == "Shadow a colleague"
    stack = window.document.undo_stack
    assert stack.undoText() == "Write a learning log from a phone"
    stack.undo()
    assert log_for(ws, ids["Ann Jones"], ids["workshop"]) is None
    # A refusal goes back to the phone, never to a message box on the laptop.
    pool.shutdown()


def test_a_phones_audit_answers_arrive_live_and_a_refusal_goes_to_the_phone_not_a_message_box(
        qtbot, window, dialogs):
    ids = window.ids
    window.navigator.select(NodeKey("exercise", ids["audit"]))
    window.room.start(LOOPBACK)
    window.room.open_current("audit")
    assert "Partnership behaviours audit" in window.room.panel.open_label.text()
    server = window.room.server
    phone = Phone(server.address)
    phone.join(server.session.code)
    number = server.session.opening.number
    pool = concurrent.futures.ThreadPoolExecutor(1)
    arrived = []
    window.document.records_added.connect(lambda table, added: arrived.append(table))

    def send(scores):
        answers = [{"score": s, "comment": ""} for s in scores]
        future = pool.submit(phone.post, "/api/audit", {"opening": number, "answers": answers})
        qtbot.waitUntil(future.done, timeout=10_000)
        return future.result()

    assert send([None] * 10).status == 409  # the audit's own rule: a form with no answers
    assert dialogs.shown == []
    assert send([8] * 10).status == 200
    assert "audit_responses" in arrived  # the screens and the projector hear of it at once
    assert window.document.undo_stack.undoText() == "Add an audit response from a phone"
    pool.shutdown()


def test_the_projector_shows_the_qr_code_the_short_address_and_the_code(qtbot, window):
    import os

    from PySide6.QtGui import QColor

    from partnerdesk.room.qr import qr_matrix
    from ui.room.card import QUIET, JoinCard

    window.room.start(LOOPBACK)
    server = window.room.server
    presenter = window.presenter
    presenter.start()
    presenter.window.resize(1024, 768)
    qtbot.waitUntil(lambda: isinstance(presenter.window.content, JoinCard))
    card = presenter.window.content
    code = server.session.code
    assert card.code.text() == f"{code[:3]} {code[3:]}"
    assert card.address.text() == f"127.0.0.1:{server.port}"
    assert card.qr.text == server.join_address
    image = presenter.window.grab().toImage()
    if os.environ.get("PARTNERDESK_SHOTS"):
        image.save(os.path.join(os.environ["PARTNERDESK_SHOTS"], "projector-join.png"))
    # Every module of the code on the projector is the join address's own, dark or light.
    matrix = qr_matrix(server.join_address)
    rect = card.qr.code_rect()
    origin = card.qr.mapTo(presenter.window, rect.topLeft().toPoint())
    unit = rect.width() / (len(matrix) + 2 * QUIET)
    assert unit >= 4  # big enough to scan from the back of a room
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = QColor(image.pixel(int(origin.x() + (x + QUIET + 0.5) * unit),
                                       int(origin.y() + (y + QUIET + 0.5) * unit)))
            assert (pixel.lightness() < 128) == dark, (x, y)
    # Stopping takes the card off the projector.
    window.room.stop()
    qtbot.waitUntil(lambda: not isinstance(presenter.window.content, JoinCard))
    presenter.leave()


def test_the_facilitator_removes_a_hidden_post_it_from_the_room_before_the_reveal(qtbot, window):
    from partnerdesk.post_it_wall import operations, values

    ids = window.ids
    ws = window.document.workspace
    operations.set_collect_hidden(ws, ids["wall"], True)
    window.navigator.select(NodeKey("exercise", ids["wall"]))
    window.room.start(LOOPBACK)
    panel = window.room.panel
    assert panel.task_buttons["postit"].isVisible() and panel.task_buttons["dots"].isVisible()
    assert not panel.task_buttons["audit"].isVisible()
    panel.task_buttons["postit"].click()
    server = window.room.server
    phone = Phone(server.address)
    phone.join(server.session.code)
    number = server.session.opening.number
    pool = concurrent.futures.ThreadPoolExecutor(1)
    for text in ("Useful day", "Something unkind"):
        future = pool.submit(phone.post, "/api/postit", {"opening": number, "zone": "pink", "text": text})
        qtbot.waitUntil(future.done, timeout=10_000)
        assert future.result().status == 200
    pool.shutdown()
    qtbot.waitUntil(lambda: panel.hidden_list.count() == 2)
    assert panel.hidden_list.isVisible()
    unkind = next(i for i in range(2) if panel.hidden_list.item(i).text() == "Something unkind")
    panel.hidden_list.setCurrentRow(unkind)
    panel.remove_button.click()
    assert [p.text for p in values.post_its(ws, ids["wall"])] == ["Useful day"]
    assert panel.hidden_list.count() == 1
    assert window.document.undo_stack.undoText() == "Remove a post-it from the room"
    # Opened for dots, the phones see only what is showing: nothing until the reveal.
    panel.task_buttons["dots"].click()
    assert "placing dots" in panel.open_label.text()


def test_deleting_the_exercise_open_to_the_room_closes_it_to_the_room(qtbot, window):
    from ui.commands import DeleteRecordsCommand

    ids = window.ids
    window.navigator.select(NodeKey("exercise", ids["audit"]))
    window.room.start(LOOPBACK)
    window.room.open_current("audit")
    assert window.room.server.session.opening is not None
    window.document.push(DeleteRecordsCommand(window.document, "exercises", [ids["audit"]], "Delete exercise"))
    assert window.room.server.session.opening is None
    assert window.room.panel.open_label.text() == "Nothing is open to the room."


def test_post_its_from_phones_applied_together_are_one_undo_step_and_a_refused_one_is_not_in_it(
        qtbot, window, dialogs):
    from partnerdesk.post_it_wall import room as wall_room
    from partnerdesk.post_it_wall import values
    from partnerdesk.room import tasks

    ids = window.ids
    window.navigator.select(NodeKey("exercise", ids["wall"]))
    window.room.start(LOOPBACK)
    window.room.panel.task_buttons["postit"].click()
    server = window.room.server
    opening = server.session.opening
    sent = [("pink", "Useful day"), ("nowhere", "Refused by the wall"), ("green", "More breaks"),
            ("blue", "Lunch")]
    edits = [wall_room.add_post_it(opening, server.session.join(server.session.code, "127.0.0.1"),
                                   {"zone": zone, "text": text}, {}) for zone, text in sent]
    pool = concurrent.futures.ThreadPoolExecutor(1)
    # As the server hands them over: from its own thread, to the owner on the Qt thread.
    future = pool.submit(lambda: window.room.owner.apply(
        lambda changes: tasks.together_label(edits, changes.value), tasks.apply_together(edits)).result(10))
    qtbot.waitUntil(future.done, timeout=10_000)
    outcomes = future.result().value
    pool.shutdown()
    assert [isinstance(o, Exception) for o in outcomes] == [False, True, False, False]
    assert dialogs.shown == []  # the refusal goes to its phone only
    ws = window.document.workspace
    texts = lambda: sorted(p.text for p in values.post_its(ws, ids["wall"]))  # noqa: E731
    assert texts() == ["Lunch", "More breaks", "Useful day"]
    stack = window.document.undo_stack
    assert stack.undoText() == "Add 3 post-its from phones"
    stack.undo()
    assert texts() == []
    stack.redo()
    assert texts() == ["Lunch", "More breaks", "Useful day"]
