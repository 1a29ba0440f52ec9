"""My Number Card data read at the kiosk: the server checks the J-LIS chain before calling it verified."""

from __future__ import annotations

import base64

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
