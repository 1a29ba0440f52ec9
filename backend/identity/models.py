"""Identity tables. Secrets (session tokens, invite tokens, terminal credentials) are stored hashed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from backend.db import UtcDateTime


def _at(nullable: bool = False) -> Any:
    return Field(sa_type=UtcDateTime, nullable=nullable, default=None if nullable else ...)


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: str = Field(primary_key=True, max_length=32)
    display_name: str = Field(max_length=100)
    email: str | None = Field(default=None, max_length=254)
    role: str = Field(max_length=16)  # staff | supervisor | admin
    webauthn_user_id: bytes  # random, never the database id (WebAuthn privacy advice)
    created_at: datetime = _at()


class Membership(SQLModel, table=True):
    """A staff member answers at this provider's counters."""

    __tablename__ = "membership"

    user_id: str = Field(foreign_key="staff_user.id", primary_key=True, max_length=32, ondelete="CASCADE")
    provider_id: str = Field(foreign_key="provider.id", primary_key=True, max_length=64)


class Passkey(SQLModel, table=True):
    __tablename__ = "passkey"

    id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="staff_user.id", index=True, max_length=32, ondelete="CASCADE")
    credential_id: bytes = Field(unique=True, index=True)
    public_key: bytes
    sign_count: int = 0
    transports: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    backup_eligible: bool = False
    backed_up: bool = False
    nickname: str = Field(default="", max_length=60)
    created_at: datetime = _at()
    last_used_at: datetime | None = _at(nullable=True)


class Invite(SQLModel, table=True):
    __tablename__ = "invite"

    id: str = Field(primary_key=True, max_length=32)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    display_name: str = Field(max_length=100)
    email: str | None = Field(default=None, max_length=254)
    role: str = Field(max_length=16)
    provider_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by: str | None = Field(default=None, foreign_key="staff_user.id", max_length=32, ondelete="SET NULL")
    created_at: datetime = _at()
    expires_at: datetime = _at()
    used_at: datetime | None = _at(nullable=True)
    # Set while the invitee is registering, so the WebAuthn user handle stays the same across retries.
    webauthn_user_id: bytes | None = None


class StaffSession(SQLModel, table=True):
    __tablename__ = "staff_session"

    id: str = Field(primary_key=True, max_length=32)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    user_id: str = Field(foreign_key="staff_user.id", index=True, max_length=32, ondelete="CASCADE")
    created_at: datetime = _at()
    last_seen_at: datetime = _at()
    expires_at: datetime = _at()  # absolute limit; the idle limit is counted from last_seen_at
    ended_at: datetime | None = _at(nullable=True)
    user_agent: str = Field(default="", max_length=300)


class Terminal(SQLModel, table=True):
    """A kiosk in the van or a centre, or a home tablet, enrolled once with a one-time code."""

    __tablename__ = "terminal"

    id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=100)
    kind: str = Field(max_length=16)  # van_kiosk | centre_kiosk | home_tablet
    place: str = Field(max_length=200)
    created_at: datetime = _at()
    enrolment_code_hash: str | None = Field(default=None, unique=True, index=True, max_length=64)
    enrolment_expires_at: datetime | None = _at(nullable=True)
    enrolled_at: datetime | None = _at(nullable=True)
    credential_hash: str | None = Field(default=None, unique=True, index=True, max_length=64)
    revoked_at: datetime | None = _at(nullable=True)
    last_seen_at: datetime | None = _at(nullable=True)
