"""Scale-out: two app processes sharing PostgreSQL and Redis. The kiosk talks to one, the clerk to the
other, and they still see and hear each other (real aiortc media) and chat."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from backend.settings import load_settings
from tests.support.rtc_client import RtcParticipant
from tests.support.services import free_port, wait_until
from tests.support.stack import Kiosk, Stack, enrol_kiosk, session_cookie, staff_member

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health/ready", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def _process(env: dict[str, str], port: int, demo: bool) -> Iterator[str]:
    command = [sys.executable, "-m", "backend.cli", "serve", "--port", str(port), "--demo" if demo else "--no-demo"]
    proc = subprocess.Popen(command, env={**os.environ, **env, "PORT": str(port)}, stdout=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    try:
        wait_until(lambda: _ready(url) or proc.poll() is not None, 60, f"app process on {port}")
        assert proc.poll() is None, "the app process exited at start-up"
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


async def test_a_call_across_two_processes(postgresql_url: str, redis_url: str) -> None:
    first_port, second_port = free_port(), free_port()
    public = f"http://localhost:{first_port}"
    # Both processes answer for one public origin (as behind a load balancer).
    env = {
        "DATABASE_URL": postgresql_url,
        "REDIS_URL": redis_url,
        "PUBLIC_URL": public,
        "AUTH_RATE_LIMIT_PER_MINUTE": "1000",
    }
    with _process(env, first_port, demo=True) as one, _process(env, second_port, demo=False) as two:
        settings = load_settings({**env, "PORT": str(first_port)})
        kiosk_side, staff_side = Stack(settings, one), Stack(settings, two)
        kiosk: Kiosk = await enrol_kiosk(kiosk_side, name="van on process one")
        ticket = await kiosk.take_ticket("health-consultation")
        clerk = await staff_member(staff_side, ["kenko-zoshin"], name="clerk on process two")
        assert (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")).status_code == 200

        citizen = RtcParticipant(kiosk.signal_url(ticket["id"]), kiosk.headers, "citizen")
        staff = RtcParticipant(
            two.replace("http://", "ws://") + f"/api/visits/{ticket['id']}/signal?role=staff",
            session_cookie(clerk),
            "staff",
        )
        await citizen.start()
        await staff.start()
        try:
            await asyncio.wait_for(
                asyncio.gather(citizen.received.first_video.wait(), staff.received.first_video.wait()), 30
            )

            for side in (citizen, staff):  # and they hear each other
                await asyncio.wait_for(side.received.until(lambda side=side: side.received.audio_frames >= 10), 30)
            await citizen.say("聞こえます")
            # A conversation: the clerk answers once the citizen's line has reached the other process.
            await asyncio.wait_for(staff.received.until(lambda: len(staff.received.chat) >= 1), 10)
            await staff.say("よかったです")

            for side in (citizen, staff):
                await asyncio.wait_for(side.received.until(lambda side=side: len(side.received.chat) >= 2), 10)
            assert [c["text"] for c in staff.received.chat] == ["聞こえます", "よかったです"]
            await staff.hang_up()
            await asyncio.wait_for(citizen.received.ended.wait(), 10)
        finally:
            await citizen.close()
            await staff.close()
        ended = await clerk.http.post(f"{two}/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
        assert ended.status_code == 200
        await kiosk.http.aclose()
        await clerk.aclose()
