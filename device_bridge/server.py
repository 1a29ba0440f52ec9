"""The bridge's WebSocket server on 127.0.0.1: origin check, pairing proof, then requests and events.

Order on every connection: the handshake is refused (HTTP 403) unless ``Origin`` is an allowed
app origin; the bridge sends ``challenge``; the page must answer ``hello`` (proof of pairing) or
``pair`` (console code) as its first message. Until then the page receives nothing else: no
devices, no reader events, no card presence.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import msgspec
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin

from device_bridge import protocol as p
from device_bridge.camera import Camera
from device_bridge.camera.rtc import CameraStreams
from device_bridge.card import reader, service
from device_bridge.card.base import PinState
from device_bridge.card.types import CARD_TYPES
from device_bridge.card.watcher import ReaderEvent, ReaderWatcher
from device_bridge.errors import BridgeError, ErrorCode
from device_bridge.pairing import PairingStore, PairingWindow, proof
from device_bridge.settings import Settings

log = logging.getLogger(__name__)

HELLO_TIMEOUT = 10.0
POLICY_VIOLATION = 1008


def bridge_version() -> str:
    try:
        return version("madoguchi")
    except PackageNotFoundError:
        return "0+unknown"


def _error(request_id: str | None, exc: BridgeError) -> p.Error:
    pin_state: p.PinStateName | None = None
    if exc.code is ErrorCode.PIN_LOCKED:
        pin_state = "locked"
    elif exc.code is ErrorCode.PIN_LAST_TRY or (exc.code is ErrorCode.PIN_WRONG and exc.tries_left == 1):
        pin_state = "last_try"
    return p.Error(
        id=request_id,
        code=exc.code.value,
        message_en=exc.message_en,
        message_ja=exc.message_ja,
        tries_left=exc.tries_left,
        pin_state=pin_state,
    )


class Session:
    """One proven page connection: an ordered outbox, its running requests and camera views."""

    def __init__(self, ws: ServerConnection) -> None:
        self.ws = ws
        self.outbox: asyncio.Queue[p.Message] = asyncio.Queue()
        self.tasks: set[asyncio.Task[None]] = set()
        self.streams = CameraStreams()

    async def write(self) -> None:
        with contextlib.suppress(ConnectionClosed):  # the page left: the reader loop ends the session
            while True:
                message = await self.outbox.get()
                await self.ws.send(p.encoder.encode(message).decode())


class BridgeServer:
    def __init__(self, settings: Settings, cameras: list[Camera]) -> None:
        self.settings = settings
        self.pairings = PairingStore(settings.data_dir)
        self.pairing_window = PairingWindow()
        self.cameras = {camera.info.id: camera for camera in cameras}
        self._sessions: set[Session] = set()
        self._card_lock = asyncio.Lock()
        self._watcher = ReaderWatcher(self._on_reader_event)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None

    # --- lifecycle --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("not started")
        return int(self._server.sockets[0].getsockname()[1])

    def open_pairing(self) -> str:
        """Open a pairing window and return its code (for the console, never for the socket)."""
        return self.pairing_window.open(self.settings.pairing_ttl_seconds)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._watcher.start()
        self._server = await serve(
            self._handle,
            self.settings.host,
            self.settings.port,
            origins=[Origin(o) for o in self.settings.allowed_origins],
            server_header=None,  # say nothing about ourselves to a page we refuse
        )
        log.info("bridge listening on ws://%s:%d", self.settings.host, self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        await asyncio.to_thread(self._watcher.stop)
        for camera in self.cameras.values():
            await camera.close()

    async def __aenter__(self) -> BridgeServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # --- reader events (from the watcher thread) ---------------------------------------------

    def _on_reader_event(self, event: ReaderEvent) -> None:
        if self._loop is not None:
            message = p.ReaderEvent(event=event.kind, reader=event.reader)
            self._loop.call_soon_threadsafe(self._broadcast, message)

    def _broadcast(self, message: p.Message) -> None:
        for session in self._sessions:
            session.outbox.put_nowait(message)

    # --- connection ---------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        origin = ws.request.headers.get("Origin", "") if ws.request else ""
        nonce = secrets.token_hex(32)
        await ws.send(p.encoder.encode(p.Challenge(protocol=p.PROTOCOL_VERSION, nonce=nonce)).decode())
        try:
            first = p.page_decoder.decode(await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT))
        except ConnectionClosed:
            return
        except (TimeoutError, msgspec.DecodeError):
            await self._refuse(ws, ErrorCode.NOT_PAIRED)
            return
        try:
            if not await self._authenticate(ws, first, nonce, origin):
                return
        except ConnectionClosed:
            return
        session = Session(ws)
        self._sessions.add(session)
        writer = asyncio.create_task(session.write())
        try:
            await session.outbox.put(await self._devices(None))
            async for raw in ws:
                self._dispatch(session, raw)
        except ConnectionClosed:
            pass
        finally:
            self._sessions.discard(session)
            for task in session.tasks:
                task.cancel()
            writer.cancel()
            await session.streams.close()

    async def _authenticate(self, ws: ServerConnection, first: p.PageMessage, nonce: str, origin: str) -> bool:
        if isinstance(first, p.Hello | p.Pair) and first.protocol != p.PROTOCOL_VERSION:
            await self._refuse(ws, ErrorCode.PROTOCOL_MISMATCH)
            return False
        if isinstance(first, p.Pair):
            if not self.pairing_window.is_open:
                await self._refuse(ws, ErrorCode.PAIRING_CLOSED)
                return False
            if not self.pairing_window.redeem(first.code):
                await self._refuse(ws, ErrorCode.PAIRING_CODE_WRONG)
                return False
            pairing = self.pairings.add(first.label or origin)
            log.info("paired %s (%s)", pairing.id, pairing.label)
            await ws.send(p.encoder.encode(p.Paired(pairing_id=pairing.id, secret=pairing.secret.hex())).decode())
        elif isinstance(first, p.Hello):
            known = self.pairings.get(first.pairing_id)
            expected = proof(known.secret, nonce, origin) if known else secrets.token_hex(32)
            if known is None or not hmac.compare_digest(expected, first.proof):
                await self._refuse(ws, ErrorCode.NOT_PAIRED)
                return False
        else:
            await self._refuse(ws, ErrorCode.NOT_PAIRED)
            return False
        card_types = [getattr(card_type, "card_type", "") for card_type in CARD_TYPES]
        welcome = p.Welcome(protocol=p.PROTOCOL_VERSION, bridge_version=bridge_version(), card_types=card_types)
        await ws.send(p.encoder.encode(welcome).decode())
        return True

    async def _refuse(self, ws: ServerConnection, code: ErrorCode) -> None:
        error = BridgeError(code)
        refused = p.Refused(code=code.value, message_en=error.message_en, message_ja=error.message_ja)
        with contextlib.suppress(ConnectionClosed):
            await ws.send(p.encoder.encode(refused).decode())
            await ws.close(POLICY_VIOLATION, code.value)

    # --- requests -----------------------------------------------------------------------------

    def _dispatch(self, session: Session, raw: str | bytes) -> None:
        try:
            message = p.page_decoder.decode(raw)
        except msgspec.DecodeError as exc:
            log.info("undecodable message: %s", exc)
            session.outbox.put_nowait(_error(None, BridgeError(ErrorCode.BAD_MESSAGE, detail=str(exc))))
            return
        # Each request runs on its own: a slow card read must not hold up the camera.
        task = asyncio.create_task(self._answer(session, message))
        session.tasks.add(task)
        task.add_done_callback(session.tasks.discard)

    async def _answer(self, session: Session, message: p.PageMessage) -> None:
        request_id = getattr(message, "id", None)
        try:
            reply = await self._reply(session, message)
        except BridgeError as exc:
            log.info("%s %s failed: %s", type(message).__name__, request_id, exc)
            reply = _error(request_id, exc)
        except Exception:  # keep serving: one failed request must not end the bridge
            log.exception("%s %s crashed", type(message).__name__, request_id)
            reply = _error(request_id, BridgeError(ErrorCode.CARD_ERROR, detail="internal error"))
        await session.outbox.put(reply)

    async def _reply(self, session: Session, message: p.PageMessage) -> p.Message:
        match message:
            case p.ListDevices(id=request_id):
                return await self._devices(request_id)
            case p.GetPinStatus(id=request_id, reader=reader_name):
                async with self._card_lock:
                    status = await asyncio.to_thread(service.pin_status, reader_name)
                return p.PinStatus(
                    id=request_id, reader=reader_name, tries_left=status.tries_left, state=status.state.value
                )
            case p.ReadCard():
                return await self._read_card(message)
            case p.CameraOffer(id=request_id, camera=camera_id, sdp=sdp):
                answer = await session.streams.answer(self._camera(camera_id), sdp)
                return p.CameraAnswer(id=request_id, camera=camera_id, sdp=answer)
            case p.CameraStop(id=request_id, camera=camera_id):
                await session.streams.stop(camera_id)
                return p.CameraStopped(id=request_id, camera=camera_id)
            case p.CaptureStill(id=request_id, camera=camera_id):
                still = await self._camera(camera_id).capture_still()
                return p.Still(
                    id=request_id,
                    camera=camera_id,
                    width=still.width,
                    height=still.height,
                    mime="image/jpeg",
                    data=still.jpeg,
                )
            case _:
                raise BridgeError(ErrorCode.BAD_MESSAGE, detail=f"{type(message).__name__} after welcome")

    async def _read_card(self, message: p.ReadCard) -> p.CardRead:
        async with self._card_lock:
            reading = await asyncio.to_thread(
                service.read_card,
                message.reader,
                message.pin,
                include_my_number=message.legal_basis_for_my_number,
                allow_last_try=message.allow_last_try,
            )
        return p.CardRead(
            id=message.id,
            reader=message.reader,
            card_type=reading.card_type,
            person=reading.person,
            files=reading.files,
            my_number=reading.my_number,
        )

    def _camera(self, camera_id: str) -> Camera:
        camera = self.cameras.get(camera_id)
        if camera is None:
            raise BridgeError(ErrorCode.CAMERA_NOT_FOUND, detail=camera_id)
        return camera

    async def _devices(self, request_id: str | None) -> p.Devices:
        try:
            readers: list[Any] = await asyncio.to_thread(reader.list_readers)
            available = True
        except BridgeError:
            readers, available = [], False
        return p.Devices(
            id=request_id,
            pcsc_available=available,
            readers=[p.ReaderStatus(name=r.name, card_present=r.card_present) for r in readers],
            cameras=[camera.info for camera in self.cameras.values()],
        )


__all__ = ["BridgeServer", "PinState"]
