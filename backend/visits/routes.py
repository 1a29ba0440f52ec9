"""Visit routes: the kiosk takes and follows a ticket; staff see their queue, accept, and close visits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import msgspec
from litestar import Controller, WebSocket, get, post, put, websocket
from litestar.channels import ChannelsPlugin
from litestar.datastructures import State
from litestar.di import Provide
from litestar.status_codes import HTTP_200_OK
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.identity import auth
from backend.identity import models as identity
from backend.identity.auth import SignedIn
from backend.identity.service import provider_ids_of, resolve_session
from backend.notify import HELP_CHANNEL, queue_channel
from backend.problems import DomainError, NotFound
from backend.visits import schemas, service


class KioskVisitController(Controller):
    path = "/api/visits"
    tags = ("kiosk",)
    dependencies = {"terminal": Provide(auth.provide_terminal)}  # noqa: RUF012

    @post("/", summary="Take a ticket for a service")
    async def create(self, db: AsyncSession, terminal: identity.Terminal, data: schemas.VisitCreate) -> schemas.Visit:
        visit = await service.create_visit(db, terminal, data)
        return await service.visit_view(db, visit)

    @get("/current", summary="This kiosk's ticket, if it has one (after a reload or restart)")
    async def current(self, db: AsyncSession, terminal: identity.Terminal) -> schemas.Visit:
        visit = await service.current_visit(db, terminal)
        if visit is None:
            raise NotFound("This kiosk has no ticket right now.")
        return await service.visit_view(db, visit)

    @get("/{visit_id:str}", summary="A ticket of this kiosk")
    async def show(self, db: AsyncSession, terminal: identity.Terminal, visit_id: str) -> schemas.Visit:
        return await service.visit_view(db, await service.terminal_visit(db, terminal, visit_id))

    @post("/{visit_id:str}/cancel", status_code=HTTP_200_OK, summary="The citizen leaves the queue")
    async def cancel(self, db: AsyncSession, terminal: identity.Terminal, visit_id: str) -> schemas.Visit:
        visit = await service.cancel(db, await service.terminal_visit(db, terminal, visit_id))
        return await service.visit_view(db, visit)


class StaffCounterController(Controller):
    path = "/api/staff"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @get("/queue", summary="Waiting citizens at my counters, my status and my current visit")
    async def queue(self, db: AsyncSession, signed_in: SignedIn) -> schemas.CounterQueue:
        return await service.counter_queue(db, signed_in.user)

    @put("/availability", summary="Start or stop taking citizens")
    async def availability(
        self, db: AsyncSession, signed_in: SignedIn, data: schemas.AvailabilityUpdate
    ) -> schemas.CounterQueue:
        await service.set_availability(db, signed_in.user, data.availability)
        return await service.counter_queue(db, signed_in.user)

    @post("/visits/next", status_code=HTTP_200_OK, summary="Take the citizen who has waited longest")
    async def accept_next(self, db: AsyncSession, signed_in: SignedIn, data: schemas.AcceptNext) -> schemas.StaffVisit:
        visit = await service.accept_next(db, signed_in.user, data.provider_id)
        return await service.staff_visit_view(db, visit)

    @post("/visits/{visit_id:str}/accept", status_code=HTTP_200_OK, summary="Take this citizen")
    async def accept(self, db: AsyncSession, signed_in: SignedIn, visit_id: str) -> schemas.StaffVisit:
        return await service.staff_visit_view(db, await service.accept(db, signed_in.user, visit_id))

    @get("/visits/{visit_id:str}", summary="A visit I am handling")
    async def show(self, db: AsyncSession, signed_in: SignedIn, visit_id: str) -> schemas.StaffVisit:
        return await service.staff_visit_view(db, await service.assigned_visit(db, signed_in.user, visit_id))

    @post("/visits/{visit_id:str}/end", status_code=HTTP_200_OK, summary="Record the outcome (or hand over)")
    async def end(
        self, db: AsyncSession, signed_in: SignedIn, visit_id: str, data: schemas.VisitEnd
    ) -> schemas.StaffVisit:
        return await service.staff_visit_view(db, await service.finish(db, signed_in.user, visit_id, data))

    @post("/help/{help_id:str}/answer", status_code=HTTP_200_OK, summary="I am going to the kiosk that asked for help")
    async def answer_help(self, db: AsyncSession, signed_in: SignedIn, help_id: str) -> schemas.CounterQueue:
        await service.answer_help(db, signed_in.user, help_id)
        return await service.counter_queue(db, signed_in.user)

    @post("/visits/{visit_id:str}/no-show", status_code=HTTP_200_OK, summary="Nobody came to the screen")
    async def no_show(self, db: AsyncSession, signed_in: SignedIn, visit_id: str) -> schemas.StaffVisit:
        return await service.staff_visit_view(db, await service.no_show(db, signed_in.user, visit_id))


class KioskHelpController(Controller):
    path = "/api/terminal/help"
    tags = ("kiosk",)
    dependencies = {"terminal": Provide(auth.provide_terminal)}  # noqa: RUF012

    @post("/", summary="たすけて / Help: ask a member of staff to come")
    async def ask(self, db: AsyncSession, terminal: identity.Terminal, data: schemas.HelpAsk) -> schemas.HelpState:
        call = await service.ask_for_help(db, terminal, data.visit_id)
        return schemas.HelpState(id=call.id, requested_at=call.requested_at, answered=call.answered_at is not None)

    @get("/", summary="Whether this kiosk's help call has been answered")
    async def state(self, db: AsyncSession, terminal: identity.Terminal) -> schemas.HelpState:
        call = await service.help_state(db, terminal)
        if call is None:
            raise NotFound("This kiosk has not asked for help.")
        return schemas.HelpState(id=call.id, requested_at=call.requested_at, answered=call.answered_at is not None)


@websocket("/api/staff/live")
async def staff_live(socket: WebSocket, state: State, channels: ChannelsPlugin) -> None:
    """Pushes the whole CounterQueue on connect and after every change to the counters watched."""
    open_session: Callable[[], AbstractAsyncContextManager[AsyncSession]] = state.open_session
    await socket.accept()
    try:
        async with open_session() as db:
            user, _ = await resolve_session(db, state.settings, socket.cookies.get(auth.SESSION_COOKIE))
            providers = await provider_ids_of(db, user.id)
            await db.commit()
    except DomainError as exc:
        await socket.close(code=4401, reason=exc.detail[:120])
        return

    async def snapshot() -> None:
        async with open_session() as db:
            fresh = await db.get(identity.StaffUser, user.id)
            assert fresh is not None
            queue = await service.counter_queue(db, fresh)
        await socket.send_data(msgspec.json.encode(queue).decode(), mode="text")

    sub = await channels.subscribe([*(queue_channel(p) for p in providers), HELP_CHANNEL])
    changed = asyncio.Event()
    stopping = False

    async def listen() -> None:
        async for _ in sub.iter_events():
            changed.set()
        changed.set()  # unsubscribed: wake the pusher so it can stop

    async def push() -> None:
        while True:
            await changed.wait()
            changed.clear()  # a burst of changes becomes one snapshot
            if stopping:
                return
            await snapshot()

    tasks: list[asyncio.Task[None]] = []
    try:
        await snapshot()
        tasks += [asyncio.create_task(listen()), asyncio.create_task(push())]
        while (await socket.receive())["type"] != "websocket.disconnect":
            pass
    finally:
        stopping = True
        # Never cancel a snapshot half-way through its database session: let the loops run out.
        await channels.unsubscribe(sub)
        await asyncio.gather(*tasks, return_exceptions=True)
