"""Appending to the audit chain and verifying it.

hash(n) = SHA-256(hash(n-1) ‖ canonical JSON of entry n). Changing, removing or reordering any row
breaks the chain at that row, which `madoguchi audit verify` names.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import msgspec
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.audit import models
from backend.db import utcnow

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Actor:
    kind: str  # staff | terminal | system
    id: str


def entry_hash(prev_hash: str, entry: models.AuditEntry) -> str:
    canonical = msgspec.json.encode(
        [
            entry.seq,
            _utc_text(entry.at),
            entry.actor_kind,
            entry.actor_id,
            entry.action,
            entry.subject_kind,
            entry.subject_id,
            entry.visit_id,
        ]
    )
    return hashlib.sha256(prev_hash.encode() + canonical).hexdigest()


def _utc_text(at: datetime) -> str:
    # Microseconds are kept by both databases; the text form must not depend on which one.
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def record(
    db: AsyncSession, actor: Actor, action: str, subject_kind: str, subject_id: str, visit_id: str | None
) -> models.AuditEntry:
    """Append one entry in the caller's transaction: if the access is rolled back, so is its record."""
    # Moving the head forward locks its row until commit, so two writers can never fork the chain.
    taken = await db.exec(
        update(models.AuditHead)
        .where(col(models.AuditHead.id) == 1)
        .values(seq=col(models.AuditHead.seq) + 1)
        .returning(col(models.AuditHead.seq), col(models.AuditHead.hash))
    )
    seq, prev_hash = taken.one()
    entry = models.AuditEntry(
        seq=seq,
        at=utcnow(),
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        subject_kind=subject_kind,
        subject_id=subject_id,
        visit_id=visit_id,
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = entry_hash(prev_hash, entry)
    db.add(entry)
    await db.exec(update(models.AuditHead).where(col(models.AuditHead.id) == 1).values(hash=entry.hash))
    return entry


class Broken(msgspec.Struct):
    seq: int
    reason: str


async def verify(db: AsyncSession) -> tuple[int, Broken | None]:
    """Walk the chain in order. Returns (entries checked, the first broken entry or None)."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    rows = await db.stream_scalars(select(models.AuditEntry).order_by(col(models.AuditEntry.seq)))
    async for entry in rows:
        if entry.seq != expected_seq:
            return count, Broken(seq=expected_seq, reason=f"entry {expected_seq} is missing (next is {entry.seq})")
        if entry.prev_hash != prev_hash:
            return count, Broken(seq=entry.seq, reason="does not follow the entry before it (removed or reordered)")
        if entry_hash(prev_hash, entry) != entry.hash:
            return count, Broken(seq=entry.seq, reason="its content was changed after it was written")
        prev_hash, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = await db.get(models.AuditHead, 1)
    if head is not None and (head.seq != count or head.hash != prev_hash):
        return count, Broken(seq=count + 1 if head.seq > count else count, reason="the newest entries were removed")
    return count, None
