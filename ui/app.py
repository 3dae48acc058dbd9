"""Start-up: logging, the exception hook, the application, the workspace and the window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from partnerdesk import APP_NAME, __version__
from partnerdesk.errors import StorageError
from partnerdesk.paths import data_dir, default_workspace, log_file
from partnerdesk.resources import resource_path
from partnerdesk.store import Workspace
from ui.dialogs import Dialogs
from ui.document import WorkspaceDocument
from ui.main_window import MainWindow, settings
from ui.reliability import open_document
from ui.startup import after_first_paint, first_paint_cpu, first_painted_at

log = logging.getLogger(__name__)

#: The desktop entry's name (resources/desktop/), so desktops match the window to its icon.
DESKTOP_ID = "org.partnerdesk.PartnerDesk"
#: The log is rotated at start-up beyond this size; three older logs are kept.
LOG_MAX_BYTES = 1_000_000
LOG_KEEP = 3


#: The options a plain start may carry, each with a value (see `_plain_args`).
_PLAIN_OPTIONS = {"--workspace": "workspace", "--quit-after-ms": "quit_after_ms",
                  "--report-first-paint": "report_first_paint"}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    return _plain_args(list(argv)[1:]) or _full_args(argv)


def _plain_args(given: list[str]) -> argparse.Namespace | None:
    """A plain start (nothing, a file, or the options above each with its value, once) read
    without argparse, whose first parser costs about 9M instructions before the first paint
    (gettext looking for translations of its help texts, its regular expressions). The same
    Namespace as `_full_args`; anything else (help, the version, the self-test, `--opt=value`, an
    abbreviation, Qt's own arguments, a value starting with "-") goes to argparse."""
    values: dict[str, object] = {"file": None, "workspace": None, "self_test": False,
                                 "quit_after_ms": None, "report_first_paint": None}
    seen: set[str] = set()
    n = 0
    while n < len(given):
        word = given[n]
        if word.startswith("-") or word == "":
            name = _PLAIN_OPTIONS.get(word)
            if name is None or name in seen or n + 1 == len(given) or given[n + 1].startswith("-"):
                return None
            value = given[n + 1]
            if name == "quit_after_ms":
                if not (value.isascii() and value.isdigit()):
                    return None
                values[name] = int(value)
            else:
                values[name] = Path(value)
            seen.add(name)
            n += 2
        else:
            if "file" in seen:
                return None
            values["file"] = Path(word)
            seen.add("file")
            n += 1
    args = argparse.Namespace(**values)
    if args.workspace is None:
        args.workspace = args.file
    return args


def _full_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="partnerdesk-app", description="Start PartnerDesk.")
    parser.add_argument("file", nargs="?", type=Path, help="open this workspace file (as --workspace)")
    parser.add_argument("--workspace", type=Path, help="open this workspace file")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a demo workspace in a temporary folder, "
                             "without a display, print one line and exit (0 when it works)")
    # For end-to-end tests and the benchmark: start, show the window, then quit cleanly.
    parser.add_argument("--quit-after-ms", type=int, default=None, help=argparse.SUPPRESS)
    # For the benchmark: write time.time() and time.process_time() at the first paint, then quit.
    parser.add_argument("--report-first-paint", type=Path, default=None, help=argparse.SUPPRESS)
    args, _qt_args = parser.parse_known_args(list(argv)[1:])
    if args.workspace is None:
        args.workspace = args.file
    return args


def _rotate_log(path: Path) -> None:
    """Keep the log small: at start-up, a log beyond LOG_MAX_BYTES becomes .1 (.1 becomes .2…).

    Done once here rather than by logging.handlers.RotatingFileHandler, whose import (sockets,
    pickle, queues) costs more than a tenth of a bare window's start-up.
    """
    try:
        if path.stat().st_size <= LOG_MAX_BYTES:
            return
        for n in range(LOG_KEEP - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
        os.replace(path, path.with_name(f"{path.name}.1"))
    except OSError:
        pass


def setup_logging() -> None:
    root = logging.getLogger()
    if any(getattr(h, "_partnerdesk", False) for h in root.handlers):
        return
    try:
        data_dir().mkdir(parents=True, exist_ok=True)
        _rotate_log(log_file())
        handler: logging.Handler = logging.FileHandler(log_file(), encoding="utf-8")
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


def load_fonts(window: QWidget | None = None) -> None:
    """The fonts PartnerDesk ships: DejaVu Sans for the boards and the scripts' fallbacks (Arabic,
    Hebrew, Devanagari, Hangul, CJK, emoji) where the system has none.

    The app loads them just after the first paint (6 ms, a twentieth of a bare window's
    start-up): the first window shows no exercise, and its lists use the system's font; it is
    repainted then, so a name in a script only these fonts have shows at once."""
    font_database = QtGui.QFontDatabase  # looked up here: PySide6 makes the class on first use
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_database.addApplicationFont(str(path))
    if window is not None:
        window.update()


def app_icon() -> QIcon:
    """PartnerDesk's icon at every size shipped. Each file's size is given from its name
    (`partnerdesk-48.png`), so a file is read only when that size is drawn."""
    icon = QIcon()
    for path in sorted(resource_path("icons").glob("partnerdesk-*.png")):
        side = int(path.stem.rsplit("-", 1)[1])
        icon.addFile(str(path), QSize(side, side))
    return icon


def open_start_document(requested: Path | None, defer_check: bool = True) -> WorkspaceDocument:
    """The requested workspace, else the last one, else the default (created on first start).

    Its integrity check waits until the window has been painted (`WorkSafety` runs it before
    anything else; `Workspace.open(defer_check=True)`).
    """
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
                                 note="PartnerDesk will open your default workspace instead.",
                                 defer_check=defer_check)
        if document is not None:
            return document
    # The default workspace itself is refused: start a fresh one beside it, never over it.
    n = 2
    while (fresh := default_workspace().with_name(f"workspace-{n}.partnerdesk")).exists():
        n += 1
    return WorkspaceDocument(Workspace.open(fresh, create=True))


def replace_damaged(window: MainWindow, document: WorkspaceDocument, error: StorageError) -> None:
    """The start workspace failed the integrity check run after the first paint: nothing was
    written to it. Do what opening it would have done: offer its latest backup, else open the
    default workspace (or a fresh one beside it)."""
    if window.document is not document:
        return
    log.warning("replacing damaged workspace %s: %s", document.path, error)
    window.set_document(open_start_document(document.path, defer_check=False))


def install_after_paint(window: MainWindow) -> None:
    """What no one can reach before the window is painted: imported and built just after."""
    from ui import export_everything, presenter, print_record, reference_cards
    from ui.room import controller as room

    presenter.install(window)
    # View ▸ Let the room join… (nothing listens until it is chosen).
    room.install(window)
    # File ▸ Print…, Export everything… and Help ▸ Reference cards.
    reference_cards.install(window)
    print_record.install(window)
    export_everything.install(window)


def _report_first_paint(window: MainWindow, target: Path) -> None:
    target.write_text(f"{first_painted_at(window)!r} {first_paint_cpu(window)!r}\n", encoding="utf-8")
    QTimer.singleShot(0, window.close)


def run(argv: Sequence[str] | None = None, exec_: bool = True):
    """Start the app; with exec_=False return the window without entering the event loop."""
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv)
    if args.self_test:
        from ui.self_test import run_self_test

        gc.enable()
        return run_self_test()
    setup_logging()
    sys.excepthook = excepthook
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())
    document = open_start_document(args.workspace)
    try:
        window = MainWindow(document)
    except sqlite3.DatabaseError:
        if not document.workspace.check_pending:
            raise
        # Damage met while reading, before the deferred check ran: open as if it had run first.
        log.warning("damaged workspace met before its integrity check: %s", document.path)
        document.close()
        window = MainWindow(open_start_document(args.workspace, defer_check=False))
    window.work_safety.damaged_on_open.connect(
        lambda document, error: replace_damaged(window, document, error))
    window.show()
    # main.py pauses the cyclic garbage collector until the window is painted.
    after_first_paint(window, gc.enable)
    after_first_paint(window, lambda: load_fonts(window))
    # The projector and the agenda runner (View menu, F5, the runner's dock), printing, exporting
    # and the reference cards come just after the first paint: importing and building them is a
    # sixth of the start-up, and no one can reach them sooner. They follow the integrity check
    # and the backup on opening (WorkSafety).
    after_first_paint(window, lambda: install_after_paint(window))
    if args.report_first_paint is not None:
        after_first_paint(window, lambda: _report_first_paint(window, args.report_first_paint))
    if not exec_:
        return window
    if args.quit_after_ms is not None:
        QTimer.singleShot(args.quit_after_ms, window.close)
    return app.exec()
