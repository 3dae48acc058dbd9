"""A room server on 127.0.0.1 over a small workshop: three people, a log, an audit and a wall."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from partnerdesk.room.owner import DirectOwner
from partnerdesk.room.server import RoomServer
from partnerdesk.room.session import RoomSession
from tests.unit.room.phones import Phone, make_workshop


@dataclass
class Room:
    path: Path
    server: RoomServer
    owner: DirectOwner
    ids: dict[str, str]

    @property
    def code(self) -> str:
        return self.server.session.code

    def phone(self, join: bool = True) -> Phone:
        phone = Phone(self.server.address)
        if join:
            assert phone.join(self.code).status == 200
        return phone

    def open(self, name: str, task: str) -> int:
        kinds = {"log": "learning_log", "audit": "behaviours_audit", "wall": "post_it_wall"}
        return self.server.open_exercise(self.ids[name], kinds[name], task, name).number

    def read(self, query):
        return self.owner.read(query).result(10)


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    path = tmp_path / "room.partnerdesk"
    ids = make_workshop(path)
    owner = DirectOwner(path)
    server = RoomServer(owner, RoomSession(), "127.0.0.1", 0)
    owner.on_changed = lambda changes: server.notify_changed()
    server.start()
    try:
        yield Room(path, server, owner, ids)
    finally:
        server.stop()
        owner.close()
