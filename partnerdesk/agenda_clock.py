"""The running agenda: which item is on and how long it has left.

Two clocks. The *wall clock* (`time.time()`) says what time of day an item started, against the
plan's 'HH:MM'. The *elapsed clock* measures how long it has been on: it neither jumps when
the wall clock is corrected (time zone, network time, a laptop that was an hour wrong) nor stops
while the laptop sleeps, so a countdown is right after both. Python's `time.monotonic()` is not
that clock everywhere: on Linux it stops during suspend.
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from partnerdesk.records import AgendaItem

_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")

#: The last minutes of an item, when the countdown changes colour to warn the room.
ENDING_SECONDS = 2 * 60
#: A run started longer ago than this belongs to another day: it is not running any more.
STALE_AFTER_SECONDS = 18 * 3600


#: Two readings of the elapsed clock belong to the same boot when the wall time of the boot they
#: imply agrees to within this (network time slews the wall clock by well under this a day).
SAME_BOOT_SECONDS = 60


def _elapsed_clock() -> Callable[[], float]:
    """The platform's clock that counts sleep and never jumps, in seconds from an arbitrary
    start (the boot)."""
    if sys.platform.startswith("linux"):
        # CLOCK_BOOTTIME is CLOCK_MONOTONIC plus the time spent suspended (clock_gettime(2));
        # time.monotonic() is CLOCK_MONOTONIC, which stops while the laptop sleeps.
        return lambda: time.clock_gettime(time.CLOCK_BOOTTIME)
    if sys.platform == "darwin":
        # On macOS CLOCK_MONOTONIC "will continue to increment while the system is asleep",
        # whereas CLOCK_UPTIME_RAW and mach_absolute_time() (time.monotonic()) do not
        # (clock_gettime(3) on macOS; https://reviews.llvm.org/D74341 moved libc++'s steady
        # clock off CLOCK_UPTIME_RAW for that reason).
        return lambda: time.clock_gettime(time.CLOCK_MONOTONIC)
    if sys.platform == "win32":
        # "The elapsed time retrieved by GetTickCount or GetTickCount64 includes time the system
        # spends in sleep or hibernation" (learn.microsoft.com/en-us/windows/win32/sysinfo/
        # windows-time). Python 3.11-3.12's time.monotonic() is GetTickCount64, but 3.13 moved it
        # to QueryPerformanceCounter, so ask for GetTickCount64 by name.
        import ctypes

        tick_count = ctypes.windll.kernel32.GetTickCount64  # type: ignore[attr-defined]
        tick_count.restype = ctypes.c_uint64
        return lambda: tick_count() / 1000.0
    return time.monotonic


elapsed_clock = _elapsed_clock()


@dataclass(frozen=True)
class Moment:
    """One reading of both clocks: `wall` as `time.time()` gives it, `elapsed` from the clock
    that counts sleep and never jumps (None when only the wall clock is known)."""

    wall: float
    elapsed: float | None = None

    @property
    def boot(self) -> float | None:
        """The wall time at which the elapsed clock read zero (its boot), as seen now."""
        return None if self.elapsed is None else self.wall - self.elapsed


def now() -> Moment:
    return Moment(time.time(), elapsed_clock())


def _moment(value: Moment | float) -> Moment:
    # A bare number is a wall-clock reading with nothing better to measure elapsed time by.
    return value if isinstance(value, Moment) else Moment(float(value))


@dataclass(frozen=True)
class AgendaRun:
    """Where the facilitator is in a workshop's agenda.

    `started_at` is the wall time the item started (for the plan and the record); `started_elapsed`
    the elapsed clock's reading then, which measures how long it has been on. Both are absolute
    readings, never a count of ticks, so a laptop that sleeps through part of an item wakes up
    showing the truth, and a wall clock corrected by an hour changes nothing.
    """

    item_id: str | None = None
    started_at: float | None = None
    started_elapsed: float | None = None

    @property
    def running(self) -> bool:
        return self.item_id is not None and self.started_at is not None

    def encode(self) -> str:
        """Text for a settings file: 'item_id@started_at~started_elapsed' (or without
        '~started_elapsed'), or '' when not running."""
        if not self.running:
            return ""
        text = f"{self.item_id}@{self.started_at!r}"
        return text + (f"~{self.started_elapsed!r}" if self.started_elapsed is not None else "")

    @classmethod
    def decode(cls, text: object) -> AgendaRun:
        """The inverse of `encode`; anything unreadable is 'not running'."""
        item_id, sep, started = str(text or "").rpartition("@")
        if not sep or not item_id:
            return cls()
        wall_text, _, elapsed_text = started.partition("~")
        try:
            wall = float(wall_text)
            elapsed = float(elapsed_text) if elapsed_text else None
        except ValueError:
            return cls()
        if not math.isfinite(wall) or (elapsed is not None and not math.isfinite(elapsed)):
            return cls()
        return cls(item_id, wall, elapsed)

    def resumed(self, now: Moment | float) -> AgendaRun:
        """The run as read back after a restart: its elapsed reading is kept only if it comes
        from this boot (after a reboot the elapsed clock starts again from zero), else the
        item's time falls back to the wall clock."""
        moment = _moment(now)
        if self.started_elapsed is None:
            return self
        if moment.elapsed is None:
            return AgendaRun(self.item_id, self.started_at)
        same_boot = (moment.elapsed >= self.started_elapsed
                     and abs(moment.boot - (self.started_at - self.started_elapsed)) <= SAME_BOOT_SECONDS)
        return self if same_boot else AgendaRun(self.item_id, self.started_at)


@dataclass(frozen=True)
class ClockState:
    """What the projector shows for the running item at one moment."""

    index: int  # position of the current item in the agenda
    item: AgendaItem
    elapsed_seconds: int
    remaining_seconds: int  # negative once the item has overrun
    next_item: AgendaItem | None

    @property
    def timed(self) -> bool:
        """A zero-minute item (the day's close) has no countdown and cannot overrun."""
        return self.item.duration_minutes > 0

    @property
    def overrun(self) -> bool:
        return self.timed and self.remaining_seconds < 0

    @property
    def ending(self) -> bool:
        """In its last minutes, not yet over."""
        return self.timed and 0 <= self.remaining_seconds <= ENDING_SECONDS

    @property
    def overrun_seconds(self) -> int:
        return max(0, -self.remaining_seconds) if self.timed else 0

    @property
    def display(self) -> str:
        return format_clock(self.remaining_seconds) if self.timed else ""


def format_clock(seconds: int) -> str:
    """'mm:ss' counting down, '-mm:ss' once over; minutes are not wrapped into hours
    (a two-hour session reads '120:00', as facilitators plan it)."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(int(seconds)), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def elapsed_seconds(run: AgendaRun, now: Moment | float) -> int:
    """Whole seconds since the run's item started, by the elapsed clock when both readings have
    it, else by the wall clock; never negative (a wall clock set back shows no time gone)."""
    moment = _moment(now)
    if run.started_elapsed is not None and moment.elapsed is not None:
        gone = moment.elapsed - run.started_elapsed
    else:
        gone = moment.wall - run.started_at  # type: ignore[operator]
    return max(0, math.floor(gone))


def index_of(items: Sequence[AgendaItem], item_id: str | None) -> int | None:
    for n, item in enumerate(items):
        if item.id == item_id:
            return n
    return None


def clock_state(items: Sequence[AgendaItem], run: AgendaRun, now: Moment | float) -> ClockState | None:
    """The running item's clock at `now`, or None when nothing runs (or its item was removed)."""
    if not run.running or is_stale(run, now):
        return None
    index = index_of(items, run.item_id)
    if index is None:
        return None
    item = items[index]
    elapsed = elapsed_seconds(run, now)
    remaining = max(0, int(item.duration_minutes or 0)) * 60 - elapsed
    following = items[index + 1] if index + 1 < len(items) else None
    return ClockState(index, item, elapsed, remaining, following)


def is_stale(run: AgendaRun, now: Moment | float) -> bool:
    """Started on another day (a laptop asleep for a few hours is not)."""
    return run.running and elapsed_seconds(run, now) > STALE_AFTER_SECONDS


def _started(item_id: str, now: Moment | float) -> AgendaRun:
    moment = _moment(now)
    return AgendaRun(item_id, moment.wall, moment.elapsed)


def start(items: Sequence[AgendaItem], item_id: str | None, now: Moment | float) -> AgendaRun:
    """Start (or restart) an item now; the first item when none is named."""
    if not items:
        return AgendaRun()
    if item_id is None or index_of(items, item_id) is None:
        item_id = items[0].id
    return _started(item_id, now)


def step(items: Sequence[AgendaItem], run: AgendaRun, delta: int, now: Moment | float) -> AgendaRun:
    """Move `delta` items on (negative: back) and start that item's time now.

    Not running yet: Next starts the first item. At either end the run stays as it is, so a
    key pressed once too often does not reset the clock of the item in progress.
    """
    if not items:
        return AgendaRun()
    index = index_of(items, run.item_id) if run.running and not is_stale(run, now) else None
    if index is None:
        return _started(items[0].id, now) if delta > 0 else run
    target = index + delta
    if not 0 <= target < len(items):
        return run
    return _started(items[target].id, now)


def planned_start(item: AgendaItem, now: float) -> float | None:
    """The item's planned start ('HH:MM') on the day of `now`, local time; None if not set."""
    match = _HHMM.match((item.start_time or "").strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    day = datetime.fromtimestamp(now)
    return day.replace(hour=hours, minute=minutes, second=0, microsecond=0).timestamp()


def schedule_drift_minutes(items: Sequence[AgendaItem], run: AgendaRun) -> int | None:
    """How many minutes late (positive) or early (negative) the running item started against
    its planned time, rounded to the minute; None without a plan or a run."""
    if not run.running:
        return None
    index = index_of(items, run.item_id)
    if index is None:
        return None
    planned = planned_start(items[index], run.started_at)  # type: ignore[arg-type]
    if planned is None:
        return None
    return round((run.started_at - planned) / 60)  # type: ignore[operator]


def drift_text(minutes: int | None) -> str:
    """'On time', '5 min behind', '3 min ahead' — what the facilitator needs at a glance."""
    if minutes is None:
        return ""
    if minutes == 0:
        return "On time"
    if minutes > 0:
        return f"{minutes} min behind the plan"
    return f"{-minutes} min ahead of the plan"



#: Seconds before an item's end when the "one minute left" chime sounds.
CHIME_BEFORE_END = 60


def chime_due(previous: ClockState | None, current: ClockState | None) -> str | None:
    """Which chime the step from `previous` to `current` crosses, if any: "one minute" as an
    item's last minute begins, "end" as its time runs out. Only within one timed item, so
    starting, skipping or restarting an item never chimes, and each chime sounds once."""
    if previous is None or current is None or not current.timed:
        return None
    if previous.item.id != current.item.id or previous.index != current.index:
        return None
    if current.remaining_seconds > previous.remaining_seconds:
        return None  # the item was restarted
    if previous.remaining_seconds > 0 >= current.remaining_seconds:
        return "end"
    if previous.remaining_seconds > CHIME_BEFORE_END >= current.remaining_seconds:
        return "one minute"
    return None
