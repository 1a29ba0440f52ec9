"""Audit tables. Rows are only ever inserted; the chain makes any later change detectable."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from backend.db import UtcDateTime


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    # A gapless sequence (taken from the chain head in the same transaction), so a deleted row shows.
    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: datetime = Field(sa_type=UtcDateTime)
    actor_kind: str = Field(max_length=16)  # staff | terminal | system
    actor_id: str = Field(max_length=64)
    action: str = Field(max_length=16)  # read | create | update | delete
    subject_kind: str = Field(max_length=32)  # card_read | application | attachment | receipt | …
    subject_id: str = Field(max_length=64)
    visit_id: str | None = Field(default=None, index=True, max_length=32)  # why: the visit it served
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class AuditHead(SQLModel, table=True):
    """One row: the last sequence number and hash. Updating it serialises appenders on PostgreSQL."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    hash: str = Field(default="0" * 64, max_length=64)
