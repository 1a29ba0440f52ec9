"""The receipt: a number, a large-print PDF with Japanese text and a QR code, and the status check."""

from __future__ import annotations

import shutil

import anyio
import httpx

from tests.integration.test_applications import BANK_FORM, _confirm_all, _in_call, _signature
from tests.support.stack import Stack, staff_member


async def test_receipt_pdf_and_status_check(stack: Stack) -> None:
    kiosk, ticket, clerk = await _in_call(stack, "bank-address-change", "joyo-ginko")
    app_id = (await clerk.http.post(f"/api/staff/visits/{ticket['id']}/application")).json()["id"]
    await clerk.http.patch(
        f"/api/staff/applications/{app_id}", json={"values": {**BANK_FORM, "name": "𠮷田\u3000花子"}}
    )
    not_yet = await kiosk.http.get(f"/api/visits/{ticket['id']}/application/receipt.pdf")
    assert not_yet.status_code == 404
    app = await _confirm_all(kiosk, ticket["id"])
    await kiosk.http.put(f"/api/visits/{ticket['id']}/application/signature", json=_signature(app["content_hash"]))
    receipt = (await clerk.http.post(f"/api/staff/applications/{app_id}/submit")).json()["receipt_number"]

    pdf = await kiosk.http.get(f"/api/visits/{ticket['id']}/application/receipt.pdf")
    assert (
        pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    )
    text = (
        await anyio.run_process([shutil.which("pdftotext") or "pdftotext", "-", "-"], input=pdf.content)
    ).stdout.decode()
    for expected in (
        receipt,
        "受付票",
        "住所変更の届出",
        "かさま地域銀行",
        "昭和20年3月1日",
        "令和6年4月1日",
        "309-1611",
    ):
        assert expected in text, expected
    # 𠮷 is not in the Gothic font: it is drawn with IPAmj Mincho, which has it (text extraction of
    # characters beyond the BMP is unreliable, so check that the font that has it is embedded).
    assert "田" in text and b"IPAmjMincho" in pdf.content
    assert "1234567" in text  # the account number the citizen confirmed

    async with httpx.AsyncClient(base_url=stack.base_url) as anyone:
        for birth_date in ("昭和20年3月1日", "1945-03-01", "S20.3.1"):
            found = await anyone.get(f"/api/receipts/{receipt}/status", params={"birth_date": birth_date})
            assert found.status_code == 200 and found.json()["status"] == "submitted", birth_date
        wrong_birth = await anyone.get(f"/api/receipts/{receipt}/status", params={"birth_date": "1945-03-02"})
        wrong_number = await anyone.get("/api/receipts/20000101-0001/status", params={"birth_date": "1945-03-01"})
        assert wrong_birth.status_code == wrong_number.status_code == 404
        assert wrong_birth.json()["detail"] == wrong_number.json()["detail"]  # tells a stranger nothing

    reviewer = await staff_member(stack, ["joyo-ginko"])
    await reviewer.http.post(f"/api/staff/applications/{app_id}/review", json={"status": "in_review"})
    await reviewer.http.post(
        f"/api/staff/applications/{app_id}/review", json={"status": "returned", "reason": "印鑑が必要です。"}
    )
    async with httpx.AsyncClient(base_url=stack.base_url) as anyone:
        now = (await anyone.get(f"/api/receipts/{receipt}/status", params={"birth_date": "1945-03-01"})).json()
    assert now["status"] == "returned" and now["return_reason"] == "印鑑が必要です。"
    staff_pdf = await reviewer.http.get(f"/api/staff/applications/{app_id}/receipt.pdf")
    assert staff_pdf.status_code == 200 and staff_pdf.content.startswith(b"%PDF")
    await clerk.http.post(f"/api/staff/visits/{ticket['id']}/end", json={"outcome": "resolved"})
