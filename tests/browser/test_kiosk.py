"""The kiosk in a real browser: enrolment, the catalogue tiles, revocation, offline start."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from tests.browser.conftest import KIOSK_VIEWPORT, check_screen
from tests.browser.helpers import (
    assert_kiosk_sizes,
    assert_no_horizontal_scroll,
    choose_kiosk_language,
    signed_in_admin,
)


def enrol(kiosk: Page, code: str) -> None:
    kiosk.get_by_label("登録コード").fill(code)
    kiosk.get_by_role("button", name="登録する").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()


def test_admin_creates_a_terminal_the_kiosk_enrols_shows_tiles_and_is_locked_out_when_revoked(new_page, server):
    admin = signed_in_admin(new_page, server, "端末 管理者")
    admin.get_by_role("link", name="端末").click()
    expect(admin.get_by_role("heading", name="端末", exact=True)).to_be_visible()
    admin.get_by_label("名前").fill("移動市役所 1号車")
    admin.get_by_label("移動市役所の車両").check()
    admin.get_by_label("設置場所").fill("岩間支所 駐車場")
    admin.get_by_role("button", name="端末を追加して登録コードを発行").click()
    expect(admin.get_by_role("heading", name="登録コード")).to_be_visible()
    code = admin.locator("#enrolment-code").inner_text()
    assert any(ch.isdigit() for ch in code)
    check_screen(admin, "admin-terminal-code")

    kiosk = new_page(viewport=KIOSK_VIEWPORT)
    kiosk.goto("/kiosk/")
    expect(kiosk.get_by_role("heading", name="この端末の登録")).to_be_visible()
    check_screen(kiosk, "kiosk-enrol")
    assert_kiosk_sizes(kiosk)

    kiosk.get_by_role("button", name="登録する").click()
    expect(kiosk.get_by_role("alert")).to_contain_text("登録コードを入力してください。")
    kiosk.get_by_label("登録コード").fill("00000-00000")
    kiosk.get_by_role("button", name="登録する").click()
    expect(kiosk.get_by_role("alert")).to_contain_text("このコードは使えません。")
    expect(kiosk.get_by_label("登録コード")).to_have_attribute("aria-invalid", "true")
    check_screen(kiosk, "kiosk-enrol-error")
    assert_no_horizontal_scroll(kiosk)

    # The operator uses the on-screen number pad (a touch kiosk may have no keyboard).
    kiosk.get_by_label("登録コード").fill("")
    keypad = kiosk.get_by_role("group", name="数字ボタン")
    keypad.get_by_role("button", name="9").click()
    keypad.get_by_role("button", name="1文字消す").click()
    for digit in code:
        if digit.isdigit():
            keypad.get_by_role("button", name=digit, exact=True).click()
    expect(kiosk.get_by_label("登録コード")).to_have_value("".join(ch for ch in code if ch.isdigit()))
    kiosk.get_by_role("button", name="登録する").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
    tile = kiosk.get_by_role("button", name="健康相談")
    expect(tile).to_be_visible()
    expect(kiosk.get_by_role("heading", name="市役所の窓口")).to_be_visible()
    expect(kiosk.get_by_role("heading", name="そのほかの窓口")).to_be_visible()
    expect(kiosk.get_by_role("button", name="たすけて")).to_be_visible()
    check_screen(kiosk, "kiosk-welcome-ja")
    assert_kiosk_sizes(kiosk)
    assert_no_horizontal_scroll(kiosk, screenshot="kiosk-welcome-200pct")

    kiosk.get_by_role("button", name="English").click()
    expect(kiosk.get_by_role("heading", name="Welcome")).to_be_visible()
    expect(kiosk.locator("html")).to_have_attribute("lang", "en")
    check_screen(kiosk, "kiosk-welcome-en")
    assert_no_horizontal_scroll(kiosk)

    # Touching a tile takes a ticket at once; "Leave" (asked once) gives it back.
    kiosk.get_by_role("button", name="Health advice").click()
    expect(kiosk.get_by_role("heading", name="Please wait for your turn")).to_be_visible()
    expect(kiosk.get_by_text("For: Health advice")).to_be_visible()
    choose_kiosk_language(kiosk, "日本語")
    expect(kiosk.get_by_role("heading", name="順番をお待ちください")).to_be_visible()
    kiosk.get_by_role("button", name="やめる").click()
    kiosk.get_by_role("button", name="はい、やめます").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()

    # たすけて calls staff (test_kiosk_privacy.py follows the call to its answer).
    kiosk.get_by_role("button", name="たすけて").click()
    expect(kiosk.get_by_test_id("help-message")).to_have_text("係の人を呼びました。このままお待ちください。")

    # Windows high-contrast users get the system colours, and everything stays visible.
    kiosk.emulate_media(forced_colors="active", reduced_motion="reduce")
    check_screen(kiosk, "kiosk-welcome-forced-colors")
    kiosk.emulate_media(forced_colors="none", reduced_motion="no-preference")

    # The admin revokes the terminal; the kiosk is locked out at its next reload.
    admin.get_by_role("button", name="閉じる").click()
    card = admin.locator("article.terminal", has=admin.get_by_role("heading", name="移動市役所 1号車", exact=True))
    expect(card).to_contain_text("登録済み")
    check_screen(admin, "admin-terminals")
    card.get_by_role("button", name="移動市役所 1号車 を取り消す").click()
    card.get_by_role("button", name="移動市役所 1号車 を取り消す").click()
    expect(card).to_contain_text("取り消し済み")

    kiosk.reload()
    expect(kiosk.get_by_role("heading", name="この端末の登録")).to_be_visible()
    expect(kiosk.get_by_role("button", name="健康相談")).to_have_count(0)


def test_the_kiosk_starts_offline_from_its_service_worker(new_page, server):
    created = json.loads(
        server.cli(
            "enrol-terminal", "--name", "公民館 端末", "--kind", "centre_kiosk", "--place", "友部公民館", "--json"
        )
    )
    kiosk = new_page(viewport=KIOSK_VIEWPORT)
    kiosk.goto("/kiosk/")
    sw_type = kiosk.evaluate("fetch('/sw.js').then((r) => r.headers.get('content-type'))")
    assert "javascript" in (sw_type or ""), (
        f"/sw.js is served as {sw_type!r}: browsers refuse to register a service worker whose script "
        "is not JavaScript, so the kiosk cannot start offline"
    )
    enrol(kiosk, created["enrolment_code"])
    expect(kiosk.get_by_role("button", name="健康相談")).to_be_visible()

    # First visit installs the service worker; from the next load on it controls the page.
    active = kiosk.evaluate(
        "() => Promise.race([navigator.serviceWorker.ready.then(() => true),"
        " new Promise((resolve) => setTimeout(() => resolve(false), 20000))])"
    )
    assert active, "the service worker never became active"
    kiosk.reload()
    kiosk.wait_for_function("navigator.serviceWorker.controller !== null")
    expect(kiosk.get_by_role("button", name="健康相談")).to_be_visible()

    # The catalogue answer is in the service worker's runtime cache for when the network is gone.
    assert kiosk.evaluate("caches.open('catalogue').then((c) => c.keys()).then((k) => k.length)") >= 1
    kiosk.context.set_offline(True)
    kiosk.reload()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
    expect(kiosk.get_by_role("button", name="健康相談")).to_be_visible()
    expect(kiosk.get_by_text("いまは通信ができません。")).to_be_visible()
    check_screen(kiosk, "kiosk-welcome-offline")
    kiosk.context.set_offline(False)


def test_the_web_app_manifest_makes_the_kiosk_installable(new_page, server):
    page = new_page()
    page.goto("/kiosk/")
    manifest = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert manifest["start_url"] == "/kiosk/"
    assert manifest["display"] in {"standalone", "fullscreen"}
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert page.evaluate(f"fetch('{icon['src']}').then(r => r.status)") == 200
