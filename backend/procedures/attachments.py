"""Attachments: document stills (kept as taken and straightened), and photos or short videos a citizen
chooses to share from a home tablet after agreeing; each is deleted when its retention period ends."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.audit import service as audit
from backend.db import utcnow
from backend.identity.tokens import new_id
from backend.notify import notify, visit_channel
from backend.problems import InvalidInput, NotFound
from backend.procedures import documents, models, schemas
from backend.settings import Settings

log = logging.getLogger("madoguchi.retention")

MEDIA_TYPES = {
    "document": {"image/jpeg", "image/png"},
    "photo": {"image/jpeg", "image/png"},
    "video": {"video/mp4", "video/webm"},
}
SYSTEM = audit.Actor("system", "retention")


def info(row: models.Attachment) -> schemas.AttachmentInfo:
    return schemas.AttachmentInfo(
        id=row.id,
        kind=row.kind,  # type: ignore[arg-type]
        media_type=row.media_type,
        size=row.size,
        created_at=row.created_at,
        delete_after=row.delete_after,
        original_id=row.original_id,
    )


def retention(settings: Settings) -> schemas.Retention:
    return schemas.Retention(document_days=settings.retention_days_documents, media_days=settings.retention_days_media)


def _row(
    visit_id: str, kind: str, media_type: str, content: bytes, keep_until: datetime, original: str | None
) -> models.Attachment:
    return models.Attachment(
        id=new_id(),
        visit_id=visit_id,
        kind=kind,
        media_type=media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        original_id=original,
        created_at=utcnow(),
        delete_after=keep_until,
    )


async def add(
    db: AsyncSession,
    settings: Settings,
    visit_id: str,
    kind: str,
    media_type: str,
    content: bytes,
    consent: bool,
    actor: audit.Actor,
) -> list[schemas.AttachmentInfo]:
    if kind not in MEDIA_TYPES:
        raise InvalidInput("kind", "must be document, photo or video")
    if media_type not in MEDIA_TYPES[kind]:
        raise InvalidInput("content-type", f"A {kind} must be one of: {', '.join(sorted(MEDIA_TYPES[kind]))}.")
    if not content:
        raise InvalidInput("body", "The upload was empty.")
    if kind in ("photo", "video") and not consent:
        raise InvalidInput("consent", "The citizen must agree on the consent screen before sharing a photo or video.")
    days = settings.retention_days_documents if kind == "document" else settings.retention_days_media
    keep_until = utcnow() + timedelta(days=days)
    rows = [_row(visit_id, kind, media_type, content, keep_until, None)]
    if kind == "document":
        try:
            flat = await asyncio.to_thread(documents.straighten, content)  # OpenCV work off the event loop
        except ValueError as exc:
            raise InvalidInput("body", str(exc)) from None
        if flat is not None:
            rows.append(_row(visit_id, "document_corrected", "image/jpeg", flat, keep_until, rows[0].id))
    for row in rows:
        db.add(row)
        await audit.record(db, actor, "create", "attachment", row.id, visit_id)
    notify(db, visit_channel(visit_id))
    return [info(r) for r in rows]


async def of_visit(db: AsyncSession, visit_id: str) -> list[schemas.AttachmentInfo]:
    rows = await db.exec(
        select(models.Attachment)
        .where(models.Attachment.visit_id == visit_id)
        .order_by(col(models.Attachment.created_at))
    )
    return [info(r) for r in rows.all()]


async def content(db: AsyncSession, visit_id: str, attachment_id: str, actor: audit.Actor) -> models.Attachment:
    row = await db.get(models.Attachment, attachment_id)
    if row is None or row.visit_id != visit_id:
        raise NotFound("This attachment does not exist (it may have been deleted at the end of its retention period).")
    await audit.record(db, actor, "read", "attachment", row.id, visit_id)
    return row


async def purge_expired(db: AsyncSession, now: datetime | None = None) -> int:
    """Delete every attachment whose retention period has ended; the audit chain records each deletion."""
    rows = (await db.exec(select(models.Attachment).where(models.Attachment.delete_after <= (now or utcnow())))).all()
    for row in rows:
        await audit.record(db, SYSTEM, "delete", "attachment", row.id, row.visit_id)
        await db.delete(row)
    return len(rows)


async def sweep_forever(
    open_session: Callable[[], AbstractAsyncContextManager[AsyncSession]], every: timedelta
) -> None:
    """The scheduled retention job, run by each app process (deleting twice is harmless)."""
    while True:
        try:
            async with open_session() as db:
                deleted = await purge_expired(db)
                await db.commit()
            if deleted:
                log.info("retention: deleted %d expired attachments", deleted)
        except Exception:
            log.exception("retention sweep failed; will try again")
        await asyncio.sleep(every.total_seconds())
