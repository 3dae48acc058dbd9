"""Start-up: logging, the exception hook, the application, the workspace and the window."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from partnerdesk import APP_NAME, __version__
from partnerdesk.paths import data_dir, default_workspace, log_file
from partnerdesk.resources import resource_path
from partnerdesk.store import Workspace
from ui import presenter
from ui.document import WorkspaceDocument
from ui.main_window import Dialogs, MainWindow, settings
from ui.reliability import open_document
from ui.room import controller as room

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="partnerdesk-app", description="Start PartnerDesk.")
    parser.add_argument("--workspace", type=Path, help="open this workspace file")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    # For end-to-end tests and the benchmark: start, show the window, then quit cleanly.
    parser.add_argument("--quit-after-ms", type=int, default=None, help=argparse.SUPPRESS)
    args, _qt_args = parser.parse_known_args(list(argv)[1:])
    return args


def setup_logging() -> None:
    root = logging.getLogger()
    if any(getattr(h, "_partnerdesk", False) for h in root.handlers):
        return
    try:
        data_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler._partnerdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def excepthook(kind, value, tb) -> None:
    """Log a bug, tell the user, and keep running: nothing typed so far is lost."""
    log.error("unexpected error", exc_info=(kind, value, tb))
    traceback.print_exception(kind, value, tb)
    app = QApplication.instance()
    if app is not None and not getattr(app, "_partnerdesk_testing", False):
        Dialogs.error(None, "Unexpected error",
                      f"Something went wrong: {value}\n\nEverything saved so far is safe. "
                      f"Details are in {log_file()}.")


def load_fonts() -> None:
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def open_start_document(requested: Path | None) -> WorkspaceDocument:
    """The requested workspace, else the last one, else the default (created on first start)."""
    candidates: list[tuple[Path, bool]] = []
    if requested is not None:
        candidates.append((requested, True))
    else:
        last = settings().value("last_workspace")
        if last:
            candidates.append((Path(last), False))
    if default_workspace() not in [p for p, _ in candidates]:  # ask about one file only once
        candidates.append((default_workspace(), True))
    for path, create in candidates:
        # In use elsewhere: offer read-only; damaged: offer the latest backup (ui/reliability.py).
        document = open_document(None, path, create=create, report=path == requested,
                                 note="PartnerDesk will open your default workspace instead.")
        if document is not None:
            return document
    # The default workspace itself is refused: start a fresh one beside it, never over it.
    n = 2
    while (fresh := default_workspace().with_name(f"workspace-{n}.partnerdesk")).exists():
        n += 1
    return WorkspaceDocument(Workspace.open(fresh, create=True))


def run(argv: Sequence[str] | None = None, exec_: bool = True):
    """Start the app; with exec_=False return the window without entering the event loop."""
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    setup_logging()
    sys.excepthook = excepthook
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    load_fonts()
    window = MainWindow(open_start_document(args.workspace))
    presenter.install(window)
    room.install(window)
    window.show()
    if not exec_:
        return window
    if args.quit_after_ms is not None:
        QTimer.singleShot(args.quit_after_ms, window.close)
    return app.exec()
