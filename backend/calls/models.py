"""Call tables: the chat is kept, so a reconnecting kiosk shows everything said so far."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from backend.db import UtcDateTime


class ChatMessage(SQLModel, table=True):
    __tablename__ = "chat_message"
    # The sender's own id for the message makes a resend after a dropped connection harmless.
    __table_args__ = (UniqueConstraint("visit_id", "sender", "client_id", name="uq_chat_client_id"),)

    id: int | None = Field(default=None, primary_key=True)
    visit_id: str = Field(foreign_key="visit.id", index=True, max_length=32)
    sender: str = Field(max_length=8)  # citizen | staff
    client_id: str = Field(max_length=64)
    text: str = Field(max_length=2000)
    sent_at: datetime = Field(sa_type=UtcDateTime)
