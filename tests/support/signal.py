"""A signaling WebSocket client for tests: send messages, wait for the next one of a kind."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import websockets

# An upper bound for something that should happen at once; tests wait for the message, not the clock.
WITHIN = 10.0


class Signal:
    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws
        self.seen: list[dict[str, Any]] = []
        self.unread: list[dict[str, Any]] = []

    @classmethod
    async def open(cls, url: str, headers: dict[str, str]) -> Signal:
        return cls(await websockets.connect(url, additional_headers=headers, max_size=2**22))

    async def send(self, message: dict[str, Any] | str | bytes) -> None:
        await self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    async def next(
        self, kind: str, where: Callable[[dict[str, Any]], bool] = lambda _: True, **match: Any
    ) -> dict[str, Any]:
        """The first message not yet taken of this type (with these field values, passing `where`).

        Messages of other kinds stay unread for later calls, whatever order they arrived in.
        """

        def wanted(message: dict[str, Any]) -> bool:
            return message["type"] == kind and all(message.get(k) == v for k, v in match.items()) and where(message)

        for message in self.unread:
            if wanted(message):
                self.unread.remove(message)
                return message

        async def wait() -> dict[str, Any]:
            while True:
                message = json.loads(await self.ws.recv())
                self.seen.append(message)
                if wanted(message):
                    return message  # type: ignore[no-any-return]
                self.unread.append(message)

        return await asyncio.wait_for(wait(), WITHIN)

    async def closed_with(self) -> int | None:
        """Read until the server closes; the close code."""

        async def drain() -> None:
            try:
                while True:
                    self.seen.append(json.loads(await self.ws.recv()))
            except websockets.ConnectionClosed:
                return

        await asyncio.wait_for(drain(), WITHIN)
        return self.ws.close_code

    async def close(self) -> None:
        await self.ws.close()
