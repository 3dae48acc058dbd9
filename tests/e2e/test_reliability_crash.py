"""A writer killed with SIGKILL at random moments, many times, loses nothing it reported committed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnerdesk.lock import lock_path
from partnerdesk.store import Workspace

HELPER = Path(__file__).with_name("burst_writer.py")
KILLS = 25

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def test_sigkill_during_a_burst_of_edits_loses_nothing_reported(tmp_path):
    path = tmp_path / "burst.partnerdesk"
    Workspace.open(path).close()
    rng = random.Random(20261123)
    reported: dict[str, list[str]] = {}
    for round_ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(HELPER), str(path), str(round_)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        lines = []
        for _ in range(rng.randint(1, 30)):
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line)
        # A random moment inside the next few commits.
        time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Printed before the kill: committed too. Only a complete line is a report; a line
        # without its newline is not trusted to carry all of its ids.
        rest = child.stdout.read()
        lines += [line + "\n" for line in rest.split("\n")[:-1]]
        lines = [line for line in lines if line.endswith("\n")]
        error = child.stderr.read()
        child.stdout.close()
        child.stderr.close()
        assert child.returncode == -signal.SIGKILL, error
        assert lines, f"the writer reported nothing: {error}"
        for line in lines:
            batch, programme, *people = line.split()
            reported[f"{round_}-{batch}"] = [programme, *people]
        assert lock_path(path).exists(), "the killed writer leaves its lock; the next one clears it"

        with Workspace.open(path, create=False, read_only=True) as ws:
            assert ws.integrity_problems() == []
            programmes = {r["id"]: r for r in ws.rows("programmes")}
            people = {r["id"]: r for r in ws.rows("participants")}
        for key, (programme, *person_ids) in reported.items():
            assert programme in programmes, f"batch {key} was reported but is missing"
            assert programmes[programme]["title"] == key
            for person in person_ids:
                assert people[person]["programme_id"] == programme
        # The batch in flight at the kill is all there or not there at all.
        by_programme: dict[str, list[dict]] = {}
        for person in people.values():
            by_programme.setdefault(person["programme_id"], []).append(person)
        for programme, members in by_programme.items():
            title = programmes[programme]["title"]
            if title in reported:
                assert len(members) == len(reported[title]) - 1, (title, reported[title], members)

    with Workspace.open(path, create=False) as ws:
        assert ws.integrity_problems() == []
        assert len(ws.rows("programmes")) >= len(reported)
    assert not lock_path(path).exists()
    assert len(reported) >= KILLS
