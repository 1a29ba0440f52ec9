"""The signaling protocol: one WebSocket per participant per visit, messages as a tagged union.

Version 1. Staff make the offers (including ICE restarts); the kiosk answers. The offer carries
three transceivers in this order: audio, face video, document-camera video (kiosk → staff).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from backend.visits.schemas import Visit

PROTOCOL_VERSION = 1
Role = Literal["citizen", "staff"]
Sdp = Annotated[str, msgspec.Meta(min_length=1, max_length=60_000)]
ChatText = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
ClientId = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class _Message(msgspec.Struct, tag_field="type", forbid_unknown_fields=True, omit_defaults=True):
    pass


# --- sent by either side (and relayed to the other) ---


class Offer(_Message, tag="offer"):
    sdp: Sdp
    ice_restart: bool = False


class Answer(_Message, tag="answer"):
    sdp: Sdp


class Candidate(_Message, tag="candidate", rename="camel"):
    """An ICE candidate, shaped like the browser's RTCIceCandidateInit."""

    candidate: Annotated[str, msgspec.Meta(max_length=2000)]
    sdp_mid: str | None = None
    sdp_m_line_index: int | None = msgspec.field(default=None, name="sdpMLineIndex")
    username_fragment: str | None = None


class RestartRequest(_Message, tag="restart_request"):
    """The kiosk lost media and asks staff for an ICE-restart offer."""


class Chat(_Message, tag="chat"):
    client_id: ClientId
    text: ChatText


class HangUp(_Message, tag="hang_up"):
    pass


class CaptureRequest(_Message, tag="capture_request"):
    """The clerk pressed "Capture": the kiosk takes a full-resolution still of the document camera."""


class CaptureStatus(_Message, tag="capture_status"):
    """The kiosk's progress with the capture the clerk asked for, so the clerk's screen can say it.

    `attachment_id` (when done) is the page to show: the straightened one, else the original.
    """

    state: Literal["taking", "uploading", "done", "failed"]
    attachment_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None
    # no_camera: nothing to take a picture with; camera: it failed; upload: the server did not get it
    reason: Literal["no_camera", "camera", "upload"] | None = None


Fraction = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]


class Mark(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """A point or a highlighted box on a shown document, in fractions of its width and height."""

    kind: Literal["point", "highlight"]
    x: Fraction
    y: Fraction
    width: Fraction = 0.0
    height: Fraction = 0.0


class Markup(_Message, tag="markup"):
    """What the clerk is pointing at on a document both sides see; replaces the previous marks."""

    attachment_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    marks: Annotated[list[Mark], msgspec.Meta(max_length=200)]


class Ping(_Message, tag="ping"):
    pass


ClientMessage = (
    Offer | Answer | Candidate | RestartRequest | Chat | HangUp | Ping | CaptureRequest | Markup | CaptureStatus
)


# --- sent by the server ---


class IceServer(msgspec.Struct, omit_defaults=True):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


class ChatLine(_Message, tag="chat_line"):
    id: int
    client_id: str
    sender: Role
    text: str
    sent_at: datetime


class Welcome(_Message, tag="welcome"):
    protocol_version: int
    role: Role
    visit: Visit
    ice_servers: list[IceServer]
    chat: list[ChatLine]


class PeerJoined(_Message, tag="peer_joined"):
    role: Role
    # True when this is an answer to the other side's own peer_joined (so nobody loops).
    reply: bool = False


class PeerLeft(_Message, tag="peer_left"):
    role: Role


class VisitChanged(_Message, tag="visit_changed"):
    visit: Visit


class CallEnded(_Message, tag="call_ended"):
    by: Role


class Pong(_Message, tag="pong"):
    pass


class Error(_Message, tag="error"):
    code: Literal["malformed", "unexpected", "too_large", "rate_limited", "not_allowed", "not_found"]
    message: str


ServerMessage = (
    Welcome
    | PeerJoined
    | PeerLeft
    | Offer
    | Answer
    | Candidate
    | RestartRequest
    | ChatLine
    | VisitChanged
    | CallEnded
    | Pong
    | Error
    | CaptureRequest
    | Markup
    | CaptureStatus
)
