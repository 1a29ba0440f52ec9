"""Only the kiosk app's origin, and only a paired page, may use the bridge; others learn nothing."""

from __future__ import annotations

import asyncio

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from device_bridge import protocol as p
from device_bridge.client import BridgeClient, Refused
from device_bridge.pairing import proof
from device_bridge.server import BridgeServer
from device_bridge.settings import Settings, SettingsError

from .conftest import APP_ORIGIN, PIN, READER, CardSlot, url

pytestmark = pytest.mark.bridge


async def everything_said(bridge: BridgeServer, origin: str, first: p.Message) -> list[p.BridgeMessage]:
    """Connect, send one first message, and collect every message until the bridge hangs up."""
    said: list[p.BridgeMessage] = []
    async with asyncio.timeout(15), connect(url(bridge), origin=origin) as ws:  # type: ignore[arg-type]
        said.append(p.bridge_decoder.decode(await ws.recv()))
        await ws.send(p.encoder.encode(first).decode())
        try:
            async for raw in ws:
                said.append(p.bridge_decoder.decode(raw))
        except ConnectionClosed:
            pass
    return said


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:8001", "null"])
async def test_foreign_origin_is_refused_at_the_handshake(bridge: BridgeServer, origin: str) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url(bridge), origin=origin):  # type: ignore[arg-type]
            pass
    assert refused.value.response.status_code == 403


async def test_missing_origin_is_refused(bridge: BridgeServer) -> None:
    # A local program that sends no Origin is not the kiosk page either.
    with pytest.raises(InvalidStatus):
        async with connect(url(bridge)):
            pass


async def test_unpaired_page_learns_nothing(bridge: BridgeServer, slot: CardSlot) -> None:
    slot.insert()  # a card is on the reader; the page must not find that out
    attempts: list[p.Message] = [
        p.Hello(protocol=p.PROTOCOL_VERSION, pairing_id="0123456789abcdef", proof="00" * 32),
        p.ReadCard(id="1", reader=READER, pin=PIN),
        p.ListDevices(id="1"),
    ]
    for first in attempts:
        said = await everything_said(bridge, APP_ORIGIN, first)
        assert [type(m) for m in said] == [p.Challenge, p.Refused], said
        refused = said[1]
        assert isinstance(refused, p.Refused) and refused.code == "not_paired"
    assert slot.mynumber.reads == []  # nothing was read from the card


async def test_proof_from_another_connection_does_not_work(
    bridge: BridgeServer, pairing: tuple[str, bytes], slot: CardSlot
) -> None:
    pairing_id, secret = pairing
    stale = proof(secret, "00" * 32, APP_ORIGIN)  # right secret, wrong nonce: a replay
    said = await everything_said(bridge, APP_ORIGIN, p.Hello(protocol=1, pairing_id=pairing_id, proof=stale))
    assert [type(m) for m in said] == [p.Challenge, p.Refused]


async def test_old_page_is_told_the_versions_differ(bridge: BridgeServer, pairing: tuple[str, bytes]) -> None:
    client = await BridgeClient.connect(url(bridge), APP_ORIGIN)
    assert client.challenge.protocol == p.PROTOCOL_VERSION
    with pytest.raises(Refused) as refused:
        await client.hello(*pairing, protocol=p.PROTOCOL_VERSION + 1)
    assert refused.value.refused is not None and refused.value.refused.code == "protocol_mismatch"


async def test_pairing_needs_the_console_code_and_closes_after_use(bridge: BridgeServer) -> None:
    code = bridge.open_pairing()
    wrong = "000000" if code != "000000" else "111111"
    said = await everything_said(bridge, APP_ORIGIN, p.Pair(protocol=1, code=wrong))
    assert isinstance(said[-1], p.Refused) and said[-1].code == "pairing_code_wrong"
    assert all(code not in repr(m) for m in said)  # the code itself never travels on the socket

    client = await BridgeClient.connect(url(bridge), APP_ORIGIN)
    paired = await client.pair(code, label="van 2 kiosk")
    await client.close()

    said = await everything_said(bridge, APP_ORIGIN, p.Pair(protocol=1, code=code))
    assert isinstance(said[-1], p.Refused) and said[-1].code == "pairing_closed"

    # The new pairing works on a fresh connection.
    again = await BridgeClient.connect(url(bridge), APP_ORIGIN)
    welcome = await again.hello(paired.pairing_id, bytes.fromhex(paired.secret))
    assert welcome.protocol == p.PROTOCOL_VERSION
    await again.close()


async def test_paired_page_gets_devices_and_events(kiosk: BridgeClient, slot: CardSlot) -> None:
    async with asyncio.timeout(10):
        first = await kiosk.wait_event(lambda m: isinstance(m, p.Devices))
    assert isinstance(first, p.Devices) and first.id is None
    slot.insert()
    async with asyncio.timeout(10):
        event = await kiosk.wait_event(lambda m: isinstance(m, p.ReaderEvent) and m.event == "card_inserted")
    assert isinstance(event, p.ReaderEvent) and event.reader == READER


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.2", "::", "localhost"])
def test_bridge_refuses_any_address_but_loopback(host: str, tmp_path: object) -> None:
    with pytest.raises(SettingsError):
        Settings(host=host, allowed_origins=(APP_ORIGIN,), data_dir=tmp_path)  # type: ignore[arg-type]
