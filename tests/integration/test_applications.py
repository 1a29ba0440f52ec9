"""書かない窓口 over real HTTP: the clerk fills, the citizen confirms and signs, the clerk submits,
the counter reviews. Illegal steps are refused; a signature stops counting when the content changes."""

from __future__ import annotations

import base64
import zlib
from typing import Any

import httpx

from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import CardIdentity
from tests.support.stack import Browser, Kiosk, Stack, enrol_kiosk, staff_member

BANK_FORM = {
    "account_number": "1234567",
    "name": "笠間 太郎",
    "name_kana": "かさま たろう",
    "birth_date": "昭和20年3月1日",
    "postal_code": "〒309-1611",
    "address": "茨城県笠間市中央三丁目2番1号",
    "moved_on": "R6.4.1",
}


def _png() -> str:
    """A real 1×1 PNG, as signature_pad's toDataURL() would produce (just smaller)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    raw = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]))
    raw += chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    return base64.b64encode(raw).decode()


def _signature(content_hash: str) -> dict[str, Any]:
    return {
        "content_hash": content_hash,
        "strokes": [[[10, 10, 0.4, 0], [40, 22, 0.7, 16], [80, 15, 0.5, 33]]],
        "png": _png(),
    }


async def _in_call(stack: Stack, service_id: str, provider: str) -> tuple[Kiosk, dict[str, Any], Browser]:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket(service_id)
    clerk = await staff_member(stack, [provider])
    assert (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/accept")).status_code == 200
    return kiosk, ticket, clerk


async def _confirm_all(kiosk: Kiosk, visit_id: str) -> dict[str, Any]:
    app = (await kiosk.http.get(f"/api/visits/{visit_id}/application")).json()
    for section in app["sections"]:
        confirmed = await kiosk.http.post(
            f"/api/visits/{visit_id}/application/sections/{section['id']}/confirm",
            json={"content_hash": section["content_hash"]},
        )
        assert confirmed.status_code == 200, confirmed.text
        app = confirmed.json()
    return app


async def test_fill_confirm_sign_submit_and_review(stack: Stack) -> None:
    kiosk, ticket, clerk = await _in_call(stack, "bank-address-change", "joyo-ginko")
    opened = await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")
    assert opened.status_code == 200 and opened.json()["form"]["id"] == "bank-address-change"
    app_id = opened.json()["id"]

    # A mistake is kept as typed and explained next to the field; nothing is lost.
    typo = await clerk.http.patch(
        f"/api/staff/applications/{app_id}", json={"values": {**BANK_FORM, "postal_code": "309-161"}}
    )
    errors = {e["field"]: e["message"] for e in typo.json()["errors"]}
    assert typo.json()["values"]["postal_code"] == "309-161" and "7けた" in errors["postal_code"]
    fixed = (
        await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"postal_code": "3091611"}})
    ).json()
    assert fixed["errors"] == [] and fixed["ready_to_submit"] is False

    # The kiosk sees the same content, read-only, and confirms section by section.
    seen = (await kiosk.http.get(f"/api/visits/{ticket['id']}/application")).json()
    assert seen["values"]["name"] == "笠間 太郎" and seen["content_hash"] == fixed["content_hash"]
    early = await clerk.http.post(f"/api/staff/applications/{app_id}/submit")
    assert early.status_code == 409 and "not ready" in early.json()["detail"]
    app = await _confirm_all(kiosk, ticket["id"])
    assert all(s["confirmed"] for s in app["sections"])
    signed = await kiosk.http.put(
        f"/api/visits/{ticket['id']}/application/signature", json=_signature(app["content_hash"])
    )
    assert signed.status_code == 200 and signed.json()["signature"] == {
        **signed.json()["signature"],
        "signed": True,
        "valid": True,
    }
    assert signed.json()["ready_to_submit"] is True

    submitted = await clerk.http.post(f"/api/staff/applications/{app_id}/submit")
    assert submitted.status_code == 200, submitted.text
    receipt = submitted.json()["receipt_number"]
    assert submitted.json()["status"] == "submitted" and receipt and len(receipt) == 13
    late = await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"phone": "0296-77-1101"}})
    assert late.status_code == 409  # a submitted application no longer changes

    reviewer = await staff_member(stack, ["joyo-ginko"], name="審査係")
    assert app_id in [a["id"] for a in (await reviewer.http.get("/api/staff/applications")).json()]
    outsider = await staff_member(stack, ["kenko-zoshin"])
    assert (
        await outsider.http.post(f"/api/staff/applications/{app_id}/review", json={"status": "in_review"})
    ).status_code == 404
    assert (
        await reviewer.http.post(f"/api/staff/applications/{app_id}/review", json={"status": "accepted"})
    ).status_code == 409
    assert (
        await reviewer.http.post(f"/api/staff/applications/{app_id}/review", json={"status": "in_review"})
    ).status_code == 200
    no_reason = await reviewer.http.post(f"/api/staff/applications/{app_id}/review", json={"status": "returned"})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason"
    returned = await reviewer.http.post(
        f"/api/staff/applications/{app_id}/review",
        json={"status": "returned", "reason": "通帳の口座番号がちがいます。"},
    )
    assert (
        returned.json()["status"] == "returned" and returned.json()["return_reason"] == "通帳の口座番号がちがいます。"
    )
    for illegal in ("accepted", "in_review"):
        assert (
            await reviewer.http.post(f"/api/staff/applications/{app_id}/review", json={"status": illegal})
        ).status_code == 409
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})


async def test_changing_the_content_voids_the_signature_and_the_confirmation(stack: Stack) -> None:
    kiosk, ticket, clerk = await _in_call(stack, "bank-address-change", "joyo-ginko")
    app_id = (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).json()["id"]
    await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": BANK_FORM})
    app = await _confirm_all(kiosk, ticket["id"])
    stale_hash = app["content_hash"]
    await kiosk.http.put(f"/api/visits/{ticket['id']}/application/signature", json=_signature(stale_hash))

    changed = (
        await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"moved_on": "令和6年4月2日"}})
    ).json()
    assert changed["signature"]["signed"] is True and changed["signature"]["valid"] is False
    section = next(s for s in changed["sections"] if s["id"] == "new_address")
    assert section["confirmed"] is False and all(
        s["confirmed"] for s in changed["sections"] if s["id"] != "new_address"
    )
    assert (await clerk.http.post(f"/api/staff/applications/{app_id}/submit")).status_code == 409
    # Signing what the citizen saw before the change is refused.
    stale = await kiosk.http.put(f"/api/visits/{ticket['id']}/application/signature", json=_signature(stale_hash))
    assert stale.status_code == 409
    # "Not right" reaches the clerk on that section.
    disputed = await kiosk.http.post(f"/api/visits/{ticket['id']}/application/sections/new_address/dispute")
    assert next(s for s in disputed.json()["sections"] if s["id"] == "new_address")["disputed"] is True
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "follow_up"})


async def test_card_prefill_only_after_consent(stack: Stack, jlis: SimulatedJlis) -> None:
    kiosk, ticket, clerk = await _in_call(stack, "care-certification", "kaigo-hoken")
    identity = CardIdentity(name="𠮷田\u3000花子", sex="2")
    basic, number = identity.basic_info_record(), identity.my_number_record()
    files = {"basic_info": basic, "signature": jlis.signature_file(number, basic), "certificate": jlis.certificate()}
    read = await kiosk.http.post(
        f"/api/visits/{ticket['id']}/card-reads", json={k: base64.b64encode(v).decode() for k, v in files.items()}
    )
    app_id = (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).json()["id"]
    refused = await clerk.http.post(
        f"/api/staff/applications/{app_id}/prefill", json={"card_read_id": read.json()["id"]}
    )
    assert refused.status_code == 409 and "not agreed" in refused.json()["detail"]
    assert (
        await kiosk.http.put(f"/api/visits/{ticket['id']}/application/consent", json={"card_prefill": True})
    ).status_code == 200
    filled = (
        await clerk.http.post(f"/api/staff/applications/{app_id}/prefill", json={"card_read_id": read.json()["id"]})
    ).json()
    assert filled["values"]["name"] == "𠮷田\u3000花子" and filled["values"]["birth_date"] == "1945-03-01"
    assert set(filled["prefilled"]) == {"name", "birth_date", "sex", "address"}
    edited = (
        await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"address": "笠間市石井1番"}})
    ).json()
    assert "address" not in edited["prefilled"]  # no longer "from card" once the clerk changed it
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})


async def test_consultations_have_no_form_and_strangers_see_nothing(stack: Stack) -> None:
    _, ticket, clerk = await _in_call(stack, "health-consultation", "kenko-zoshin")
    assert (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).status_code == 404
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
    _kiosk, ticket, clerk = await _in_call(stack, "bank-address-change", "joyo-ginko")
    app_id = (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).json()["id"]
    colleague = await staff_member(stack, ["joyo-ginko"])
    assert (
        await colleague.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"name": "x"}})
    ).status_code == 404
    other_kiosk = await enrol_kiosk(stack)
    assert (await other_kiosk.http.get(f"/api/visits/{ticket['id']}/application")).status_code == 404
    unknown = await clerk.http.patch(f"/api/staff/applications/{app_id}", json={"values": {"favourite_colour": "blue"}})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "favourite_colour"
    async with httpx.AsyncClient(base_url=stack.base_url) as anonymous:
        assert (await anonymous.get(f"/api/visits/{ticket['id']}/application")).status_code == 401
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
