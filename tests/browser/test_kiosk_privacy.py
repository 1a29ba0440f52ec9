"""A shared kiosk: たすけて reaches staff and the answer reaches the kiosk; a kiosk left alone asks
"are you still there?" and then clears itself; after a visit nothing of it stays on the device."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from tests.browser.conftest import check_screen
from tests.browser.helpers import enrolled_kiosk, staff_member


def stored(kiosk: Page) -> str:
    """Everything the kiosk's origin keeps: IndexedDB, localStorage, sessionStorage, Cache Storage."""
    state = kiosk.context.storage_state(indexed_db=True)
    extra = kiosk.evaluate(
        """async () => {
            const cached = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
            }
            return { session: { ...sessionStorage }, cached };
        }"""
    )
    return json.dumps({"origins": state["origins"], **extra}, ensure_ascii=False)


def pause_clock(page: Page) -> None:
    """From now on the page's time moves only when the test moves it (Playwright's clock)."""
    now = page.evaluate("Date.now()") / 1000
    page.clock.pause_at(datetime.fromtimestamp(now + 1, tz=UTC))


def test_help_reaches_staff_and_the_kiosk_hears_that_someone_is_coming(new_page, server):
    staff = staff_member(new_page, server, "窓口 田中", ["kenko-zoshin"])
    kiosk = enrolled_kiosk(new_page, server, "公民館 1号機", "友部公民館 ロビー")
    # Other kiosks on this server may have asked too: this one's call is found by its place.
    call = staff.get_by_test_id("help-call").filter(has_text="友部公民館 ロビー（公民館 1号機）")
    expect(call).to_have_count(0)

    kiosk.get_by_role("button", name="たすけて").dblclick()  # a double tap asks once
    expect(kiosk.get_by_test_id("help-message")).to_have_text("係の人を呼びました。このままお待ちください。")
    check_screen(kiosk, "kiosk-help-waiting")

    expect(call).to_have_count(1)
    check_screen(staff, "staff-help-call")

    # A reload does not forget that staff were called.
    kiosk.reload()
    expect(kiosk.get_by_test_id("help-message")).to_have_text("係の人を呼びました。このままお待ちください。")

    call.get_by_role("button", name="向かいます").click()
    expect(call).to_have_count(0)
    expect(kiosk.get_by_test_id("help-message")).to_have_text(
        "係の人が来ます。このままお待ちください。", timeout=15_000
    )


def test_a_kiosk_left_alone_asks_first_then_clears_itself(new_page, server):
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 3号車", "笠間駅前")
    kiosk.clock.install()
    kiosk.reload()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
    pause_clock(kiosk)
    dialog = kiosk.get_by_role("alertdialog", name="まだ使いますか？")

    # Untouched, the welcome screen has nothing to clear: no question however long it waits.
    kiosk.clock.run_for("05:00")
    expect(dialog).to_have_count(0)

    kiosk.get_by_role("button", name="English").click()
    expect(kiosk.get_by_role("heading", name="Welcome")).to_be_visible()
    kiosk.clock.run_for("01:29")
    expect(kiosk.get_by_role("alertdialog")).to_have_count(0)
    # Preact runs effects on the next frame, so the quiet time starts a frame after the touch.
    kiosk.clock.run_for("00:02")
    dialog = kiosk.get_by_role("alertdialog", name="Are you still there?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="I'm still here")).to_be_focused()
    expect(kiosk.get_by_test_id("idle-countdown")).to_have_text(re.compile(r"In (29|30) seconds"))
    kiosk.clock.run_for("00:10")
    expect(kiosk.get_by_test_id("idle-countdown")).to_have_text(re.compile(r"In (19|20) seconds"))
    kiosk.clock.resume()  # axe needs running timers; a few real seconds pass while it checks
    check_screen(kiosk, "kiosk-idle-warning")
    dialog.get_by_role("button", name="I'm still here").click()
    pause_clock(kiosk)
    expect(dialog).to_have_count(0)
    expect(kiosk.get_by_role("heading", name="Welcome")).to_be_visible()  # nothing was cleared

    kiosk.clock.run_for("01:30")  # (pausing moved the clock on by one second)
    expect(dialog).to_be_visible()
    kiosk.clock.run_for("00:27")
    expect(dialog).to_be_visible()  # still asking: 30 s to answer
    kiosk.clock.run_for("00:05")
    kiosk.clock.resume()  # the page starts afresh; let its time run again
    # Cleared: the page started afresh, in Japanese, with no question showing.
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
    expect(kiosk.get_by_role("alertdialog")).to_have_count(0)


def test_after_a_visit_nothing_of_it_can_be_found_on_the_kiosk(new_page, server):
    staff = staff_member(new_page, server, "窓口 小林", ["kenko-zoshin"])
    staff.get_by_role("button", name="受付を始める").click()
    kiosk = enrolled_kiosk(new_page, server, "移動市役所 4号車", "稲田郵便局前")
    kiosk.get_by_role("button", name="健康相談").click()
    ticket = kiosk.get_by_test_id("ticket-number").inner_text()
    visit_id = kiosk.evaluate("fetch('/api/visits/current').then((r) => r.json()).then((v) => v.id)")
    staff.get_by_role("button", name="次の方を受ける").click()
    expect(kiosk.get_by_role("heading", name="窓口 小林 さんとお話しできます")).to_be_visible()
    kiosk.get_by_label("メッセージ").fill("血圧の薬のことで相談です")
    kiosk.get_by_role("button", name="送る").click()
    expect(staff.get_by_role("log")).to_contain_text("血圧の薬のことで相談です")

    # Written while the kiosk is offline: kept on the device until the server has it.
    kiosk.context.set_offline(True)
    kiosk.get_by_label("メッセージ").fill("住所は笠間市石井 2-3-4 です")
    kiosk.get_by_role("button", name="送る").click()
    expect(kiosk.get_by_role("log")).to_contain_text("送っています…")
    assert "住所は笠間市石井" in stored(kiosk)  # the check below can see what the device keeps

    # The clerk finishes the visit meanwhile; the line never reached the server.
    staff.get_by_role("button", name="通話を終える").click()
    staff.locator(".confirm").get_by_role("button", name="通話を終える").click()
    staff.get_by_label("解決した").check()
    staff.get_by_role("button", name="記録する").click()
    expect(staff.get_by_text(f"{ticket} 番の方の対応を記録しました。")).to_be_visible()
    kiosk.context.set_offline(False)
    # Back online, the kiosk learns the visit is over (the call's socket is refused for it).
    expect(kiosk.get_by_role("heading", name="受付をおわりました")).to_be_visible(timeout=30_000)

    kiosk.get_by_role("button", name="はじめの画面にもどる").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
    left = stored(kiosk)
    for trace in (visit_id, "住所は笠間市石井", "血圧の薬", f'"{ticket}"'):
        assert trace not in left, f"{trace!r} is still on the kiosk: {left}"
    # The device's own settings survive: it is still enrolled and shows the services.
    expect(kiosk.get_by_role("button", name="健康相談")).to_be_visible()
