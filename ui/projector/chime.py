"""The agenda's chime: a short, gentle sound through the laptop (and so the room's speakers)
as an item's last minute begins and as its time runs out."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from partnerdesk.resources import resource_path

log = logging.getLogger(__name__)

SETTING = "agenda/chime"


class Chime(QObject):
    """Plays resources/sounds/chime.wav with Qt's QSoundEffect, when switched on.

    Qt Multimedia is loaded only when the chime is first wanted (it is slow to load and, on
    Linux, needs PulseAudio's client library); where it cannot load, `available` is False and
    the runner says the chime is unavailable, rather than failing.
    """

    def __init__(self, parent: QObject | None = None, enabled: bool = True):
        super().__init__(parent)
        self.enabled = enabled
        self._effect = None
        self._loaded = False
        self.available = True
        #: What has sounded (for the runner's status line and for tests): "one minute", "end".
        self.played: list[str] = []

    def load(self):
        """The QSoundEffect, loaded on first use; None where Qt Multimedia cannot load.

        Only QtMultimedia's own library is needed: it decodes the WAV and plays it through the
        system's audio (PulseAudio or PipeWire, WASAPI, Core Audio). The FFmpeg media plugin
        is not: the bundle leaves it out (pyinstaller.spec), and `--self-test` plays the chime.
        """
        if self._loaded:
            return self._effect
        self._loaded = True
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:  # no audio support on this computer
            log.warning("agenda chime unavailable: %s", exc)
            self.available = False
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", "chime.wav"))))
        effect.setVolume(0.6)
        self._effect = effect
        return effect

    def play(self, which: str) -> bool:
        """Sound the chime for `which` ("one minute" or "end") if it is on; True if it sounded."""
        if not self.enabled:
            return False
        effect = self.load()
        if effect is None:
            return False
        effect.play()
        self.played.append(which)
        return True

    def status(self) -> str:
        if not self.available:
            return "Chime unavailable: this computer has no sound support for it."
        if not self.enabled:
            return "Chime off."
        return "Chime on: one minute before each item ends, and at its end."
