"""Steps shared by the browser tests, written the way a person would do them."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import KIOSK_VIEWPORT, ROOT, SCREENSHOTS, Server, _free_port, _madoguchi, check_screen


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


def choose_kiosk_language(page: Page, name: str) -> None:
    """Switch the kiosk's language as a citizen does: the welcome screen lists the six languages;
    on every other screen the top bar's "ことば / Language" button opens them in a dialog (the
    card check, itself a dialog, has that button too)."""
    inline = page.locator(".kiosk__languages").get_by_role("button", name=name, exact=True)
    if inline.count():
        inline.click()
        return
    page.locator(".language-switch__open").last.click()
    page.get_by_role("dialog").last.get_by_role("button", name=name, exact=True).click()


def staff_member(new_page, server: Server, name: str, providers: list[str]) -> Page:  # type: ignore[no-untyped-def]
    """A clerk of the given counters, invited by a fresh admin and signed in on the staff dashboard."""
    admin = signed_in_admin(new_page, server, f"{name} の管理者")
    created = admin.evaluate(
        """async ([name, providers]) => {
            const r = await fetch('/api/admin/invites', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({display_name: name, role: 'staff', provider_ids: providers})});
            if (!r.ok) throw new Error(await r.text());
            return r.json();
        }""",
        [name, providers],
    )
    page = new_page(authenticator=True, init_script=TRACK_PEER_CONNECTIONS)
    accept_invite(page, created["url"], f"{name} のパソコン")
    return page


def enrolled_kiosk(  # type: ignore[no-untyped-def]
    new_page, server: Server, name: str, place: str, base_url: str | None = None, init_script: str = ""
) -> Page:
    """A kiosk enrolled from the command line's one-time code, on its welcome screen."""
    created = json.loads(server.cli("enrol-terminal", "--name", name, "--place", place, "--json"))
    kiosk = new_page(viewport=KIOSK_VIEWPORT, base_url=base_url, init_script=TRACK_PEER_CONNECTIONS + init_script)
    kiosk.goto("/kiosk/")
    kiosk.get_by_label("登録コード").fill(created["enrolment_code"])
    kiosk.get_by_role("button", name="登録する").click()
    expect(kiosk.get_by_role("heading", name="ようこそ")).to_be_visible()
    return kiosk


# Keeps every RTCPeerConnection the page makes, so a test can read getStats() like chrome://webrtc-internals.
TRACK_PEER_CONNECTIONS = """
(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
  // Sum of one inbound-rtp counter over the live peer connections, for one kind (and m-line).
  window.__inbound = async (kind, field, mid) => {
    let total = 0;
    for (const pc of window.__pcs.filter((p) => p.connectionState !== 'closed')) {
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === kind && (mid == null || r.mid === String(mid))) total += r[field] || 0;
      });
    }
    return total;
  };
})();
"""


def inbound(page: Page, kind: str, field: str, mid: int | None = None) -> int:
    return page.evaluate("([k, f, m]) => window.__inbound(k, f, m)", [kind, field, mid])


def wait_media_flowing(page: Page, kind: str = "video", mid: int | None = None, timeout: float = 20_000) -> dict:
    """Frames decoded (video) or packets received (audio) keep GROWING: waits for a first count,
    then for more. The wait runs in the page (Playwright's wait_for_function does not await a
    promise, so an async predicate would pass at once). Returns the counts and the time taken."""
    field = "framesDecoded" if kind == "video" else "packetsReceived"
    result = page.evaluate(
        """async ([kind, field, mid, timeout]) => {
            const start = performance.now();
            const until = async (test) => {
                for (;;) {
                    const n = await window.__inbound(kind, field, mid);
                    if (test(n)) return n;
                    if (performance.now() - start > timeout) return null;
                    await new Promise((r) => setTimeout(r, 50));  // poll interval of a condition wait
                }
            };
            const first = await until((n) => n > 0);
            if (first === null) return { ok: false, first: 0, last: 0, ms: performance.now() - start };
            const firstMs = performance.now() - start;
            const last = await until((n) => n > first + 5);
            return { ok: last !== null, first, last, firstMs, ms: performance.now() - start };
        }""",
        [kind, field, mid, timeout],
    )
    assert result["ok"], f"{kind} (m-line {mid}) not flowing on {page.url}: {result}"
    return result


@dataclass(frozen=True)
class Bridge:
    port: int
    code: str

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"


@contextmanager
def running_bridge(server: Server, data_dir: Path) -> Iterator[Bridge]:
    """`madoguchi-bridge serve --simulated-camera` as the van runs it; its console shows the pairing code."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(Path(_madoguchi()).with_name("madoguchi-bridge")),
            "serve",
            "--port",
            str(port),
            "--allowed-origin",
            server.base,
            "--data-dir",
            str(data_dir),
            "--simulated-camera",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout or []], daemon=True).start()
    try:
        printed: list[str] = []
        while True:
            try:
                line = lines.get(timeout=30)  # waits for the next console line, not a fixed time
            except queue.Empty:
                pytest.fail(f"the bridge printed no pairing code: {printed}")
            printed.append(line)
            if found := re.search(r"Pairing code.*?(\d{3}) (\d{3})", line):
                break
        yield Bridge(port, found.group(1) + found.group(2))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def take_the_call(staff: Page, kiosk: Page, service: str) -> str:
    """The citizen takes a ticket for the service (tile name starts with it); this clerk accepts
    exactly that ticket. Returns the ticket number."""
    kiosk.get_by_role("button", name=re.compile(f"^{re.escape(service)}")).click()
    ticket = kiosk.get_by_test_id("ticket-number").inner_text()
    staff.get_by_role("button", name=f"{ticket} 番の方を受ける").click()
    return ticket


def pair_with_bridge(kiosk: Page, code: str) -> None:
    """The operator types the bridge's pairing code on the equipment screen, then goes back."""
    kiosk.goto("/kiosk/#/setup")
    kiosk.get_by_label("接続コード（6けた）").fill(code)
    kiosk.get_by_role("button", name="接続する").click()
    expect(kiosk.get_by_test_id("bridge-state")).to_have_text("この端末はブリッジと接続済みです。")
    kiosk.get_by_role("button", name="戻る").click()
