"""Invite → passkey registration → sign-in → sign-out, with a software authenticator over real HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from backend.db import utcnow
from backend.identity import models
from tests.support.stack import Stack


async def test_invite_register_sign_in_sign_out(stack: Stack) -> None:
    url = await stack.invite(role="staff", providers=["kaigo-hoken", "kenko-zoshin"], name="佐藤 花子")
    token = url.rsplit("/", 1)[1]
    browser = stack.client()
    info = (await browser.http.get(f"/api/invites/{token}")).json()
    assert info["display_name"] == "佐藤 花子" and info["role"] == "staff"
    assert [p["id"] for p in info["providers"]] == ["kaigo-hoken", "kenko-zoshin"]

    registered = await browser.register(url)
    assert registered.status_code == 200, registered.text
    me = registered.json()
    assert me["display_name"] == "佐藤 花子"
    assert {p["id"] for p in me["providers"]} == {"kaigo-hoken", "kenko-zoshin"}
    cookie = registered.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie

    assert (await browser.http.get("/api/me")).status_code == 200
    assert (await browser.http.post("/api/auth/sign-out")).status_code == 204
    assert (await browser.http.get("/api/me")).status_code == 401

    signed_in = await browser.sign_in()
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["id"] == me["id"]
    assert (await browser.http.get("/api/me")).json()["display_name"] == "佐藤 花子"
    await browser.aclose()


async def test_each_sign_in_gets_a_new_token(stack: Stack) -> None:
    browser = stack.client()
    first = (await browser.register(await stack.invite())).cookies["madoguchi_session"]
    second = (await browser.sign_in()).cookies["madoguchi_session"]
    assert first != second and len(second) >= 32  # 256 bits, URL-safe base64
    await browser.aclose()


async def test_used_and_expired_invites_are_refused(stack: Stack) -> None:
    url = await stack.invite()
    token = url.rsplit("/", 1)[1]
    browser = stack.client()
    assert (await browser.register(url)).status_code == 200
    again = await browser.http.get(f"/api/invites/{token}")
    assert again.status_code == 410 and again.headers["content-type"].startswith("application/problem+json")
    assert "already been used" in again.json()["detail"]
    assert (await browser.http.post(f"/api/invites/{token}/passkey-options")).status_code == 410

    expired_url = await stack.invite()
    async with stack.session() as session:
        invite = (await session.exec(select(models.Invite).order_by(models.Invite.created_at.desc()))).first()  # type: ignore[attr-defined]
        assert invite is not None
        invite.expires_at = utcnow() - timedelta(minutes=1)
        session.add(invite)
    expired = await browser.http.get(f"/api/invites/{expired_url.rsplit('/', 1)[1]}")
    assert expired.status_code == 410 and "expired" in expired.json()["detail"]
    unknown = await browser.http.get("/api/invites/not-a-real-token")
    assert unknown.status_code == 404
    await browser.aclose()


async def test_a_passkey_registers_once_per_challenge(stack: Stack) -> None:
    """Replaying the registration answer must not create a second account."""
    url = await stack.invite()
    token = url.rsplit("/", 1)[1]
    browser = stack.client()
    options = (await browser.http.post(f"/api/invites/{token}/passkey-options")).json()
    credential = browser.authenticator.create(options["options"])
    first = await browser.http.post(f"/api/invites/{token}/passkey", json={"credential": credential})
    replay = await browser.http.post(f"/api/invites/{token}/passkey", json={"credential": credential})
    assert first.status_code == 200 and replay.status_code == 410
    await browser.aclose()


async def test_sign_in_needs_user_verification(stack: Stack) -> None:
    browser = stack.client()
    assert (await browser.register(await stack.invite())).status_code == 200
    browser.authenticator.user_verified = False
    refused = await browser.sign_in()
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "credential"
    await browser.aclose()


async def test_a_cloned_passkey_is_refused_by_its_sign_count(stack: Stack) -> None:
    browser = stack.client()
    assert (await browser.register(await stack.invite())).status_code == 200
    assert (await browser.sign_in()).status_code == 200
    browser.authenticator.passkeys[0].sign_count = 0  # a copy of the key that lags behind
    assert (await browser.sign_in()).status_code == 422
    await browser.aclose()


async def test_several_passkeys_per_person_and_backup_flag(stack: Stack) -> None:
    browser = stack.client()
    assert (await browser.register(await stack.invite())).status_code == 200
    browser.authenticator.synced = True
    options = (await browser.http.post("/api/me/passkey-options")).json()["options"]
    # The passkey already registered is excluded, so the same authenticator is not enrolled twice.
    assert len(options["excludeCredentials"]) == 1
    credential = browser.authenticator.create(options)
    added = await browser.http.post("/api/me/passkeys", json={"credential": credential, "nickname": "phone"})
    assert added.status_code == 201, added.text
    assert added.json()["backed_up"] is True
    second = browser.authenticator.passkeys[1]
    options = (await browser.http.post("/api/auth/passkey-options")).json()
    credential = browser.authenticator.get(options["options"], passkey=second)
    signed_in = await browser.http.post(
        "/api/auth/sign-in", json={"challenge_id": options["challenge_id"], "credential": credential}
    )
    assert signed_in.status_code == 200
    await browser.aclose()


async def test_sign_out_everywhere_ends_other_devices(stack: Stack) -> None:
    office = stack.client()
    assert (await office.register(await stack.invite())).status_code == 200
    tablet = stack.client()
    tablet.authenticator = office.authenticator  # the same synced passkey on another device
    assert (await tablet.sign_in()).status_code == 200
    assert (await office.http.post("/api/auth/sign-out-everywhere")).status_code == 204
    assert (await tablet.http.get("/api/me")).status_code == 401
    assert (await office.http.get("/api/me")).status_code == 401
    await office.aclose()
    await tablet.aclose()


@pytest.mark.parametrize("idle", [True, False], ids=["idle-30-min", "absolute-12-h"])
async def test_sessions_time_out(stack: Stack, idle: bool) -> None:
    browser = stack.client()
    me = (await browser.register(await stack.invite())).json()
    async with stack.session() as session:
        row = await session.get(models.StaffSession, me["session"]["id"])
        assert row is not None
        if idle:
            row.last_seen_at = utcnow() - timedelta(minutes=31)
        else:
            row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
    gone = await browser.http.get("/api/me")
    assert gone.status_code == 401 and "timed out" in gone.json()["detail"]
    await browser.aclose()


async def test_admin_sees_and_revokes_passkeys_and_sessions(stack: Stack) -> None:
    admin = stack.client()
    assert (await admin.register(await stack.invite(role="admin", name="Admin"))).status_code == 200
    staff = stack.client()
    staff_me = (await staff.register(await stack.invite(name="Revoked Person"))).json()

    listed = {m["id"]: m for m in (await admin.http.get("/api/admin/staff")).json()}
    person = listed[staff_me["id"]]
    assert len(person["passkeys"]) == 1 and len(person["sessions"]) == 1

    assert (await admin.http.delete(f"/api/admin/sessions/{person['sessions'][0]['id']}")).status_code == 204
    assert (await staff.http.get("/api/me")).status_code == 401
    assert (await admin.http.delete(f"/api/admin/passkeys/{person['passkeys'][0]['id']}")).status_code == 204
    assert (await staff.sign_in()).status_code == 422  # the passkey is no longer known

    # Staff members cannot use the admin API.
    other = stack.client()
    assert (await other.register(await stack.invite())).status_code == 200
    forbidden = await other.http.get("/api/admin/staff")
    assert forbidden.status_code == 403 and forbidden.json()["type"] == "/problems/forbidden"
    for b in (admin, staff, other):
        await b.aclose()


async def test_admin_invites_staff_with_a_one_time_link(stack: Stack) -> None:
    admin = stack.client()
    assert (await admin.register(await stack.invite(role="admin"))).status_code == 200
    created = await admin.http.post(
        "/api/admin/invites",
        json={
            "display_name": "鈴木 一郎",
            "role": "supervisor",
            "provider_ids": ["shimin-ka"],
            "email": "s@example.jp",
        },
    )
    assert created.status_code == 201, created.text
    link = created.json()["url"]
    assert link.startswith(f"{stack.settings.public_url}/staff/#/invite/")
    assert any(i["id"] == created.json()["id"] for i in (await admin.http.get("/api/admin/invites")).json())
    newcomer = stack.client()
    me = (await newcomer.register(link)).json()
    assert me["role"] == "supervisor" and [p["id"] for p in me["providers"]] == ["shimin-ka"]
    bad = await admin.http.post(
        "/api/admin/invites", json={"display_name": "x", "role": "staff", "provider_ids": ["nope"]}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "provider_ids"
    await admin.aclose()
    await newcomer.aclose()
