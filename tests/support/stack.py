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
from backend.identity import schemas, service, terminals
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


@dataclass
class Kiosk:
    """An enrolled terminal speaking with its device credential, as the kiosk page (or a bot) does."""

    stack: Stack
    terminal_id: str
    credential: str
    http: httpx.AsyncClient

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Terminal {self.credential}"}

    async def take_ticket(self, service_id: str, language: str = "ja") -> dict[str, object]:
        response = await self.http.post("/api/visits", json={"service_id": service_id, "language": language})
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    def signal_url(self, visit_id: str, role: str = "citizen") -> str:
        return self.stack.base_url.replace("http://", "ws://") + f"/api/visits/{visit_id}/signal?role={role}"


async def enrol_kiosk(stack: Stack, name: str = "Van kiosk", place: str = "笠間市") -> Kiosk:
    async with stack.session() as session:
        data = schemas.TerminalCreate(name=name, kind="van_kiosk", place=place)
        created = await terminals.create_terminal(session, stack.settings, data)
    async with httpx.AsyncClient(base_url=stack.base_url) as anonymous:
        enrolled = await anonymous.post("/api/terminal/enrol", json={"code": created.enrolment_code})
        credential = enrolled.cookies["madoguchi_terminal"]
    http = httpx.AsyncClient(base_url=stack.base_url, headers={"Authorization": f"Terminal {credential}"}, timeout=30)
    return Kiosk(stack, created.terminal.id, credential, http)


async def staff_member(stack: Stack, providers: list[str], name: str = "Clerk", available: bool = True) -> Browser:
    clerk = stack.client()
    registered = await clerk.register(await stack.invite(role="staff", providers=providers, name=name))
    assert registered.status_code == 200, registered.text
    if available:
        response = await clerk.http.put("/api/staff/availability", json={"availability": "available"})
        assert response.status_code == 200, response.text
    return clerk


def session_cookie(browser: Browser) -> dict[str, str]:
    return {"Cookie": f"madoguchi_session={browser.http.cookies['madoguchi_session']}"}
