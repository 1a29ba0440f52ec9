"""What any identity card the kiosk accepts must offer: the interface the server talks to.

The My Number Card of 2016 is one implementation; the next-generation card (2026, ECDSA
P-384, merged APs) would be another. The kiosk page only sees ``CardReading``: a card type name,
the person's basic 4 info, and the raw files the backend needs to check them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Protocol

import msgspec

from device_bridge.card.apdu import Response


class Transport(Protocol):
    """A connected card: send one command APDU, get one response."""

    def transmit(self, command: bytes) -> Response: ...


class PinState(StrEnum):
    OK = "ok"
    LAST_TRY = "last_try"  # one try left: the kiosk should suggest staff help
    LOCKED = "locked"  # reset only at the city hall counter


@dataclass(frozen=True, slots=True)
class PinStatus:
    tries_left: int | None  # None: the card already accepted the PIN in this session
    state: PinState


class Person(msgspec.Struct, frozen=True):
    """The basic 4 info (基本4情報) as printed on the card face."""

    name: str
    address: str
    birth_date: str  # ISO 8601 date, YYYY-MM-DD
    sex: str  # ISO 5218: "1" male, "2" female, "9" not applicable


class CardFile(msgspec.Struct, frozen=True):
    """One elementary file as read from the card, handed on untouched for the backend's check."""

    name: str  # role, e.g. "basic_info", "signature", "certificate", "my_number"
    application: str  # AID, hex
    fid: str  # file id, hex
    data: bytes  # base64 on the wire


class CardReading(msgspec.Struct, frozen=True):
    """What the kiosk page receives (these structs are also the wire types in ``protocol``)."""

    card_type: str
    person: Person
    files: list[CardFile]
    my_number: str | None = None  # only when the request declared a legal basis


class IdentityCard(Protocol):
    """One card type. Construct with a transport; ``detect`` says whether the card is this type."""

    card_type: ClassVar[str]

    def detect(self) -> bool: ...

    def pin_status(self) -> PinStatus: ...

    def read(self, pin: str, *, include_my_number: bool, allow_last_try: bool) -> CardReading: ...
