"""Documents in the call, end to end: the clerk presses Capture, the kiosk takes a full-resolution
still with the browser's camera (a generated photo of a printed form lying turned on a desk), the
server straightens it and both sides see the flat page; the clerk points and highlights, the kiosk
sees the marks live and sees them cleared. And from a home tablet, a photo shared after consent."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, KIOSK_VIEWPORT, Server, check_screen
from tests.browser.helpers import (
    TRACK_PEER_CONNECTIONS,
    assert_kiosk_sizes,
    enrolled_kiosk,
    pair_with_bridge,
    running_bridge,
    staff_member,
    take_the_call,
    wait_media_flowing,
)
from tests.support.pages import jpeg, photographed_page

STILL = (1920, 1440)  # the fake camera's full resolution; the call itself sends 640x360


def _y4m(path: Path) -> Path:
    """One frame of a form turned 12° on a desk, seen from the side, as Chromium's fake camera file."""
    photo, _ = photographed_page(*STILL, angle=12, tilt=0.2, page_share=0.8, noise=3)
    planes = cv2.cvtColor(photo, cv2.COLOR_BGR2YUV_I420)
    path.write_bytes(f"YUV4MPEG2 W{STILL[0]} H{STILL[1]} F15:1 Ip A1:1 C420jpeg\nFRAME\n".encode() + planes.tobytes())
    return path


@pytest.fixture(scope="module")
def paper_camera_browser(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A second Chromium (same Playwright) whose only camera looks at a sheet of paper on a desk."""
    frame = _y4m(tmp_path_factory.mktemp("camera") / "page.y4m")
    args = [a for a in CHROMIUM_ARGS if not a.startswith("--use-fake-device-for-media-stream")]
    args += ["--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={frame}"]
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    yield b
    b.close()


@pytest.fixture(scope="module")
def cameraless_browser(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A Chromium with no camera at all (no fake devices; this machine has none)."""
    args = [a for a in CHROMIUM_ARGS if not a.startswith("--use-fake-device-for-media-stream")]
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    yield b
    b.close()


def _opener(chromium, server: Server):  # type: ignore[no-untyped-def]
    contexts = []

    def open_page(  # type: ignore[no-untyped-def]
        viewport=None, authenticator=False, locale="ja-JP", base_url=None, init_script=None
    ):
        ctx = chromium.new_context(base_url=base_url or server.base, viewport=viewport or KIOSK_VIEWPORT, locale=locale)
        if init_script:
            ctx.add_init_script(init_script)
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        return ctx.new_page()

    return open_page, contexts


@pytest.fixture
def paper_page(paper_camera_browser, server):  # type: ignore[no-untyped-def]
    open_page, contexts = _opener(paper_camera_browser, server)
    yield open_page
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def cameraless_page(cameraless_browser, server):  # type: ignore[no-untyped-def]
    open_page, contexts = _opener(cameraless_browser, server)
    yield open_page
    for ctx in contexts:
        ctx.close()


def _image_size(page: Page, test_id: str) -> tuple[int, int]:
    page.wait_for_function(
        f"() => document.querySelector('[data-testid={test_id}] img')?.naturalWidth > 0", polling=100
    )
    return tuple(  # type: ignore[return-value]
        page.evaluate(
            f"() => {{ const i = document.querySelector('[data-testid={test_id}] img'); return [i.naturalWidth, i.naturalHeight]; }}"
        )
    )


def _marks(page: Page, test_id: str) -> list[dict[str, str]]:
    return page.evaluate(
        f"""() => [...document.querySelectorAll('[data-testid={test_id}] svg > *')].map((m) => ({{
            kind: m.tagName, x: m.getAttribute('cx') ?? m.getAttribute('x'), y: m.getAttribute('cy') ?? m.getAttribute('y'),
        }}))"""
    )


def test_capture_straighten_and_point_at_the_page(new_page, paper_page, server: Server) -> None:
    staff = staff_member(new_page, server, "窓口 中村", ["shimin-ka"])
    staff.get_by_role("button", name="受付を始める").click()
    kiosk = enrolled_kiosk(paper_page, server, "移動市役所 3号車", "友部公民館")
    take_the_call(staff, kiosk, "住民票の写しの請求")
    expect(kiosk.get_by_role("heading", name="窓口 中村 さんとお話しできます")).to_be_visible()
    # The kiosk's camera is open for the call (its self view shows frames): the still comes from it.
    kiosk.wait_for_function("() => document.querySelector('.video-tile--self video')?.videoWidth > 0", polling=100)
    # This service reads the My Number Card: before anything is captured the citizen is told, in
    # large print, never to show the card's back to the camera.
    warning = kiosk.get_by_test_id("card-back-warning")
    expect(warning).to_have_text(re.compile("マイナンバーカードの裏面.*カメラに映さないでください"))
    assert float(warning.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")) >= 28

    expect(staff.get_by_text("まだ書類や写真はありません。")).to_be_visible()
    staff.get_by_role("button", name="撮影").click()
    expect(staff.get_by_test_id("capture-status")).to_contain_text("書類の写真が届きました。", timeout=30_000)

    # Both sides show the straightened page: portrait A4 cut out of the landscape photo.
    staff_w, staff_h = _image_size(staff, "staff-document")
    kiosk_w, kiosk_h = _image_size(kiosk, "kiosk-document")
    assert (staff_w, staff_h) == (kiosk_w, kiosk_h)
    assert 1.35 < staff_h / staff_w < 1.48, (staff_w, staff_h)
    assert staff_h > 1000  # from the full-resolution still, not from the call's 640x360 video
    expect(kiosk.get_by_role("img", name="書類の写真")).to_be_visible()
    # The clerk can open the photo as taken: the camera's full resolution.
    original = staff.get_by_role("link", name="元の写真を開く")
    expect(original).to_have_attribute("target", "_blank")
    taken = staff.evaluate(
        """async (url) => { const b = await createImageBitmap(await (await fetch(url)).blob()); return [b.width, b.height]; }""",
        original.get_attribute("href"),
    )
    assert tuple(taken) == STILL

    # Pointing: a click on the clerk's page shows a ring at the same place on the kiosk.
    page = staff.get_by_test_id("staff-document").locator("svg")
    box = page.bounding_box()
    assert box is not None
    page.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.5})
    expect(kiosk.get_by_test_id("kiosk-document").locator("circle")).to_have_count(1)
    ring = _marks(kiosk, "kiosk-document")[0]
    assert abs(float(ring["x"].rstrip("%")) - 25) < 1.5 and abs(float(ring["y"].rstrip("%")) - 50) < 1.5
    expect(kiosk.get_by_text("係の人が、書類に印をつけています。")).to_be_visible()

    # Highlighting: a drag draws a box the kiosk sees grow and stay.
    staff.get_by_role("button", name="囲む").click()
    page.scroll_into_view_if_needed()
    box = page.bounding_box()
    assert box is not None
    staff.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.2)
    staff.mouse.down()
    staff.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.25, steps=8)
    staff.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.3, steps=8)
    staff.mouse.up()
    expect(kiosk.get_by_test_id("kiosk-document").locator("rect")).to_have_count(1)
    rect = kiosk.get_by_test_id("kiosk-document").locator("rect")
    assert abs(float(rect.get_attribute("width").rstrip("%")) - 80) < 2  # type: ignore[union-attr]
    assert abs(float(rect.get_attribute("x").rstrip("%")) - 10) < 2  # type: ignore[union-attr]
    check_screen(staff, "staff-capture")
    check_screen(kiosk, "kiosk-document")
    assert_kiosk_sizes(kiosk)

    staff.get_by_role("button", name="印を消す").click()
    expect(kiosk.get_by_test_id("kiosk-document").locator("svg > *")).to_have_count(0)
    expect(kiosk.get_by_text("係の人が、書類に印をつけています。")).to_have_count(0)

    # A second page; choosing the first again shows it on the kiosk too.
    first = kiosk.get_by_test_id("kiosk-document").locator("img").get_attribute("src")
    staff.get_by_role("button", name="撮影").click()
    expect(staff.get_by_role("button", name=re.compile("^書類 2"))).to_have_attribute("aria-pressed", "true")
    expect(kiosk.get_by_test_id("kiosk-document").locator("img")).not_to_have_attribute("src", first or "")
    staff.get_by_role("button", name=re.compile("^書類 1")).click()
    expect(kiosk.get_by_test_id("kiosk-document").locator("img")).to_have_attribute("src", first or "")


def test_a_captured_page_goes_into_the_form_and_the_citizen_sees_it_there(new_page, paper_page, server: Server) -> None:
    staff = staff_member(new_page, server, "窓口 岡田", ["kaigo-hoken"])
    staff.get_by_role("button", name="受付を始める").click()
    kiosk = enrolled_kiosk(paper_page, server, "移動市役所 7号車", "笠間公民館")
    take_the_call(staff, kiosk, "要介護認定の申請")
    kiosk.wait_for_function("() => document.querySelector('.video-tile--self video')?.videoWidth > 0", polling=100)
    staff.get_by_role("button", name="申請書を開く").click()
    kiosk.get_by_role("button", name="いいえ、使いません").click()
    page_field = staff.locator("#app-insurance_card")
    expect(page_field.locator("option")).to_have_count(1)  # nothing captured yet: "(none)" only
    expect(staff.get_by_text("まだ撮影した書類はありません。")).to_be_visible()

    staff.get_by_role("button", name="撮影").click()
    expect(staff.get_by_test_id("capture-status")).to_contain_text("書類の写真が届きました。", timeout=30_000)
    page_field.focus()  # the list is read again when the clerk opens it
    expect(page_field.locator("option")).to_have_count(2)
    page_field.select_option(index=1)
    shown = kiosk.locator("[data-testid=kiosk-section] dd[data-field=insurance_card] img")
    expect(shown).to_be_visible()
    expect(shown).to_have_attribute("alt", "撮影した書類")
    kiosk.wait_for_function(
        "() => document.querySelector('dd[data-field=insurance_card] img')?.naturalHeight > 1000", polling=100
    )
    check_screen(kiosk, "kiosk-application-document")
    assert_kiosk_sizes(kiosk)


def test_capture_failures_are_explained_on_both_sides_and_nothing_is_lost(
    new_page, paper_page, cameraless_page, server: Server
) -> None:
    staff = staff_member(new_page, server, "窓口 加藤", ["kenko-zoshin"])
    staff.get_by_role("button", name="受付を始める").click()

    # The upload fails (the network drops the request): the still stays on the kiosk.
    kiosk = enrolled_kiosk(paper_page, server, "移動市役所 4号車", "宍戸公民館")
    ticket = take_the_call(staff, kiosk, "健康相談")
    expect(kiosk.get_by_role("heading", name="窓口 加藤 さんとお話しできます")).to_be_visible()
    kiosk.route(re.compile(r".*/attachments\?kind=document.*"), lambda route: route.abort("internetdisconnected"))
    staff.get_by_role("button", name="撮影").click()
    expect(staff.get_by_role("alert")).to_have_text(
        "写真を受け取れませんでした。市民の方の端末に写真は残っており、再送できます。"
    )
    expect(kiosk.get_by_role("alert")).to_contain_text("書類の写真を送れませんでした。写真はこの端末に残っています。")
    check_screen(kiosk, "kiosk-capture-failed")
    assert_kiosk_sizes(kiosk)
    kiosk.unroute(re.compile(r".*/attachments\?kind=document.*"))
    kiosk.get_by_role("button", name="もう一度送る").click()
    expect(staff.get_by_test_id("capture-status")).to_contain_text("書類の写真が届きました。")
    expect(kiosk.get_by_test_id("kiosk-document").locator("img")).to_be_visible()
    expect(kiosk.get_by_role("alert")).to_have_count(0)
    staff.get_by_role("button", name="通話を終える").click()
    staff.get_by_role("button", name="通話を終える").click()  # asked once
    staff.get_by_label("解決した").check()
    staff.get_by_role("button", name="記録する").click()
    expect(staff.get_by_text(f"{ticket} 番の方の対応を記録しました。")).to_be_visible()

    # A kiosk with no camera at all: both sides are told, in words, instead of waiting.
    bare = enrolled_kiosk(cameraless_page, server, "移動市役所 7号車", "北川辺 集会所")
    bare.get_by_role("button", name=re.compile("^健康相談")).click()
    ticket = bare.get_by_test_id("ticket-number").inner_text()
    staff.get_by_role("button", name=f"{ticket} 番の方を受ける").click()
    expect(bare.get_by_text("カメラかマイクが使えません。")).to_be_visible()
    staff.get_by_role("button", name="撮影").click()
    expect(staff.get_by_role("alert")).to_have_text("市民の方の端末に書類カメラがないため、撮影できませんでした。")
    expect(bare.get_by_role("alert")).to_have_text(
        "この端末には、書類を写すカメラがありません。係の人にもお知らせしました。"
    )
    check_screen(staff, "staff-capture-failed")


def test_a_home_tablet_shares_a_photo_after_consent(new_page, server: Server, tmp_path: Path) -> None:
    created = json.loads(
        server.cli(
            "enrol-terminal", "--name", "鈴木さんのタブレット", "--place", "自宅", "--kind", "home_tablet", "--json"
        )
    )
    tablet = new_page(viewport=KIOSK_VIEWPORT, init_script=TRACK_PEER_CONNECTIONS)
    tablet.goto("/kiosk/")
    tablet.get_by_label("登録コード").fill(created["enrolment_code"])
    tablet.get_by_role("button", name="登録する").click()
    tablet.get_by_role("button", name=re.compile("^子育て相談")).click()
    expect(tablet.get_by_role("heading", name="順番をお待ちください")).to_be_visible()

    tablet.get_by_role("button", name="写真や動画を係の人に見せる").click()
    dialog = tablet.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="写真や動画を送る前に、お読みください")).to_be_visible()
    facts = dialog.get_by_test_id("consent-facts")
    expect(facts).to_contain_text("あなたがえらんだ写真か動画1つだけです。")
    expect(facts).to_contain_text("市役所で30日間だけ保存し、そのあと自動で消します。")
    expect(facts).to_contain_text("見るのは、このご相談の係の人だけです。")
    check_screen(tablet, "home-upload-consent")
    assert_kiosk_sizes(tablet)

    dialog.get_by_role("button", name="わかりました。写真か動画をえらびます").click()
    expect(dialog.get_by_role("heading", name="写真か動画をえらんでください")).to_be_visible()
    # Something the server does not take is refused politely, before anything is sent.
    text = tmp_path / "notes.txt"
    text.write_text("not a photo")
    dialog.get_by_test_id("home-share-file").set_input_files(str(text))
    expect(dialog.get_by_role("alert")).to_contain_text("この種類のファイルは送れません。")
    photo = tmp_path / "child.jpg"
    photo.write_bytes(jpeg(np.full((600, 800, 3), (120, 170, 220), np.uint8)))
    dialog.get_by_test_id("home-share-file").set_input_files(str(photo))
    expect(dialog.get_by_role("heading", name="送りました")).to_be_visible()
    expect(dialog.get_by_test_id("home-share-sent")).to_contain_text("に自動で消します。")
    check_screen(tablet, "home-upload-sent")
    dialog.get_by_role("button", name="もとの画面にもどる").click()
    expect(tablet.get_by_role("heading", name="順番をお待ちください")).to_be_visible()

    # The counter sees the photo when the call starts.
    staff = staff_member(new_page, server, "窓口 小林", ["kodomo-ikusei"])
    staff.get_by_role("button", name="受付を始める").click()
    ticket = tablet.get_by_test_id("ticket-number").inner_text()
    staff.get_by_role("button", name=f"{ticket} 番の方を受ける").click()
    expect(staff.get_by_role("button", name=re.compile("^写真 "))).to_be_visible()
    w, h = _image_size(staff, "staff-document")
    assert (w, h) == (800, 600)
    expect(staff.get_by_text(re.compile("に自動で削除されます。"))).to_be_visible()


def test_capture_through_the_device_bridge(new_page, server: Server, tmp_path: Path) -> None:
    """With a paired bridge the still comes from its document camera (simulated: 2592x1944)."""
    with running_bridge(server, tmp_path / "bridge") as bridge:
        staff = staff_member(new_page, server, "窓口 山田", ["hidamari-care"])
        staff.get_by_role("button", name="受付を始める").click()
        kiosk = enrolled_kiosk(
            new_page,
            server,
            "移動市役所 6号車",
            "岩間公民館",
            init_script=f"try {{ localStorage.setItem('madoguchi.bridgeUrl', '{bridge.url}'); }} catch (e) {{}}",
        )
        pair_with_bridge(kiosk, bridge.code)
        take_the_call(staff, kiosk, "訪問介護の相談")
        wait_media_flowing(staff, "video", mid=2)  # the bridge's document camera reaches the clerk

        staff.get_by_role("button", name="撮影").click()
        expect(staff.get_by_test_id("capture-status")).to_contain_text("書類の写真が届きました。", timeout=30_000)
        w, h = _image_size(kiosk, "kiosk-document")
        assert 1.35 < h / w < 1.48 and h > 1500, (w, h)
        original = staff.get_by_role("link", name="元の写真を開く").get_attribute("href")
        taken = staff.evaluate(
            "async (url) => { const b = await createImageBitmap(await (await fetch(url)).blob()); return [b.width, b.height]; }",
            original,
        )
        assert tuple(taken) == (2592, 1944)
