"""One room session in memory: its join code, the joined devices, and what is open to the room.

Nothing here is ever written to disk. A device is known by a random token (its cookie) and a
second random token its pages send in a header (so another site's form cannot post as it).
What a device did in the current opening (its audit answers, its post-its, its dots) is kept
on the device's record in memory only, and dropped when the facilitator closes the opening or
stops the session: that is how "one response per device per round" works without the
workspace ever linking an anonymous answer to a device.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Join codes are digits, so a phone shows its number pad; six give a million codes, and
#: wrong guesses are rate-limited (`JOIN_FAILURES_PER_MINUTE`).
CODE_DIGITS = 6
MAX_DEVICES = 300
#: Wrong codes allowed per minute from one address, and from everyone together.
JOIN_FAILURES_PER_MINUTE = 10
JOIN_FAILURES_PER_MINUTE_ALL = 60
#: Writes a device may make: a burst of `WRITE_BURST`, refilled at `WRITE_RATE` a second.
WRITE_BURST = 20
WRITE_RATE = 2.0
#: Post-its one device may add to one wall in one opening.
MAX_POST_ITS_PER_DEVICE = 40



class Refused(Exception):
    """An input the room refuses; `status` is the HTTP status, the message is for the phone."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Opening:
    """The exercise the facilitator has opened to the room, and for which task."""

    exercise_id: str
    kind: str
    task: str
    title: str
    number: int  # increases with every opening, so a page can tell a new round from the old


@dataclass
class Device:
    token: str
    header_token: str
    #: The participant this device writes a learning log for (chosen once per session).
    participant_id: str | None = None
    #: In the current opening only (see the module docstring).
    audit_form: tuple[tuple[int | None, str], ...] | None = None
    post_its: list[dict[str, Any]] = field(default_factory=list)
    dots: dict[str, int] = field(default_factory=dict)
    #: Replies by the page's own number for a write, so a write sent again (its reply was lost
    #: when the phone slept) is answered again instead of being applied twice.
    replies: dict[str, dict[str, Any]] = field(default_factory=dict)
    _allowance: float = WRITE_BURST
    _refilled: float = field(default_factory=time.monotonic)

    def forget_opening(self) -> None:
        self.audit_form = None
        self.post_its = []
        self.dots = {}
        self.replies = {}

    def take_write(self, now: float) -> bool:
        """One write from this device's allowance (a token bucket); False when it is used up."""
        self._allowance = min(WRITE_BURST, self._allowance + max(0.0, now - self._refilled) * WRITE_RATE)
        self._refilled = now
        if self._allowance < 1:
            return False
        self._allowance -= 1
        return True


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


class RoomSession:
    """The devices and the opening of one room session; safe to use from several threads.

    The code expires with the session: a new session has a new code and knows no device.
    """

    def __init__(self, code: str | None = None, clock: Callable[[], float] = time.monotonic):
        self.code = code or new_code()
        self.clock = clock
        self._lock = threading.RLock()
        self._devices: dict[str, Device] = {}
        self._opening: Opening | None = None
        self._openings = 0
        self._failures: dict[str, deque[float]] = {}
        self._all_failures: deque[float] = deque()
        self._claims: dict[str, str] = {}  # participant id -> device token
        self.ended = False
        #: Called (from any thread) when the number of joined devices, or of names chosen, changes.
        self.on_devices_changed: Callable[[int], None] | None = None

    # -- joining -----------------------------------------------------------------------------

    def join(self, code: str, address: str) -> Device:
        """A new device, if `code` is this session's; wrong codes are counted and limited."""
        now = self.clock()
        with self._lock:
            if self.ended:
                raise Refused("This room has closed. Ask the facilitator for the new code.", 403)
            self._forget_old_failures(now)
            mine = self._failures.setdefault(address, deque())
            if len(mine) >= JOIN_FAILURES_PER_MINUTE or len(self._all_failures) >= JOIN_FAILURES_PER_MINUTE_ALL:
                raise Refused("Too many wrong codes. Wait a minute and try again.", 429)
            typed = "".join(ch for ch in str(code) if not ch.isspace())
            if not secrets.compare_digest(typed.encode(), self.code.encode()):
                mine.append(now)
                self._all_failures.append(now)
                raise Refused("That code is not this room's. Check the code on the screen.", 403)
            if len(self._devices) >= MAX_DEVICES:
                raise Refused("The room is full.", 503)
            device = Device(secrets.token_urlsafe(32), secrets.token_urlsafe(24), _refilled=now)
            self._devices[device.token] = device
            count = len(self._devices)
        self._tell_count(count)
        return device

    def _forget_old_failures(self, now: float) -> None:
        for times in [*self._failures.values(), self._all_failures]:
            while times and now - times[0] > 60:
                times.popleft()
        for address in [a for a, t in self._failures.items() if not t]:
            del self._failures[address]

    def device(self, token: str | None, header_token: str | None = None, *, write: bool = False) -> Device:
        """The device with this cookie token; for a write, its header token must match too and
        its allowance must not be used up."""
        with self._lock:
            found = self._devices.get(token or "") if not self.ended else None
            if found is None:
                raise Refused("This phone has not joined the room (or the room has closed). "
                              "Join again with the code on the screen.", 401)
            if write:
                if header_token is None or not secrets.compare_digest(
                        header_token.encode(), found.header_token.encode()):
                    raise Refused("This request did not come from the room's own page.", 403)
                if not found.take_write(self.clock()):
                    raise Refused("Too many changes at once. Wait a moment and try again.", 429)
            return found

    @property
    def joined(self) -> int:
        with self._lock:
            return len(self._devices)

    def _tell_count(self, count: int) -> None:
        if self.on_devices_changed is not None:
            self.on_devices_changed(count)

    # -- the opening -------------------------------------------------------------------------

    @property
    def opening(self) -> Opening | None:
        with self._lock:
            return self._opening

    def open(self, exercise_id: str, kind: str, task: str, title: str) -> Opening:
        """Open an exercise to the room (closing whatever was open)."""
        with self._lock:
            self._close_locked()
            self._openings += 1
            self._opening = Opening(exercise_id, kind, task, title, self._openings)
            return self._opening

    def close(self) -> None:
        """Close the opening: no input accepted, and every device's memory of it dropped."""
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        self._opening = None
        for device in self._devices.values():
            device.forget_opening()

    def current(self, task: str, exercise_id: str | None = None) -> Opening:
        """The opening, if it is for `task` (and for this exercise, when the page says which)."""
        opening = self.opening
        if opening is None or opening.task != task or (exercise_id and exercise_id != opening.exercise_id):
            raise Refused("That exercise is not open to the room now.", 409)
        return opening

    # -- learning logs: one name per device, one device per name -----------------------------

    def claim(self, device: Device, participant_id: str) -> None:
        with self._lock:
            holder = self._claims.get(participant_id)
            if holder is not None and holder != device.token:
                raise Refused("That name is already in use on another phone. "
                              "If it is yours, ask the facilitator.", 409)
            if device.participant_id and device.participant_id != participant_id:
                raise Refused("This phone already writes another person's log.", 409)
            self._claims[participant_id] = device.token
            device.participant_id = participant_id
            count = len(self._devices)
        self._tell_count(count)  # the laptop's panel counts the names in use too

    def release(self, participant_id: str) -> None:
        """The facilitator frees a name (a participant changed phones)."""
        with self._lock:
            token = self._claims.pop(participant_id, None)
            if token in self._devices:
                self._devices[token].participant_id = None

    @property
    def claimed(self) -> set[str]:
        with self._lock:
            return set(self._claims)

    # -- the end -----------------------------------------------------------------------------

    def end(self) -> None:
        """The session is over: its code and every device token stop working, memory is cleared."""
        with self._lock:
            self.ended = True
            self._close_locked()
            self._devices.clear()
            self._claims.clear()
        self._tell_count(0)

    def memory_of_devices(self) -> list[Device]:
        """For tests: what is held about devices right now."""
        with self._lock:
            return list(self._devices.values())
