"""A room of simulated phones on 127.0.0.1, all at once: for the load test and the bench.

Each phone has its own cookie jar and WebSocket, joins, answers the audit, then adds post-its,
as the pages do. Every write's time from sending to the reply is recorded.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field

import aiohttp

from partnerdesk.room.server import HEADER


@dataclass
class CrowdResult:
    times: list[float] = field(default_factory=list)  # seconds per write
    by_path: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def p95_of(self, path: str) -> float:
        return percentile_ms(self.by_path.get(path, []), 0.95)

    @property
    def p95_ms(self) -> float:
        return percentile_ms(self.times, 0.95)

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.times) if self.times else 0.0


def percentile_ms(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return 1000 * ordered[max(0, round(share * len(ordered)) - 1)] if ordered else 0.0


class SimulatedPhone:
    def __init__(self, address: str, number: int, result: CrowdResult):
        self.address = address.rstrip("/")
        self.number = number
        self.result = result
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # the room is reached by IP address
            timeout=aiohttp.ClientTimeout(total=60))
        self.token = ""
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.listening: asyncio.Task | None = None

    async def join(self, code: str) -> None:
        async with self.session.post(f"{self.address}/api/join", json={"code": code}) as reply:
            data = await reply.json()
            if reply.status != 200:
                raise AssertionError(f"phone {self.number} could not join: {data}")
            self.token = data["token"]
        self.socket = await self.session.ws_connect(f"ws{self.address[4:]}/ws", origin=self.address)
        self.listening = asyncio.ensure_future(self._listen())

    async def _listen(self) -> None:
        async for _message in self.socket:
            pass

    async def write(self, path: str, body: dict) -> dict:
        headers = {HEADER: self.token, "Origin": self.address}
        start = time.perf_counter()
        async with self.session.post(f"{self.address}{path}", json=body, headers=headers) as reply:
            data = await reply.json()
        took = time.perf_counter() - start
        self.result.times.append(took)
        self.result.by_path.setdefault(path, []).append(took)
        if reply.status != 200:
            self.result.failures.append(f"phone {self.number} {path}: {reply.status} {data}")
        return data

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self.listening is not None:
            await self.listening
        await self.session.close()


def audit_answers(number: int, questions: int = 10) -> list[dict]:
    return [{"score": (number + q) % 11, "comment": f"phone {number:02d} question {q}"} for q in range(questions)]


def post_it_text(number: int, n: int) -> str:
    return f"Post-it {n} from phone {number:02d}"


async def run_crowd(address: str, code: str, phones: int, open_audit, open_wall, post_its: int = 5,
                    spread: float = 0.0) -> CrowdResult:
    """Every phone joins at once; `open_audit()` then each answers; `open_wall()` then each adds
    `post_its` post-its (either step is skipped when its opener is None). With `spread`, each
    write waits a random time up to `spread` seconds first, as people finish typing at
    different moments; without, every phone sends at the same instant."""
    result = CrowdResult()
    chance = random.Random(2009)

    async def pause() -> None:
        if spread:
            await asyncio.sleep(chance.uniform(0, spread))

    crowd = [SimulatedPhone(address, n, result) for n in range(phones)]
    try:
        await asyncio.gather(*(phone.join(code) for phone in crowd))
        if open_audit is not None:
            number = open_audit()

            async def answer(phone: SimulatedPhone) -> None:
                await pause()
                await phone.write("/api/audit", {"opening": number, "answers": audit_answers(phone.number)})

            await asyncio.gather(*(answer(phone) for phone in crowd))
        if open_wall is not None:
            number, zones = open_wall()

            async def add(phone: SimulatedPhone) -> None:
                for n in range(post_its):
                    await pause()
                    await phone.write("/api/postit", {
                        "opening": number, "zone": zones[(phone.number + n) % len(zones)],
                        "text": post_it_text(phone.number, n), "nonce": f"{phone.number}-{n}"})

            await asyncio.gather(*(add(phone) for phone in crowd))
    finally:
        await asyncio.gather(*(phone.close() for phone in crowd))
    return result
