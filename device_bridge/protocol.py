"""The WebSocket protocol between the kiosk page and the bridge: one tagged union each way.

Every message is a JSON object whose ``type`` names it. Requests from the page carry an ``id``
that the bridge echoes in the answer (or in an ``error``); events carry no id. ``bytes`` fields
are base64. See PROTOCOL.md for the sequence and the security model.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from device_bridge.camera.base import CameraInfo
from device_bridge.card.base import CardFile, Person

# Bump when a message changes incompatibly; the bridge refuses a page that speaks another.
PROTOCOL_VERSION = 1


class Message(msgspec.Struct, tag_field="type", kw_only=True):
    pass


# --- page → bridge -----------------------------------------------------------------------------


class Hello(Message, tag="hello"):
    """First message of a paired page: proves it holds the pairing secret."""

    protocol: int
    pairing_id: str
    proof: str  # hex HMAC-SHA256(secret, "madoguchi-bridge hello\n{nonce}\n{origin}")


class Pair(Message, tag="pair"):
    """First message of a page being set up: the code shown on the bridge console."""

    protocol: int
    code: str
    label: str = ""


class ListDevices(Message, tag="list_devices"):
    id: str


class GetPinStatus(Message, tag="get_pin_status"):
    id: str
    reader: str


class ReadCard(Message, tag="read_card"):
    id: str
    reader: str
    pin: str
    # Set only when the service has a legal basis to collect the My Number (番号法).
    legal_basis_for_my_number: bool = False
    # With one try left the bridge will not VERIFY unless the page confirms (staff present).
    allow_last_try: bool = False


class CameraOffer(Message, tag="camera_offer"):
    id: str
    camera: str
    sdp: str


class CameraStop(Message, tag="camera_stop"):
    id: str
    camera: str


class CaptureStill(Message, tag="capture_still"):
    id: str
    camera: str


PageMessage = Hello | Pair | ListDevices | GetPinStatus | ReadCard | CameraOffer | CameraStop | CaptureStill

# --- bridge → page -----------------------------------------------------------------------------


class Challenge(Message, tag="challenge"):
    """Sent first on every connection; tells an old page that it speaks another version."""

    protocol: int
    nonce: str  # hex


class Welcome(Message, tag="welcome"):
    protocol: int
    bridge_version: str
    card_types: list[str]


class Paired(Message, tag="paired"):
    """The page must keep both values (e.g. IndexedDB) and prove them on every later connection."""

    pairing_id: str
    secret: str  # hex


class Refused(Message, tag="refused"):
    """The connection is closed after this; nothing else is said to an unproven page."""

    code: str
    message_en: str
    message_ja: str
    protocol: int = PROTOCOL_VERSION


class ReaderStatus(msgspec.Struct, frozen=True):
    name: str
    card_present: bool


class Devices(Message, tag="devices"):
    id: str | None  # None when pushed right after welcome
    pcsc_available: bool
    readers: list[ReaderStatus]
    cameras: list[CameraInfo]


ReaderEventKind = Literal["reader_added", "reader_removed", "card_inserted", "card_removed", "pcsc_up", "pcsc_down"]


class ReaderEvent(Message, tag="reader_event"):
    event: ReaderEventKind
    reader: str | None = None


PinStateName = Literal["ok", "last_try", "locked"]


class PinStatus(Message, tag="pin_status"):
    id: str
    reader: str
    tries_left: int | None  # None: already verified in this card session
    state: PinStateName


class CardRead(Message, tag="card_read"):
    id: str
    reader: str
    card_type: str
    person: Person
    files: list[CardFile]  # raw EFs for the backend's signature check
    my_number: str | None = None


class CameraAnswer(Message, tag="camera_answer"):
    id: str
    camera: str
    sdp: str


class CameraStopped(Message, tag="camera_stopped"):
    id: str
    camera: str


class Still(Message, tag="still"):
    id: str
    camera: str
    width: int
    height: int
    mime: str
    data: bytes  # base64 JPEG at the camera's full resolution


class Error(Message, tag="error"):
    id: str | None
    code: str
    message_en: str
    message_ja: str
    tries_left: int | None = None
    # "last_try" after a wrong PIN with one try left: the kiosk should suggest staff help.
    pin_state: PinStateName | None = None


BridgeMessage = (
    Challenge
    | Welcome
    | Paired
    | Refused
    | Devices
    | ReaderEvent
    | PinStatus
    | CardRead
    | CameraAnswer
    | CameraStopped
    | Still
    | Error
)

page_decoder = msgspec.json.Decoder(PageMessage)
bridge_decoder = msgspec.json.Decoder(BridgeMessage)
encoder = msgspec.json.Encoder()


def json_schema() -> dict[str, Any]:
    """JSON Schema of both directions, for generating the kiosk's TypeScript types."""
    (page, bridge), components = msgspec.json.schema_components(
        [PageMessage, BridgeMessage], ref_template="#/$defs/{name}"
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Madoguchi device bridge protocol v{PROTOCOL_VERSION}",
        "$defs": {**components, "PageMessage": page, "BridgeMessage": bridge},
    }
