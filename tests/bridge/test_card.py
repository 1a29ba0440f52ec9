"""Reading a My Number Card through the bridge, as the kiosk page does."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

import pytest

from backend.procedures.card_check import CheckFailure, check_card_data
from device_bridge import protocol as p
from device_bridge.client import BridgeClient
from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import CardIdentity

from .conftest import PIN, READER, CardSlot

pytestmark = pytest.mark.bridge

LONG_ADDRESS = "茨城県笠間市石井" + "二丁目十三番地の四　かさま中央団地第三号棟" * 10
NON_BMP_NAME = "𠮷田　𩸽子"  # 𠮷 and 𩸽 are outside the BMP; the space is full-width


async def read(kiosk: BridgeClient, pin: str = PIN, **options: bool) -> p.BridgeMessage:
    async with asyncio.timeout(30):
        return await kiosk.request(p.ReadCard(id=kiosk.next_id(), reader=READER, pin=pin, **options))


async def pin_status(kiosk: BridgeClient) -> p.BridgeMessage:
    async with asyncio.timeout(30):
        return await kiosk.request(p.GetPinStatus(id=kiosk.next_id(), reader=READER))


def files(reply: p.CardRead) -> dict[str, bytes]:
    return {f.name: f.data for f in reply.files}


async def test_read_ok(kiosk: BridgeClient, slot: CardSlot) -> None:
    slot.insert()
    reply = await read(kiosk)
    assert isinstance(reply, p.CardRead), reply
    assert reply.card_type == "jp-mynumber-2016"
    assert reply.person.name == "山田 太郎"
    assert reply.person.address == "茨城県笠間市中央三丁目2番1号"
    assert reply.person.birth_date == "1945-03-01"
    assert reply.person.sex == "1"
    assert set(files(reply)) == {"basic_info", "signature", "certificate"}


async def test_signature_chain_verified_and_one_changed_byte_refused(
    kiosk: BridgeClient, slot: CardSlot, jlis: SimulatedJlis
) -> None:
    slot.insert()
    reply = await read(kiosk)
    assert isinstance(reply, p.CardRead)
    raw = files(reply)
    genuine = check_card_data(
        basic_info=raw["basic_info"],
        signature=raw["signature"],
        certificate=raw["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert genuine.verified, genuine.reason
    assert genuine.basic_info is not None and genuine.basic_info.name == reply.person.name

    name = reply.person.name.encode()
    at = raw["basic_info"].index(name) + len(name) - 1
    forged = raw["basic_info"][:at] + bytes([raw["basic_info"][at] ^ 0x01]) + raw["basic_info"][at + 1 :]
    result = check_card_data(
        basic_info=forged,
        signature=raw["signature"],
        certificate=raw["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert not result.verified
    assert result.failure is CheckFailure.BASIC_INFO_ALTERED


async def test_record_longer_than_255_bytes(kiosk: BridgeClient, slot: CardSlot, jlis: SimulatedJlis) -> None:
    slot.insert(CardIdentity(address=LONG_ADDRESS))
    reply = await read(kiosk)
    assert isinstance(reply, p.CardRead), reply
    assert len(files(reply)["basic_info"]) > 255
    assert reply.person.address == LONG_ADDRESS
    raw = files(reply)
    assert check_card_data(
        basic_info=raw["basic_info"],
        signature=raw["signature"],
        certificate=raw["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    ).verified


async def test_name_outside_the_bmp(kiosk: BridgeClient, slot: CardSlot) -> None:
    slot.insert(CardIdentity(name=NON_BMP_NAME))
    reply = await read(kiosk)
    assert isinstance(reply, p.CardRead), reply
    assert reply.person.name == NON_BMP_NAME


async def test_my_number_not_read_without_legal_basis(kiosk: BridgeClient, slot: CardSlot, jlis: SimulatedJlis) -> None:
    slot.insert()
    reply = await read(kiosk)
    assert isinstance(reply, p.CardRead)
    assert reply.my_number is None
    assert "my_number" not in files(reply)
    assert bytes.fromhex("0001") not in slot.mynumber.reads  # never even selected

    with_basis = await read(kiosk, legal_basis_for_my_number=True)
    assert isinstance(with_basis, p.CardRead)
    assert with_basis.my_number == "123456789018"
    raw = files(with_basis)
    checked = check_card_data(
        basic_info=raw["basic_info"],
        signature=raw["signature"],
        certificate=raw["certificate"],
        my_number=raw["my_number"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert checked.verified and checked.my_number == "123456789018"


async def test_wrong_pin_counts_down_and_warns_at_the_last_try(kiosk: BridgeClient, slot: CardSlot) -> None:
    slot.insert()
    status = await pin_status(kiosk)
    assert isinstance(status, p.PinStatus) and status.tries_left == 3 and status.state == "ok"

    first = await read(kiosk, pin="0000")
    assert isinstance(first, p.Error) and first.code == "pin_wrong" and first.tries_left == 2
    assert first.pin_state is None
    second = await read(kiosk, pin="0000")
    assert isinstance(second, p.Error) and second.code == "pin_wrong" and second.tries_left == 1
    assert second.pin_state == "last_try"  # the kiosk suggests staff help now

    # Even the right PIN is not tried at the last try unless the page confirms it.
    held = await read(kiosk)
    assert isinstance(held, p.Error) and held.code == "pin_last_try" and held.tries_left == 1
    status = await pin_status(kiosk)
    assert isinstance(status, p.PinStatus) and status.state == "last_try" and status.tries_left == 1

    ok = await read(kiosk, allow_last_try=True)
    assert isinstance(ok, p.CardRead)
    status = await pin_status(kiosk)
    assert isinstance(status, p.PinStatus) and status.tries_left == 3


async def test_lock_survives_reinsertion_and_says_city_hall(kiosk: BridgeClient, slot: CardSlot) -> None:
    slot.insert()
    for _ in range(2):
        assert isinstance(await read(kiosk, pin="9999"), p.Error)
    locked = await read(kiosk, pin="9999", allow_last_try=True)
    assert isinstance(locked, p.Error) and locked.code == "pin_locked" and locked.tries_left == 0
    assert locked.pin_state == "locked"
    assert "city hall" in locked.message_en and "市役所" in locked.message_ja

    slot.reinsert()
    again = await read(kiosk, allow_last_try=True)  # the right PIN no longer helps
    assert isinstance(again, p.Error) and again.code == "pin_locked"
    status = await pin_status(kiosk)
    assert isinstance(status, p.PinStatus) and status.state == "locked"


async def test_card_removed_mid_read_then_bridge_keeps_working(kiosk: BridgeClient, slot: CardSlot) -> None:
    link = slot.insert(CardIdentity(address=LONG_ADDRESS))
    # Pull the card out at the second chunk of a READ BINARY: the middle of the basic 4 info.
    link.pull_out_when = lambda command: command[1] == 0xB0 and command[2:4] != b"\x00\x00"
    reply = await read(kiosk)
    assert isinstance(reply, p.Error), reply
    assert reply.code == "card_removed"
    assert reply.message_ja and reply.message_en
    async with asyncio.timeout(10):
        await kiosk.wait_event(lambda m: isinstance(m, p.ReaderEvent) and m.event == "card_removed")

    link.pull_out_when = None
    link.insert()
    slot.wait_inserted()
    async with asyncio.timeout(10):
        await kiosk.wait_event(lambda m: isinstance(m, p.ReaderEvent) and m.event == "card_inserted")
    again = await read(kiosk)
    assert isinstance(again, p.CardRead) and again.person.address == LONG_ADDRESS


async def test_card_that_is_not_a_my_number_card(kiosk: BridgeClient, slot: CardSlot) -> None:
    slot.insert(foreign=True)
    reply = await read(kiosk)
    assert isinstance(reply, p.Error) and reply.code == "card_not_supported"
    assert "マイナンバーカード" in reply.message_ja


async def test_no_card_on_the_reader(kiosk: BridgeClient, slot: CardSlot) -> None:
    reply = await read(kiosk)
    assert isinstance(reply, p.Error) and reply.code == "no_card"


async def test_devices_lists_readers_with_card_presence(kiosk: BridgeClient, slot: CardSlot) -> None:
    slot.insert()
    async with asyncio.timeout(10):
        devices = await kiosk.request(p.ListDevices(id=kiosk.next_id()))
    assert isinstance(devices, p.Devices) and devices.pcsc_available
    assert p.ReaderStatus(name=READER, card_present=True) in devices.readers


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "device_bridge", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


async def test_cli_read_card_prints_the_basic_4_info_and_never_the_pin(slot: CardSlot) -> None:
    slot.insert(CardIdentity(name=NON_BMP_NAME))
    result = await asyncio.to_thread(run_cli, "read-card", "--reader", READER, "--pin", PIN, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "name": NON_BMP_NAME,
        "address": "茨城県笠間市中央三丁目2番1号",
        "birth_date": "1945-03-01",
        "sex": "1",
    }
    assert PIN not in result.stdout + result.stderr


async def test_cli_status_shows_readers_and_card(slot: CardSlot) -> None:
    slot.insert()
    result = await asyncio.to_thread(run_cli, "status", "--json", "--simulated-camera")
    status = json.loads(result.stdout)
    assert {"name": READER, "card_present": True} in status["readers"]
    assert any(c["kind"] == "simulated" for c in status["cameras"])


async def test_pcscd_not_running_is_a_clear_error(pcscd: None) -> None:
    # Point the PC/SC client library at a socket nobody serves: that is what a stopped pcscd looks like.
    env = {"PCSCLITE_CSOCK_NAME": "/nonexistent/pcscd.comm"}
    result = await asyncio.to_thread(run_cli, "read-card", "--reader", READER, "--pin", PIN, env=env)
    assert result.returncode == 1
    error = json.loads(result.stderr.strip().splitlines()[-1])
    assert error["error"] == "pcsc_unavailable" and "pcscd" in error["message_en"]
    assert PIN not in result.stdout + result.stderr
