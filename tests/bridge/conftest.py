"""Bridge tests run the real stack: pyscard → pcscd → vpcd → the card simulator, and the bridge's
WebSocket as the kiosk page uses it. pcscd is started here (as root) unless one already answers."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from smartcard.CardRequest import CardRequest
from smartcard.Exceptions import CardRequestTimeoutException

from device_bridge.camera.simulated import SimulatedDocumentCamera
from device_bridge.card.reader import list_readers
from device_bridge.client import BridgeClient
from device_bridge.errors import BridgeError
from device_bridge.server import BridgeServer
from device_bridge.settings import Settings
from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import (
    CardIdentity,
    ForeignCardSimulator,
    MyNumberCardSimulator,
    SimulatedCard,
    TryCounter,
    VpcdLink,
)

PCSCD = "/usr/sbin/pcscd"
READER = "Virtual PCD 00 00"
APP_ORIGIN = "http://127.0.0.1:8000"
PIN = "1234"


def wait_until(condition: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    """Poll ``condition`` until it holds; fail the test at the deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _readers_or_none() -> list[str] | None:
    try:
        return [r.name for r in list_readers()]
    except BridgeError:
        return None


def card_present() -> bool:
    return any(r.name == READER and r.card_present for r in list_readers())


@pytest.fixture(scope="session")
def pcscd() -> Iterator[None]:
    if READER in (_readers_or_none() or []):
        yield  # a pcscd with the vpcd driver already answers: reuse it
        return
    if not os.access(PCSCD, os.X_OK):
        pytest.skip("pcscd is not installed")
    if os.geteuid() != 0:
        pytest.skip("pcscd must be started as root to bind /run/pcscd")
    process = subprocess.Popen([PCSCD, "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: READER in (_readers_or_none() or []), timeout=15, what="pcscd and the vpcd reader")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def jlis() -> SimulatedJlis:
    return SimulatedJlis.generate()


class CardSlot:
    """Puts simulated cards on the vpcd reader and takes them off, waiting until pcscd has seen it."""

    def __init__(self, jlis: SimulatedJlis, folder: Path) -> None:
        self._jlis = jlis
        self.counter_file = folder / "pin-counter.json"
        self.link: VpcdLink | None = None
        self.card: SimulatedCard | None = None

    def insert(self, identity: CardIdentity | None = None, *, foreign: bool = False) -> VpcdLink:
        self.remove()
        self.card = (
            ForeignCardSimulator()
            if foreign
            else MyNumberCardSimulator(identity or CardIdentity(), PIN, self._jlis, TryCounter(self.counter_file))
        )
        self.link = VpcdLink(self.card)
        self.link.insert()
        self.wait_inserted()
        return self.link

    def reinsert(self) -> None:
        assert self.link is not None
        self.link.pull_out()
        wait_until(lambda: not card_present(), what="card removal")
        self.link.insert()
        self.wait_inserted()

    def wait_inserted(self) -> None:
        try:
            service = CardRequest(readers=[READER], timeout=10).waitforcard()
        except CardRequestTimeoutException as exc:
            raise TimeoutError("card did not appear on the reader") from exc
        service.connection.release()

    def remove(self) -> None:
        if self.link is not None:
            self.link.pull_out()
            wait_until(lambda: not card_present(), what="card removal")
            self.link = None

    @property
    def mynumber(self) -> MyNumberCardSimulator:
        assert isinstance(self.card, MyNumberCardSimulator)
        return self.card


@pytest.fixture
def slot(pcscd: None, jlis: SimulatedJlis, tmp_path: Path) -> Iterator[CardSlot]:
    slot = CardSlot(jlis, tmp_path)
    yield slot
    slot.remove()


@pytest.fixture(scope="session")
async def bridge(pcscd: None, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[BridgeServer]:
    settings = Settings(port=0, allowed_origins=(APP_ORIGIN,), data_dir=tmp_path_factory.mktemp("bridge"))
    async with BridgeServer(settings, [SimulatedDocumentCamera()]) as server:
        yield server


def url(bridge: BridgeServer) -> str:
    return f"ws://127.0.0.1:{bridge.port}"


@pytest.fixture(scope="session")
async def pairing(bridge: BridgeServer) -> tuple[str, bytes]:
    """Pair once, as the operator does at setup: the code comes from the console, not the socket."""
    code = bridge.open_pairing()
    client = await BridgeClient.connect(url(bridge), APP_ORIGIN)
    paired = await client.pair(code)
    await client.close()
    return paired.pairing_id, bytes.fromhex(paired.secret)


@pytest.fixture
async def kiosk(bridge: BridgeServer, pairing: tuple[str, bytes]) -> AsyncIterator[BridgeClient]:
    client = await BridgeClient.connect(url(bridge), APP_ORIGIN)
    await client.hello(*pairing)
    yield client
    await client.close()
