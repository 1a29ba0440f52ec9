"""The operator's commands and the schema: what `make run` and a city IT admin rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from alembic import command

from backend.catalogue.service import load_demo
from backend.db import alembic_config
from tests.support.stack import Stack


def _cli(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_invite_admin_and_enrol_terminal_commands(stack: Stack) -> None:
    env = {"DATABASE_URL": stack.settings.database_url, "PUBLIC_URL": stack.settings.public_url}
    out = _cli("invite-admin", "--name", "市役所 管理者", env=env)
    url = out.strip().splitlines()[-1].strip()
    assert url.startswith(f"{stack.settings.public_url}/staff/#/invite/")
    browser = stack.client()
    me = (await browser.register(url)).json()
    assert me["role"] == "admin" and me["display_name"] == "市役所 管理者"
    await browser.aclose()

    code = _cli("enrol-terminal", "--name", "Van 2", "--place", "笠間市", "--json", env=env)
    enrolment_code = json.loads(code)["enrolment_code"]
    async with httpx.AsyncClient(base_url=stack.base_url) as kiosk:
        assert (await kiosk.post("/api/terminal/enrol", json={"code": enrolment_code})).status_code == 200


def test_bad_configuration_is_a_clear_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", "migrate"],
        env={**os.environ, "DEBUG": "perhaps"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr and "Traceback" not in result.stderr


async def test_migrations_match_the_models(stack: Stack) -> None:
    # alembic check raises when the models have changes no migration covers.
    import asyncio

    await asyncio.to_thread(command.check, alembic_config(stack.settings.database_url))


async def test_demo_catalogue_loads_idempotently(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:
        before = (await http.get("/api/catalogue")).json()
        async with stack.session() as session:
            await load_demo(session)
        after = (await http.get("/api/catalogue")).json()
    assert before == after


@pytest.mark.parametrize("limit", [3])
async def test_auth_routes_are_rate_limited(tmp_path: Path, limit: int) -> None:
    from tests.support.stack import serve

    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'rl.db'}", "AUTH_RATE_LIMIT_PER_MINUTE": str(limit)}
    async with serve(env) as small, httpx.AsyncClient(base_url=small.base_url) as http:
        codes = [(await http.post("/api/auth/passkey-options")).status_code for _ in range(limit + 1)]
        assert codes == [200] * limit + [429]
        limited = await http.post("/api/auth/passkey-options")
        assert limited.headers["content-type"].startswith("application/problem+json")
        assert "ratelimit-reset" in {k.lower() for k in limited.headers}  # tells the client when to retry
        # Reading the catalogue is not an auth route and stays open.
        assert (await http.get("/api/catalogue")).status_code == 200
