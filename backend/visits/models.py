"""Visit tables. The database is the queue: nothing about a ticket lives only in memory."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from backend.db import UtcDateTime


class Visit(SQLModel, table=True):
    """One citizen at one terminal, from tapping a service tile until the counter is done with them."""

    __tablename__ = "visit"
    __table_args__ = (UniqueConstraint("ticket_day", "ticket_number", name="uq_visit_ticket"),)

    id: str = Field(primary_key=True, max_length=32)
    terminal_id: str = Field(foreign_key="terminal.id", index=True, max_length=32)
    service_id: str = Field(foreign_key="service.id", index=True, max_length=64)
    language: str = Field(default="ja", max_length=8)
    # Ticket numbers restart every day, like the paper tickets at city hall.
    ticket_day: date
    ticket_number: int
    # waiting | in_call | done | cancelled | no_show
    status: str = Field(default="waiting", index=True, max_length=16)
    # Handed-over citizens go to the head of the next queue: higher priority first, then oldest.
    priority: int = 0
    queued_at: datetime = Field(sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime)
    staff_id: str | None = Field(default=None, foreign_key="staff_user.id", index=True, max_length=32)
    accepted_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    outcome: str | None = Field(default=None, max_length=16)  # resolved | follow_up | handed_off
    note: str = Field(default="", max_length=2000)


class VisitEvent(SQLModel, table=True):
    """What happened to a visit and when: the basis for waiting-time estimates and for reports."""

    __tablename__ = "visit_event"

    id: int | None = Field(default=None, primary_key=True)
    visit_id: str = Field(foreign_key="visit.id", index=True, max_length=32)
    kind: str = Field(max_length=24)  # queued | accepted | ended | handed_off | cancelled | no_show
    service_id: str = Field(max_length=64)
    staff_id: str | None = Field(default=None, max_length=32)
    at: datetime = Field(sa_type=UtcDateTime)
    # Seconds between acceptance and the end of the conversation, on "ended" and "handed_off" events.
    handled_seconds: float | None = None
    note: str = Field(default="", max_length=2000)


class CounterStatus(SQLModel, table=True):
    """Whether a staff member is taking citizens now (available) or not (away)."""

    __tablename__ = "counter_status"

    user_id: str = Field(foreign_key="staff_user.id", primary_key=True, max_length=32, ondelete="CASCADE")
    availability: str = Field(default="away", max_length=16)  # available | away
    updated_at: datetime = Field(sa_type=UtcDateTime)


class HelpRequest(SQLModel, table=True):
    """The citizen pressed たすけて / Help on a kiosk: a member of staff should come or call."""

    __tablename__ = "help_request"

    id: str = Field(primary_key=True, max_length=32)
    terminal_id: str = Field(foreign_key="terminal.id", index=True, max_length=32)
    visit_id: str | None = Field(default=None, foreign_key="visit.id", max_length=32)
    requested_at: datetime = Field(sa_type=UtcDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    answered_by: str | None = Field(default=None, foreign_key="staff_user.id", max_length=32)
