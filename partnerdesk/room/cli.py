"""`partnerdesk room PATH --exercise ID`: serve the room's pages from the command line.

The first line printed is the join address and code. Every input is applied straight to the
workspace, one at a time, by `DirectOwner`; Ctrl+C (or SIGTERM) stops the server.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from partnerdesk import records
from partnerdesk.cli import command
from partnerdesk.room.tasks import tasks_by_kind


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", help="the workspace file")
    parser.add_argument("--exercise", required=True, metavar="ID", help="the exercise to open to the room")
    parser.add_argument("--task", choices=["audit", "postit", "dots", "log"],
                        help="for a post-it wall: postit (the default) or dots")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address of this computer to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="the port (default 8765; 0 for any free one)")
    parser.add_argument("--code", help=argparse.SUPPRESS)  # tests choose the code


@command("room", "let the room join from their phones: serve the pages for one exercise", _arguments)
def _room(args: argparse.Namespace) -> int:
    from partnerdesk.room.addresses import check_host
    from partnerdesk.room.owner import DirectOwner
    from partnerdesk.room.server import RoomServer
    from partnerdesk.room.session import RoomSession

    try:
        host = check_host(args.host)
    except ValueError as exc:
        print(f"partnerdesk: {exc}", file=sys.stderr)
        return 1
    owner = DirectOwner(args.workspace)
    try:
        exercise = owner.read(lambda ws: records.exercise(ws, args.exercise)).result()
        tasks = tasks_by_kind().get(exercise.kind, ()) if exercise else ()
        if not tasks:
            print(f"partnerdesk: no exercise {args.exercise!r} that the room can join "
                  "(an audit, a post-it wall or learning logs)", file=sys.stderr)
            return 1
        task = args.task or tasks[0]
        if task not in tasks:
            print(f"partnerdesk: a {exercise.kind} exercise is opened for {' or '.join(tasks)}", file=sys.stderr)
            return 1
        server = RoomServer(owner, RoomSession(args.code), host, args.port)
        owner.on_changed = lambda changes: server.notify_changed()
        try:
            server.start()
        except OSError as exc:
            print(f"partnerdesk: cannot listen on {host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        server.open_exercise(exercise.id, exercise.kind, task, exercise.title)
        print(f"Join at {server.address} with code {server.session.code}", flush=True)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        server.stop()
        print("The room has closed.", flush=True)
        return 0
    finally:
        owner.close()
