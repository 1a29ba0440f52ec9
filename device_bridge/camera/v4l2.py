"""Real document cameras through Video4Linux2 (/dev/videoN), as aiortc's MediaPlayer reads them.

One device can be opened once, so a MediaRelay shares the live track between viewers. A still
is taken at the device's largest size when nobody is watching; while the live view runs, the
still comes from the live stream (the device cannot switch size under an open stream).
Untested on hardware in this repository's CI: the simulated camera covers the path in tests.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import cv2
from aiortc.contrib.media import MediaPlayer, MediaRelay
from aiortc.mediastreams import MediaStreamTrack

from device_bridge.camera.base import CameraInfo, StillImage
from device_bridge.camera.simulated import encode_still
from device_bridge.errors import BridgeError, ErrorCode

SYSFS = Path("/sys/class/video4linux")
STREAM_OPTIONS = {"video_size": "1280x720", "framerate": "15"}
STILL_REQUEST = (4096, 3072)  # ask for more than any document camera has; the driver picks its largest


def discover() -> list[V4l2Camera]:
    cameras = []
    for node in sorted(SYSFS.glob("video*")):
        # Index 0 is the capture node; UVC devices add metadata nodes with higher indexes.
        index = node / "index"
        if index.exists() and index.read_text().strip() != "0":
            continue
        label = (node / "name").read_text().strip() if (node / "name").exists() else node.name
        cameras.append(V4l2Camera(Path("/dev") / node.name, label))
    return cameras


class V4l2Camera:
    def __init__(self, device: Path, label: str) -> None:
        self._device = device
        self._label = label
        self._player: MediaPlayer | None = None
        self._relay = MediaRelay()
        self._viewers: set[MediaStreamTrack] = set()

    @property
    def info(self) -> CameraInfo:
        return CameraInfo(id=self._device.name, label=self._label, kind="v4l2")

    def _open(self) -> MediaPlayer:
        if self._player is None or self._player.video is None or self._player.video.readyState != "live":
            try:
                self._player = MediaPlayer(str(self._device), format="v4l2", options=STREAM_OPTIONS)
            except Exception as exc:  # av raises several error types for a busy or missing device
                raise BridgeError(ErrorCode.CAMERA_FAILED, detail=f"{self._device}: {exc}") from exc
        return self._player

    def track(self) -> MediaStreamTrack:
        player = self._open()
        if player.video is None:
            raise BridgeError(ErrorCode.CAMERA_FAILED, detail=f"{self._device} has no video")
        viewer = self._relay.subscribe(player.video, buffered=False)
        self._viewers.add(viewer)
        return viewer

    async def capture_still(self) -> StillImage:
        live = [viewer for viewer in self._viewers if viewer.readyState == "live"]
        if live:
            frame = await live[0].recv()
            return await asyncio.to_thread(encode_still, frame.to_ndarray(format="bgr24"))  # type: ignore[union-attr]
        return await asyncio.to_thread(self._grab_full_size)

    def _grab_full_size(self) -> StillImage:
        capture = cv2.VideoCapture(str(self._device), cv2.CAP_V4L2)
        try:
            if not capture.isOpened():
                raise BridgeError(ErrorCode.CAMERA_FAILED, detail=f"cannot open {self._device}")
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, STILL_REQUEST[0])
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, STILL_REQUEST[1])
            for _ in range(5):  # the first frames after opening are often dark while exposure settles
                capture.read()
            ok, image = capture.read()
            if not ok:
                raise BridgeError(ErrorCode.CAMERA_FAILED, detail=f"no frame from {self._device}")
            return encode_still(image)
        finally:
            capture.release()

    async def close(self) -> None:
        for viewer in self._viewers:
            viewer.stop()
        self._viewers.clear()
        if self._player is not None and self._player.video is not None:
            self._player.video.stop()
        self._player = None
