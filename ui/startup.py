"""Work that waits for the main window's first paint, so the facilitator sees the window sooner.

A zero-length timer started before `show()` fires *before* the window is painted (the platform's
expose and the paint come later), so "after the first paint" needs the paint itself: an event
filter sees the window's first `Paint` event, and the waiting work runs from the event loop just
after it (the paint and the flush to the screen have finished by then). User input that arrived
meanwhile is handled after that work, so nothing queued here races an edit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_HOOK_NAME = "partnerdesk_first_paint"


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.setObjectName(_HOOK_NAME)
        self.widget = widget
        self.callbacks: list[Callable[[], object]] = []
        #: time.time() when the first paint had finished (None until then).
        self.painted_at: float | None = None
        #: time.process_time() then: the CPU the process had used to get there.
        self.painted_cpu: float | None = None
        self.running = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.widget and event.type() == QEvent.Paint and self.painted_at is None:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        self.painted_at = time.time()
        self.painted_cpu = time.process_time()
        self.running = True
        try:
            while self.callbacks:
                callback = self.callbacks.pop(0)
                try:
                    callback()
                except Exception:  # one failing step must not keep the others from running
                    log.exception("deferred start-up step failed")
        finally:
            self.running = False


def _hook(widget: QWidget) -> _FirstPaint:
    found = widget.findChild(_FirstPaint, _HOOK_NAME)
    return found if found is not None else _FirstPaint(widget)


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Run `callback` once `widget` has been painted for the first time (now, if it has been).

    Callbacks run in the order they were given.
    """
    hook = _hook(widget)
    if hook.painted_at is not None and not hook.callbacks:
        callback()
    else:
        hook.callbacks.append(callback)


def settled(widget: QWidget) -> bool:
    """True once `widget` has been painted and every step waiting for that has run."""
    hook = _hook(widget)
    return hook.painted_at is not None and not hook.callbacks and not hook.running


def first_painted_at(widget: QWidget) -> float | None:
    """When `widget` was first painted (time.time()), or None if it has not been yet."""
    return _hook(widget).painted_at


def first_paint_cpu(widget: QWidget) -> float | None:
    """The process's CPU time (time.process_time()) when `widget` was first painted."""
    return _hook(widget).painted_cpu
