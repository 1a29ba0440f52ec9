"""The card types this bridge knows, tried in order until one recognises the card."""

from __future__ import annotations

from collections.abc import Callable

from device_bridge.card.base import IdentityCard, Transport
from device_bridge.card.mynumber import MyNumberCard
from device_bridge.errors import BridgeError, ErrorCode

# A next-generation card class goes here; nothing else (and nothing in the kiosk) changes.
CARD_TYPES: tuple[Callable[[Transport], IdentityCard], ...] = (MyNumberCard,)


def identify(transport: Transport) -> IdentityCard:
    for card_type in CARD_TYPES:
        card = card_type(transport)
        if card.detect():
            return card
    raise BridgeError(ErrorCode.CARD_NOT_SUPPORTED)
