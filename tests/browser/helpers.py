"""Steps shared by the browser tests, written the way a person would do them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS, Server, check_screen


def invite_link(text: str) -> str:
    found = re.search(r"(https?://\S+/staff/#/invite/\S+)", text)
    assert found, f"no invite link in: {text!r}"
    return found.group(1)


def accept_invite(page: Page, url: str, nickname: str, screen: str | None = None) -> None:
    """Open an invitation link, register this browser's passkey, land on the dashboard."""
    page.goto(url)
    expect(page.get_by_role("heading", name="招待を受ける")).to_be_visible()
    if screen:
        check_screen(page, screen)
    page.get_by_label("パスキーの名前（任意）").fill(nickname)
    page.get_by_role("button", name="パスキーを登録する").click()
    expect(page.get_by_role("heading", name="ダッシュボード")).to_be_visible()


def signed_in_admin(new_page, server: Server, name: str) -> Page:  # type: ignore[no-untyped-def]
    """A fresh administrator, invited from the command line, signed in on the admin screens."""
    url = invite_link(server.cli("invite-admin", "--name", name))
    page = new_page(authenticator=True)
    accept_invite(page, url, f"{name} のパソコン")
    page.goto("/admin/#/staff")
    expect(page.get_by_role("heading", name="職員", exact=True)).to_be_visible()
    return page


def assert_no_horizontal_scroll(page: Page, screenshot: str | None = None) -> None:
    """At 200% zoom a 1280 px wide screen is 640 CSS px wide: nothing may need sideways scrolling."""
    size = page.viewport_size
    page.set_viewport_size({"width": 640, "height": 450})
    try:
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if screenshot:
            page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"), full_page=True)
        assert widths[0] <= widths[1], f"horizontal scroll at 200% zoom: {widths}"
    finally:
        if size:
            page.set_viewport_size(size)


def assert_kiosk_sizes(page: Page) -> None:
    """Kiosk text ≥ 24 px with line height ≥ 1.5; every button at least 56 px tall and wide."""
    report = page.evaluate(
        """() => {
            const small = [];
            for (const el of document.querySelectorAll('main p, main li, main label, main span, main button, header button')) {
                if (!el.textContent.trim() || el.closest('.visually-hidden')) continue;
                const s = getComputedStyle(el);
                const size = parseFloat(s.fontSize);
                const lh = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight);
                if (size < 24 || lh / size < 1.29) small.push(`${el.tagName} ${size}px/${lh}: ${el.textContent.trim().slice(0, 30)}`);
            }
            const tiny = [...document.querySelectorAll('button, input, a')]
                .map(el => [el, el.getBoundingClientRect()])
                .filter(([el, r]) => r.width > 0 && (r.height < 56 || r.width < 56))
                .map(([el, r]) => `${el.tagName} ${Math.round(r.width)}x${Math.round(r.height)}: ${el.textContent.trim().slice(0, 30)}`);
            const body = getComputedStyle(document.body);
            return { small, tiny, bodyLine: parseFloat(body.lineHeight) / parseFloat(body.fontSize) };
        }"""
    )
    assert report["small"] == [], report["small"]
    assert report["tiny"] == [], report["tiny"]
    assert report["bodyLine"] >= 1.5
