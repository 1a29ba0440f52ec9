"""The real app served by uvicorn on a loopback port, and a client that speaks to it like the browser."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
import uvicorn

from backend import db as database
from backend.app import create_app
from backend.identity import schemas, service
from backend.settings import Settings, load_settings
from tests.support.authenticator import SoftAuthenticator
from tests.support.services import free_port


@dataclass
class Stack:
    settings: Settings
    base_url: str

    @asynccontextmanager
    async def session(self) -> AsyncIterator[database.AsyncSession]:
        engine = database.create_engine(self.settings.database_url)
        try:
            async with database.session_factory(engine)() as session:
                yield session
                await session.commit()
        finally:
            await engine.dispose()

    async def invite(self, role: str = "staff", providers: list[str] | None = None, name: str = "Test") -> str:
        """An invite link, as an admin (or `madoguchi invite-admin`) would hand it out."""
        async with self.session() as session:
            data = schemas.InviteCreate(display_name=name, role=role, provider_ids=providers or [])  # type: ignore[arg-type]
            _, token = await service.create_invite(session, self.settings, data, created_by=None)
        return service.invite_url(self.settings, token)

    def client(self) -> Browser:
        return Browser(self)


@dataclass
class Browser:
    """An httpx client with a cookie jar and a passkey authenticator: one person's browser."""

    stack: Stack
    authenticator: SoftAuthenticator = field(init=False)
    http: httpx.AsyncClient = field(init=False)

    def __post_init__(self) -> None:
        self.authenticator = SoftAuthenticator(origin=self.stack.settings.public_origin)
        self.http = httpx.AsyncClient(base_url=self.stack.base_url, timeout=30)

    async def register(self, invite_url: str, nickname: str = "office PC") -> httpx.Response:
        token = re.sub(r".*/invite/", "", invite_url)
        options = await self.http.post(f"/api/invites/{token}/passkey-options")
        options.raise_for_status()
        credential = self.authenticator.create(options.json()["options"])
        return await self.http.post(
            f"/api/invites/{token}/passkey", json={"credential": credential, "nickname": nickname}
        )

    async def sign_in(self) -> httpx.Response:
        options = (await self.http.post("/api/auth/passkey-options")).json()
        credential = self.authenticator.get(options["options"])
        return await self.http.post(
            "/api/auth/sign-in", json={"challenge_id": options["challenge_id"], "credential": credential}
        )

    async def aclose(self) -> None:
        await self.http.aclose()


@asynccontextmanager
async def serve(env: dict[str, str]) -> AsyncIterator[Stack]:
    """Migrate, load the demo catalogue and serve the app over real HTTP on a free port."""
    port = free_port()
    settings = load_settings({"PORT": str(port), **env})
    await database.migrate_async(settings.database_url)
    stack = Stack(settings=settings, base_url=f"http://localhost:{port}")
    from backend.catalogue.service import load_demo

    async with stack.session() as session:
        await load_demo(session)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # surface the start-up error
        await asyncio.sleep(0.01)
    try:
        yield stack
    finally:
        server.should_exit = True
        await task


__all__ = ["Browser", "Stack", "serve"]
