"""A Python client of the bridge protocol, doing what the kiosk page does: for tests, tools and bots.

async with await BridgeClient.connect(url, origin) as bridge:
    await bridge.hello(pairing_id, secret)
    reply = await bridge.request(ListDevices(id=bridge.next_id()))
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from device_bridge import protocol as p
from device_bridge.pairing import proof

STILL_SIZE_LIMIT = 64 * 1024 * 1024  # a full-resolution JPEG in base64 is several megabytes


class Refused(Exception):
    def __init__(self, refused: p.Refused | None) -> None:
        self.refused = refused
        super().__init__(refused.code if refused else "closed without a word")


class BridgeClient:
    def __init__(self, ws: ClientConnection, challenge: p.Challenge, origin: str) -> None:
        self.ws = ws
        self.challenge = challenge
        self.origin = origin
        self.events: asyncio.Queue[p.BridgeMessage] = asyncio.Queue()
        self._pending: dict[str, asyncio.Future[p.BridgeMessage]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._ids = itertools.count(1)

    @classmethod
    async def connect(cls, url: str, origin: str) -> BridgeClient:
        ws = await connect(url, origin=origin, max_size=STILL_SIZE_LIMIT)  # type: ignore[arg-type]
        challenge = p.bridge_decoder.decode(await ws.recv())
        if not isinstance(challenge, p.Challenge):
            raise Refused(challenge if isinstance(challenge, p.Refused) else None)
        return cls(ws, challenge, origin)

    async def __aenter__(self) -> BridgeClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def next_id(self) -> str:
        return str(next(self._ids))

    async def _receive(self) -> p.BridgeMessage:
        try:
            return p.bridge_decoder.decode(await self.ws.recv())
        except ConnectionClosed as exc:
            raise Refused(None) from exc

    async def _finish_handshake(self) -> p.Welcome:
        reply = await self._receive()
        if isinstance(reply, p.Refused):
            raise Refused(reply)
        if not isinstance(reply, p.Welcome):
            raise Refused(None)
        self._reader = asyncio.create_task(self._read_forever())
        return reply

    async def pair(self, code: str, label: str = "test kiosk") -> p.Paired:
        await self.send(p.Pair(protocol=p.PROTOCOL_VERSION, code=code, label=label))
        paired = await self._receive()
        if not isinstance(paired, p.Paired):
            raise Refused(paired if isinstance(paired, p.Refused) else None)
        await self._finish_handshake()
        return paired

    async def hello(self, pairing_id: str, secret: bytes, protocol: int = p.PROTOCOL_VERSION) -> p.Welcome:
        answer = proof(secret, self.challenge.nonce, self.origin)
        await self.send(p.Hello(protocol=protocol, pairing_id=pairing_id, proof=answer))
        return await self._finish_handshake()

    async def send(self, message: p.Message) -> None:
        await self.ws.send(p.encoder.encode(message).decode())

    async def request(self, message: p.Message) -> p.BridgeMessage:
        """Send a request and wait for the reply with its id (wrap in ``asyncio.timeout`` to bound it)."""
        request_id = getattr(message, "id", None)
        if request_id is None:
            raise ValueError("requests carry an id")
        future: asyncio.Future[p.BridgeMessage] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        await self.send(message)
        try:
            return await future
        finally:
            self._pending.pop(request_id, None)

    async def wait_event(self, matches: Callable[[p.BridgeMessage], bool]) -> p.BridgeMessage:
        """The next pushed message that ``matches``, skipping others."""
        while True:
            event = await self.events.get()
            if matches(event):
                return event

    async def _read_forever(self) -> None:
        try:
            async for raw in self.ws:
                message = p.bridge_decoder.decode(raw)
                future = self._pending.get(getattr(message, "id", None) or "")
                if future is not None and not future.done():
                    future.set_result(message)
                else:
                    self.events.put_nowait(message)
        except ConnectionClosed:
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(Refused(None))

    async def close(self) -> None:
        await self.ws.close()
        if self._reader is not None:
            await self._reader
