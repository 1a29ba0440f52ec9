"""Visit wire types: the kiosk's ticket, the staff member's queue, outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from backend.catalogue.schemas import Localized

VisitStatus = Literal["waiting", "in_call", "wrap_up", "done", "cancelled", "no_show"]
Outcome = Literal["resolved", "follow_up", "handed_off"]
Availability = Literal["available", "in_call", "away"]
Language = Annotated[str, msgspec.Meta(pattern=r"^(ja|ja-easy|en|vi|pt|zh)$")]


class VisitCreate(msgspec.Struct, forbid_unknown_fields=True):
    service_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    language: Language = "ja"


class Visit(msgspec.Struct):
    """The ticket as the kiosk shows it."""

    id: str
    service_id: str
    service_name: Localized
    ticket: str  # "012": what the citizen hears called
    status: VisitStatus
    language: str
    queued_at: datetime
    # 1 = next in line; None once the citizen is no longer waiting.
    position: int | None
    # Minutes, from recent handling times at this counter; None when there is no history yet.
    estimated_wait_minutes: int | None
    staff_name: str | None
    outcome: Outcome | None
    handed_over: bool


class WaitingTicket(msgspec.Struct):
    """One waiting citizen on a staff dashboard."""

    visit_id: str
    ticket: str
    service_id: str
    service_name: Localized
    provider_id: str
    terminal_name: str
    place: str
    language: str
    queued_at: datetime
    handed_over: bool


class StaffVisit(msgspec.Struct):
    """The visit a staff member is handling."""

    id: str
    ticket: str
    status: VisitStatus
    service_id: str
    service_name: Localized
    provider_id: str
    terminal_name: str
    place: str
    language: str
    accepted_at: datetime | None


class HelpCall(msgspec.Struct):
    """A kiosk whose citizen asked for help, until a member of staff answers it."""

    id: str
    terminal_name: str
    place: str
    visit_id: str | None
    requested_at: datetime


class HelpAsk(msgspec.Struct, forbid_unknown_fields=True):
    visit_id: str | None = None


class HelpState(msgspec.Struct):
    """What the kiosk shows after Help: waiting for staff, or answered."""

    id: str
    requested_at: datetime
    answered: bool


class CounterQueue(msgspec.Struct):
    """Everything a staff dashboard shows, re-sent whenever a queue it watches changes."""

    availability: Availability
    current: StaffVisit | None
    waiting: list[WaitingTicket]
    help_calls: list[HelpCall] = []


class AvailabilityUpdate(msgspec.Struct, forbid_unknown_fields=True):
    availability: Literal["available", "away"]


class AcceptNext(msgspec.Struct, forbid_unknown_fields=True):
    provider_id: str | None = None


class VisitEnd(msgspec.Struct, forbid_unknown_fields=True):
    outcome: Outcome
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    hand_to_service_id: str | None = None
