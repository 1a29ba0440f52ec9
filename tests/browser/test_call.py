"""The call end to end in two real browsers: a kiosk citizen takes a ticket, a clerk accepts, they
see and hear each other (frames decoded and audio packets received keep growing), write to each
other, hang up, and the outcome is recorded; then the same through a network cut and reloads."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_screen
from tests.browser.helpers import (
    assert_kiosk_sizes,
    assert_no_horizontal_scroll,
    enrolled_kiosk,
    staff_member,
    wait_media_flowing,
)
from tests.browser.network import TcpRelay, iptables_usable, network_cut

FACE, DOCUMENT = 1, 2  # m-line of the face video and of the kiosk's document camera


def status_of(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".call-status")


def start_taking_citizens(staff: Page) -> None:
    staff.get_by_role("button", name="受付を始める").click()
    expect(staff.get_by_test_id("availability")).to_have_text("受付中")


def test_citizen_and_clerk_meet_write_hang_up_and_the_outcome_is_saved(new_page, server):
    staff = staff_member(new_page, server, "窓口 佐藤", ["kenko-zoshin"])
    expect(staff.get_by_text("いま待っている方はいません。")).to_be_visible()
    expect(staff.get_by_test_id("availability")).to_have_text("離席中")
    start_taking_citizens(staff)

    kiosk = enrolled_kiosk(new_page, server, "移動市役所 2号車", "岩間支所 駐車場")
    kiosk.get_by_role("button", name="健康相談").click()
    expect(kiosk.get_by_role("heading", name="順番をお待ちください")).to_be_visible()
    ticket = kiosk.get_by_test_id("ticket-number").inner_text()
    expect(kiosk.get_by_test_id("ticket-position")).to_have_text("次があなたの番です")
    # No conversations at this counter yet: the kiosk says so instead of guessing.
    expect(kiosk.get_by_test_id("ticket-wait")).to_have_text("まだわかりません")
    check_screen(kiosk, "kiosk-waiting")
    assert_kiosk_sizes(kiosk)
    assert_no_horizontal_scroll(kiosk, screenshot="kiosk-waiting-200pct")

    # The clerk's list shows the citizen without a reload, waiting time counting up.
    row = staff.get_by_role("row", name=ticket)
    expect(row).to_contain_text("健康相談")
    expect(row).to_contain_text("岩間支所 駐車場（移動市役所 2号車）")
    expect(row).to_contain_text("日本語")
    first = row.locator(".counter__waited").inner_text()
    expect(row.locator(".counter__waited")).not_to_have_text(first)
    check_screen(staff, "staff-queue")

    # "Leave" asks once; going back keeps the ticket.
    kiosk.get_by_role("button", name="やめる").click()
    expect(kiosk.get_by_text("受付をやめて、はじめの画面にもどりますか？")).to_be_visible()
    check_screen(kiosk, "kiosk-waiting-leave-question")
    kiosk.get_by_role("button", name="戻る").click()
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text(ticket)

    # A reloaded kiosk comes back to its ticket (from the server).
    kiosk.reload()
    expect(kiosk.get_by_test_id("ticket-number")).to_have_text(ticket)

    kiosk.get_by_role("button", name="English").click()
    expect(kiosk.get_by_role("heading", name="Please wait for your turn")).to_be_visible()
    expect(kiosk.get_by_test_id("ticket-wait")).to_have_text("Not known yet")
    check_screen(kiosk, "kiosk-waiting-en")
    kiosk.get_by_role("button", name="日本語").click()

    accepted_at = time.monotonic()
    staff.get_by_role("button", name="次の方を受ける").click()
    expect(staff.get_by_role("heading", name=f"{ticket} 番の方と通話中")).to_be_visible()
    expect(kiosk.get_by_role("heading", name="窓口 佐藤 さんとお話しできます")).to_be_visible()
    expect(status_of(kiosk)).to_have_text("通話の状態：つながっています", timeout=20_000)
    expect(status_of(staff)).to_have_text("通話の状態：つながっています")
    wait_media_flowing(kiosk, "video")
    kiosk_first_frames = time.monotonic() - accepted_at
    wait_media_flowing(staff, "video", mid=FACE)
    wait_media_flowing(kiosk, "audio")
    wait_media_flowing(staff, "audio")
    # The kiosk's second camera arrives as the document camera; the clerk shows it large.
    wait_media_flowing(staff, "video", mid=DOCUMENT)
    print(f"\naccept → frames growing on the kiosk: {kiosk_first_frames:.2f} s")
    staff.get_by_role("button", name="書類を大きく").click()
    expect(staff.get_by_role("button", name="書類を大きく")).to_have_attribute("aria-pressed", "true")
    expect(staff.get_by_test_id("remote-doc")).to_be_visible()
    expect(staff.get_by_test_id("remote-video")).to_have_count(0)
    staff.get_by_role("button", name="並べる").click()
    expect(staff.get_by_test_id("remote-video")).to_be_visible()

    # Writing both ways (large print on the kiosk).
    kiosk.get_by_label("メッセージ").fill("音が聞こえません")
    kiosk.get_by_role("button", name="送る").click()
    expect(staff.get_by_role("log")).to_contain_text("音が聞こえません")
    staff.get_by_label("メッセージ").fill("文字でご案内します")
    staff.get_by_label("メッセージ").press("Enter")
    expect(kiosk.get_by_role("log")).to_contain_text("文字でご案内します")
    expect(kiosk.get_by_role("log")).not_to_contain_text("送っています…")
    check_screen(kiosk, "kiosk-call")
    assert_kiosk_sizes(kiosk)
    assert_no_horizontal_scroll(kiosk, screenshot="kiosk-call-200pct")
    check_screen(staff, "staff-call")
    assert_no_horizontal_scroll(staff)
    kiosk.get_by_role("button", name="English").click()
    expect(kiosk.get_by_role("heading", name="You can talk with 窓口 佐藤 now")).to_be_visible()
    check_screen(kiosk, "kiosk-call-en")
    kiosk.get_by_role("button", name="日本語").click()

    # The citizen hangs up (asked once); both sides end.
    kiosk.get_by_role("button", name="通話をおわる").click()
    kiosk.get_by_role("button", name="はい、おわります").click()
    expect(kiosk.get_by_role("heading", name="通話がおわりました")).to_be_visible()
    expect(kiosk.get_by_text("係の人がご用件のまとめをしています。")).to_be_visible()
    check_screen(kiosk, "kiosk-ended-wrap-up")
    expect(staff.get_by_role("heading", name=f"{ticket} 番の方の対応結果")).to_be_visible()
    check_screen(staff, "staff-outcome")

    staff.get_by_role("button", name="記録する").click()
    expect(staff.get_by_role("alert")).to_contain_text("結果を選んでください。")
    check_screen(staff, "staff-outcome-error")
    staff.get_by_label("解決した").check()
    staff.get_by_label("メモ").fill("健診の日程をご案内")
    staff.get_by_role("button", name="記録する").click()
    expect(staff.get_by_text(f"{ticket} 番の方の対応を記録しました。")).to_be_visible()
    expect(kiosk.get_by_text("ご用件はこれでおわりです。ありがとうございました。")).to_be_visible()
    check_screen(kiosk, "kiosk-ended")

    queue = staff.evaluate("fetch('/api/staff/queue').then((r) => r.json())")
    assert queue["current"] is None and queue["availability"] == "available"
    visit_id = kiosk.evaluate("fetch('/api/visits/current').then((r) => r.status)")
    assert visit_id == 404  # the kiosk holds no ticket any more
    kiosk.get_by_role("button", name="はじめの画面にもどる").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
