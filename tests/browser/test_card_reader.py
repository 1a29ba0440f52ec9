"""The kiosk's My Number Card check end to end: pcscd + the vpcd card simulator, a real
`madoguchi-bridge serve` process, the real server and Chromium. The operator pairs the kiosk with
the code the bridge prints; a citizen reads the card (wrong PIN, right PIN, last-try warning,
locked); the clerk's call screen shows the read as verified from the card."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import CardIdentity
from tests.bridge.conftest import READER, CardSlot, jlis, pcscd  # noqa: F401  (fixtures used by name)
from tests.browser.conftest import (
    KIOSK_VIEWPORT,
    ROOT,
    SCREENSHOTS,
    Server,
    _free_port,
    _madoguchi,
    _wait_ready,
    check_screen,
)
from tests.browser.helpers import (
    Bridge,
    assert_kiosk_sizes,
    choose_kiosk_language,
    pair_with_bridge,
    running_bridge,
    staff_member,
    take_the_call,
)

pytestmark = pytest.mark.bridge  # also needs pcscd and the vpcd driver

CITIZEN = CardIdentity(
    name="𠮷田 花子",
    address="茨城県笠間市中央三丁目2番1号　笠間中央ハイツ101号室",
    birth_date="19410715",
    sex="2",
)
PIN = "1234"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, frontend_dist: Path, jlis: SimulatedJlis) -> Iterator[Server]:  # noqa: F811
    """The browser tests' server, trusting the simulator's test J-LIS anchor for card checks."""
    tmp = tmp_path_factory.mktemp("card-server")
    anchor = tmp / "test-jlis-anchor.pem"
    anchor.write_bytes(jlis.anchor_pem())
    port = _free_port()
    base = f"http://localhost:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'madoguchi.db'}",
        "PUBLIC_URL": base,
        "PORT": str(port),
        "FRONTEND_DIST": str(frontend_dist),
        "AUTH_RATE_LIMIT_PER_MINUTE": "10000",
        "LOG_LEVEL": "WARNING",
        "JLIS_TRUST_ANCHORS": str(anchor),
        # Care certification has a legal basis for the My Number: kept encrypted with this key.
        "MY_NUMBER_KEYS": "test:" + base64.b64encode(bytes(range(32))).decode(),
    }
    env.pop("REDIS_URL", None)
    log = tmp / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [_madoguchi(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_ready(f"http://127.0.0.1:{port}/health/ready", proc, log)
        found = re.search(r"(http://\S+/staff/#/invite/\S+)", log.read_text())
        assert found, log.read_text()
        yield Server(base=base, env=env, log=log, first_admin_invite=found.group(1))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def bridge(server: Server, pcscd: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bridge]:  # noqa: F811
    """`madoguchi-bridge serve` as the van runs it, with pcscd up for its card reader."""
    with running_bridge(server, tmp_path_factory.mktemp("bridge-data")) as running:
        yield running


@pytest.fixture
def card(pcscd: None, jlis: SimulatedJlis, tmp_path: Path) -> Iterator[CardSlot]:  # noqa: F811
    slot = CardSlot(jlis, tmp_path)
    yield slot
    slot.remove()


def kiosk_with_bridge(new_page, server: Server, bridge_url: str, name: str) -> Page:  # type: ignore[no-untyped-def]
    """An enrolled kiosk whose page talks to the bridge at `bridge_url`."""
    created = json.loads(server.cli("enrol-terminal", "--name", name, "--place", "笠間市役所 駐車場", "--json"))
    page = new_page(
        viewport=KIOSK_VIEWPORT,
        init_script=f"try {{ localStorage.setItem('madoguchi.bridgeUrl', '{bridge_url}'); }} catch (e) {{}}",
    )
    page.goto("/kiosk/")
    page.get_by_label("登録コード").fill(created["enrolment_code"])
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("heading", name="ようこそ")).to_be_visible()
    return page


def press_digits(page: Page, digits: str) -> None:
    pad = page.get_by_role("group", name=re.compile("数字|number", re.I))
    for d in digits:
        pad.get_by_role("button", name=d, exact=True).click()


def both_languages(page: Page, name: str, english_heading: str) -> None:
    check_screen(page, name)
    assert_kiosk_sizes(page)
    # The card screens are a modal dialog with a language button of their own.
    choose_kiosk_language(page, "English")
    expect(page.get_by_role("heading", name=english_heading)).to_be_visible()
    check_screen(page, f"{name}-en")
    assert_kiosk_sizes(page)
    choose_kiosk_language(page, "日本語")


def no_sideways_scroll_at_200pct(page: Page, screenshot: str) -> None:
    """At 200% zoom (640 CSS px wide) the card dialog fits its width: it scrolls down only."""
    size = page.viewport_size
    page.set_viewport_size({"width": 640, "height": 450})
    try:
        widths = page.locator("dialog[open]").evaluate("(d) => [d.scrollWidth, d.clientWidth]")
        page.screenshot(path=str(SCREENSHOTS / f"{screenshot}.png"))
        assert widths[0] <= widths[1], f"the card dialog scrolls sideways at 200% zoom: {widths}"
    finally:
        if size:
            page.set_viewport_size(size)


def test_setup_says_plainly_when_the_bridge_is_not_running(new_page, server):
    kiosk = kiosk_with_bridge(new_page, server, f"ws://127.0.0.1:{_free_port()}", "移動市役所 3号車")
    kiosk.goto("/kiosk/#/setup")
    expect(kiosk.get_by_role("heading", name="機器の設定")).to_be_visible()
    expect(kiosk.get_by_test_id("bridge-state")).to_have_text("カード読み取りの装置（ブリッジ）が動いていません。")
    expect(kiosk.get_by_role("button", name="もう一度確かめる")).to_be_visible()
    both_languages(kiosk, "kiosk-setup-not-running", "Equipment")
    kiosk.get_by_role("button", name="戻る").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()

    # The citizen's card screens say the same in their words, and offer the way back.
    kiosk.get_by_role("button", name=re.compile("住民票の写しの請求")).click()
    kiosk.get_by_role("button", name="カードで本人確認").click()
    dialog = kiosk.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="いまはカードを読み取れません")).to_be_visible()
    expect(dialog).to_contain_text("カード読み取りの装置（ブリッジ）が動いていません。")
    check_screen(kiosk, "kiosk-card-no-bridge")
    assert_kiosk_sizes(kiosk)
    dialog.get_by_role("button", name="やめて戻る").last.click()
    expect(kiosk.get_by_role("heading", name="順番をお待ちください")).to_be_visible()
    # Leave the queue, so the next test's clerk gets its own citizen.
    kiosk.get_by_role("button", name="やめる").click()
    kiosk.get_by_role("button", name="はい、やめます").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()


def test_operator_pairs_and_a_citizen_confirms_identity_with_the_card(new_page, server, bridge, card):
    # The enrolment screen leads the operator to the equipment screen.
    fresh = new_page(viewport=KIOSK_VIEWPORT)
    fresh.goto("/kiosk/")
    expect(fresh.get_by_role("link", name="機器の設定（係の方へ）")).to_have_attribute("href", "#/setup")

    kiosk = kiosk_with_bridge(new_page, server, bridge.url, "移動市役所 2号車")
    # What the page says to the bridge and to the server, to check where the PIN and My Number go.
    to_bridge: list[dict] = []
    to_server: list[str] = []

    def on_socket(ws) -> None:  # type: ignore[no-untyped-def]
        if ws.url.startswith(bridge.url):
            ws.on(
                "framesent", lambda payload: to_bridge.append(json.loads(payload)) if isinstance(payload, str) else None
            )

    kiosk.on("websocket", on_socket)
    kiosk.on("request", lambda r: to_server.append(r.post_data or "") if r.method != "GET" else None)

    # --- The operator pairs the kiosk with the code on the bridge's console.
    kiosk.goto("/kiosk/#/setup")
    expect(kiosk.get_by_test_id("bridge-state")).to_have_text("この端末はまだブリッジと接続されていません。")
    both_languages(kiosk, "kiosk-setup", "Equipment")
    wrong = "000000" if bridge.code != "000000" else "111111"
    press_digits(kiosk, wrong)
    kiosk.get_by_role("button", name="接続する").click()
    expect(kiosk.locator("#setup-code-error")).to_contain_text("接続コードがちがいます")
    check_screen(kiosk, "kiosk-setup-wrong-code")
    kiosk.get_by_label("接続コード（6けた）").fill("")
    press_digits(kiosk, bridge.code)
    kiosk.get_by_role("button", name="接続する").click()
    expect(kiosk.get_by_test_id("bridge-state")).to_have_text("この端末はブリッジと接続済みです。")
    expect(kiosk.get_by_test_id("bridge-devices")).to_contain_text(READER)
    both_languages(kiosk, "kiosk-setup-paired", "Equipment")
    # The pairing survives a reload (IndexedDB), proven again with a fresh challenge.
    kiosk.reload()
    expect(kiosk.get_by_test_id("bridge-state")).to_have_text("この端末はブリッジと接続済みです。")
    kiosk.get_by_role("button", name="戻る").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()

    # --- A citizen takes a ticket for a service that needs an identity check.
    kiosk.get_by_role("button", name=re.compile("住民票の写しの請求")).click()
    expect(kiosk.get_by_role("heading", name="順番をお待ちください")).to_be_visible()
    kiosk.get_by_role("button", name="カードで本人確認").click()
    dialog = kiosk.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="カードを読み取り機に置いてください")).to_be_visible()
    expect(dialog.get_by_test_id("card-back-warning")).to_contain_text("カードの裏面")
    both_languages(kiosk, "kiosk-card-place", "Place your card on the reader")

    # A card that is not a My Number Card is named as such.
    card.insert(foreign=True)
    expect(dialog.get_by_text(re.compile("このカードはマイナンバーカードではないようです。"))).to_be_visible()
    check_screen(kiosk, "kiosk-card-not-mynumber")
    card.remove()

    # The right card: the PIN screen says how many tries are left before any try is spent.
    card.insert(CITIZEN)
    expect(dialog.get_by_role("heading", name="暗証番号を入れてください")).to_be_visible()
    expect(dialog.get_by_test_id("pin-tries")).to_have_text("のこり 3 回 入力できます。")
    # Taken away mid-way: said plainly; put back: on again.
    card.remove()
    expect(dialog.get_by_text("カードが読み取り機から離れました。もう一度置いてください。")).to_be_visible()
    card.insert(CITIZEN)
    expect(dialog.get_by_role("heading", name="暗証番号を入れてください")).to_be_visible()
    press_digits(kiosk, "12")
    expect(dialog.get_by_text("4けたのうち 2 けた入力しました")).to_be_visible()
    # Masked: the boxes show dots, and no input element holds the digits.
    assert re.fullmatch(r"[●\s]*", dialog.locator(".pin").inner_text())
    assert dialog.locator("input").count() == 0
    both_languages(kiosk, "kiosk-card-pin", "Enter your PIN")
    no_sideways_scroll_at_200pct(kiosk, "kiosk-card-pin-200pct")

    # Wrong PIN: tries left.
    clear_pin(kiosk)
    press_digits(kiosk, "9999")
    dialog.get_by_role("button", name="読み取る").click()
    expect(dialog.get_by_text("暗証番号がちがいます。のこり 2 回 入力できます。")).to_be_visible()
    check_screen(kiosk, "kiosk-card-pin-wrong")

    # Right PIN: the card's details, confirmed by the server's J-LIS check.
    press_digits(kiosk, PIN)
    dialog.get_by_role("button", name="読み取る").click()
    expect(dialog.get_by_role("heading", name="カードの内容")).to_be_visible(timeout=30_000)
    expect(dialog.get_by_test_id("card-verified")).to_contain_text("確認できました")
    person = dialog.get_by_test_id("card-person")
    expect(person).to_contain_text(CITIZEN.name)
    expect(person).to_contain_text("笠間中央ハイツ101号室")
    expect(person).to_contain_text("1941")
    assert CITIZEN.my_number not in kiosk.content()
    # This service has no legal basis for the My Number: the bridge is not asked for it and the
    # server is not sent it; the PIN went to the bridge only.
    reads = [m for m in to_bridge if m.get("type") == "read_card"]
    assert len(reads) == 2 and not any(m["legal_basis_for_my_number"] or m["allow_last_try"] for m in reads)
    card_posts = [json.loads(body) for body in to_server if '"basic_info"' in body]
    assert len(card_posts) == 1 and set(card_posts[0]) == {"basic_info", "signature", "certificate"}
    assert not any('"pin"' in body for body in to_server)
    both_languages(kiosk, "kiosk-card-result", "From your card")
    no_sideways_scroll_at_200pct(kiosk, "kiosk-card-result-200pct")
    dialog.get_by_role("button", name="終わる").first.click()
    expect(dialog).not_to_be_visible()
    expect(kiosk.get_by_role("heading", name="順番をお待ちください")).to_be_visible()

    # --- The clerk accepts and sees the read marked verified.
    staff = staff_member(new_page, server, "窓口 鈴木", ["shimin-ka"])
    staff.get_by_role("button", name="受付を始める").click()
    staff.get_by_role("button", name="次の方を受ける").click()
    panel = staff.get_by_test_id("card-reads")
    expect(panel).to_contain_text("カードで確認済み")
    expect(panel).to_contain_text(CITIZEN.name)
    check_screen(staff, "staff-card-verified")

    # --- In the call: the last try is guarded, and a locked card points to city hall.
    expect(kiosk.get_by_role("heading", name="窓口 鈴木 さんとお話しできます")).to_be_visible()
    kiosk.get_by_role("button", name="カードで本人確認").click()
    expect(dialog.get_by_role("heading", name="暗証番号を入れてください")).to_be_visible()
    expect(dialog.get_by_test_id("pin-tries")).to_have_text("のこり 3 回 入力できます。")
    press_digits(kiosk, "9999")
    dialog.get_by_role("button", name="読み取る").click()
    expect(dialog.get_by_text("暗証番号がちがいます。のこり 2 回 入力できます。")).to_be_visible()
    press_digits(kiosk, "9999")
    dialog.get_by_role("button", name="読み取る").click()
    expect(dialog.get_by_role("heading", name="のこり1回です")).to_be_visible()
    expect(dialog.get_by_test_id("last-try-warning")).to_contain_text("係の人に相談してください")
    both_languages(kiosk, "kiosk-card-last-try", "One try left")
    # Asking the staff closes the card screens; the call is where it was.
    dialog.get_by_role("button", name="係の人に相談する").click()
    expect(dialog).not_to_be_visible()
    expect(kiosk.get_by_role("heading", name="窓口 鈴木 さんとお話しできます")).to_be_visible()
    # Opened again, the card still has one try: the warning comes first, then "try anyway".
    kiosk.get_by_role("button", name="カードで本人確認").click()
    expect(dialog.get_by_role("heading", name="のこり1回です")).to_be_visible()
    dialog.get_by_role("button", name="わかりました。入力します").click()
    expect(dialog.get_by_test_id("pin-tries")).to_have_text("のこり 1 回 入力できます。")
    press_digits(kiosk, "9999")
    dialog.get_by_role("button", name="読み取る").click()
    expect(dialog.get_by_role("heading", name="暗証番号がロックされています")).to_be_visible()
    expect(dialog.get_by_test_id("pin-locked")).to_contain_text("市役所で暗証番号の再設定が必要です。")
    # Only the one try after the warning was sent with allow_last_try.
    assert [m["allow_last_try"] for m in to_bridge if m.get("type") == "read_card"][-3:] == [False, False, True]
    both_languages(kiosk, "kiosk-card-locked", "Your PIN is locked")

    # The locked card stays locked for the next person who tries.
    dialog.get_by_role("button", name="やめて戻る").click()
    card.reinsert()
    kiosk.get_by_role("button", name="カードで本人確認").click()
    expect(dialog.get_by_role("heading", name="暗証番号がロックされています")).to_be_visible()


def clear_pin(page: Page) -> None:
    dialog = page.get_by_role("dialog")
    while "0 けた" not in dialog.locator("#pin-count").inner_text():
        dialog.get_by_role("button", name="1文字消す").click()


def test_the_card_fills_the_form_only_after_the_citizen_agrees(new_page, server, card, tmp_path):
    """書かない窓口 with the card: its basic four items go into the clerk's form once the citizen
    says yes on the kiosk, and the clerk sees which fields came from the card."""
    with running_bridge(server, tmp_path / "bridge") as own:
        kiosk = kiosk_with_bridge(new_page, server, own.url, "移動市役所 8号車")
        pair_with_bridge(kiosk, own.code)

        staff = staff_member(new_page, server, "窓口 斉藤", ["kaigo-hoken"])
        staff.get_by_role("button", name="受付を始める").click()
        take_the_call(staff, kiosk, "要介護認定の申請")
        expect(kiosk.get_by_role("heading", name="窓口 斉藤 さんとお話しできます")).to_be_visible()

        card.insert(CITIZEN)
        kiosk.get_by_role("button", name="カードで本人確認").click()
        dialog = kiosk.get_by_role("dialog")
        expect(dialog.get_by_role("heading", name="暗証番号を入れてください")).to_be_visible()
        press_digits(kiosk, PIN)
        dialog.get_by_role("button", name="読み取る").click()
        expect(dialog.get_by_test_id("card-verified")).to_contain_text("確認できました", timeout=30_000)
        dialog.get_by_role("button", name="終わる").first.click()
        expect(dialog).not_to_be_visible()
        # The clerk's panel shows the read as soon as it is made (the call's socket says so).
        expect(staff.get_by_test_id("card-reads")).to_contain_text("カードで確認済み")

        staff.get_by_role("button", name="申請書を開く").click()
        fill = staff.get_by_role("button", name="カードの内容で入力")
        expect(fill).to_be_disabled()  # not before the citizen agrees
        expect(staff.get_by_text("市民の方が、カードの内容を使うことにまだ同意していません。")).to_be_visible()
        expect(kiosk.get_by_role("heading", name="カードの内容を使ってもよいですか？")).to_be_visible()
        kiosk.get_by_role("button", name="はい、使ってください").click()

        expect(fill).to_be_enabled()
        fill.click()
        expect(staff.locator("#app-name")).to_have_value(CITIZEN.name)
        expect(staff.locator("#app-address")).to_have_value(CITIZEN.address)
        applicant = staff.get_by_test_id("section-applicant")
        expect(applicant.get_by_text("カードから")).to_have_count(4)  # name, birth date, sex, address
        check_screen(staff, "staff-application-from-card")
        # The kiosk shows the filled section for the citizen to confirm.
        expect(kiosk.locator("[data-testid=kiosk-section] dd[data-field=name]")).to_have_text(CITIZEN.name)
        # A field the clerk changes is no longer marked as from the card.
        staff.locator("#app-address").fill("茨城県笠間市中央三丁目2番1号")
        expect(applicant.get_by_text("カードから")).to_have_count(3)
