"""My Number Card data read at the kiosk: the server checks the J-LIS chain before calling it verified."""

from __future__ import annotations

import base64
import os
import sys

import anyio
from sqlmodel import select

from backend.audit.models import AuditEntry
from backend.procedures.models import CardRead as CardReadRow
from backend.procedures.mynumber import Keyring, decrypt
from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import CardIdentity
from tests.support.stack import Stack, enrol_kiosk, staff_member


def _files(jlis: SimulatedJlis, identity: CardIdentity, with_number: bool = False) -> dict[str, str]:
    basic, number = identity.basic_info_record(), identity.my_number_record()
    files = {"basic_info": basic, "signature": jlis.signature_file(number, basic), "certificate": jlis.certificate()}
    if with_number:
        files["my_number"] = number
    return {k: base64.b64encode(v).decode() for k, v in files.items()}


async def test_genuine_card_data_is_verified_and_shown_to_the_clerk(stack: Stack, jlis: SimulatedJlis) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("bank-address-change")
    identity = CardIdentity(name="𠮷田\u3000花子", address="茨城県笠間市中央三丁目2番1号" * 8)
    read = await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=_files(jlis, identity))
    assert read.status_code == 201, read.text
    body = read.json()
    assert body["verified"] is True and body["problem"] is None
    assert body["holder"]["name"] == "𠮷田\u3000花子" and body["holder"]["address"] == identity.address

    clerk = await staff_member(stack, ["joyo-ginko"])
    assert (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")).status_code == 200
    seen = (await clerk.http.get(f"/api/staff/visits/{ticket['id']}/card-reads")).json()
    assert [r["verified"] for r in seen] == [True]
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})


async def test_one_changed_byte_of_the_name_is_not_verified(stack: Stack, jlis: SimulatedJlis) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("bank-address-change")
    identity = CardIdentity(name="笠間 太郎")
    files = _files(jlis, identity)
    raw = bytearray(base64.b64decode(files["basic_info"]))
    at = bytes(raw).index("太郎".encode())
    raw[at + 2] ^= 0x01  # still valid UTF-8, a different character
    files["basic_info"] = base64.b64encode(bytes(raw)).decode()
    body = (await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=files)).json()
    assert body["verified"] is False and "differ from what the card signed" in body["problem"]

    forged = _files(SimulatedJlis.generate(), identity)  # a perfect card from the wrong authority
    body = (await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=forged)).json()
    assert body["verified"] is False and "not from J-LIS" in body["problem"]
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def test_my_number_only_where_the_service_has_a_legal_basis(stack: Stack, jlis: SimulatedJlis) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("bank-address-change")  # a bank counter: no legal basis
    refused = await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=_files(jlis, CardIdentity(), True))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "my_number"
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")

    ticket = await kiosk.take_ticket("care-certification")  # 介護保険: 番号法 別表
    accepted = await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=_files(jlis, CardIdentity(), True))
    assert accepted.status_code == 201 and accepted.json()["my_number_checked"] is True
    assert CardIdentity().my_number not in accepted.text  # never echoed back
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def test_card_reads_are_validated_and_kept_to_the_kiosks_own_visit(stack: Stack, jlis: SimulatedJlis) -> None:
    kiosk, other = await enrol_kiosk(stack), await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("residence-certificate")
    files = _files(jlis, CardIdentity())
    assert (await other.http.post(f"/api/visits/{ticket['id']}/card-reads", json=files)).status_code == 404
    bad = await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json={**files, "certificate": "not base64!"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "certificate"
    garbage = await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json={**files, "basic_info": "AAAAAAAA"})
    assert garbage.status_code == 422 and garbage.json()["errors"][0]["field"] == "basic_info"
    await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")


async def test_a_my_number_is_kept_encrypted_masked_and_every_view_audited(stack: Stack, jlis: SimulatedJlis) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("care-certification")
    read = await kiosk.http.post(f"/api/visits/{ticket['id']}/card-reads", json=_files(jlis, CardIdentity(), True))
    assert read.status_code == 201 and read.json()["my_number"] is None  # never back to the kiosk
    async with stack.session() as session:
        row = await session.get(CardReadRow, read.json()["id"])
        assert row is not None and row.my_number_encrypted and "123456789018" not in row.my_number_encrypted

    clerk = await staff_member(stack, ["kaigo-hoken"])
    assert (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")).status_code == 200
    seen = (await clerk.http.get(f"/api/staff/visits/{ticket['id']}/card-reads")).json()
    assert seen[0]["my_number"] == "•••• •••• 9018"  # ordinary staff see it masked
    async with stack.session() as session:
        views = (
            await session.exec(
                select(AuditEntry).where(AuditEntry.subject_kind == "my_number", AuditEntry.visit_id == ticket["id"])
            )
        ).all()
    assert [(v.actor_kind, v.action) for v in views] == [("staff", "read")]
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})

    # Key rotation: a new key first, the old one still listed; every number moves to the new key.
    new_keys = "rotated:" + base64.b64encode(os.urandom(32)).decode() + "," + stack.settings.my_number_keys
    rotated = await anyio.run_process(
        [sys.executable, "-m", "backend.cli", "rotate-my-number-key"],
        env={**os.environ, "DATABASE_URL": stack.settings.database_url, "MY_NUMBER_KEYS": new_keys},
        check=False,
    )
    assert rotated.returncode == 0, rotated.stderr.decode()
    async with stack.session() as session:
        row = await session.get(CardReadRow, read.json()["id"])
        assert row is not None and row.my_number_encrypted.split(".")[1] == "rotated"
        assert decrypt(Keyring.parse(new_keys), row.my_number_encrypted, bound_to=row.id) == "123456789018"
