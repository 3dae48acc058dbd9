"""`PartnerDesk --self-test`: prove that this build works, with no display and no user files.

It starts the real app on a fresh demo workspace in a temporary folder (offscreen unless a
platform is chosen), waits for the deferred start-up work, opens an exercise of every kind that
has a screen (adding one from its template when the demo has none), shows each on the projector
and renders it, writes learning-log PDFs, closes the app, and prints one line. Exit status 0 means
every step passed. Kinds are found as the app finds them (`screen_factories()` and the exercise
records), so a new kind is tested without changing this file.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

WATCHDOG_MS = 180_000


class SelfTestFailure(Exception):
    pass


def _refuse_dialog(*args, **_kwargs):
    # A modal dialog offscreen would wait forever: any question or message is a failure.
    text = " / ".join(str(a) for a in args[1:3] if a)
    raise SelfTestFailure(f"a dialog was shown: {text}")


def _silence_dialogs() -> None:
    from ui.dialogs import Dialogs
    from ui.reliability import ReliabilityDialogs

    for owner in (Dialogs, ReliabilityDialogs):
        for name, value in list(vars(owner).items()):
            if isinstance(value, staticmethod):
                setattr(owner, name, staticmethod(_refuse_dialog))


def run_self_test() -> int:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="partnerdesk-self-test-"))
    # Before anything reads a path: settings, logs, backups stay in the temporary folder.
    os.environ["PARTNERDESK_HOME"] = str(folder / "home")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    outcome: dict[str, object] = {}
    try:
        code = _run(folder, outcome)
    except Exception as exc:  # report any failure as the one line, with the details after it
        print(f"PartnerDesk self-test FAILED: {exc}")
        traceback.print_exc()
        return 1
    seconds = time.perf_counter() - started
    if code == 0:
        line = f"PartnerDesk self-test passed in {seconds:.1f} s: {outcome['summary']}"
    else:
        line = f"PartnerDesk self-test FAILED: {outcome.get('error', 'unknown error')}"
    print(line)  # a windowed program on Windows has no output: the exit status says it all there
    return code


def _run(folder: Path, outcome: dict[str, object]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from partnerdesk.demo import build_demo
    from ui.app import run
    from ui.startup import after_first_paint

    demo = build_demo(folder / "self-test.partnerdesk")
    _silence_dialogs()
    window = run(["PartnerDesk", "--workspace", str(demo)], exec_=False)
    app = QApplication.instance()
    app._partnerdesk_testing = True  # the exception hook logs without a dialog

    def steps() -> None:
        try:
            outcome["summary"] = _steps(window, folder)
            app.exit(0)
        except Exception as exc:
            outcome["error"] = f"{exc}"
            traceback.print_exc()
            app.exit(1)

    def watchdog() -> None:
        outcome["error"] = f"not finished after {WATCHDOG_MS // 1000} s"
        app.exit(1)

    after_first_paint(window, lambda: QTimer.singleShot(0, steps))
    QTimer.singleShot(WATCHDOG_MS, watchdog)
    code = app.exec()
    if window.document is not None:
        window.close()
    return code


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def _steps(window, folder: Path) -> str:
    from PySide6.QtWidgets import QApplication

    from partnerdesk.cli import main as command_line
    from partnerdesk.resources import templates_of_kind
    from ui.exercises import ExerciseScreen, InstructionsScreen, screen_factories
    from ui.navigator import NodeKey

    document = window.document
    workspace = document.workspace
    _check(not workspace.check_pending, "the integrity check deferred at start-up did not run")
    keeper = window.work_safety.keeper
    _check(keeper is not None and any(b.reason == "open" for b in keeper.backups()),
           "no backup was taken on opening")

    factories = screen_factories()
    _check(factories, "no exercise screens were found")
    first_of_kind: dict[str, str] = {}
    for row in workspace.rows("exercises", order_by="position"):
        first_of_kind.setdefault(row["kind"], row["id"])
    added = []
    for kind in sorted(factories):
        if kind in first_of_kind:
            continue
        choices = templates_of_kind(kind)
        _check(choices, f"exercise kind {kind!r} has a screen but no template")
        workshop = workspace.rows("workshops")[0]
        window.navigator.select(NodeKey("workshop", workshop["id"]))
        exercise_id = window.new_exercise(choices[0].id)
        _check(exercise_id, f"could not add a {kind} exercise")
        first_of_kind[kind] = exercise_id
        added.append(kind)

    presenter = window.presenter
    presenter.start()
    rendered = []
    for kind in sorted(factories):
        window.navigator.select(NodeKey("exercise", first_of_kind[kind]))
        QApplication.processEvents()
        screen = window.current_exercise_screen()
        _check(isinstance(screen, ExerciseScreen) and not isinstance(screen, InstructionsScreen),
               f"the {kind} exercise did not open its own screen (got {type(screen).__name__})")
        _check(presenter.showing, "the projector window is not showing")
        image = presenter.window.grab().toImage()
        _check(not image.isNull() and image.width() > 0, f"the projector did not render the {kind} exercise")
        colours = {image.pixel(x, y) for x in range(0, image.width(), max(1, image.width() // 40))
                   for y in range(0, image.height(), max(1, image.height() // 40))}
        _check(len(colours) > 1, f"the projector showed a blank page for the {kind} exercise")
        rendered.append(kind)
    size = presenter.window.size()
    presenter.leave()

    logs = folder / "learning-logs"
    with contextlib.redirect_stdout(io.StringIO()):  # one line of output in all
        status = command_line(["logs", str(workspace.path), "--out", str(logs)])
    pdfs = sorted(logs.glob("*.pdf"))
    _check(status == 0 and pdfs, "no learning-log PDF was written")
    first = pdfs[0].read_bytes()
    _check(first.startswith(b"%PDF") and b"%%EOF" in first[-1024:], f"{pdfs[0].name} is not a whole PDF")

    # Export everything (the report, CSVs, board and wall PDF, SVG and PNG through PDFium), then
    # a page of the report through PDFium, as File ▸ Print… renders it.
    exported = folder / "export"
    programme = workspace.rows("programmes")[0]
    with contextlib.redirect_stdout(io.StringIO()):
        status = command_line(["export", str(workspace.path), "--programme", programme["title"],
                               "--out", str(exported)])
    images = sorted(exported.rglob("*.png"))
    reports = sorted(exported.glob("*report.pdf"))
    _check(status == 0 and images and reports, "Export everything wrote no report or no images")
    from ui.printing import load_pdf, render_page

    pdf = load_pdf(reports[0].read_bytes())
    page = render_page(pdf, 0, 30)
    _check(len(pdf) > 1 and not page.isNull(), "PDFium could not render the report to print it")
    pdf.close()

    chimed = _sound_the_chime()

    note = f" (added {', '.join(added)})" if added else ""
    return (f"{len(rendered)} exercise kinds opened and projected at {size.width()}x{size.height()}"
            f" ({', '.join(rendered)}){note}; {len(pdfs)} learning-log PDFs written; "
            f"{len(images)} board and wall images exported and the report rendered for printing; "
            f"{chimed}; workspace checked and backed up after the first paint")


def _wait_for(signal, done, seconds: float) -> None:
    """Run the event loop until `done()` holds, re-checking whenever `signal` fires."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        loop.exec()


def _sound_the_chime() -> str:
    """The agenda chime, muted, through the app's own Chime: Qt Multimedia loads (the bundle
    carries no FFmpeg), and where there is a sound output the WAV loads for it and plays."""
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    from ui.projector.chime import Chime

    chime = Chime(enabled=True)
    effect = chime.load()
    _check(effect is not None, "Qt Multimedia did not load, so the agenda chime cannot sound")
    if not QMediaDevices.audioOutputs():
        return "the chime loaded (no sound output here to play it on)"
    effect.setMuted(True)  # a check, not a sound in the facilitator's room
    status = QSoundEffect.Status
    _wait_for(effect.statusChanged, lambda: effect.status() in (status.Ready, status.Error), 10)
    _check(effect.status() == status.Ready,
           f"the chime did not load for the sound output (status {effect.status().name})")
    _check(chime.play("self-test"), "the chime did not play")
    _wait_for(effect.playingChanged, effect.isPlaying, 10)
    _check(effect.isPlaying(), "the chime did not start playing")
    effect.stop()
    chime.deleteLater()
    return "the chime played (muted)"


if __name__ == "__main__":
    sys.exit(run_self_test())
