"""Signaling relay: messages per second and latency through the app, next to a bare `websockets` relay.

N connections (default 2,000) = N/2 calls, each a kiosk and a clerk really admitted by the app (device
credential / session cookie, visit in a call). Both servers run in their own process; this process
is the load. Two phases each: paced (every call sends one ICE candidate per second for 5 s → latency)
and burst (every clerk sends 50 candidates at once → throughput). Loopback only; stops by itself.
Targets: throughput >= 0.5x the bare relay, p99 <= 10 ms.
Usage: python benchmarks/signaling.py [--connections 2000] [--burst 50] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx
import websockets

from backend import db as database
from backend.catalogue.service import load_demo
from backend.db import utcnow
from backend.identity import models as identity
from backend.identity.tokens import hash_secret
from backend.visits import models as visits
from tests.support.services import free_port, wait_until

BARE_RELAY = """
import asyncio, sys, websockets
peers = {}
async def relay(ws):
    pair, role = ws.request.path.strip("/").split("/")
    peers[(pair, role)] = ws
    other = (pair, "citizen" if role == "staff" else "staff")
    if other in peers:  # both sides are here: tell the kiosk side, as the app's peer_joined does
        await peers[(pair, "citizen")].send('{"type": "ready"}')
    try:
        async for message in ws:
            target = peers.get(other)
            if target is not None:
                await target.send(message)
    finally:
        peers.pop((pair, role), None)
async def main():
    async with websockets.serve(relay, "127.0.0.1", int(sys.argv[1]), max_size=2**20):
        await asyncio.Future()
asyncio.run(main())
"""


async def seed(url: str, pairs: int) -> list[tuple[str, str, str]]:
    """Calls in progress: (visit id, kiosk credential, clerk session token) each."""
    await database.migrate_async(url)
    engine = database.create_engine(url)
    now = utcnow()
    calls = []
    async with database.session_factory(engine)() as session:
        await load_demo(session)
        for i in range(pairs):
            session.add(
                identity.Terminal(
                    id=f"t{i}",
                    name=f"kiosk {i}",
                    kind="van_kiosk",
                    place="bench",
                    created_at=now,
                    enrolled_at=now,
                    credential_hash=hash_secret(f"bench-kiosk-{i}"),
                )
            )
            session.add(
                identity.StaffUser(
                    id=f"u{i}", display_name=f"clerk {i}", role="staff", webauthn_user_id=os.urandom(16), created_at=now
                )
            )
        await session.flush()  # terminals and clerks before the rows that point at them
        for i in range(pairs):
            session.add(
                identity.StaffSession(
                    id=f"s{i}",
                    token_hash=hash_secret(f"bench-staff-{i}"),
                    user_id=f"u{i}",
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + timedelta(hours=12),
                )
            )
            session.add(
                visits.Visit(
                    id=f"v{i}",
                    terminal_id=f"t{i}",
                    service_id="health-consultation",
                    ticket_day=now.date(),
                    ticket_number=i + 1,
                    status="in_call",
                    queued_at=now,
                    created_at=now,
                    staff_id=f"u{i}",
                    accepted_at=now,
                )
            )
            calls.append((f"v{i}", f"bench-kiosk-{i}", f"bench-staff-{i}"))
        await session.commit()
    await engine.dispose()
    return calls


class Load:
    def __init__(self, pairs: int) -> None:
        self.latencies: list[float] = []
        self.received = 0
        self.expected = 0
        self.done = asyncio.Event()
        # Messages sent before the other side has joined are dropped by design (the peer gets a fresh
        # offer when it joins), so measuring starts once every kiosk has seen its clerk arrive.
        self.joined: set[int] = set()
        self.pairs = pairs
        self.all_joined = asyncio.Event()

    def on_message(self, raw: str | bytes, pair: int) -> None:
        message = json.loads(raw)
        if message.get("type") in ("peer_joined", "ready"):
            self.joined.add(pair)
            if len(self.joined) >= self.pairs:
                self.all_joined.set()
        if message.get("type") != "candidate":
            return
        self.latencies.append(time.perf_counter() - float(message["candidate"].split()[-1]))
        self.received += 1
        if self.received >= self.expected:
            self.done.set()


async def reader(ws: websockets.ClientConnection, load: Load | None, pair: int = 0) -> None:
    """Reads a socket (the clerk's too, so that no buffer fills and slows the server down)."""
    try:
        async for raw in ws:
            if load is not None:
                load.on_message(raw, pair)
    except websockets.ConnectionClosed:
        pass


def candidate(now: float) -> str:
    return json.dumps(
        {
            "type": "candidate",
            "candidate": f"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host ts {now}",
            "sdpMid": "0",
            "sdpMLineIndex": 0,
        }
    )


async def run_load(
    urls: list[tuple[str, dict[str, str], str, dict[str, str]]], seconds: float, burst: int
) -> dict[str, float]:
    load = Load(len(urls))
    staff_sockets, readers = [], []
    for start in range(0, len(urls), 100):  # open in batches, as kiosks come online over time
        batch = urls[start : start + 100]
        opened = await asyncio.gather(
            *(
                websockets.connect(u, additional_headers=h, max_size=2**20, open_timeout=60)
                for k_url, k_h, s_url, s_h in batch
                for u, h in ((k_url, k_h), (s_url, s_h))
            )
        )
        for kiosk_ws, staff_ws in zip(opened[::2], opened[1::2], strict=True):
            readers.append(asyncio.create_task(reader(kiosk_ws, load, len(staff_sockets))))
            readers.append(asyncio.create_task(reader(staff_ws, None)))
            staff_sockets.append(staff_ws)
    await asyncio.wait_for(load.all_joined.wait(), 120)

    # Paced: one candidate per call per second.
    load.expected = len(staff_sockets) * int(seconds)
    load.latencies.clear()
    for _ in range(int(seconds)):
        tick = time.perf_counter()
        for i, ws in enumerate(staff_sockets):
            # Each call's message at its own moment of the second, not in a clump.
            await asyncio.sleep(max(0.0, tick + i / len(staff_sockets) - time.perf_counter()))
            await ws.send(candidate(time.perf_counter()))
        await asyncio.sleep(max(0.0, tick + 1 - time.perf_counter()))
    try:
        await asyncio.wait_for(load.done.wait(), 60)
    except TimeoutError:
        raise RuntimeError(f"only {load.received} of {load.expected} paced messages arrived") from None
    paced = sorted(load.latencies)

    # Burst: every clerk sends `burst` candidates at once; throughput until all have arrived.
    load.received, load.expected, load.done = 0, len(staff_sockets) * burst, asyncio.Event()
    load.latencies = []
    started = time.perf_counter()
    await asyncio.gather(*(ws.send(candidate(time.perf_counter())) for ws in staff_sockets for _ in range(burst)))
    await asyncio.wait_for(load.done.wait(), 120)
    elapsed = time.perf_counter() - started

    for ws in staff_sockets:
        await ws.close()
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    return {
        "messages_per_s": load.expected / elapsed,
        "p50_ms": statistics.median(paced) * 1000,
        "p99_ms": paced[int(len(paced) * 0.99) - 1] * 1000,
    }


def start(command: list[str], env: dict[str, str], ready: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def up() -> bool:
        try:
            return httpx.get(ready, timeout=1).status_code < 500
        except httpx.HTTPError:
            return proc.poll() is not None

    wait_until(up, 60, ready)
    return proc


async def main(connections: int, burst: int, seconds: float) -> dict[str, float]:
    pairs = connections // 2
    folder = Path(tempfile.mkdtemp(prefix="madoguchi-signal-bench-"))
    url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    calls = await seed(url, pairs)

    app_port, bare_port = free_port(), free_port()
    # The load sends no pings (a bare relay has none to compare with), so the idle cut-off is lifted.
    env = {"DATABASE_URL": url, "PORT": str(app_port), "LOG_LEVEL": "WARNING", "SIGNAL_IDLE_SECONDS": "3600"}
    app = start(
        [sys.executable, "-m", "backend.cli", "serve", "--no-demo", "--port", str(app_port)],
        env,
        f"http://127.0.0.1:{app_port}/health/live",
    )
    try:
        base = f"ws://127.0.0.1:{app_port}/api/visits"
        urls = [
            (
                f"{base}/{v}/signal?role=citizen",
                {"Authorization": f"Terminal {c}"},
                f"{base}/{v}/signal?role=staff",
                {"Cookie": f"madoguchi_session={t}"},
            )
            for v, c, t in calls
        ]
        through_app = await run_load(urls, seconds, burst)
    finally:
        app.terminate()
        app.wait(30)

    bare = subprocess.Popen([sys.executable, "-c", BARE_RELAY, str(bare_port)])
    try:
        wait_until(lambda: _port_open(bare_port), 30, "bare relay")
        urls = [
            (f"ws://127.0.0.1:{bare_port}/{i}/citizen", {}, f"ws://127.0.0.1:{bare_port}/{i}/staff", {})
            for i in range(pairs)
        ]
        through_bare = await run_load(urls, seconds, burst)
    finally:
        bare.terminate()
        bare.wait(30)

    return {
        "connections": pairs * 2,
        "app_messages_per_s": round(through_app["messages_per_s"]),
        "bare_messages_per_s": round(through_bare["messages_per_s"]),
        "ratio_vs_bare": round(through_app["messages_per_s"] / through_bare["messages_per_s"], 2),
        "app_p50_ms": round(through_app["p50_ms"], 2),
        "app_p99_ms": round(through_app["p99_ms"], 2),
        "bare_p50_ms": round(through_bare["p50_ms"], 2),
        "bare_p99_ms": round(through_bare["p99_ms"], 2),
    }


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    figures = asyncio.run(main(args.connections, args.burst, args.seconds))
    print(
        f"app: {figures['app_messages_per_s']} msg/s, p50 {figures['app_p50_ms']} ms, p99 {figures['app_p99_ms']} ms; "
        f"bare websockets: {figures['bare_messages_per_s']} msg/s, p99 {figures['bare_p99_ms']} ms; "
        f"ratio {figures['ratio_vs_bare']} (targets: ratio >= 0.5, p99 <= 10 ms)"
    )
    print(json.dumps(figures))
