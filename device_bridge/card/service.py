"""Blocking card operations for one reader: connect, find the card type, do one thing, let go.

Used by the server (in a worker thread) and by the CLI. Nothing here outlives the call, so a
card pulled out or a reader unplugged only fails that one call.
"""

from __future__ import annotations

from device_bridge.card import reader
from device_bridge.card.base import CardReading, PinStatus
from device_bridge.card.types import identify


def pin_status(reader_name: str) -> PinStatus:
    with reader.connect(reader_name) as transport:
        return identify(transport).pin_status()


def read_card(reader_name: str, pin: str, *, include_my_number: bool, allow_last_try: bool) -> CardReading:
    with reader.connect(reader_name) as transport:
        card = identify(transport)
        return card.read(pin, include_my_number=include_my_number, allow_last_try=allow_last_try)
