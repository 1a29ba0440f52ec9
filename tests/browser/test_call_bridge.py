"""The document camera of the device bridge in a call: the kiosk pairs with a real
`madoguchi-bridge serve --simulated-camera`, and the clerk sees the bridge's aiortc track."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server, check_screen
from tests.browser.helpers import (
    enrolled_kiosk,
    pair_with_bridge,
    running_bridge,
    staff_member,
    take_the_call,
    wait_media_flowing,
)

DOCUMENT = 2


@pytest.fixture
def bridge(server: Server, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The bridge as the van runs it (no card reader needed here); yields its URL and pairing code."""
    with running_bridge(server, tmp_path / "bridge") as running:
        yield running.url, running.code


def test_the_clerk_sees_the_bridge_document_camera(new_page, server, bridge):
    url, code = bridge
    staff = staff_member(new_page, server, "窓口 山本", ["hidamari-care"])
    staff.get_by_role("button", name="受付を始める").click()
    kiosk = enrolled_kiosk(
        new_page,
        server,
        "移動市役所 5号車",
        "北川辺 集会所",
        init_script=f"try {{ localStorage.setItem('madoguchi.bridgeUrl', '{url}'); }} catch (e) {{}}",
    )
    pair_with_bridge(kiosk, code)

    take_the_call(staff, kiosk, "訪問介護の相談")
    wait_media_flowing(staff, "video", mid=DOCUMENT)
    # What the kiosk sends as its document camera is the track it receives from the bridge.
    assert kiosk.evaluate(
        """() => {
            const bridge = window.__pcs.find((pc) => pc.getTransceivers().length === 1 && pc.connectionState === 'connected');
            const call = window.__pcs.find((pc) => pc.getTransceivers().length === 3 && pc.connectionState === 'connected');
            const sent = call && call.getTransceivers()[2].sender.track;
            return !!bridge && !!sent && sent.id === bridge.getReceivers()[0].track.id;
        }"""
    )
    staff.get_by_role("button", name="書類を大きく").click()
    expect(staff.get_by_test_id("remote-doc")).to_be_visible()
    staff.wait_for_function(
        "() => document.querySelector('[data-testid=remote-doc] video')?.videoWidth > 0", polling=100
    )
    check_screen(staff, "staff-call-bridge-document")
    staff.get_by_role("button", name="通話を終える").click()
    staff.get_by_role("button", name="通話を終える").click()
    staff.get_by_label("解決した").check()
    staff.get_by_role("button", name="記録する").click()
    expect(kiosk.get_by_text("ご用件はこれでおわりです。")).to_be_visible()
