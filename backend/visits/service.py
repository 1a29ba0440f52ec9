"""The queue: tickets, positions, waiting-time estimates, accepting, outcomes and hand-overs."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.catalogue import models as catalogue
from backend.catalogue.schemas import Localized, with_ruby
from backend.db import utcnow
from backend.identity import models as identity
from backend.identity.service import provider_ids_of
from backend.identity.tokens import new_id
from backend.notify import HELP_CHANNEL, notify, queue_channel, visit_channel
from backend.problems import Conflict, Forbidden, InvalidInput, NotFound
from backend.visits import models, schemas

ACTIVE = ("waiting", "in_call", "wrap_up")
# Waiting-time estimates come from this many recent conversations at the same service.
ESTIMATE_SAMPLE = 20
ESTIMATE_WINDOW = timedelta(days=30)


def ticket_label(number: int) -> str:
    return f"{number:03d}"


async def _service(db: AsyncSession, service_id: str) -> catalogue.Service:
    service = await db.get(catalogue.Service, service_id)
    if service is None:
        raise InvalidInput("service_id", "This service does not exist.")
    return service


async def _event(
    db: AsyncSession, visit: models.Visit, kind: str, handled_seconds: float | None = None, note: str = ""
) -> None:
    db.add(
        models.VisitEvent(
            visit_id=visit.id,
            kind=kind,
            service_id=visit.service_id,
            staff_id=visit.staff_id,
            at=utcnow(),
            handled_seconds=handled_seconds,
            note=note,
        )
    )


def _changed(db: AsyncSession, visit: models.Visit, provider_id: str) -> None:
    notify(db, queue_channel(provider_id), visit_channel(visit.id))


# --- the kiosk side ---


async def create_visit(db: AsyncSession, terminal: identity.Terminal, data: schemas.VisitCreate) -> models.Visit:
    service = await _service(db, data.service_id)
    if await current_visit(db, terminal) is not None:
        raise Conflict("This kiosk already has a ticket. Please finish or leave that one first.")
    now = utcnow()
    for _ in range(5):  # two kiosks may take the same number at once; the unique index decides
        number = (
            await db.exec(
                select(func.coalesce(func.max(models.Visit.ticket_number), 0)).where(
                    models.Visit.ticket_day == now.date()
                )
            )
        ).one() + 1
        visit = models.Visit(
            id=new_id(),
            terminal_id=terminal.id,
            service_id=service.id,
            language=data.language,
            ticket_day=now.date(),
            ticket_number=number,
            queued_at=now,
            created_at=now,
        )
        try:
            async with db.begin_nested():
                db.add(visit)
        except IntegrityError:
            continue
        await _event(db, visit, "queued")
        _changed(db, visit, service.provider_id)
        return visit
    raise Conflict("Many people are taking tickets right now. Please tap again.")


async def current_visit(db: AsyncSession, terminal: identity.Terminal) -> models.Visit | None:
    rows = await db.exec(
        select(models.Visit)
        .where(models.Visit.terminal_id == terminal.id, col(models.Visit.status).in_(ACTIVE))
        .order_by(col(models.Visit.created_at).desc())
    )
    return rows.first()


async def terminal_visit(db: AsyncSession, terminal: identity.Terminal, visit_id: str) -> models.Visit:
    visit = await db.get(models.Visit, visit_id)
    if visit is None or visit.terminal_id != terminal.id:
        raise NotFound("This ticket is not known at this kiosk.")
    return visit


async def cancel(db: AsyncSession, visit: models.Visit) -> models.Visit:
    """The citizen pressed Leave. A finished visit stays as it was."""
    if visit.status in ACTIVE:
        visit.status = "cancelled"
        visit.ended_at = utcnow()
        db.add(visit)
        await _event(db, visit, "cancelled")
        _changed(db, visit, await provider_of(db, visit))
    return visit


async def provider_of(db: AsyncSession, visit: models.Visit) -> str:
    return (await _service(db, visit.service_id)).provider_id


async def position(db: AsyncSession, visit: models.Visit) -> int | None:
    if visit.status != "waiting":
        return None
    ahead = await db.exec(
        select(func.count())
        .select_from(models.Visit)
        .where(
            models.Visit.service_id == visit.service_id,
            models.Visit.status == "waiting",
            or_(
                col(models.Visit.priority) > visit.priority,
                (col(models.Visit.priority) == visit.priority) & (col(models.Visit.queued_at) < visit.queued_at),
            ),
        )
    )
    return int(ahead.one()) + 1


async def average_handling_seconds(db: AsyncSession, service_id: str) -> float | None:
    recent = (
        select(models.VisitEvent.handled_seconds)
        .where(
            models.VisitEvent.service_id == service_id,
            col(models.VisitEvent.handled_seconds).is_not(None),
            models.VisitEvent.at > utcnow() - ESTIMATE_WINDOW,
        )
        .order_by(col(models.VisitEvent.at).desc())
        .limit(ESTIMATE_SAMPLE)
        .subquery()
    )
    average = (await db.exec(select(func.avg(recent.c.handled_seconds)))).one()
    return float(average) if average is not None else None


async def _open_counters(db: AsyncSession, provider_id: str) -> int:
    """Staff of this provider who are taking citizens (free or in a call)."""
    rows = await db.exec(
        select(func.count())
        .select_from(models.CounterStatus)
        .join(identity.Membership, col(identity.Membership.user_id) == col(models.CounterStatus.user_id))
        .where(identity.Membership.provider_id == provider_id, models.CounterStatus.availability == "available")
    )
    return int(rows.one())


async def estimated_wait_minutes(db: AsyncSession, visit: models.Visit, place: int | None) -> int | None:
    """Position × recent average handling time ÷ open counters; None rather than a guess without history."""
    if place is None:
        return None
    average = await average_handling_seconds(db, visit.service_id)
    if average is None:
        return None
    counters = max(1, await _open_counters(db, await provider_of(db, visit)))
    return max(1, math.ceil(place * average / counters / 60))


async def visit_view(db: AsyncSession, visit: models.Visit) -> schemas.Visit:
    service = await _service(db, visit.service_id)
    place = await position(db, visit)
    staff = await db.get(identity.StaffUser, visit.staff_id) if visit.staff_id else None
    return schemas.Visit(
        id=visit.id,
        service_id=visit.service_id,
        # The kiosk shows it: with furigana for its Japanese (cached per text).
        service_name=with_ruby(Localized(**service.name)),
        ticket=ticket_label(visit.ticket_number),
        status=visit.status,  # type: ignore[arg-type]
        language=visit.language,
        queued_at=visit.queued_at,
        position=place,
        estimated_wait_minutes=await estimated_wait_minutes(db, visit, place),
        staff_name=staff.display_name if staff and visit.status in ("in_call", "wrap_up") else None,
        outcome=visit.outcome,  # type: ignore[arg-type]
        handed_over=visit.priority > 0,
    )


# --- the staff side ---


async def _waiting_query(
    db: AsyncSession, providers: list[str]
) -> list[tuple[models.Visit, catalogue.Service, identity.Terminal]]:
    rows = await db.exec(
        select(models.Visit, catalogue.Service, identity.Terminal)
        .join(catalogue.Service, col(catalogue.Service.id) == col(models.Visit.service_id))
        .join(identity.Terminal, col(identity.Terminal.id) == col(models.Visit.terminal_id))
        .where(models.Visit.status == "waiting", col(catalogue.Service.provider_id).in_(providers))
        .order_by(col(models.Visit.priority).desc(), col(models.Visit.queued_at))
    )
    return list(rows.all())


async def availability(db: AsyncSession, user: identity.StaffUser) -> str:
    status = await db.get(models.CounterStatus, user.id)
    return status.availability if status else "away"


async def set_availability(db: AsyncSession, user: identity.StaffUser, value: str) -> None:
    status = await db.get(models.CounterStatus, user.id) or models.CounterStatus(user_id=user.id, updated_at=utcnow())
    status.availability, status.updated_at = value, utcnow()
    db.add(status)
    for provider_id in await provider_ids_of(db, user.id):
        notify(db, queue_channel(provider_id))  # waiting-time estimates depend on open counters


async def staff_current(db: AsyncSession, user: identity.StaffUser) -> models.Visit | None:
    rows = await db.exec(
        select(models.Visit)
        .where(models.Visit.staff_id == user.id, col(models.Visit.status).in_(("in_call", "wrap_up")))
        .order_by(col(models.Visit.accepted_at).desc())
    )
    return rows.first()


async def staff_visit_view(db: AsyncSession, visit: models.Visit) -> schemas.StaffVisit:
    service = await _service(db, visit.service_id)
    terminal = await db.get(identity.Terminal, visit.terminal_id)
    assert terminal is not None
    return schemas.StaffVisit(
        id=visit.id,
        ticket=ticket_label(visit.ticket_number),
        status=visit.status,  # type: ignore[arg-type]
        service_id=service.id,
        service_name=Localized(**service.name),
        provider_id=service.provider_id,
        terminal_name=terminal.name,
        place=terminal.place,
        language=visit.language,
        accepted_at=visit.accepted_at,
    )


async def counter_queue(db: AsyncSession, user: identity.StaffUser) -> schemas.CounterQueue:
    current = await staff_current(db, user)
    waiting = [
        schemas.WaitingTicket(
            visit_id=v.id,
            ticket=ticket_label(v.ticket_number),
            service_id=s.id,
            service_name=Localized(**s.name),
            provider_id=s.provider_id,
            terminal_name=t.name,
            place=t.place,
            language=v.language,
            queued_at=v.queued_at,
            handed_over=v.priority > 0,
        )
        for v, s, t in await _waiting_query(db, await provider_ids_of(db, user.id))
    ]
    return schemas.CounterQueue(
        availability="in_call" if current else await availability(db, user),  # type: ignore[arg-type]
        current=await staff_visit_view(db, current) if current else None,
        waiting=waiting,
        help_calls=await open_help_calls(db),
    )


async def accept(db: AsyncSession, user: identity.StaffUser, visit_id: str) -> models.Visit:
    """Take one waiting citizen. The conditional UPDATE makes sure only one clerk ever gets them."""
    visit = await db.get(models.Visit, visit_id)
    if visit is None:
        raise NotFound("This ticket does not exist.")
    provider_id = await provider_of(db, visit)
    if provider_id not in await provider_ids_of(db, user.id):
        raise Forbidden("This citizen is waiting for another counter.")
    if await staff_current(db, user) is not None:
        raise Conflict("Please finish your current citizen before taking the next one.")
    now = utcnow()
    taken = await db.exec(
        update(models.Visit)
        .where(col(models.Visit.id) == visit_id, col(models.Visit.status) == "waiting")
        .values(status="in_call", staff_id=user.id, accepted_at=now)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        raise Conflict("Another member of staff has just taken this citizen. Please choose another.")
    await db.refresh(visit)
    await _event(db, visit, "accepted")
    _changed(db, visit, provider_id)
    return visit


async def accept_next(db: AsyncSession, user: identity.StaffUser, provider_id: str | None) -> models.Visit:
    providers = await provider_ids_of(db, user.id)
    if provider_id is not None:
        if provider_id not in providers:
            raise Forbidden("You do not answer at this counter.")
        providers = [provider_id]
    for visit, _, _ in await _waiting_query(db, providers):
        try:
            async with db.begin_nested():
                return await accept(db, user, visit.id)
        except Conflict:
            if await staff_current(db, user) is not None:
                raise
            continue  # a colleague was quicker for this one; try the next in line
    raise Conflict("Nobody is waiting at your counters right now.")


async def assigned_visit(db: AsyncSession, user: identity.StaffUser, visit_id: str) -> models.Visit:
    visit = await db.get(models.Visit, visit_id)
    if visit is None or visit.staff_id != user.id:
        raise NotFound("You are not handling this visit.")
    return visit


async def end_call(db: AsyncSession, visit: models.Visit) -> None:
    """Someone hung up: the conversation is over, the clerk still records the outcome."""
    if visit.status == "in_call":
        visit.status = "wrap_up"
        db.add(visit)
        _changed(db, visit, await provider_of(db, visit))


async def finish(db: AsyncSession, user: identity.StaffUser, visit_id: str, data: schemas.VisitEnd) -> models.Visit:
    visit = await assigned_visit(db, user, visit_id)
    if visit.status not in ("in_call", "wrap_up"):
        raise Conflict("This visit has already been closed.")
    old_provider = await provider_of(db, visit)
    now = utcnow()
    handled = (now - visit.accepted_at).total_seconds() if visit.accepted_at else None
    if data.outcome == "handed_off":
        if not data.hand_to_service_id:
            raise InvalidInput("hand_to_service_id", "Choose the counter to hand the citizen to.")
        target = await _service(db, data.hand_to_service_id)
        await _event(db, visit, "handed_off", handled_seconds=handled, note=data.note)
        # Same visit, new counter, head of its queue: the citizen does not start again.
        visit.service_id, visit.status, visit.staff_id = target.id, "waiting", None
        visit.priority, visit.queued_at, visit.accepted_at = visit.priority + 1, now, None
        visit.note = data.note
        db.add(visit)
        await _event(db, visit, "queued")
        notify(db, queue_channel(target.provider_id))
    else:
        visit.status, visit.outcome, visit.note, visit.ended_at = "done", data.outcome, data.note, now
        db.add(visit)
        await _event(db, visit, "ended", handled_seconds=handled, note=data.note)
    _changed(db, visit, old_provider)
    return visit


async def no_show(db: AsyncSession, user: identity.StaffUser, visit_id: str) -> models.Visit:
    """The clerk took the ticket but nobody came to the screen."""
    visit = await assigned_visit(db, user, visit_id)
    if visit.status not in ("in_call", "wrap_up"):
        raise Conflict("This visit has already been closed.")
    visit.status, visit.ended_at = "no_show", utcnow()
    db.add(visit)
    await _event(db, visit, "no_show")
    _changed(db, visit, await provider_of(db, visit))
    return visit


# --- たすけて / Help ---


async def ask_for_help(db: AsyncSession, terminal: identity.Terminal, visit_id: str | None) -> models.HelpRequest:
    """Open a help call for this kiosk (pressing again while one is open changes nothing)."""
    open_call = (
        await db.exec(
            select(models.HelpRequest).where(
                models.HelpRequest.terminal_id == terminal.id, col(models.HelpRequest.answered_at).is_(None)
            )
        )
    ).first()
    if open_call is not None:
        return open_call
    if visit_id is not None:
        await terminal_visit(db, terminal, visit_id)
    call = models.HelpRequest(id=new_id(), terminal_id=terminal.id, visit_id=visit_id, requested_at=utcnow())
    db.add(call)
    notify(db, HELP_CHANNEL)
    return call


async def help_state(db: AsyncSession, terminal: identity.Terminal) -> models.HelpRequest | None:
    rows = await db.exec(
        select(models.HelpRequest)
        .where(models.HelpRequest.terminal_id == terminal.id)
        .order_by(col(models.HelpRequest.requested_at).desc())
    )
    return rows.first()


async def open_help_calls(db: AsyncSession) -> list[schemas.HelpCall]:
    rows = await db.exec(
        select(models.HelpRequest, identity.Terminal)
        .join(identity.Terminal, col(identity.Terminal.id) == col(models.HelpRequest.terminal_id))
        .where(col(models.HelpRequest.answered_at).is_(None))
        .order_by(col(models.HelpRequest.requested_at))
    )
    return [
        schemas.HelpCall(id=h.id, terminal_name=t.name, place=t.place, visit_id=h.visit_id, requested_at=h.requested_at)
        for h, t in rows.all()
    ]


async def answer_help(db: AsyncSession, user: identity.StaffUser, help_id: str) -> None:
    call = await db.get(models.HelpRequest, help_id)
    if call is None:
        raise NotFound("This help call does not exist.")
    if call.answered_at is None:
        call.answered_at, call.answered_by = utcnow(), user.id
        db.add(call)
        notify(db, HELP_CHANNEL)
