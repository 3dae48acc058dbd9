"""A phone for tests: plain HTTP to the room's server on 127.0.0.1, with its own cookie."""

from __future__ import annotations

import http.client
import json
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from partnerdesk.exercises import add_exercise
from partnerdesk.room.server import COOKIE, HEADER
from partnerdesk.store import Workspace


class Reply:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> str:
        return self.json().get("error", "")


class Phone:
    """One device: it joins, keeps its cookie and header token, and sends what a page sends."""

    def __init__(self, address: str, timeout: float = 10.0):
        parts = urlsplit(address)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"http://{parts.netloc}"
        self.timeout = timeout
        self.cookie: str | None = None
        self.token: str | None = None

    def request(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            sent = {"Accept": "application/json"}
            data = raw
            if body is not None:
                data = json.dumps(body).encode()
            if data is not None:
                sent["Content-Type"] = "application/json"
                sent["Origin"] = self.origin
            if self.cookie:
                sent["Cookie"] = f"{COOKIE}={self.cookie}"
            if self.token:
                sent[HEADER] = self.token
            sent.update(headers or {})
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            reply = Reply(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in reply.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            if COOKIE in cookie:
                self.cookie = cookie[COOKIE].value
        return reply

    def join(self, code: str) -> Reply:
        reply = self.request("POST", "/api/join", {"code": code})
        if reply.status == 200:
            self.token = reply.json()["token"]
        return reply

    def state(self) -> dict[str, Any]:
        reply = self.request("GET", "/api/state")
        assert reply.status == 200, reply.body
        return reply.json()

    def post(self, path: str, body: dict[str, Any]) -> Reply:
        return self.request("POST", path, body)

    def opening(self) -> int:
        return self.state()["open"]["number"]


def make_workshop(path: Path) -> dict[str, str]:
    """A workshop with three attendees, learning logs, an audit and an evaluation wall."""
    with Workspace.open(path) as ws:
        workshop = ws.insert("workshops", {"title": "Session 1", "date": "2009-10-14", "venue": "Truro"})
        people = {name: ws.insert("participants", {"workshop_id": workshop, "name": name})
                  for name in ("Ann Jones", "Bob Smith", "Chloé Dubois")}
        ws.insert_many("attendance", [{"workshop_id": workshop, "participant_id": p} for p in people.values()])
        ids = {"workshop": workshop, **people,
               "log": add_exercise(ws, workshop, "learning-log").value,
               "audit": add_exercise(ws, workshop, "behaviours-audit").value,
               "wall": add_exercise(ws, workshop, "evaluation-wall").value}
    return ids
