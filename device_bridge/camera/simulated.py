"""A simulated document camera: the synthetic page as a live track and as full-resolution stills."""

from __future__ import annotations

import asyncio
import fractions
import time

import cv2
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import VideoFrame

from device_bridge.camera.base import CameraInfo, StillImage
from device_bridge.camera.page import render_page

# 5 MP like common USB document cameras; the live view is smaller to spare the kiosk's CPU.
STILL_SIZE = (2592, 1944)
STREAM_SIZE = (960, 720)
STREAM_FPS = 15
VIDEO_CLOCK = 90_000


class _PageTrack(MediaStreamTrack):
    kind = "video"

    def __init__(self, image: np.ndarray, fps: int) -> None:
        super().__init__()
        self._image = image
        self._interval = 1 / fps
        self._started: float | None = None
        self._count = 0

    async def recv(self) -> VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._started is None:
            self._started = now
        due = self._started + self._count * self._interval
        if due > now:
            await asyncio.sleep(due - now)  # pacing to the frame rate, not synchronisation
        image = self._image.copy()
        # A moving mark shows a live picture, as a hand over a real document would.
        x = 20 + (self._count * 8) % (image.shape[1] - 40)
        cv2.circle(image, (x, image.shape[0] - 20), 8, (0, 160, 255), -1)
        frame = VideoFrame.from_ndarray(image, format="bgr24")
        frame.pts = int(self._count * self._interval * VIDEO_CLOCK)
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        self._count += 1
        return frame


class SimulatedDocumentCamera:
    def __init__(self, skew_degrees: float = 2.5) -> None:
        self._still = render_page(*STILL_SIZE, skew_degrees=skew_degrees)
        self._preview = cv2.resize(self._still, STREAM_SIZE, interpolation=cv2.INTER_AREA)

    @property
    def info(self) -> CameraInfo:
        return CameraInfo(
            id="simulated",
            label="Simulated document camera (書画カメラ・模擬)",
            kind="simulated",
            still_width=STILL_SIZE[0],
            still_height=STILL_SIZE[1],
        )

    def track(self) -> MediaStreamTrack:
        return _PageTrack(self._preview, STREAM_FPS)

    async def capture_still(self) -> StillImage:
        return await asyncio.to_thread(encode_still, self._still)

    async def close(self) -> None:
        pass


def encode_still(image: np.ndarray, quality: int = 92) -> StillImage:
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return StillImage(width=image.shape[1], height=image.shape[0], jpeg=jpeg.tobytes())
