"""Procedure tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from backend.db import UtcDateTime


class CardRead(SQLModel, table=True):
    """The basic 4 info read from a citizen's My Number Card at the kiosk during a visit.

    `verified` is true only when the J-LIS signature chain held. The My Number itself is never
    stored here (番号法: only where a procedure needs it, encrypted, in the application).
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
    read_at: datetime = Field(sa_type=UtcDateTime)
