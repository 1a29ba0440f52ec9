"""Browser end-to-end fixtures: a real Madoguchi server on a free port against a temp SQLite file,
Debian's Chromium driven by Playwright, and CDP virtual authenticators for passkeys."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
# TEST_FRONTEND_DIST lets a developer test a build made elsewhere (e.g. `vite build --outDir ...`).
DIST = Path(os.environ.get("TEST_FRONTEND_DIST") or FRONTEND / "dist")
AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Calls: camera and microphone granted without a prompt; fake devices (a test pattern and a
    # beep), two cameras so the kiosk has a document camera; real host IPs in ICE candidates.
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream=device-count=2",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--autoplay-policy=no-user-gesture-required",
]
KIOSK_VIEWPORT = {"width": 1280, "height": 900}
OFFICE_VIEWPORT = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@dataclass
class Server:
    base: str
    env: dict[str, str]
    log: Path
    first_admin_invite: str

    def cli(self, *args: str) -> str:
        """Runs `madoguchi <args>` against this server's database and returns what it printed."""
        done = subprocess.run(
            [_madoguchi(), *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
        )
        return done.stdout


def _madoguchi() -> str:
    script = Path(sys.executable).with_name("madoguchi")
    return str(script) if script.exists() else shutil.which("madoguchi") or "madoguchi"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # polling interval while waiting for a condition, not a synchronisation sleep
    raise RuntimeError(f"server not ready after {timeout}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def frontend_dist() -> Path:
    """The built front end; builds it when missing (CI builds first, so this is for a bare checkout)."""
    if not (DIST / "kiosk" / "index.html").is_file() or not AXE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("frontend/dist is missing and npm is not installed")
        if not (FRONTEND / "node_modules").is_dir():
            subprocess.run([npm, "ci"], cwd=FRONTEND, check=True)
        subprocess.run([npm, "run", "build"], cwd=FRONTEND, check=True)
    return DIST


class ServerProcess:
    """`madoguchi serve` on a port of its own against a temp SQLite file; can be stopped and started
    again on the same port and database (a server restart)."""

    def __init__(self, tmp: Path, frontend_dist: Path) -> None:
        self.port = _free_port()
        base = f"http://localhost:{self.port}"  # WebAuthn wants a host name, not an IP
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'madoguchi.db'}",
            "PUBLIC_URL": base,
            "PORT": str(self.port),
            "FRONTEND_DIST": str(frontend_dist),
            "AUTH_RATE_LIMIT_PER_MINUTE": "10000",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("REDIS_URL", None)
        self.base = base
        self.log = tmp / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [_madoguchi(), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_ready(f"http://127.0.0.1:{self.port}/health/ready", self.proc, self.log)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def server(self) -> Server:
        found = re.search(r"(http://\S+/staff/#/invite/\S+)", self.log.read_text())
        if not found:
            raise RuntimeError(f"serve printed no first-admin invite:\n{self.log.read_text()}")
        return Server(base=self.base, env=self.env, log=self.log, first_admin_invite=found.group(1))


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, frontend_dist: Path) -> Iterator[Server]:
    process = ServerProcess(tmp_path_factory.mktemp("server"), frontend_dist)
    try:
        process.start()
        yield process.server()
    finally:
        process.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        # Playwright gives every launch a fresh temporary profile (user-data-dir) of its own.
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def add_authenticator(page) -> str:  # type: ignore[no-untyped-def]
    """A CDP virtual platform authenticator with user verification, like a laptop's fingerprint reader."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    result = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page._madoguchi_cdp = cdp  # keep the session (and so the authenticator) alive with the page
    page._madoguchi_authenticator = result["authenticatorId"]
    return result["authenticatorId"]


def copy_passkeys(source, target) -> None:  # type: ignore[no-untyped-def]
    """The same person on a second device: copy the passkeys of one virtual authenticator to another."""
    found = source._madoguchi_cdp.send("WebAuthn.getCredentials", {"authenticatorId": source._madoguchi_authenticator})
    for credential in found["credentials"]:
        target._madoguchi_cdp.send(
            "WebAuthn.addCredential", {"authenticatorId": target._madoguchi_authenticator, "credential": credential}
        )


@pytest.fixture
def new_page(browser, server):  # type: ignore[no-untyped-def]
    """Opens pages, each in its own browser context (its own cookies, storage, service worker)."""
    contexts = []

    def open_page(  # type: ignore[no-untyped-def]
        viewport: dict[str, int] | None = None,
        authenticator: bool = False,
        locale: str = "ja-JP",
        base_url: str | None = None,
        init_script: str | None = None,
    ):
        ctx = browser.new_context(base_url=base_url or server.base, viewport=viewport or OFFICE_VIEWPORT, locale=locale)
        if init_script:
            ctx.add_init_script(init_script)
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        if authenticator:
            add_authenticator(page)
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def check_screen(page, name: str, screenshot: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Every screen: axe finds nothing, and a full-page screenshot goes to docs/screenshots/<name>.png
    (unless `screenshot` is False: sweeps over many states keep only the ones the docs show)."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    if screenshot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert result == [], f"axe violations on {name}:\n{json.dumps(result, indent=2, ensure_ascii=False)}"
