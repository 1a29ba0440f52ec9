"""Procedure wire types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec

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
