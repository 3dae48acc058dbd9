"""The demo workspace as the app's document, shared by the board's widget tests."""

from __future__ import annotations

import pytest

from partnerdesk.store import Workspace
from ui.document import WorkspaceDocument


@pytest.fixture
def demo_document(qapp, demo_path):
    doc = WorkspaceDocument(Workspace.open(demo_path))
    yield doc
    doc.close()
