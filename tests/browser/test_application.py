"""書かない窓口 end to end in two real browsers: in a call the clerk fills the form and the kiosk shows
it live in large print; the citizen says "ちがう" (the clerk sees it at once), confirms each section
(one confirmation while the kiosk is offline: it arrives when the network is back), signs with mouse
strokes (the signature survives a failed upload and a reload), the clerk submits; the kiosk shows
the receipt with its QR code and PDF; the counter reviews; the citizen checks the status."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import check_screen
from tests.browser.helpers import (
    assert_kiosk_sizes,
    assert_no_horizontal_scroll,
    choose_kiosk_language,
    enrolled_kiosk,
    staff_member,
)

SIGNATURE_UPLOAD = "**/api/visits/*/application/signature"


def section(staff: Page, section_id: str) -> Locator:
    return staff.get_by_test_id(f"section-{section_id}")


def kiosk_value(kiosk: Page, field: str) -> Locator:
    return kiosk.locator(f"[data-testid=kiosk-section] dd[data-field={field}]")


def sign_with_mouse(kiosk: Page) -> None:
    """Two strokes across the signature box, as a hand would draw them."""
    pad = kiosk.get_by_test_id("signature-pad")
    box = pad.bounding_box()
    assert box is not None
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    for start, points in (
        ((0.1, 0.6), [(0.2, 0.3), (0.3, 0.7), (0.4, 0.35), (0.5, 0.65)]),
        ((0.55, 0.5), [(0.65, 0.4), (0.75, 0.6), (0.9, 0.45)]),
    ):
        kiosk.mouse.move(x + w * start[0], y + h * start[1])
        kiosk.mouse.down()
        for px, py in points:
            kiosk.mouse.move(x + w * px, y + h * py, steps=6)
        kiosk.mouse.up()


def pending_rows(kiosk: Page) -> list[dict]:
    """What the kiosk keeps in IndexedDB until the server acknowledges it."""
    return kiosk.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open('madoguchi-applications');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
                const all = open.result.transaction('pending').objectStore('pending').getAll();
                all.onsuccess = () => { resolve(all.result.map((r) => r.action)); open.result.close(); };
            };
        })"""
    )


def test_the_clerk_fills_the_citizen_confirms_signs_and_leaves_with_a_receipt(new_page, server, tmp_path: Path):
    staff = staff_member(new_page, server, "窓口 鈴木", ["joyo-ginko"])
    staff.get_by_role("button", name="受付を始める").click()
    expect(staff.get_by_test_id("availability")).to_have_text("受付中")

    kiosk = enrolled_kiosk(new_page, server, "移動市役所 3号車", "友部駅前")
    kiosk.get_by_role("button", name=re.compile("住所変更の届出")).click()
    expect(kiosk.get_by_role("heading", name="順番をお待ちください")).to_be_visible()
    staff.get_by_role("button", name="次の方を受ける").click()
    expect(kiosk.get_by_role("heading", name="窓口 鈴木 さんとお話しできます")).to_be_visible()

    # The clerk opens the form; the kiosk first asks whether the card's data may be used.
    staff.get_by_role("button", name="申請書を開く").click()
    expect(staff.get_by_role("heading", name=re.compile("申請書：住所変更届"))).to_be_visible()
    expect(staff.get_by_text("市民の方が、カードの内容を使うことにまだ同意していません。")).to_be_visible()
    expect(staff.get_by_role("button", name="カードの内容で入力")).to_be_disabled()
    expect(kiosk.get_by_role("heading", name="カードの内容を使ってもよいですか？")).to_be_visible()
    check_screen(kiosk, "kiosk-application-consent")
    assert_kiosk_sizes(kiosk)
    kiosk.get_by_role("button", name="はい、使ってください").click()
    # Consent given; no card was read in this visit, so the clerk is told that instead.
    expect(staff.get_by_text("まだカードが読み取られていません。")).to_be_visible()

    # The clerk types; the kiosk shows it live, read-only, one section at a time.
    expect(kiosk.get_by_role("heading", name="お客さま")).to_be_visible()
    expect(kiosk.get_by_text("係の人が書いています。おわるまでお待ちください。")).to_be_visible()
    staff.locator("#app-account_number").fill("1234567")
    staff.locator("#app-name").fill("笠間 太郎")
    staff.locator("#app-name_kana").fill("かさま たろう")
    staff.locator("#app-birth_date").fill("昭和20年3月1日")
    expect(kiosk_value(kiosk, "name")).to_have_text("笠間 太郎")
    expect(kiosk_value(kiosk, "birth_date")).to_have_text("昭和20年3月1日")
    expect(kiosk_value(kiosk, "account_number")).to_have_text("1234567")
    # A mistake stays as typed, with the reason beside the field in plain words.
    staff.locator("#app-postal_code").fill("309-161")
    expect(staff.locator("#app-postal_code-error")).to_have_text("郵便番号は7けたの数字です（例：309-1611）")
    expect(staff.locator("#app-postal_code")).to_have_value("309-161")
    staff.reload()  # nothing typed is lost to a reload
    expect(staff.locator("#app-postal_code")).to_have_value("309-161")
    expect(staff.locator("#app-name")).to_have_value("笠間 太郎")
    staff.locator("#app-postal_code").fill("3091611")
    expect(staff.locator("#app-postal_code-error")).to_have_count(0)
    # The postal code gives the start of the address (Japan Post's data); the clerk adds the rest.
    expect(staff.locator("#app-address")).to_have_value("茨城県笠間市笠間")
    expect(staff.get_by_text("住所に「茨城県笠間市笠間」を入れました。")).to_be_visible()
    staff.locator("#app-address").fill("茨城県笠間市中央三丁目2番1号")
    staff.locator("#app-moved_on").fill("R6.4.1")
    expect(staff.get_by_text("入力はすべて保存されています。")).to_be_visible()

    expect(kiosk.get_by_role("button", name="はい、このとおりです")).to_be_visible()
    check_screen(kiosk, "kiosk-application")
    assert_kiosk_sizes(kiosk)
    assert_no_horizontal_scroll(kiosk)
    choose_kiosk_language(kiosk, "English")
    expect(kiosk.get_by_role("button", name="Yes, this is right")).to_be_visible()
    expect(kiosk.get_by_text("Part 1 of 2")).to_be_visible()
    check_screen(kiosk, "kiosk-application-en")
    choose_kiosk_language(kiosk, "日本語")

    # "ちがう": the clerk sees it at once, in red, and corrects; the kiosk shows the correction.
    kiosk.get_by_role("button", name="ちがう").click()
    expect(kiosk.get_by_text("係の人に「ちがう」と伝えました。")).to_be_visible()
    expect(section(staff, "customer").get_by_role("alert")).to_have_text(
        "市民の方が「ちがう」と言っています。内容を確かめて直してください。"
    )
    check_screen(staff, "staff-application")
    staff.locator("#app-name_kana").fill("カサマ　タロウ")
    expect(section(staff, "customer").get_by_role("alert")).to_have_count(0)
    expect(kiosk_value(kiosk, "name_kana")).to_have_text("カサマ　タロウ")
    kiosk.get_by_role("button", name="はい、このとおりです").click()
    expect(section(staff, "customer")).to_contain_text("市民の方が確認しました")

    # The kiosk's network drops while the citizen confirms the second section: kept, then sent.
    expect(kiosk.get_by_role("heading", name="新しい住所")).to_be_visible()
    expect(kiosk_value(kiosk, "postal_code")).to_have_text("3091611")
    kiosk.context.set_offline(True)
    kiosk.get_by_role("button", name="はい、このとおりです").click()
    expect(kiosk.get_by_role("heading", name="お名前を手で書いてください")).to_be_visible()
    assert [a["kind"] for a in pending_rows(kiosk)] == ["confirm"]
    expect(section(staff, "new_address")).to_contain_text("市民の方の確認待ち")
    kiosk.context.set_offline(False)
    expect(section(staff, "new_address")).to_contain_text("市民の方が確認しました", timeout=20_000)
    assert pending_rows(kiosk) == []

    # The signature: an empty box is refused politely; mouse strokes are signed.
    kiosk.get_by_role("button", name="この署名でよい").click()
    expect(kiosk.get_by_text("わくの中にお名前を書いてください。")).to_be_visible()
    sign_with_mouse(kiosk)
    check_screen(kiosk, "kiosk-signature")
    assert_kiosk_sizes(kiosk)
    # The upload fails (the line is down for that request) and the kiosk is reloaded: still there.
    kiosk.route(SIGNATURE_UPLOAD, lambda route: route.abort("internetdisconnected"))
    kiosk.get_by_role("button", name="この署名でよい").click()
    expect(kiosk.get_by_role("heading", name="署名を受け取りました")).to_be_visible()
    expect(kiosk.get_by_text("通信がもどったら送ります。このままお待ちください。")).to_be_visible()
    kiosk.reload()
    expect(kiosk.get_by_role("heading", name="署名を受け取りました")).to_be_visible()
    stored = pending_rows(kiosk)
    assert [a["kind"] for a in stored] == ["signature"] and len(stored[0]["signature"]["strokes"]) == 2
    expect(staff.get_by_test_id("signature-state")).to_have_text("まだ署名されていません。")
    kiosk.unroute(SIGNATURE_UPLOAD)
    expect(staff.get_by_test_id("signature-state")).to_contain_text("に署名されました。", timeout=20_000)
    expect(kiosk.get_by_text("係の人が申請を送ります。このままお待ちください。")).to_be_visible()

    # The clerk submits; the kiosk shows the receipt.
    staff.get_by_role("button", name="申請を送る").click()
    expect(staff.get_by_text(re.compile(r"申請を送りました。受付番号は \d{8}-\d{4} です。"))).to_be_visible()
    receipt = re.search(r"\d{8}-\d{4}", staff.get_by_text("申請を送りました。").inner_text())
    assert receipt
    number = receipt.group(0)
    expect(kiosk.get_by_role("heading", name="申請を受け付けました")).to_be_visible()
    expect(kiosk.get_by_test_id("receipt-number")).to_have_text(number)
    expect(kiosk.get_by_test_id("receipt-qr")).to_be_visible()
    check_screen(kiosk, "kiosk-receipt")
    assert_kiosk_sizes(kiosk)

    # The PDF receipt downloads and holds the receipt number.
    with kiosk.expect_download() as download:
        kiosk.get_by_role("link", name="受付票（PDF）をひらく").click()
    pdf = tmp_path / "receipt.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert number in text and "受付票" in text

    # The call ends: the receipt stays on the kiosk's screen while the clerk writes the outcome.
    staff.get_by_role("button", name="通話を終える").click()
    staff.get_by_role("button", name="通話を終える").click()
    expect(kiosk.get_by_role("heading", name="通話がおわりました")).to_be_visible()
    expect(kiosk.get_by_test_id("receipt-number")).to_have_text(number)
    check_screen(kiosk, "kiosk-receipt-after-call")

    # The counter reviews: the list is reachable from the dashboard; a return needs a reason.
    reviewer = staff.context.new_page()
    reviewer.goto("/staff/#/")
    reviewer.get_by_role("link", name="申請の審査へ").click()
    expect(reviewer.get_by_role("heading", name="申請の審査")).to_be_visible()
    item = reviewer.get_by_role("region", name=f"受付番号 {number}")
    expect(item).to_contain_text("笠間 太郎")
    check_screen(reviewer, "staff-review")
    item.get_by_role("button", name="審査を始める").click()
    expect(reviewer.get_by_text(f"{number} の審査を始めました。")).to_be_visible()
    item.get_by_role("button", name="差し戻す").click()
    expect(item.get_by_text("差し戻す理由を書いてください。")).to_be_visible()
    check_screen(reviewer, "staff-review-error")
    item.get_by_label("差し戻しの理由（市民の方が読みます）").fill("引っ越した日をもう一度お確かめください。")
    item.get_by_role("button", name="差し戻す").click()
    expect(reviewer.get_by_text(f"{number} を差し戻しました。")).to_be_visible()
    expect(reviewer.get_by_text("審査を待っている申請はありません。")).to_be_visible()

    # The citizen checks the status (where the receipt's QR code leads): both must match.
    checker = new_page(viewport={"width": 1280, "height": 900})
    checker.goto(f"/kiosk/#/status?receipt={number}")
    expect(checker.get_by_role("heading", name="申請の状況を確かめる")).to_be_visible()
    expect(checker.get_by_label("受付番号")).to_have_value(number)
    checker.get_by_label("生年月日").fill("昭和20年3月2日")
    checker.get_by_role("button", name="確かめる").click()
    expect(checker.get_by_text("この受付番号と生年月日に合う申請は見つかりませんでした。")).to_be_visible()
    checker.get_by_label("生年月日").fill("1945年3月1日")
    checker.get_by_role("button", name="確かめる").click()
    result = checker.get_by_test_id("status-result")
    expect(result).to_contain_text("差し戻されました。理由をご覧ください。")
    expect(result).to_contain_text("引っ越した日をもう一度お確かめください。")
    check_screen(checker, "kiosk-status")
    assert_kiosk_sizes(checker)
