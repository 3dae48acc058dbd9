"""`partnerdesk room`: the first line is the join address and code; a phone joins and writes;
SIGTERM closes the room and the command ends."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from partnerdesk.learning_log.values import log_for
from partnerdesk.store import Workspace
from tests.unit.room.phones import Phone, make_workshop

ROOT = Path(__file__).resolve().parents[3]


def test_the_room_command_serves_one_exercise_until_it_is_stopped(tmp_path: Path):
    path = tmp_path / "room.partnerdesk"
    ids = make_workshop(path)
    process = subprocess.Popen(
        [sys.executable, "-m", "partnerdesk", "room", str(path), "--exercise", ids["log"], "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        found = re.fullmatch(r"Join at (http://127\.0\.0\.1:(\d+)/) with code (\d{6})\n", first)
        assert found, first
        address, code = found.group(1), found.group(3)
        phone = Phone(address)
        assert phone.join(code).status == 200
        number = phone.opening()
        assert phone.post("/api/log/name", {"participant": ids["Bob Smith"]}).status == 200
        reply = phone.post("/api/log/save", {"opening": number, "field": "conclude", "text": "Listen first"})
        assert reply.status == 200
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "The room has closed." in out
    with Workspace.open(path, create=False, read_only=True) as ws:
        assert log_for(ws, ids["Bob Smith"], ids["workshop"]).conclude == "Listen first"


def test_the_room_command_refuses_every_interface_at_once_and_an_exercise_it_cannot_open(tmp_path: Path):
    path = tmp_path / "room.partnerdesk"
    ids = make_workshop(path)
    run = [sys.executable, "-m", "partnerdesk", "room", str(path), "--port", "0"]
    everywhere = subprocess.run([*run, "--exercise", ids["log"], "--host", "0.0.0.0"],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert everywhere.returncode == 1 and "not every interface" in everywhere.stderr
    unknown = subprocess.run([*run, "--exercise", "no-such-exercise"], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert unknown.returncode == 1 and "no exercise" in unknown.stderr
    wrong_task = subprocess.run([*run, "--exercise", ids["audit"], "--task", "dots"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    assert wrong_task.returncode == 1
