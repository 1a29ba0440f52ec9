"""A call participant in Python (aiortc): a kiosk or a clerk that really sends and receives media.

It speaks the same signaling protocol as the browser (staff offer; the kiosk answers), so the
server cannot tell it from a page. Used by the two-process test and the benchmarks.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import websockets
from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, MediaStreamTrack, VideoStreamTrack
from aiortc.sdp import candidate_from_sdp


@dataclass
class Received:
    """What arrived from the other side."""

    first_video_at: float | None = None
    video_frames: int = 0
    audio_frames: int = 0
    chat: list[dict[str, Any]] = field(default_factory=list)
    first_video: asyncio.Event = field(default_factory=asyncio.Event)
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    # Set whenever anything arrives, so a test can wait for a condition without polling.
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def until(self, condition: Callable[[], bool]) -> None:
        while not condition():
            self.changed.clear()
            await self.changed.wait()


class RtcParticipant:
    def __init__(self, signal_url: str, headers: dict[str, str], role: str) -> None:
        self.signal_url, self.headers, self.role = signal_url, headers, role
        self.received = Received()
        self.welcome: dict[str, Any] = {}
        self.pc: RTCPeerConnection | None = None
        self.ws: websockets.ClientConnection | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._chat_count = 0

    async def start(self) -> None:
        self.ws = await websockets.connect(self.signal_url, additional_headers=self.headers, max_size=2**22)
        self.welcome = json.loads(await self.ws.recv())
        if self.welcome.get("type") != "welcome":
            raise RuntimeError(f"not admitted to the call: {self.welcome}")
        servers = [RTCIceServer(**s) for s in self.welcome["ice_servers"]]
        # An empty list keeps aiortc off public STUN servers: on loopback host candidates suffice.
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=servers))
        self.pc.on("track", self._on_track)
        if self.role == "staff":
            self.pc.addTransceiver(AudioStreamTrack(), direction="sendrecv")
            self.pc.addTransceiver(VideoStreamTrack(), direction="sendrecv")
            self.pc.addTransceiver("video", direction="recvonly")  # the kiosk's document camera
        self._tasks.append(asyncio.create_task(self._listen()))
        self._tasks.append(asyncio.create_task(self._keep_alive()))

    async def _keep_alive(self) -> None:
        """Ping like the browser does, so the server knows the line is alive."""
        with contextlib.suppress(websockets.ConnectionClosed):
            while True:
                await asyncio.sleep(5)
                await self._send({"type": "ping"})

    async def _send(self, message: dict[str, Any]) -> None:
        assert self.ws is not None
        await self.ws.send(json.dumps(message))

    async def say(self, text: str) -> None:
        self._chat_count += 1
        await self._send({"type": "chat", "client_id": f"{self.role}-{self._chat_count}", "text": text})

    async def hang_up(self) -> None:
        await self._send({"type": "hang_up"})

    async def _offer(self, ice_restart: bool = False) -> None:
        assert self.pc is not None
        await self.pc.setLocalDescription(await self.pc.createOffer())
        await self._send({"type": "offer", "sdp": self.pc.localDescription.sdp, "ice_restart": ice_restart})

    async def _answer(self, sdp: str) -> None:
        assert self.pc is not None
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        if not any(sender.track for sender in self.pc.getSenders()):
            # addTrack takes the offered audio and face-video transceivers (the first of each kind).
            self.pc.addTrack(AudioStreamTrack())
            self.pc.addTrack(VideoStreamTrack())
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        await self._send({"type": "answer", "sdp": self.pc.localDescription.sdp})

    async def _listen(self) -> None:
        assert self.ws is not None and self.pc is not None
        with contextlib.suppress(websockets.ConnectionClosed):
            async for raw in self.ws:
                message = json.loads(raw)
                kind = message["type"]
                if kind == "peer_joined" and self.role == "staff" and message["role"] == "citizen":
                    await self._offer(ice_restart=self.pc.remoteDescription is not None)
                elif kind == "offer":
                    await self._answer(message["sdp"])
                elif kind == "answer":
                    await self.pc.setRemoteDescription(RTCSessionDescription(sdp=message["sdp"], type="answer"))
                elif kind == "candidate" and message.get("candidate"):
                    candidate = candidate_from_sdp(message["candidate"].split(":", 1)[1])
                    candidate.sdpMid, candidate.sdpMLineIndex = message.get("sdpMid"), message.get("sdpMLineIndex")
                    await self.pc.addIceCandidate(candidate)
                elif kind == "chat_line":
                    self.received.chat.append(message)
                    self.received.changed.set()
                elif kind == "call_ended":
                    self.received.ended.set()

    def _on_track(self, track: MediaStreamTrack) -> None:
        self._tasks.append(asyncio.create_task(self._consume(track)))

    async def _consume(self, track: MediaStreamTrack) -> None:
        with contextlib.suppress(MediaStreamError):
            while True:
                await track.recv()  # decoded: a frame only comes out once the decoder produced it
                if track.kind == "video":
                    self.received.video_frames += 1
                    if self.received.first_video_at is None:
                        self.received.first_video_at = time.perf_counter()
                        self.received.first_video.set()
                else:
                    self.received.audio_frames += 1
                self.received.changed.set()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.pc is not None:
            await self.pc.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
