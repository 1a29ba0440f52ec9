"""Terminal enrolment with a one-time code, the device credential, and revocation."""

from __future__ import annotations

import httpx

from tests.support.stack import Browser, Stack


async def _admin(stack: Stack) -> Browser:
    admin = stack.client()
    assert (await admin.register(await stack.invite(role="admin"))).status_code == 200
    return admin


async def test_enrol_use_and_revoke_a_kiosk(stack: Stack) -> None:
    admin = await _admin(stack)
    created = await admin.http.post(
        "/api/admin/terminals", json={"name": "移動市役所 1号車", "kind": "van_kiosk", "place": "笠間市 友部"}
    )
    assert created.status_code == 201, created.text
    body = created.json()
    code = body["enrolment_code"]
    assert body["terminal"]["status"] == "awaiting_enrolment"

    async with httpx.AsyncClient(base_url=stack.base_url) as kiosk:
        assert (await kiosk.get("/api/terminal/me")).status_code == 401
        # Operators type codes with spaces or full-width digits; both work.
        typed = code.replace("-", " ").translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        enrolled = await kiosk.post("/api/terminal/enrol", json={"code": typed})
        assert enrolled.status_code == 200, enrolled.text
        assert enrolled.json()["status"] == "enrolled"
        assert "httponly" in enrolled.headers["set-cookie"].lower()
        assert (await kiosk.get("/api/terminal/me")).json()["name"] == "移動市役所 1号車"

        # The code works once only.
        async with httpx.AsyncClient(base_url=stack.base_url) as thief:
            again = await thief.post("/api/terminal/enrol", json={"code": code})
            assert again.status_code == 404 and "not valid" in again.json()["detail"]

        terminal_id = body["terminal"]["id"]
        listed = {t["id"]: t for t in (await admin.http.get("/api/admin/terminals")).json()}
        assert listed[terminal_id]["status"] == "enrolled"
        revoked = await admin.http.post(f"/api/admin/terminals/{terminal_id}/revoke")
        assert revoked.json()["status"] == "revoked"
        locked = await kiosk.get("/api/terminal/me")
        assert locked.status_code == 401 and locked.json()["type"] == "/problems/terminal-not-enrolled"
    await admin.aclose()


async def test_scripted_kiosk_uses_the_authorization_header(stack: Stack) -> None:
    admin = await _admin(stack)
    code = (
        await admin.http.post("/api/admin/terminals", json={"name": "bot", "kind": "centre_kiosk", "place": "test"})
    ).json()["enrolment_code"]
    async with httpx.AsyncClient(base_url=stack.base_url) as kiosk:
        enrolled = await kiosk.post("/api/terminal/enrol", json={"code": code})
        credential = enrolled.cookies["madoguchi_terminal"]
    async with httpx.AsyncClient(base_url=stack.base_url) as bot:
        me = await bot.get("/api/terminal/me", headers={"Authorization": f"Terminal {credential}"})
        assert me.status_code == 200 and me.json()["kind"] == "centre_kiosk"
    await admin.aclose()


async def test_terminal_creation_is_admin_only_and_validated(stack: Stack) -> None:
    admin = await _admin(stack)
    bad = await admin.http.post("/api/admin/terminals", json={"name": "", "kind": "spaceship", "place": "x"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert bad.json()["errors"][0]["field"] in {"name", "kind"}
    async with httpx.AsyncClient(base_url=stack.base_url) as anonymous:
        refused = await anonymous.post("/api/admin/terminals", json={"name": "a", "kind": "van_kiosk", "place": "b"})
        assert refused.status_code == 401
    await admin.aclose()
