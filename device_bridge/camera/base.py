"""What a document camera offers the bridge: a live track for WebRTC and full-resolution stills."""

from __future__ import annotations

from typing import Literal, Protocol

import msgspec
from aiortc.mediastreams import MediaStreamTrack


class CameraInfo(msgspec.Struct, frozen=True):
    id: str  # stable within one bridge run, e.g. "video0" or "simulated"
    label: str
    kind: Literal["v4l2", "simulated"]
    still_width: int | None = None  # full resolution of a still, when known
    still_height: int | None = None


class StillImage(msgspec.Struct, frozen=True):
    width: int
    height: int
    jpeg: bytes


class Camera(Protocol):
    @property
    def info(self) -> CameraInfo: ...

    def track(self) -> MediaStreamTrack:
        """A new video track for one viewer; stopping it must not stop other viewers."""
        ...

    async def capture_still(self) -> StillImage: ...

    async def close(self) -> None: ...
