"""Card reads: check the J-LIS signature chain of data read at the kiosk and keep the result."""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache
from pathlib import Path

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.audit import service as audit
from backend.catalogue import models as catalogue
from backend.db import utcnow
from backend.identity.tokens import new_id
from backend.notify import notify, visit_channel
from backend.problems import Conflict, DomainError, InvalidInput
from backend.procedures import models, mynumber, schemas
from backend.procedures.card_check import CardCheck, CheckFailure, MalformedCardData, check_card_data, parse_basic_info
from backend.settings import Settings
from backend.visits import models as visits

_PROBLEMS = {
    CheckFailure.CERTIFICATE_NOT_TRUSTED: "The card's certificate is not from J-LIS (or no trust anchor is configured).",
    CheckFailure.SIGNATURE_INVALID: "The card's signature does not match.",
    CheckFailure.BASIC_INFO_ALTERED: "The name, address, birth date or sex differ from what the card signed.",
    CheckFailure.MY_NUMBER_ALTERED: "The My Number differs from what the card signed.",
    CheckFailure.MALFORMED: "The card data could not be read completely.",
}


@lru_cache(maxsize=4)
def _anchors(paths: tuple[Path, ...]) -> tuple[bytes, ...]:
    return tuple(p.read_bytes() for p in paths)


def _decode(field: str, value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        raise InvalidInput(field, "is not valid base64") from None


async def record_card_read(
    db: AsyncSession, settings: Settings, visit: visits.Visit, data: schemas.CardReadCreate, actor: audit.Actor
) -> schemas.CardRead:
    if visit.status not in ("waiting", "in_call", "wrap_up"):
        raise Conflict("This visit has ended; the card was not read into it.")
    service = await db.get(catalogue.Service, visit.service_id)
    assert service is not None
    if data.my_number is not None and not service.my_number_legal_basis:
        raise InvalidInput("my_number", "This service has no legal basis to collect a My Number; it was not accepted.")
    if data.my_number is not None:
        _keyring(settings)  # refuse before reading anything when the number could not be kept safely
    anchors = _anchors(settings.jlis_trust_anchors)
    files = {name: _decode(name, getattr(data, name)) for name in ("basic_info", "signature", "certificate")}
    my_number = _decode("my_number", data.my_number) if data.my_number is not None else None
    if anchors:
        result = check_card_data(**files, trust_anchor_pem=list(anchors), my_number=my_number)
    else:
        result = _unverifiable(files["basic_info"])
    if result.basic_info is None:
        raise InvalidInput("basic_info", "The card data could not be read. Please read the card again.")
    info = result.basic_info
    row = models.CardRead(
        id=new_id(),
        visit_id=visit.id,
        verified=result.verified,
        failure=result.failure.value if result.failure else None,
        name=info.name,
        address=info.address,
        birth_date=info.birth_date,
        sex=info.sex,
        my_number_checked=result.verified and result.my_number is not None,
        read_at=utcnow(),
    )
    if row.my_number_checked and result.my_number is not None:
        row.my_number_encrypted = mynumber.encrypt(_keyring(settings), result.my_number, bound_to=row.id)
    db.add(row)
    await audit.record(db, actor, "create", "card_read", row.id, visit.id)
    notify(db, visit_channel(visit.id))
    return card_read_out(row)


def _unverifiable(basic_info: bytes) -> CardCheck:
    """Without a configured J-LIS anchor nothing is "verified from card", but the clerk still sees the data."""
    try:
        info = parse_basic_info(basic_info)
    except MalformedCardData:
        info = None
    failure = CheckFailure.CERTIFICATE_NOT_TRUSTED if info else CheckFailure.MALFORMED
    return CardCheck(verified=False, basic_info=info, failure=failure, reason="no trust anchor configured")


def card_read_out(row: models.CardRead) -> schemas.CardRead:
    return schemas.CardRead(
        id=row.id,
        verified=row.verified,
        holder=schemas.CardHolder(name=row.name, address=row.address, birth_date=row.birth_date, sex=row.sex),
        read_at=row.read_at,
        problem=_PROBLEMS.get(CheckFailure(row.failure)) if row.failure else None,
        my_number_checked=row.my_number_checked,
    )


def _keyring(settings: Settings) -> mynumber.Keyring:
    if not settings.my_number_keys:
        raise MyNumberNotConfigured("MY_NUMBER_KEYS is not set, so My Numbers cannot be stored encrypted.")
    return mynumber.Keyring.parse(settings.my_number_keys)


class MyNumberNotConfigured(DomainError):
    status = 503
    slug = "my-number-not-configured"
    title = "This server cannot accept My Numbers yet"


def staff_view(settings: Settings, row: models.CardRead, role: str) -> schemas.CardRead:
    out = card_read_out(row)
    if row.my_number_encrypted:
        number = mynumber.decrypt(_keyring(settings), row.my_number_encrypted, bound_to=row.id)
        out.my_number = mynumber.shown_to(role, number)
    return out


async def card_reads(
    db: AsyncSession, settings: Settings, visit_id: str, actor: audit.Actor, role: str
) -> list[schemas.CardRead]:
    rows = (
        await db.exec(
            select(models.CardRead).where(models.CardRead.visit_id == visit_id).order_by(col(models.CardRead.read_at))
        )
    ).all()
    for row in rows:  # each look at someone's card data is on the record, the My Number separately
        await audit.record(db, actor, "read", "card_read", row.id, visit_id)
        if row.my_number_encrypted:
            await audit.record(db, actor, "read", "my_number", row.id, visit_id)
    return [staff_view(settings, r, role) for r in rows]


async def reencrypt_my_numbers(db: AsyncSession, settings: Settings) -> int:
    """After adding a new key first in MY_NUMBER_KEYS: move every stored number to it."""
    keyring = _keyring(settings)
    rows = (await db.exec(select(models.CardRead).where(col(models.CardRead.my_number_encrypted).is_not(None)))).all()
    moved = 0
    for row in rows:
        assert row.my_number_encrypted is not None
        fresh = mynumber.reencrypt(keyring, row.my_number_encrypted, bound_to=row.id)
        if fresh != row.my_number_encrypted:
            row.my_number_encrypted, moved = fresh, moved + 1
            db.add(row)
    return moved
