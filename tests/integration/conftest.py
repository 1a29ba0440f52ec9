"""Integration tests run against the real app over HTTP, on SQLite + in-memory channels and on
PostgreSQL + Redis: every test that takes `stack` runs on both."""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from device_bridge.simulators.jlis import SimulatedJlis
from tests.support.stack import Stack, serve

# A test key for My Numbers at rest; a city generates its own (32 random bytes, base64).
MY_NUMBER_KEYS = "test2026:" + base64.b64encode(os.urandom(32)).decode()
STACKS = ["sqlite+memory", pytest.param("postgresql+redis", marks=[pytest.mark.postgres, pytest.mark.redis])]


@pytest.fixture(scope="session")
def jlis() -> SimulatedJlis:
    """A stand-in J-LIS whose public key the app trusts, as a city would configure the real one."""
    return SimulatedJlis.generate()


@pytest.fixture(scope="session", params=STACKS)
async def stack(request: pytest.FixtureRequest, jlis: SimulatedJlis) -> AsyncIterator[Stack]:
    anchor = Path(tempfile.mkdtemp(prefix="madoguchi-jlis-")) / "jlis-anchor.pem"
    anchor.write_bytes(jlis.anchor_pem())
    # High enough that a test run never trips it; the rate-limit test builds its own app.
    env = {
        "AUTH_RATE_LIMIT_PER_MINUTE": "100000",
        "JLIS_TRUST_ANCHORS": str(anchor),
        "MY_NUMBER_KEYS": MY_NUMBER_KEYS,
        # Test sockets (like the aiortc client between pings) may sit quiet on a loaded CI machine.
        "SIGNAL_IDLE_SECONDS": "120",
    }
    if request.param == "sqlite+memory":
        folder = Path(tempfile.mkdtemp(prefix="madoguchi-test-"))
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{folder / 'test.db'}"
    else:
        env["DATABASE_URL"] = request.getfixturevalue("postgresql_url")
        env["REDIS_URL"] = request.getfixturevalue("redis_url")
    async with serve(env) as running:
        yield running
