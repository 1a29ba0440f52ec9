"""One participant's signaling WebSocket: relays offers, answers and candidates to the other side
through Litestar channels (in memory, or Redis across processes), keeps the chat, and tells the
kiosk where it stands in the queue.

Hostile or broken clients get an `error` message per bad message, and a close after repeated
ones; they never affect another call.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from contextlib import AbstractAsyncContextManager

import msgspec
from litestar import WebSocket
from litestar.channels import ChannelsPlugin
from litestar.channels.subscriber import Subscriber
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.calls import schemas, service
from backend.calls.ice import ice_servers
from backend.calls.service import Role
from backend.identity.tokens import new_id
from backend.notify import queue_channel, visit_channel
from backend.settings import Settings
from backend.visits import models as visits
from backend.visits import service as queue

log = logging.getLogger("madoguchi.signaling")

# Bad messages tolerated before the connection is closed (WebSocket 1008, policy violation).
MAX_STRIKES = 10
CLOSE_POLICY = 1008
CLOSE_REPLACED = 4409  # the same participant connected again (a reloaded page)
CLOSE_SILENT = 4408  # nothing heard for SIGNAL_IDLE_SECONDS: the line is dead (pages ping every few seconds)

_ALLOWED: dict[Role, tuple[type[msgspec.Struct], ...]] = {
    "staff": (
        schemas.Offer,
        schemas.Candidate,
        schemas.Chat,
        schemas.HangUp,
        schemas.Ping,
        schemas.CaptureRequest,
        schemas.Markup,
    ),
    "citizen": (
        schemas.Answer,
        schemas.Candidate,
        schemas.RestartRequest,
        schemas.Chat,
        schemas.HangUp,
        schemas.Ping,
        schemas.CaptureStatus,
    ),
}
_IN_CALL_ONLY = (
    schemas.Offer,
    schemas.Answer,
    schemas.Candidate,
    schemas.RestartRequest,
    schemas.Chat,
    schemas.HangUp,
    schemas.CaptureRequest,
    schemas.Markup,
    schemas.CaptureStatus,
)


class Relay(msgspec.Struct, array_like=True):
    """What travels on a call's channel: who sent it (role, connection) and the message as JSON."""

    sender: str
    conn: str
    kind: str  # the message's type tag, so routing never has to parse the body
    body: msgspec.Raw


def call_channel(visit_id: str) -> str:
    return f"call:{visit_id}"


class TokenBucket:
    """Per-connection rate limit: `rate` messages a second, bursts up to `burst`."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.at = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


_decoder = msgspec.json.Decoder(schemas.ClientMessage)
_encoder = msgspec.json.Encoder()


class Participant:
    def __init__(
        self,
        socket: WebSocket,
        channels: ChannelsPlugin,
        open_session: Callable[[], AbstractAsyncContextManager[AsyncSession]],
        settings: Settings,
        visit: visits.Visit,
        role: Role,
    ) -> None:
        self.socket, self.channels, self.open_session, self.settings = socket, channels, open_session, settings
        self.visit_id, self.role, self.status = visit.id, role, visit.status
        self.conn = new_id()
        self.strikes = 0
        self.bucket = TokenBucket(settings.signal_rate_per_second, settings.signal_burst)
        self.send_lock = asyncio.Lock()
        self.queue_provider: str | None = None
        self.queue_subscriber: Subscriber | None = None
        self.queue_task: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()
        self.last_heard = time.monotonic()

    # --- sending ---

    async def send(self, message: msgspec.Struct) -> None:
        await self.send_raw(_encoder.encode(message))

    async def send_raw(self, data: bytes) -> None:
        async with self.send_lock:
            await self.socket.send_data(data.decode(), mode="text")

    def relay(self, message: msgspec.Struct, *, from_server: bool = False) -> None:
        """Publish to everyone on this call; `from_server` messages also reach the sender."""
        relay = Relay(
            sender=self.role,
            conn="" if from_server else self.conn,
            kind=str(type(message).__struct_config__.tag),
            body=msgspec.Raw(_encoder.encode(message)),
        )
        self.channels.publish(_encoder.encode(relay), call_channel(self.visit_id))

    # --- the connection's life ---

    async def run(self) -> None:
        # Subscribe before the welcome so nothing said in between is missed; forward only after it.
        sub = await self.channels.subscribe([call_channel(self.visit_id), visit_channel(self.visit_id)])
        forward: asyncio.Task[None] | None = None
        try:
            await self.welcome()
            forward = asyncio.create_task(self.forward(sub))
            self.relay(schemas.PeerJoined(role=self.role))
            await self.receive_loop()
        finally:
            # Unsubscribing ends the forwarding loops after their current message; they are never
            # cancelled half-way through a database session.
            await self.channels.unsubscribe(sub)
            await self.stop_following_queue()
            if forward is not None:
                await asyncio.gather(forward, return_exceptions=True)
            self.relay(schemas.PeerLeft(role=self.role))

    async def welcome(self) -> None:
        async with self.open_session() as db:
            visit = await db.get(visits.Visit, self.visit_id)
            assert visit is not None
            view = await queue.visit_view(db, visit)
            chat = await service.history(db, self.visit_id)
            provider = await queue.provider_of(db, visit)
        await self.follow_queue(provider)
        await self.send(
            schemas.Welcome(
                protocol_version=schemas.PROTOCOL_VERSION,
                role=self.role,
                visit=view,
                ice_servers=ice_servers(self.settings, f"{self.visit_id}-{self.role}"),
                chat=chat,
            )
        )

    async def follow_queue(self, provider_id: str) -> None:
        """A waiting kiosk hears about its counter's queue so the position it shows stays true."""
        if self.role != "citizen" or provider_id == self.queue_provider:
            return
        await self.stop_following_queue()
        self.queue_provider = provider_id
        self.queue_subscriber = await self.channels.subscribe(queue_channel(provider_id))
        self.queue_task = asyncio.create_task(self.pump(self.queue_subscriber))

    async def stop_following_queue(self) -> None:
        sub, task = self.queue_subscriber, self.queue_task
        self.queue_subscriber = self.queue_task = None
        if sub is not None:
            await self.channels.unsubscribe(sub)
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    async def pump(self, sub: Subscriber) -> None:
        async for _ in sub.iter_events():
            if not await self.guarded(self.on_notification(follow=False)):
                return

    async def forward(self, sub: Subscriber) -> None:
        async for event in sub.iter_events():
            if event.startswith(b"["):
                handled = self.on_relay(msgspec.json.decode(event, type=Relay))
            else:
                handled = self.on_notification(follow=True)
            if not await self.guarded(handled):
                return

    async def guarded(self, work: Coroutine[None, None, None]) -> bool:
        """Run one delivery; False when the socket is gone (the receive loop ends the connection)."""
        try:
            await work
        except Exception as exc:
            log.info("signaling %s/%s stopped forwarding: %r", self.visit_id, self.role, exc)
            return False
        return True

    async def on_relay(self, relay: Relay) -> None:
        if relay.conn == self.conn:
            return
        if relay.sender == self.role and relay.conn:
            if relay.kind == "peer_joined":
                # The same kiosk or clerk connected again (reloaded page): the newer socket wins.
                await self.socket.close(code=CLOSE_REPLACED, reason="connected elsewhere")
                self.closed.set()
            return
        if (
            relay.conn
            and relay.kind == "peer_joined"
            and not msgspec.json.decode(relay.body, type=schemas.PeerJoined).reply
        ):
            self.relay(schemas.PeerJoined(role=self.role, reply=True))
        await self.send_raw(bytes(relay.body))

    async def on_notification(self, follow: bool) -> None:
        async with self.open_session() as db:
            visit = await db.get(visits.Visit, self.visit_id)
            assert visit is not None
            self.status = visit.status
            view = await queue.visit_view(db, visit)
            provider = await queue.provider_of(db, visit)
        if follow:  # only the visit's own channel moves the kiosk to another counter's queue
            await self.follow_queue(provider)
        await self.send(schemas.VisitChanged(visit=view))

    async def receive_loop(self) -> None:
        receiving = asyncio.create_task(self.receive_messages())
        watchdog = asyncio.create_task(self.watch_for_silence(receiving))
        try:
            await receiving
        except asyncio.CancelledError:
            if not watchdog.done():
                raise  # the connection itself is being cancelled (server shutting down)
        finally:
            watchdog.cancel()

    async def watch_for_silence(self, receiving: asyncio.Task[None]) -> None:
        """A kiosk whose network vanished never says goodbye: close it so the other side hears peer_left.

        A timer beside the loop (not a timeout on every receive) keeps the relay's hot path cheap.
        """
        idle = self.settings.signal_idle_seconds
        while not receiving.done():
            await asyncio.sleep(max(0.2, idle - (time.monotonic() - self.last_heard)))
            if time.monotonic() - self.last_heard >= idle:
                self.closed.set()
                receiving.cancel()  # a dead peer may never answer the close handshake
                await self.socket.close(code=CLOSE_SILENT, reason="no sign of life")
                return

    async def receive_messages(self) -> None:
        while not self.closed.is_set():
            event = await self.socket.receive()
            self.last_heard = time.monotonic()
            if event["type"] == "websocket.disconnect":
                return
            text = event.get("text")
            if not isinstance(text, str):
                await self.strike("malformed", "Messages must be JSON text.")
            elif len(text) > self.settings.signal_max_bytes:
                await self.strike("too_large", f"Messages may be at most {self.settings.signal_max_bytes} bytes.")
            elif not self.bucket.take():
                await self.strike("rate_limited", "Too many messages; slow down.")
            else:
                try:
                    message = _decoder.decode(text)
                except msgspec.ValidationError as exc:
                    await self.strike("malformed", str(exc))
                except msgspec.DecodeError:
                    await self.strike("malformed", "This is not valid JSON.")
                else:
                    await self.handle(message)

    async def strike(self, code: str, text: str) -> None:
        self.strikes += 1
        await self.send(schemas.Error(code=code, message=text))  # type: ignore[arg-type]
        if self.strikes >= MAX_STRIKES:
            await self.socket.close(code=CLOSE_POLICY, reason="too many bad messages")
            self.closed.set()

    async def handle(self, message: schemas.ClientMessage) -> None:
        if not isinstance(message, _ALLOWED[self.role]):
            await self.strike("unexpected", f"{self.role} does not send {type(message).__name__} messages.")
        elif isinstance(message, schemas.Ping):
            await self.send(schemas.Pong())
        elif isinstance(message, _IN_CALL_ONLY) and self.status != "in_call":
            await self.strike("unexpected", "The call has not started, or has ended.")
        elif isinstance(message, schemas.Chat):
            async with self.open_session() as db:
                line = await service.say(db, self.visit_id, self.role, message)
                await db.commit()
            self.relay(line, from_server=True)
        elif isinstance(message, schemas.HangUp):
            async with self.open_session() as db:
                visit = await db.get(visits.Visit, self.visit_id)
                assert visit is not None
                await queue.end_call(db, visit)
                await db.commit()
            self.relay(schemas.CallEnded(by=self.role), from_server=True)
        else:
            self.relay(message)


__all__ = ["Participant", "call_channel"]
