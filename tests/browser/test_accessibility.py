"""Every kiosk screen and state, in every kiosk language: axe (WCAG 2.2 AAA tags + best practice)
finds nothing, every target is at least 56 × 56 px, text is large, and 200% zoom needs no sideways
scrolling. Also in forced-colours mode and with reduced motion."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import check_screen
from tests.browser.helpers import assert_kiosk_sizes, assert_no_horizontal_scroll, enrolled_kiosk, staff_member

KIOSK_LANGS = ["ja", "ja-easy", "en", "vi", "pt", "zh"]


def set_language(kiosk: Page, code: str) -> None:
    """The welcome screen asks for the language itself; elsewhere the top bar's button opens the choice."""
    on_welcome = kiosk.locator(f'main button[data-lang="{code}"]')
    if on_welcome.count():
        on_welcome.click()
    else:
        kiosk.locator(".language-switch__open").click()
        kiosk.locator(f'dialog button[data-lang="{code}"]').click()
    expect(kiosk.locator("html")).to_have_attribute("data-kiosk-lang", code)


def check_kiosk(kiosk: Page, name: str, screenshot: bool = False) -> None:
    check_screen(kiosk, name, screenshot=screenshot)
    assert_kiosk_sizes(kiosk)
    assert_no_horizontal_scroll(kiosk)


def test_kiosk_screens_without_a_call_in_every_language(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 5号車", "笠間市役所 駐車場")
    for code in KIOSK_LANGS:
        set_language(kiosk, code)
        check_kiosk(kiosk, f"kiosk-welcome-{code}")

        kiosk.locator("main .service-tile").first.click()
        expect(kiosk.get_by_test_id("ticket-number")).to_be_visible()
        check_kiosk(kiosk, f"kiosk-waiting-{code}")

        kiosk.locator(".language-switch__open").click()
        expect(kiosk.get_by_role("dialog")).to_be_visible()
        check_kiosk(kiosk, f"kiosk-language-dialog-{code}")
        kiosk.keyboard.press("Escape")
        expect(kiosk.get_by_role("dialog")).to_have_count(0)

        kiosk.locator(".help__button").click()
        expect(kiosk.get_by_test_id("help-message")).not_to_be_empty()
        check_kiosk(kiosk, f"kiosk-help-{code}")

        kiosk.locator(".kiosk__leave button").first.click()  # "leave the line" asks once
        expect(kiosk.locator(".confirm__question")).to_be_visible()
        check_kiosk(kiosk, f"kiosk-leave-question-{code}")
        kiosk.locator(".confirm__actions button").first.click()
        # Leaving wipes the kiosk: it starts again in Japanese.
        expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()

        kiosk.goto("/kiosk/#/status")
        set_language(kiosk, code)
        check_kiosk(kiosk, f"kiosk-status-{code}")
        kiosk.locator("main form button[type=submit]").click()
        expect(kiosk.locator(".field__error").first).to_be_visible()
        check_kiosk(kiosk, f"kiosk-status-error-{code}")
        kiosk.locator("#status-receipt").fill("20260101-0001")
        kiosk.locator("#status-birth").fill("1945-03-01")
        kiosk.locator("main form button[type=submit]").click()
        expect(kiosk.locator(".notice").first).to_be_visible()
        check_kiosk(kiosk, f"kiosk-status-not-found-{code}")
        kiosk.goto("/kiosk/")
        expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()


def test_the_call_the_form_the_signature_and_the_receipt_in_every_language(new_page, server):
    staff = staff_member(new_page, server, "窓口 中村", ["joyo-ginko"])
    staff.get_by_role("button", name="受付を始める").click()
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 6号車", "友部公民館")
    kiosk.get_by_role("button", name=re.compile("住所変更の届出")).click()
    staff.get_by_role("button", name="次の方を受ける").click()
    expect(kiosk.get_by_role("heading", name="窓口 中村 さんとお話しできます")).to_be_visible()

    def every_language(state: str) -> None:
        for code in KIOSK_LANGS:
            set_language(kiosk, code)
            check_kiosk(kiosk, f"kiosk-{state}-{code}")
        set_language(kiosk, "ja")

    every_language("call")
    staff.get_by_role("button", name="申請を開く").or_(staff.get_by_role("button", name="申請書を開く")).click()
    expect(kiosk.get_by_role("heading", name="カードの内容を使ってもよいですか？")).to_be_visible()
    every_language("consent")
    kiosk.get_by_role("button", name="はい、使ってください").click()
    for field, value in (
        ("account_number", "7654321"),
        ("name", "友部 花子"),
        ("name_kana", "トモベ　ハナコ"),
        ("birth_date", "昭和15年5月5日"),
    ):
        staff.locator(f"#app-{field}").fill(value)
    expect(kiosk.get_by_role("button", name="はい、このとおりです")).to_be_visible()
    every_language("application")
    kiosk.get_by_role("button", name="ちがう").click()
    expect(kiosk.get_by_text("係の人に「ちがう」と伝えました。")).to_be_visible()
    every_language("application-disputed")
    staff.locator("#app-name").fill("友部 花子 ")
    kiosk.get_by_role("button", name="はい、このとおりです").click()
    staff.locator("#app-postal_code").fill("3091611")
    expect(staff.locator("#app-address")).to_have_value("茨城県笠間市笠間")
    staff.locator("#app-address").fill("茨城県笠間市笠間1番地")
    staff.locator("#app-moved_on").fill("令和6年4月1日")
    expect(kiosk.get_by_role("heading", name="新しい住所")).to_be_visible()
    expect(kiosk.get_by_role("button", name="はい、このとおりです")).to_be_visible()
    kiosk.get_by_role("button", name="はい、このとおりです").click()
    expect(kiosk.get_by_test_id("signature-pad")).to_be_visible()
    every_language("signature")
    kiosk.get_by_role("button", name="この署名でよい").click()
    expect(kiosk.get_by_text("わくの中にお名前を書いてください。")).to_be_visible()
    every_language("signature-error")


def test_forced_colours_and_reduced_motion(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "公民館 2号機", "稲田公民館")
    kiosk.emulate_media(forced_colors="active", reduced_motion="reduce")
    # Focus stays visible where the system draws the colours: a 4 px outline, also on a pressed
    # toggle (whose own forced-colours outline is thinner).
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_focused()
    kiosk.keyboard.press("Tab")
    expect(kiosk.locator("main button[data-lang=ja]")).to_be_focused()
    kiosk.wait_for_function(
        "() => document.activeElement.matches(':focus-visible')"
        " && parseFloat(getComputedStyle(document.activeElement).outlineWidth) >= 4",
        polling=100,
        timeout=5_000,
    )
    check_kiosk(kiosk, "kiosk-welcome-forced-colours")  # the screenshot: test_kiosk.py
    # Nothing moves when the person asked for reduced motion.
    durations = kiosk.evaluate(
        """() => [...document.querySelectorAll('*')]
            .map((el) => getComputedStyle(el))
            .filter((s) => parseFloat(s.transitionDuration) > 0.01 || parseFloat(s.animationDuration) > 0.01).length"""
    )
    assert durations == 0
