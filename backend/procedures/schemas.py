"""Procedure wire types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from backend.catalogue.schemas import Localized
from backend.problems import FieldError
from backend.procedures.forms import FormSchema

# The raw elementary files as the device bridge read them, base64. 0002 with a long address is
# a few hundred bytes; the limit keeps a hostile page from sending megabytes.
CardFile = Annotated[str, msgspec.Meta(min_length=4, max_length=8192, pattern=r"^[A-Za-z0-9+/]+={0,2}$")]


class CardReadCreate(msgspec.Struct, forbid_unknown_fields=True):
    basic_info: CardFile  # EF 0002
    signature: CardFile  # EF 0003
    certificate: CardFile  # EF 0004
    my_number: CardFile | None = None  # EF 0001, only for services with a legal basis


class CardHolder(msgspec.Struct):
    name: str
    address: str
    birth_date: date | None
    sex: str


class CardRead(msgspec.Struct):
    id: str
    verified: bool
    holder: CardHolder
    read_at: datetime
    # Why it is not verified, in plain words for the clerk; None when verified.
    problem: str | None = None
    my_number_checked: bool = False
    # Staff only: masked (•••• •••• 1234) except for roles allowed to see it; never sent to the kiosk.
    my_number: str | None = None


# --- applications ---

ApplicationStatus = Literal["draft", "submitted", "in_review", "accepted", "returned"]


class ApplicationEdit(msgspec.Struct, forbid_unknown_fields=True):
    """Fields the clerk changed, as typed (an empty string clears a field)."""

    values: dict[Annotated[str, msgspec.Meta(max_length=64)], Annotated[str, msgspec.Meta(max_length=2000)]]


class SectionState(msgspec.Struct):
    id: str
    content_hash: str  # what the kiosk sends back when the citizen confirms what they saw
    confirmed: bool
    disputed: bool


class SignatureState(msgspec.Struct):
    signed: bool
    valid: bool  # False once the content changed after signing
    signed_at: datetime | None


class ApplicationView(msgspec.Struct):
    id: str
    visit_id: str
    service_id: str
    form: FormSchema
    values: dict[str, str]
    errors: list[FieldError]
    prefilled: list[str]
    card_prefill_consent: bool
    sections: list[SectionState]
    signature: SignatureState
    content_hash: str
    ready_to_submit: bool
    status: ApplicationStatus
    return_reason: str
    receipt_number: str | None


class SectionConfirm(msgspec.Struct, forbid_unknown_fields=True):
    content_hash: Annotated[str, msgspec.Meta(min_length=64, max_length=64)]


class Consent(msgspec.Struct, forbid_unknown_fields=True):
    card_prefill: bool


class Prefill(msgspec.Struct, forbid_unknown_fields=True):
    card_read_id: str


class StrokePoint(msgspec.Struct, array_like=True):
    x: float
    y: float
    pressure: float = 0.5
    time: float = 0.0


class Signature(msgspec.Struct, forbid_unknown_fields=True):
    content_hash: Annotated[str, msgspec.Meta(min_length=64, max_length=64)]
    strokes: Annotated[
        list[Annotated[list[StrokePoint], msgspec.Meta(max_length=5000)]], msgspec.Meta(min_length=1, max_length=200)
    ]
    png: Annotated[str, msgspec.Meta(min_length=8, max_length=400_000)]  # base64 PNG image of the same strokes


class Review(msgspec.Struct, forbid_unknown_fields=True):
    status: Literal["in_review", "accepted", "returned"]
    reason: Annotated[str, msgspec.Meta(max_length=1000)] = ""


class ReceiptStatus(msgspec.Struct):
    receipt_number: str
    title: Localized
    status: ApplicationStatus
    return_reason: str
    submitted_at: datetime | None


# --- attachments ---

AttachmentKind = Literal["document", "document_corrected", "photo", "video"]


class Retention(msgspec.Struct):
    """How many days attachments are kept before they are deleted (shown on the consent screen)."""

    document_days: int
    media_days: int


class AttachmentInfo(msgspec.Struct):
    id: str
    kind: AttachmentKind
    media_type: str
    size: int
    created_at: datetime
    delete_after: datetime
    original_id: str | None


class PostalAddress(msgspec.Struct):
    """The part of an address a postal code decides; the clerk adds the block and building."""

    postal_code: str  # 309-1611
    prefecture: str
    city: str
    town: str  # empty where the code covers a whole city ("以下に掲載がない場合")
    address: str  # the three together, as it goes into the form
    kana: str
