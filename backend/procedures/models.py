"""Procedure tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from backend.db import UtcDateTime


class CardRead(SQLModel, table=True):
    """The basic 4 info read from a citizen's My Number Card at the kiosk during a visit.

    `verified` is true only when the J-LIS signature chain held. A My Number is kept only for a
    service with a legal basis (番号法), encrypted, and every look at it is audited.
    """

    __tablename__ = "card_read"

    id: str = Field(primary_key=True, max_length=32)
    visit_id: str = Field(foreign_key="visit.id", index=True, max_length=32)
    verified: bool
    failure: str | None = Field(default=None, max_length=40)
    name: str = Field(max_length=400)
    address: str = Field(max_length=1000)
    birth_date: date | None = None
    sex: str = Field(max_length=1)  # ISO 5218: 1 male, 2 female, 9 not applicable
    my_number_checked: bool = False
    # Only for services with a legal basis: AES-GCM ciphertext bound to this row (procedures/mynumber.py).
    my_number_encrypted: str | None = Field(default=None, max_length=200)
    read_at: datetime = Field(sa_type=UtcDateTime)


class Application(SQLModel, table=True):
    """A form filled in by the clerk for the citizen during a visit, confirmed and signed by the citizen.

    `values` keeps what the clerk typed, valid or not, so nothing entered is ever lost; validity is
    worked out when it is shown. Confirmations and the signature are bound to hashes of the content
    they approved: change the content and they no longer count.
    """

    __tablename__ = "application"

    id: str = Field(primary_key=True, max_length=32)
    visit_id: str = Field(foreign_key="visit.id", index=True, max_length=32)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=64)
    form_id: str = Field(max_length=64)
    form_version: int
    values: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prefilled: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    card_prefill_consent: bool = False
    # section id → hash of that section's content when the citizen confirmed it
    confirmed: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    disputed: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="draft", index=True, max_length=16)  # draft|submitted|in_review|accepted|returned
    return_reason: str = Field(default="", max_length=1000)
    signature_strokes: list[Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    signature_png: bytes | None = None
    signature_content_hash: str | None = Field(default=None, max_length=64)
    signed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    receipt_number: str | None = Field(default=None, unique=True, max_length=20)
    submitted_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class Attachment(SQLModel, table=True):
    """A document still, a corrected copy of it, or a photo/video the citizen chose to share.

    Kept in the database (the source of truth for every worker) until `delete_after`, when the
    retention sweep deletes it; the audit chain keeps a record that it existed and was deleted.
    """

    __tablename__ = "attachment"

    id: str = Field(primary_key=True, max_length=32)
    visit_id: str = Field(foreign_key="visit.id", index=True, max_length=32)
    kind: str = Field(max_length=20)  # document | document_corrected | photo | video
    media_type: str = Field(max_length=40)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes
    original_id: str | None = Field(default=None, max_length=32)  # the still a corrected copy was made from
    created_at: datetime = Field(sa_type=UtcDateTime)
    delete_after: datetime = Field(sa_type=UtcDateTime, index=True)
