"""Fixtures for the record's unit tests: the demo workspace open for writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerdesk.store import Workspace


@pytest.fixture
def demo_ws(demo_path: Path):
    with Workspace.open(demo_path, create=False) as ws:
        yield ws
