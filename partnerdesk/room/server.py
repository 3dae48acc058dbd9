"""The room's HTTP and WebSocket server: aiohttp, on its own thread and asyncio loop.

aiohttp gives HTTP and WebSockets in one well-kept library with no home-made parsing, request
size limits, and a clean shutdown that closes every connection; it runs beside Qt's event loop
without a Qt module (QtHttpServer is not in every PySide6 build). The server reads and writes
nothing itself: each input becomes the open kind's own operation (its `room` module, see
`partnerdesk.room.tasks`) handed to the `owner`, the one thread that owns the workspace.

A room answers at once, and the owner applies one edit at a time: inputs of the same sort that
wait while an edit is applied are handed over together, as one edit (`tasks.apply_together`),
and each phone is answered with its own input's outcome, in the order they arrived. Sixty-five
simultaneous audit answers are then two or three edits, not sixty-five queued behind each
other (each of which rewrites the whole round, see `behaviours_audit.operations`).

Security, for a room of strangers' phones: the server binds only the address asked for and
refuses any other Host header (no DNS rebinding); a device joins with the session's code and
gets a random token in an HttpOnly SameSite=Strict cookie, plus a second token its pages send
in a header on every write (so another site's form cannot post as it); writes need JSON and
a same-origin Origin; bodies, rates and counts are capped; every page carries a strict
Content-Security-Policy with no inline script, and the pages put user text in with
`textContent` only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from partnerdesk.changes import Changes
from partnerdesk.errors import StorageError
from partnerdesk.resources import resource_path
from partnerdesk.room import tasks
from partnerdesk.room.owner import Owner
from partnerdesk.room.session import Device, Opening, Refused, RoomSession

log = logging.getLogger(__name__)

COOKIE = "partnerdesk_room"
HEADER = "X-Room-Token"
#: The largest body a phone may send (a long learning log answer fits with room to spare).
MAX_BODY = 64 * 1024
#: Changes arriving together are announced to the phones once.
ANNOUNCE_DELAY = 0.15
#: The most inputs applied as one edit.
MAX_TOGETHER = 200
#: Before applying, inputs are gathered while more keep arriving (a room pressing Send at
#: once reaches the server over some tens of milliseconds): until none came for `GATHER_QUIET`
#: seconds, and for `GATHER_MOST` at most. Each edit rewrites the audit's whole round, so one
#: edit for the burst beats a first small one that the rest must wait behind.
GATHER_QUIET = 0.004
GATHER_MOST = 0.030
PAGES = {"/": "join.html", "/audit": "audit.html", "/postit": "postit.html", "/dots": "dots.html",
         "/log": "log.html"}
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml",
                ".png": "image/png"}


class RoomServer:
    """Serve one room session; `start()` listens, `stop()` closes every connection."""

    def __init__(self, owner: Owner, session: RoomSession, host: str = "127.0.0.1", port: int = 0,
                 folder: Path | None = None):
        self.owner = owner
        self.session = session
        self.host = host
        self.port = port
        self.folder = folder or resource_path("room")
        self.version = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._device_locks: dict[str, asyncio.Lock] = {}
        self._public: dict[tuple[int, int], asyncio.Future] = {}
        self._announce_pending = False
        self._sending: set[asyncio.Future] = set()
        #: Inputs waiting to be applied together, by (opening number, sort of input).
        self._waiting: dict[tuple[int, str], list[tuple[tasks.Edit, asyncio.Future]]] = {}
        self._applying: dict[tuple[int, str], asyncio.Task] = {}

    # -- starting and stopping (from any thread) -------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def address(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def join_address(self) -> str:
        """The address with the code in it, for the QR code."""
        return f"{self.address}?code={self.session.code}"

    def start(self, timeout: float = 10.0) -> None:
        """Listen on `host:port` (port 0: any free port); raises OSError if that is not possible."""
        self._thread = threading.Thread(target=self._main, name="room-server", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout):
            raise OSError("The room's server did not start in time.")
        if self._start_error is not None:
            self._thread.join(timeout)
            self._thread = None
            raise self._start_error

    def stop(self, timeout: float = 10.0) -> None:
        """Close every connection, stop listening, and end the session (its code and tokens)."""
        self.session.end()
        if self._loop is None or self._thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)
            self._thread = None

    def open_exercise(self, exercise_id: str, kind: str, task: str, title: str) -> Opening:
        """Open an exercise to the room (from any thread); the phones are told."""
        if task not in tasks.tasks_by_kind().get(kind, ()):
            raise Refused(f"A {kind} exercise cannot be opened to the room for {task}.")
        opening = self.session.open(exercise_id, kind, task, title)
        self.notify_changed()
        return opening

    def close_exercise(self) -> None:
        """No exercise open to the room; what devices did in it is forgotten."""
        self.session.close()
        self.notify_changed()

    def notify_changed(self) -> None:
        """The workspace changed (from any thread): the phones are told, once for a burst."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._changed)
            except RuntimeError:  # the loop closed meanwhile: nobody is listening
                pass

    # -- the loop's thread -----------------------------------------------------------------------

    def _main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._listen())
        except BaseException as exc:  # reported to start()'s caller
            self._start_error = exc
            self._started.set()
            loop.close()
            return
        self._started.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _listen(self) -> None:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.router.add_get("/", self._page)
        for path in PAGES:
            if path != "/":
                app.router.add_get(path, self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/api/me", self._me)
        app.router.add_get("/api/state", self._state)
        app.router.add_post("/api/audit", self._audit)
        app.router.add_post("/api/postit", self._post_it)
        app.router.add_post("/api/dot", self._dot)
        app.router.add_post("/api/log/name", self._log_name)
        app.router.add_post("/api/log/save", self._log_save)
        app.router.add_get("/api/log.pdf", self._log_pdf)
        app.router.add_get("/ws", self._socket)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await self._runner.cleanup()
            raise
        sockets = site._server.sockets if site._server else []
        if sockets:
            self.port = sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        for task in list(self._applying.values()):
            task.cancel()
        await asyncio.gather(*(socket.close(code=1001, message=b"The room has closed.")
                               for socket in list(self._sockets)), return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()

    # -- every request ---------------------------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]):
        if request.host not in self._hosts():
            # Another name pointing here (DNS rebinding) gets nothing.
            return self._secured(web.Response(status=421, text="Wrong address."))
        try:
            if request.method == "POST":
                if self._foreign(request):
                    raise Refused("This request did not come from the room's own page.", 403)
                if request.content_type != "application/json":
                    raise Refused("The room's pages send JSON.", 415)
            response = await handler(request)
        except Refused as exc:
            response = _error(str(exc), exc.status)
        except StorageError as exc:
            # The kind's own rules said no (an empty post-it...): the same message as the laptop's.
            response = _error(exc.user_message, 409)
        except web.HTTPRequestEntityTooLarge:
            response = _error("That is too much to send at once.", 413)
        except web.HTTPException as exc:
            response = _error(exc.reason or "Not found.", exc.status)
        return self._secured(response)

    def _foreign(self, request: web.Request) -> bool:
        """Whether the request names an Origin other than the room's own (the writes and the
        WebSocket check it alike)."""
        origin = request.headers.get("Origin")
        return origin is not None and origin.rstrip("/") != self.address.rstrip("/")

    def _hosts(self) -> set[str]:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return {f"{host}:{self.port}"} | ({host} if self.port == 80 else set())

    def _secured(self, response: web.StreamResponse) -> web.StreamResponse:
        origin = self.address.rstrip("/")
        socket_origin = "ws" + origin[len("http"):]
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {socket_origin}; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        return response

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(self.folder / PAGES[request.path],
                                headers={"Content-Type": "text/html; charset=utf-8"})

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = self.folder / name
        kind = STATIC_TYPES.get(path.suffix)
        if kind is None or "/" in name or name.startswith(".") or not path.is_file():
            raise web.HTTPNotFound(reason="Not found.")
        return web.FileResponse(path, headers={"Content-Type": f"{kind}; charset=utf-8"})

    # -- joining ---------------------------------------------------------------------------------

    async def _join(self, request: web.Request) -> web.StreamResponse:
        body = await _json(request)
        code = body.get("code")
        if not isinstance(code, str) or len(code) > 40:
            raise Refused("Type the code shown on the screen.")
        device = self.session.join(code, request.remote or "")
        response = web.json_response({"token": device.header_token, "open": _opening(self.session.opening)})
        response.set_cookie(COOKIE, device.token, httponly=True, samesite="Strict", path="/")
        return response

    def _device(self, request: web.Request, write: bool = False) -> Device:
        return self.session.device(request.cookies.get(COOKIE), request.headers.get(HEADER), write=write)

    async def _me(self, request: web.Request) -> web.StreamResponse:
        device = self._device(request)
        return web.json_response({"token": device.header_token, "open": _opening(self.session.opening)})

    # -- state -----------------------------------------------------------------------------------

    async def _public_state(self, opening: Opening) -> dict[str, Any]:
        """The state every phone shares, read once per change (concurrent requests share it)."""
        key = (opening.number, self.version)
        found = self._public.get(key)
        if found is None:
            self._public.clear()
            module = _module(opening)
            found = asyncio.wrap_future(self.owner.read(lambda ws: module.public(ws, opening)))
            self._public[key] = found
        try:
            return await asyncio.shield(found)
        except Exception:
            self._public.pop(key, None)
            raise

    async def _state(self, request: web.Request) -> web.StreamResponse:
        device = self._device(request)
        opening = self.session.opening
        state: dict[str, Any] = {"open": _opening(opening), "version": self.version}
        if opening is not None:
            public = await self._public_state(opening)
            module = _module(opening)
            state["public"] = public
            if hasattr(module, "mine_stored"):
                # Read for this device only (a learning log, its own participant's).
                state["mine"] = await self._read(lambda ws: module.mine_stored(ws, opening, device))
            else:
                state["mine"] = module.mine(opening, device, public)
        return web.json_response(state)

    async def _read(self, query: Callable) -> Any:
        return await asyncio.wrap_future(self.owner.read(query))

    # -- writes ----------------------------------------------------------------------------------

    async def _write(self, request: web.Request, task: str, action: str) -> web.StreamResponse:
        """A phone's input for `task`: the open kind's room module's `action` makes the edit."""
        device = self._device(request, write=True)
        body = await _json(request)
        # One write at a time per device, so a double tap cannot count twice.
        lock = self._device_locks.setdefault(device.token, asyncio.Lock())
        async with lock:
            opening = self.session.current(task)
            if body.get("opening") != opening.number:
                raise Refused("That exercise is not open to the room now.", 409)
            nonce = body.get("nonce")
            if nonce is not None and (not isinstance(nonce, str) or len(nonce) > 64):
                raise Refused("The request was not understood.")
            if nonce in device.replies:
                return web.json_response(device.replies[nonce])
            public = await self._public_state(opening)
            edit: tasks.Edit = getattr(_module(opening), action)(opening, device, body, public)
            changes = await self._apply(opening, edit)
            if self.session.opening != opening:
                # Closed while it was applied: it is in the workspace (and on the undo stack),
                # but this device's memory of the opening is gone with it.
                return web.json_response({"ok": True})
            reply = {"ok": True, **edit.done(changes)}
            if nonce is not None and len(device.replies) < 500:
                device.replies[nonce] = reply
        return web.json_response(reply)

    async def _apply(self, opening: Opening, edit: tasks.Edit) -> Changes:
        """Apply `edit`, together with any others of its sort waiting; its own outcome."""
        if not edit.plural:
            return await asyncio.wrap_future(self.owner.apply(edit.label, edit.operation, edit.merge_key))
        key = (opening.number, edit.plural)
        outcome = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(key, []).append((edit, outcome))
        if key not in self._applying:
            self._applying[key] = asyncio.ensure_future(self._apply_waiting(key))
        return await outcome

    async def _apply_waiting(self, key: tuple[int, str]) -> None:
        """Apply the inputs waiting under `key` as one edit, again while more arrived meanwhile."""
        try:
            loop = asyncio.get_running_loop()
            latest = loop.time() + GATHER_MOST
            count = 0
            while len(self._waiting.get(key, ())) > count and loop.time() < latest:
                count = len(self._waiting[key])
                await asyncio.sleep(GATHER_QUIET)
            while waiting := self._waiting.pop(key, None):
                if len(waiting) > MAX_TOGETHER:
                    waiting, self._waiting[key] = waiting[:MAX_TOGETHER], waiting[MAX_TOGETHER:]
                edits = [edit for edit, _outcome in waiting]
                try:
                    changes = await asyncio.wrap_future(self.owner.apply(
                        lambda changes, edits=edits: tasks.together_label(edits, changes.value),
                        tasks.apply_together(edits)))
                except Exception as exc:  # nothing was applied: every phone is told why
                    for _edit, outcome in waiting:
                        if not outcome.done():
                            outcome.set_exception(exc)
                    continue
                for (_edit, outcome), result in zip(waiting, changes.value, strict=True):
                    if outcome.done():  # the phone went away meanwhile
                        continue
                    if isinstance(result, Exception):
                        outcome.set_exception(result)
                    else:
                        outcome.set_result(result)
        finally:
            del self._applying[key]
            for _edit, outcome in self._waiting.pop(key, []):
                outcome.cancel()

    async def _audit(self, request: web.Request) -> web.StreamResponse:
        return await self._write(request, "audit", "answer")

    async def _post_it(self, request: web.Request) -> web.StreamResponse:
        return await self._write(request, "postit", "add_post_it")

    async def _dot(self, request: web.Request) -> web.StreamResponse:
        return await self._write(request, "dots", "dot")

    async def _log_save(self, request: web.Request) -> web.StreamResponse:
        return await self._write(request, "log", "save")

    async def _log_name(self, request: web.Request) -> web.StreamResponse:
        device = self._device(request, write=True)
        body = await _json(request)
        opening = self.session.current("log")
        participant_id = tasks.text_field(body, "participant", 100)
        module = _module(opening)
        await self._read(lambda ws: module.check_attendee(ws, opening, participant_id))
        self.session.claim(device, participant_id)
        return web.json_response({"ok": True})

    async def _log_pdf(self, request: web.Request) -> web.StreamResponse:
        device = self._device(request)
        # A link cannot send a header: the page's token comes in the address instead.
        if request.query.get("t") != device.header_token:
            raise Refused("Download your log from your own log page.", 403)
        opening = self.session.current("log")
        module = _module(opening)
        book = await self._read(lambda ws: module.pdf_book(ws, opening, device))
        # ReportLab renders off the owner's thread: the laptop stays responsive.
        data = await asyncio.get_running_loop().run_in_executor(None, module.render_pdf, book)
        return web.Response(body=data, content_type="application/pdf", headers={
            "Content-Disposition": 'attachment; filename="learning-log.pdf"'})

    # -- pushing updates -------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        self._device(request)
        if self._foreign(request):
            raise Refused("This connection did not come from the room's own page.", 403)
        socket = web.WebSocketResponse(heartbeat=20.0, max_msg_size=1024, timeout=1.0)
        await socket.prepare(request)
        self._sockets.add(socket)
        try:
            await socket.send_str(json.dumps(self._announcement()))
            async for message in socket:
                if message.type == WSMsgType.ERROR:
                    break
                # Phones only listen; anything they send is ignored.
        finally:
            self._sockets.discard(socket)
        return socket

    def _announcement(self) -> dict[str, Any]:
        return {"type": "changed", "version": self.version, "open": _opening(self.session.opening)}

    def _changed(self) -> None:
        self.version += 1
        if not self._announce_pending:
            self._announce_pending = True
            self._loop.call_later(ANNOUNCE_DELAY, self._announce)

    def _announce(self) -> None:
        self._announce_pending = False
        text = json.dumps(self._announcement())
        for socket in list(self._sockets):
            if not socket.closed:
                task = asyncio.ensure_future(_send(socket, text))
                self._sending.add(task)
                task.add_done_callback(self._sending.discard)


async def _send(socket: web.WebSocketResponse, text: str) -> None:
    try:
        await socket.send_str(text)
    except (ConnectionError, RuntimeError):
        pass  # a phone that went to sleep reconnects and reads the state afresh


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise Refused("The request was not understood.") from None
    if not isinstance(body, dict):
        raise Refused("The request was not understood.")
    return body


def _module(opening: Opening):
    """The room module of the open exercise's kind."""
    module = tasks.room_module(opening.kind)
    if module is None:
        raise Refused("That exercise is not open to the room now.", 409)
    return module


def _opening(opening: Opening | None) -> dict[str, Any] | None:
    if opening is None:
        return None
    return {"task": opening.task, "title": opening.title, "number": opening.number}


def _error(message: str, status: int) -> web.Response:
    return web.json_response({"error": message}, status=status)

