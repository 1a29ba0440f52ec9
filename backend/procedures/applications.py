"""Applications (書かない窓口): the clerk fills the form, the citizen confirms each section and signs,
the clerk submits; the provider's staff review. Every read or change of the content is audited."""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date

import msgspec
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.audit import service as audit
from backend.catalogue import models as catalogue
from backend.db import utcnow
from backend.identity.tokens import new_id
from backend.notify import notify, visit_channel
from backend.problems import Conflict, InvalidInput, NotFound
from backend.procedures import forms, models, schemas
from backend.visits import models as visits

# Which status may follow which; anything else is refused.
TRANSITIONS = {
    "draft": {"submitted"},
    "submitted": {"in_review", "returned"},
    "in_review": {"accepted", "returned"},
    "accepted": set(),
    "returned": set(),
}
_PNG = b"\x89PNG\r\n\x1a\n"


def _hash(*parts: object) -> str:
    return hashlib.sha256(msgspec.json.encode(parts)).hexdigest()


def content_hash(app: models.Application) -> str:
    return _hash(app.form_id, app.form_version, sorted(app.values.items()))


def section_hash(app: models.Application, section: forms.Section) -> str:
    return _hash(app.form_id, app.form_version, section.id, [(f.id, app.values.get(f.id, "")) for f in section.fields])


def form_of(app: models.Application) -> forms.FormSchema:
    form = forms.form_for(app.service_id, app.form_version)
    assert form is not None, "a form version in use is kept in forms/archive/"
    return form


def view(app: models.Application) -> schemas.ApplicationView:
    form = form_of(app)
    _, errors = forms.validate(form, app.values, complete=True)
    sections = [
        schemas.SectionState(
            id=s.id,
            content_hash=(h := section_hash(app, s)),
            confirmed=app.confirmed.get(s.id) == h,
            disputed=s.id in app.disputed,
        )
        for s in form.sections
    ]
    current = content_hash(app)
    signed_valid = app.signature_content_hash == current
    return schemas.ApplicationView(
        id=app.id,
        visit_id=app.visit_id,
        service_id=app.service_id,
        form=form,
        values=app.values,
        errors=errors,
        prefilled=app.prefilled,
        card_prefill_consent=app.card_prefill_consent,
        sections=sections,
        signature=schemas.SignatureState(
            signed=app.signature_content_hash is not None, valid=signed_valid, signed_at=app.signed_at
        ),
        content_hash=current,
        ready_to_submit=app.status == "draft" and not errors and all(s.confirmed for s in sections) and signed_valid,
        status=app.status,  # type: ignore[arg-type]
        return_reason=app.return_reason,
        receipt_number=app.receipt_number,
    )


def _touch(db: AsyncSession, app: models.Application) -> None:
    app.updated_at = utcnow()
    db.add(app)
    notify(db, visit_channel(app.visit_id))  # the kiosk shows every change live


async def open_for_visit(db: AsyncSession, visit: visits.Visit, actor: audit.Actor) -> models.Application:
    """The visit's application for its current service, created on first use."""
    existing = (
        await db.exec(
            select(models.Application).where(
                models.Application.visit_id == visit.id, models.Application.service_id == visit.service_id
            )
        )
    ).first()
    if existing is not None:
        await audit.record(db, actor, "read", "application", existing.id, visit.id)
        return existing
    form = forms.form_for(visit.service_id)
    if form is None:
        raise NotFound("This service has no application form; it is a consultation.")
    now = utcnow()
    app = models.Application(
        id=new_id(),
        visit_id=visit.id,
        service_id=visit.service_id,
        form_id=form.id,
        form_version=form.version,
        created_at=now,
        updated_at=now,
    )
    db.add(app)
    await audit.record(db, actor, "create", "application", app.id, visit.id)
    _touch(db, app)
    return app


async def of_visit(db: AsyncSession, visit_id: str, actor: audit.Actor) -> models.Application:
    app = (
        await db.exec(
            select(models.Application)
            .where(models.Application.visit_id == visit_id)
            .order_by(col(models.Application.created_at).desc())
        )
    ).first()
    if app is None:
        raise NotFound("There is no application for this visit yet.")
    await audit.record(db, actor, "read", "application", app.id, visit_id)
    return app


def _editable(app: models.Application) -> None:
    if app.status != "draft":
        raise Conflict("This application has been submitted and can no longer be changed.")


async def edit(db: AsyncSession, app: models.Application, data: schemas.ApplicationEdit, actor: audit.Actor) -> None:
    """Keep what the clerk typed, even when it is not valid yet; a changed field is no longer from the card."""
    _editable(app)
    form = form_of(app)
    unknown = [name for name in data.values if form.field(name) is None]
    if unknown:
        raise InvalidInput(unknown[0], "This field is not on the form.")
    values = dict(app.values)
    for name, raw in data.values.items():
        spec = form.field(name)
        if raw and spec is not None and spec.kind == "attachment":
            await _check_page(db, app.visit_id, name, raw)
        if raw == "":
            values.pop(name, None)
        else:
            values[name] = raw
    changed = {k for k in set(values) | set(app.values) if values.get(k) != app.values.get(k)}
    if not changed:
        return
    app.values = values
    app.prefilled = [f for f in app.prefilled if f not in changed]
    app.disputed = []  # the clerk has acted on "Not right"
    _touch(db, app)
    await audit.record(db, actor, "update", "application", app.id, app.visit_id)


async def _check_page(db: AsyncSession, visit_id: str, field: str, attachment_id: str) -> None:
    """A document field holds a page captured in this visit, nothing else."""
    page = await db.get(models.Attachment, attachment_id)
    if page is None or page.visit_id != visit_id or page.kind not in ("document", "document_corrected"):
        raise InvalidInput(field, "この書類は、この受付で撮影したものではありません。撮影した書類から選んでください。")


async def confirm_section(
    db: AsyncSession, app: models.Application, section_id: str, seen_hash: str, actor: audit.Actor
) -> None:
    _editable(app)
    section = next((s for s in form_of(app).sections if s.id == section_id), None)
    if section is None:
        raise NotFound("This section is not on the form.")
    if section_hash(app, section) != seen_hash:
        raise Conflict("This section changed while you were reading it. Please look at it again.")
    app.confirmed = {**app.confirmed, section_id: seen_hash}
    app.disputed = [s for s in app.disputed if s != section_id]
    _touch(db, app)
    await audit.record(db, actor, "update", "application", app.id, app.visit_id)


async def dispute_section(db: AsyncSession, app: models.Application, section_id: str, actor: audit.Actor) -> None:
    """The citizen pressed ちがう / Not right: the clerk sees it on the section."""
    _editable(app)
    if not any(s.id == section_id for s in form_of(app).sections):
        raise NotFound("This section is not on the form.")
    app.disputed = sorted({*app.disputed, section_id})
    app.confirmed = {k: v for k, v in app.confirmed.items() if k != section_id}
    _touch(db, app)
    await audit.record(db, actor, "update", "application", app.id, app.visit_id)


async def set_consent(db: AsyncSession, app: models.Application, consent: bool, actor: audit.Actor) -> None:
    app.card_prefill_consent = consent
    _touch(db, app)
    await audit.record(db, actor, "update", "application", app.id, app.visit_id)


async def prefill_from_card(db: AsyncSession, app: models.Application, card_read_id: str, actor: audit.Actor) -> None:
    _editable(app)
    if not app.card_prefill_consent:
        raise Conflict("The citizen has not agreed to use their card's data for this form.")
    card = await db.get(models.CardRead, card_read_id)
    if card is None or card.visit_id != app.visit_id:
        raise NotFound("This card read does not belong to this visit.")
    items = {
        "name": card.name,
        "address": card.address,
        "birth_date": card.birth_date.isoformat() if card.birth_date else "",
        "sex": card.sex,
    }
    filled = {f.id: items[f.prefill] for s in form_of(app).sections for f in s.fields if f.prefill and items[f.prefill]}
    await edit(db, app, schemas.ApplicationEdit(values=filled), actor)
    app.prefilled = sorted({*app.prefilled, *filled})
    await audit.record(db, actor, "read", "card_read", card.id, app.visit_id)


async def sign(db: AsyncSession, app: models.Application, data: schemas.Signature, actor: audit.Actor) -> None:
    _editable(app)
    if data.content_hash != content_hash(app):
        raise Conflict("The application changed before you signed. Please look at it again and sign once more.")
    try:
        png = base64.b64decode(data.png, validate=True)
    except binascii.Error:
        raise InvalidInput("png", "is not valid base64") from None
    if not png.startswith(_PNG):
        raise InvalidInput("png", "is not a PNG image")
    app.signature_strokes = msgspec.to_builtins(data.strokes)
    app.signature_png, app.signature_content_hash, app.signed_at = png, data.content_hash, utcnow()
    _touch(db, app)
    await audit.record(db, actor, "update", "application", app.id, app.visit_id)


async def _next_receipt_number(db: AsyncSession, day: date) -> str:
    prefix = day.strftime("%Y%m%d")
    count = (
        await db.exec(
            select(func.count())
            .select_from(models.Application)
            .where(col(models.Application.receipt_number).startswith(prefix))
        )
    ).one()
    return f"{prefix}-{count + 1:04d}"


async def move(db: AsyncSession, app: models.Application, status: str, reason: str, actor: audit.Actor) -> None:
    """A workflow step; refused when it does not follow from the current status."""
    if status not in TRANSITIONS[app.status]:
        raise Conflict(f"An application that is {app.status} cannot become {status}.")
    if status == "submitted":
        state = view(app)
        if not state.ready_to_submit:
            missing = "fix the fields marked" if state.errors else "have every section confirmed and a valid signature"
            raise Conflict(f"This application is not ready: {missing}.")
        app.submitted_at = utcnow()
        app.receipt_number = await _next_receipt_number(db, app.submitted_at.date())
    if status == "returned":
        if not reason.strip():
            raise InvalidInput("reason", "Say why, in words the citizen can understand.")
        app.return_reason = reason.strip()
    app.status = status
    _touch(db, app)
    await audit.record(db, actor, "update", "application", app.id, app.visit_id)


async def review_list(db: AsyncSession, provider_ids: list[str]) -> list[models.Application]:
    rows = await db.exec(
        select(models.Application)
        .join(catalogue.Service, col(catalogue.Service.id) == col(models.Application.service_id))
        .where(
            col(catalogue.Service.provider_id).in_(provider_ids),
            col(models.Application.status).in_(("submitted", "in_review")),
        )
        .order_by(col(models.Application.submitted_at))
    )
    return list(rows.all())
