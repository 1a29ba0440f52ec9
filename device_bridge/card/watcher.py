"""Watches pcscd for readers plugged/unplugged and cards inserted/removed, in one thread.

Blocks in SCardGetStatusChange (so events arrive at once, without polling pcscd hard) and
re-lists readers every time it wakes up; if pcscd goes away it says so and keeps retrying.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from smartcard import scard

from device_bridge.card.reader import ReaderInfo, _info, reader_names
from device_bridge.errors import BridgeError

log = logging.getLogger(__name__)

EventKind = Literal["reader_added", "reader_removed", "card_inserted", "card_removed", "pcsc_up", "pcsc_down"]
WAIT_MS = 500
_READER_LEFT = {scard.SCARD_E_UNKNOWN_READER & 0xFFFFFFFF, scard.SCARD_E_READER_UNAVAILABLE & 0xFFFFFFFF}


@dataclass(frozen=True, slots=True)
class ReaderEvent:
    kind: EventKind
    reader: str | None = None


class ReaderWatcher:
    def __init__(self, on_event: Callable[[ReaderEvent], None]) -> None:
        self._on_event = on_event
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pcsc-watcher", daemon=True)
        self._lock = threading.Lock()
        self._readers: dict[str, ReaderInfo] = {}
        self.pcsc_available = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def snapshot(self) -> list[ReaderInfo]:
        with self._lock:
            return list(self._readers.values())

    def _emit(self, kind: EventKind, reader: str | None = None) -> None:
        try:
            self._on_event(ReaderEvent(kind, reader))
        except Exception:  # a broken listener must not kill the watcher
            log.exception("reader event listener failed")

    def _run(self) -> None:
        while not self._stop.is_set():
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._set_available(False)
                self._stop.wait(1.0)
                continue
            try:
                self._set_available(True)
                self._watch(context)
            except BridgeError as exc:
                log.info("pcscd watch interrupted: %s", exc)
            finally:
                scard.SCardReleaseContext(context)
            self._set_available(False)
            self._stop.wait(0.5)

    def _set_available(self, available: bool) -> None:
        if available == self.pcsc_available:
            return
        self.pcsc_available = available
        if not available:
            self._update({})
        self._emit("pcsc_up" if available else "pcsc_down")

    def _watch(self, context: int) -> None:
        """Until pcscd fails or stop() is called: wait for changes, publish them."""
        # pcscd wants back the exact state it last reported (it carries an event counter).
        raw: dict[str, int] = {}
        while not self._stop.is_set():
            names = reader_names(context)
            if not names:
                self._update({})
                self._stop.wait(WAIT_MS / 1000)
                continue
            states = [(name, raw.get(name, scard.SCARD_STATE_UNAWARE)) for name in names]
            hresult, changed = scard.SCardGetStatusChange(context, WAIT_MS, states)
            code = hresult & 0xFFFFFFFF
            if code == scard.SCARD_E_TIMEOUT & 0xFFFFFFFF:
                continue
            if code in _READER_LEFT:
                raw.clear()  # a reader left while we waited: re-list and ask afresh
                continue
            if hresult != scard.SCARD_S_SUCCESS:
                return
            raw = {name: state & ~scard.SCARD_STATE_CHANGED for name, state, _ in changed}
            self._update(
                {
                    name: _info(name, state, atr)
                    for name, state, atr in changed
                    # an unplugged reader drops out of the next listing
                    if not state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE)
                }
            )

    def _update(self, current: dict[str, ReaderInfo]) -> None:
        """Replace the known state and emit the differences."""
        with self._lock:
            before = self._readers
            self._readers = current
        for name in current.keys() - before.keys():
            self._emit("reader_added", name)
            if current[name].card_present:
                self._emit("card_inserted", name)
        for name in before.keys() - current.keys():
            if before[name].card_present:
                self._emit("card_removed", name)
            self._emit("reader_removed", name)
        for name in current.keys() & before.keys():
            if current[name].card_present != before[name].card_present:
                self._emit("card_inserted" if current[name].card_present else "card_removed", name)
