"""Benchmarks: each case times the project's code and a baseline in the same run, and prints
their ratio (these machines are shared and noisy, so only ratios mean anything).

    python bench/run.py            # every case
    python bench/run.py startup    # cases whose name contains "startup"

Each `bench/case_*.py` defines `CASES`, a list of `Case`.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from partnerdesk.resources import resource_path  # noqa: E402 - after the path is set

os.environ.setdefault("QT_QPA_FONTDIR", str(resource_path("fonts")))


@dataclass
class Case:
    name: str
    #: Each returns a callable that does one measured run (set-up happens outside the timing).
    #: A run may return its own measured seconds (a float), e.g. a child process's time from
    #: start to first paint; otherwise the run's wall time is taken.
    project: Callable[[], Callable[[], object]]
    baseline: Callable[[], Callable[[], object]]
    repeat: int = 5
    note: str = ""


def _once(prepare: Callable[[], Callable[[], object]]) -> float:
    """One measured run; a run that measures itself (a process's own start-up) returns its
    seconds as a float, which then stands for the wall time around it."""
    run = prepare()
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    return result if isinstance(result, float) else elapsed


def measure_pair(case: Case) -> tuple[float, float]:
    """Median times of the project and of its baseline, their runs interleaved so both see
    the same machine load."""
    project, baseline = [], []
    for _ in range(case.repeat):
        project.append(_once(case.project))
        baseline.append(_once(case.baseline))
    return statistics.median(project), statistics.median(baseline)


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(Path(__file__).parent.glob("case_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases.extend(module.CASES)
    return cases


def main(argv: list[str]) -> int:
    # Every case's temporary workspaces go into one folder, removed when the run ends.
    with tempfile.TemporaryDirectory(prefix="partnerdesk-bench-") as folder:
        tempfile.tempdir = folder
        try:
            return _run(argv)
        finally:
            tempfile.tempdir = None


def _run(argv: list[str]) -> int:
    wanted = argv[1:]
    cases = [c for c in load_cases() if not wanted or any(w in c.name for w in wanted)]
    print(f"{'case':<48} {'project':>10} {'baseline':>10} {'ratio':>7}")
    for case in cases:
        project, baseline = measure_pair(case)
        ratio = project / baseline if baseline else float("inf")
        print(f"{case.name:<48} {project * 1000:>8.1f}ms {baseline * 1000:>8.1f}ms {ratio:>6.2f}x"
              + (f"  {case.note}" if case.note else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
