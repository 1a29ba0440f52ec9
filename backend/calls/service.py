"""Who may join a call, and the chat kept with the visit."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import models, schemas
from backend.db import utcnow
from backend.identity import service as identity
from backend.identity import terminals
from backend.problems import Forbidden, NotFound
from backend.settings import Settings
from backend.visits import models as visits

Role = Literal["citizen", "staff"]


async def admit(
    db: AsyncSession,
    settings: Settings,
    visit_id: str,
    role: Role,
    session_token: str | None,
    terminal_credential: str | None,
) -> visits.Visit:
    """Only the visit's own terminal and the staff member who accepted it may join its call."""
    visit = await db.get(visits.Visit, visit_id)
    if visit is None:
        raise NotFound("This visit does not exist.")
    if role == "citizen":
        terminal = await terminals.resolve_terminal(db, terminal_credential)
        if terminal.id != visit.terminal_id:
            raise Forbidden("This visit belongs to another kiosk.")
        if visit.status not in ("waiting", "in_call", "wrap_up"):
            raise Forbidden("This visit has ended.")
    else:
        user, _ = await identity.resolve_session(db, settings, session_token)
        if visit.staff_id != user.id or visit.status not in ("in_call", "wrap_up"):
            raise Forbidden("Another member of staff is handling this visit.")
    return visit


def line(row: models.ChatMessage) -> schemas.ChatLine:
    assert row.id is not None
    sender: Role = "staff" if row.sender == "staff" else "citizen"
    return schemas.ChatLine(id=row.id, client_id=row.client_id, sender=sender, text=row.text, sent_at=row.sent_at)


async def history(db: AsyncSession, visit_id: str) -> list[schemas.ChatLine]:
    rows = await db.exec(
        select(models.ChatMessage).where(models.ChatMessage.visit_id == visit_id).order_by(col(models.ChatMessage.id))
    )
    return [line(r) for r in rows.all()]


async def say(db: AsyncSession, visit_id: str, sender: Role, message: schemas.Chat) -> schemas.ChatLine:
    """Keep a chat message. Sending the same client_id twice (after a reconnect) keeps it once."""
    row = models.ChatMessage(
        visit_id=visit_id,
        sender=sender,
        client_id=message.client_id,
        text=message.text.strip() or message.text,
        sent_at=utcnow(),
    )
    try:
        async with db.begin_nested():
            db.add(row)
    except IntegrityError:
        existing = await db.exec(
            select(models.ChatMessage).where(
                models.ChatMessage.visit_id == visit_id,
                models.ChatMessage.sender == sender,
                models.ChatMessage.client_id == message.client_id,
            )
        )
        return line(existing.one())
    await db.refresh(row)
    return line(row)
