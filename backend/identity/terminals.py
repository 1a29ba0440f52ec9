"""Terminals: kiosks and tablets enrolled once with a one-time code, then known by a device credential."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.db import utcnow
from backend.identity import models, schemas
from backend.identity.tokens import hash_secret, new_enrolment_code, new_id, new_secret, normalise_code
from backend.problems import NotFound, TerminalNotEnrolled
from backend.settings import Settings

_TOUCH_EVERY = timedelta(minutes=1)


def terminal_out(t: models.Terminal) -> schemas.Terminal:
    status: schemas.TerminalStatus = (
        "revoked" if t.revoked_at else "enrolled" if t.enrolled_at else "awaiting_enrolment"
    )
    return schemas.Terminal(
        id=t.id,
        name=t.name,
        kind=t.kind,  # type: ignore[arg-type]
        place=t.place,
        status=status,
        enrolled_at=t.enrolled_at,
        last_seen_at=t.last_seen_at,
    )


async def create_terminal(
    db: AsyncSession, settings: Settings, data: schemas.TerminalCreate
) -> schemas.TerminalCreated:
    code = new_enrolment_code()
    now = utcnow()
    terminal = models.Terminal(
        id=new_id(),
        name=data.name.strip(),
        kind=data.kind,
        place=data.place.strip(),
        created_at=now,
        enrolment_code_hash=hash_secret(normalise_code(code)),
        enrolment_expires_at=now + timedelta(minutes=settings.enrolment_code_ttl_minutes),
    )
    db.add(terminal)
    await db.flush()
    assert terminal.enrolment_expires_at is not None
    return schemas.TerminalCreated(
        terminal=terminal_out(terminal), enrolment_code=code, expires_at=terminal.enrolment_expires_at
    )


async def enrol(db: AsyncSession, code: str) -> tuple[models.Terminal, str]:
    """Trade a one-time code for a device credential; the code stops working at once."""
    digits = normalise_code(code)
    terminal = None
    if digits:
        terminal = (
            await db.exec(select(models.Terminal).where(models.Terminal.enrolment_code_hash == hash_secret(digits)))
        ).first()
    now = utcnow()
    expired = terminal is not None and (terminal.enrolment_expires_at is None or terminal.enrolment_expires_at <= now)
    if terminal is None or terminal.revoked_at is not None or expired:
        raise NotFound("This code is not valid. It may be mistyped, used already or expired.")
    credential = new_secret()
    terminal.enrolment_code_hash = None
    terminal.enrolment_expires_at = None
    terminal.credential_hash = hash_secret(credential)
    terminal.enrolled_at = now
    terminal.last_seen_at = now
    db.add(terminal)
    return terminal, credential


async def resolve_terminal(db: AsyncSession, credential: str | None) -> models.Terminal:
    if not credential:
        raise TerminalNotEnrolled("This terminal is not enrolled yet. Please ask the operator to enter a code.")
    terminal = (
        await db.exec(select(models.Terminal).where(models.Terminal.credential_hash == hash_secret(credential)))
    ).first()
    if terminal is None or terminal.revoked_at is not None:
        raise TerminalNotEnrolled("This terminal is no longer enrolled. Please ask the operator to enrol it again.")
    now = utcnow()
    if terminal.last_seen_at is None or now - terminal.last_seen_at >= _TOUCH_EVERY:
        terminal.last_seen_at = now
        db.add(terminal)
    return terminal


async def list_terminals(db: AsyncSession) -> list[schemas.Terminal]:
    rows = await db.exec(select(models.Terminal).order_by(col(models.Terminal.created_at).desc()))
    return [terminal_out(t) for t in rows.all()]


async def revoke(db: AsyncSession, terminal_id: str) -> schemas.Terminal:
    terminal = await db.get(models.Terminal, terminal_id)
    if terminal is None:
        raise NotFound("That terminal does not exist.")
    if terminal.revoked_at is None:
        terminal.revoked_at = utcnow()
        terminal.enrolment_code_hash = None
        terminal.credential_hash = None
        db.add(terminal)
    return terminal_out(terminal)
