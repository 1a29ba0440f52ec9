"""Publishes a camera to the kiosk page over WebRTC, negotiated on the bridge WebSocket.

The page sends an offer with a receive-only video transceiver; the bridge answers with the
camera track. aiortc gathers every ICE candidate before the answer is made, so no trickle ICE
messages are needed. No STUN/TURN: the page and the bridge are on the same machine.
"""

from __future__ import annotations

import logging

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

from device_bridge.camera.base import Camera
from device_bridge.errors import BridgeError, ErrorCode

log = logging.getLogger(__name__)


class CameraStreams:
    """The live camera views of one page session, one peer connection per camera."""

    def __init__(self) -> None:
        self._connections: dict[str, RTCPeerConnection] = {}

    async def answer(self, camera: Camera, offer_sdp: str) -> str:
        await self.stop(camera.info.id)
        connection = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self._connections[camera.info.id] = connection

        @connection.on("connectionstatechange")
        async def on_state() -> None:
            if connection.connectionState in ("failed", "closed"):
                await self._forget(camera.info.id, connection)

        try:
            await connection.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
            if not any(t.kind == "video" for t in connection.getTransceivers()):
                raise BridgeError(ErrorCode.BAD_MESSAGE, detail="the offer has no video to receive")
            connection.addTrack(camera.track())
            await connection.setLocalDescription(await connection.createAnswer())
        except BridgeError:
            await self.stop(camera.info.id)
            raise
        except Exception as exc:  # aiortc raises plain exceptions for SDP it cannot use
            await self.stop(camera.info.id)
            raise BridgeError(ErrorCode.BAD_MESSAGE, detail=f"offer not usable: {exc}") from exc
        return connection.localDescription.sdp

    async def _forget(self, camera_id: str, connection: RTCPeerConnection) -> None:
        if self._connections.get(camera_id) is connection:
            del self._connections[camera_id]
        await _close(connection)

    async def stop(self, camera_id: str) -> None:
        connection = self._connections.pop(camera_id, None)
        if connection is not None:
            await _close(connection)

    async def close(self) -> None:
        for camera_id in list(self._connections):
            await self.stop(camera_id)


async def _close(connection: RTCPeerConnection) -> None:
    # Stop our track too: a V4L2 relay frees the device only when no viewer is left.
    for sender in connection.getSenders():
        if sender.track is not None:
            sender.track.stop()
    await connection.close()
