"""Smoke test of a built folder: `python packaging/smoke_test.py dist/PartnerDesk-<version>`.

Run by .ci/run after the tests. It checks what a facilitator's machine will run, with no Python
of its own: the app starts (offscreen) with `--self-test` and says it passed, and the bundled
command line makes a demo, checks it and prints learning logs. It also prints the folder's size.
Works on Linux, Windows and macOS alike (only Linux is run here).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

EXE = ".exe" if sys.platform == "win32" else ""


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    print("$", " ".join(str(a) for a in args), flush=True)
    done = subprocess.run([str(a) for a in args], env=env, capture_output=True, text=True, timeout=300)
    if done.stdout.strip():
        print(done.stdout.strip().splitlines()[-1])  # the last line says what was done
    if done.returncode != 0:
        print(done.stderr.rstrip(), file=sys.stderr)
        raise SystemExit(f"smoke test FAILED: exit status {done.returncode}")
    return done


def size_mb(folder: Path) -> float:
    """The folder's size in MB as `du -sh --apparent-size` counts them (MiB; links not followed)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = Path(argv[1]).resolve()
    app, cli = folder / f"PartnerDesk{EXE}", folder / f"partnerdesk-cli{EXE}"
    for program in (app, cli):
        if not program.exists():
            raise SystemExit(f"smoke test FAILED: {program} is missing")
    work = Path(tempfile.mkdtemp(prefix="partnerdesk-smoke-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PARTNERDESK_HOME": str(work / "home")}
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the source tree

    tested = run([app, "--self-test"], env)
    last = tested.stdout.strip().splitlines()[-1] if tested.stdout.strip() else ""
    # A windowed program on Windows has no standard output: there the exit status says it all.
    if (last or sys.platform != "win32") and not last.startswith("PartnerDesk self-test passed"):
        raise SystemExit(f"smoke test FAILED: the self-test said {last!r}")

    demo = work / "demo.partnerdesk"
    run([cli, "--version"], env)
    run([cli, "demo", demo], env)
    checked = run([cli, "check", demo], env)
    if not checked.stdout.strip().endswith("ok"):
        raise SystemExit("smoke test FAILED: the demo did not check as sound")
    logs = work / "logs"
    run([cli, "logs", demo, "--out", logs, "--programme", "NHS Partners in Cornwall"], env)
    pdfs = sorted(logs.glob("*.pdf"))
    if not pdfs or not all(p.read_bytes().startswith(b"%PDF") for p in pdfs):
        raise SystemExit("smoke test FAILED: no learning-log PDFs")
    print(f"smoke test passed: {folder.name} ({size_mb(folder):.0f} MB), self-test and command line; "
          f"{len(pdfs)} learning-log PDFs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
