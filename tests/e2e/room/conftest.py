"""Debian's Chromium, driven by Playwright, on the room's real pages served on 127.0.0.1.

Playwright is used with the system's browser only (`executable_path`); it never downloads one.
The tests skip, saying why, only where Chromium is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# The same room server over the same small workshop as the unit tests' (one fixture, two users).
from tests.unit.room.conftest import room  # noqa: F401

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Phone-sized screenshots land here when PARTNERDESK_SHOTS names a folder (for looking at them).
SHOTS = os.environ.get("PARTNERDESK_SHOTS")

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                    "(apt-get install chromium; .ci/run does)")


@pytest.fixture
def browser(tmp_path: Path):
    """A fresh Chromium profile; each `new_phone()` is a separate phone (its own cookies)."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS,
                                              downloads_path=str(tmp_path / "downloads"))
        contexts = []

        def new_phone():
            context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                           is_mobile=True, has_touch=True, locale="en-GB",
                                           accept_downloads=True)
            context.set_default_timeout(20_000)
            contexts.append(context)
            return context.new_page()

        try:
            yield new_phone
        finally:
            for context in contexts:
                context.close()
            chromium.close()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
