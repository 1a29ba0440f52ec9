"""The document camera: a WebRTC track negotiated over the bridge WebSocket, and full-size stills."""

from __future__ import annotations

import asyncio

import cv2
import numpy as np
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamTrack

from device_bridge import protocol as p
from device_bridge.camera.simulated import STILL_SIZE, STREAM_SIZE
from device_bridge.client import BridgeClient

pytestmark = pytest.mark.bridge

CAMERA = "simulated"


async def test_cameras_are_listed(kiosk: BridgeClient) -> None:
    async with asyncio.timeout(10):
        devices = await kiosk.request(p.ListDevices(id=kiosk.next_id()))
    assert isinstance(devices, p.Devices)
    assert [c.id for c in devices.cameras] == [CAMERA]


async def test_live_track_reaches_the_page(kiosk: BridgeClient) -> None:
    page = RTCPeerConnection(RTCConfiguration(iceServers=[]))  # like the kiosk page: no STUN
    received: asyncio.Future[MediaStreamTrack] = asyncio.get_running_loop().create_future()
    page.on("track", lambda track: received.set_result(track))
    page.addTransceiver("video", direction="recvonly")
    try:
        await page.setLocalDescription(await page.createOffer())
        async with asyncio.timeout(20):
            answer = await kiosk.request(
                p.CameraOffer(id=kiosk.next_id(), camera=CAMERA, sdp=page.localDescription.sdp)
            )
        assert isinstance(answer, p.CameraAnswer), answer
        await page.setRemoteDescription(RTCSessionDescription(sdp=answer.sdp, type="answer"))
        async with asyncio.timeout(20):
            track = await received
            frames = [await track.recv() for _ in range(3)]
        assert (frames[-1].width, frames[-1].height) == STREAM_SIZE  # type: ignore[union-attr]
        async with asyncio.timeout(10):
            stopped = await kiosk.request(p.CameraStop(id=kiosk.next_id(), camera=CAMERA))
        assert isinstance(stopped, p.CameraStopped)
    finally:
        await page.close()


async def test_still_is_full_resolution(kiosk: BridgeClient) -> None:
    async with asyncio.timeout(20):
        still = await kiosk.request(p.CaptureStill(id=kiosk.next_id(), camera=CAMERA))
    assert isinstance(still, p.Still), still
    assert (still.width, still.height) == STILL_SIZE and still.mime == "image/jpeg"
    image = cv2.imdecode(np.frombuffer(still.data, dtype=np.uint8), cv2.IMREAD_COLOR)
    assert image.shape[:2] == (STILL_SIZE[1], STILL_SIZE[0])
    # A page with print on it, not a blank frame: both paper-white and ink-dark pixels.
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    assert (grey > 230).mean() > 0.3 and (grey < 80).mean() > 0.001


async def test_unknown_camera_is_a_clear_error(kiosk: BridgeClient) -> None:
    async with asyncio.timeout(10):
        reply = await kiosk.request(p.CaptureStill(id=kiosk.next_id(), camera="video9"))
    assert isinstance(reply, p.Error) and reply.code == "camera_not_found"
