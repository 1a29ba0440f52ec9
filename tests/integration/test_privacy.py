"""Shared kiosks: answers holding personal data must never be kept in the browser's HTTP cache,
so nothing of a visit can be found on the device after the privacy wipe."""

from __future__ import annotations

from tests.support.stack import Stack, enrol_kiosk


async def test_personal_answers_say_no_store_and_public_ones_may_be_revalidated(stack: Stack) -> None:
    kiosk = await enrol_kiosk(stack)
    ticket = await kiosk.take_ticket("health-consultation")
    try:
        for path in ("/api/visits/current", f"/api/visits/{ticket['id']}", "/api/terminal/me"):
            answer = await kiosk.http.get(path)
            assert answer.status_code == 200, (path, answer.text)
            assert answer.headers["cache-control"] == "no-store", path
        catalogue = await kiosk.http.get("/api/catalogue")
        assert catalogue.headers["cache-control"] == "no-cache"
        page = await kiosk.http.get("/kiosk/")
        assert "no-store" not in page.headers.get("cache-control", "")
    finally:
        await kiosk.http.post(f"/api/visits/{ticket['id']}/cancel")
