"""Procedure routes: card reads from the kiosk, shown to the clerk."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import Provide
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.audit.service import Actor
from backend.identity import auth
from backend.identity import models as identity
from backend.identity.auth import SignedIn
from backend.procedures import schemas, service
from backend.settings import Settings
from backend.visits import service as visits


class KioskCardController(Controller):
    path = "/api/visits/{visit_id:str}/card-reads"
    tags = ("kiosk",)
    dependencies = {"terminal": Provide(auth.provide_terminal)}  # noqa: RUF012

    @post("/", summary="Hand over what the device bridge read from a My Number Card, to be checked")
    async def create(
        self,
        db: AsyncSession,
        settings: Settings,
        terminal: identity.Terminal,
        visit_id: str,
        data: schemas.CardReadCreate,
    ) -> schemas.CardRead:
        visit = await visits.terminal_visit(db, terminal, visit_id)
        return await service.record_card_read(db, settings, visit, data, Actor("terminal", terminal.id))


class StaffCardController(Controller):
    path = "/api/staff/visits/{visit_id:str}/card-reads"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @get("/", summary="Card reads of a visit I am handling, marked verified or not")
    async def index(self, db: AsyncSession, signed_in: SignedIn, visit_id: str) -> list[schemas.CardRead]:
        visit = await visits.assigned_visit(db, signed_in.user, visit_id)
        return await service.card_reads(db, visit.id, Actor("staff", signed_in.user.id))
