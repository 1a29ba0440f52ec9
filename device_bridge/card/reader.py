"""PC/SC readers through pyscard and pcscd: list them, connect to a card, send APDUs.

Uses pyscard's thin ``scard`` layer so every failure arrives as a PC/SC return code that maps
to one stable bridge error (pcscd down, reader gone, card removed, ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from smartcard import scard

from device_bridge.card.apdu import Response
from device_bridge.errors import BridgeError, ErrorCode

_SERVICE_DOWN = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_CARD_GONE = {scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD, scard.SCARD_W_RESET_CARD}
_READER_GONE = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE}


@dataclass(frozen=True, slots=True)
class ReaderInfo:
    name: str
    card_present: bool
    atr: bytes | None = None


def _code(hresult: int) -> int:
    # pyscard hands back HRESULTs as signed or unsigned ints depending on the call.
    return hresult & 0xFFFFFFFF


def _fail(code: ErrorCode, hresult: int, what: str) -> BridgeError:
    return BridgeError(code, detail=f"{what}: {scard.SCardGetErrorMessage(hresult)} (0x{_code(hresult):08X})")


@contextmanager
def pcsc_context() -> Iterator[int]:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        raise _fail(ErrorCode.PCSC_UNAVAILABLE, hresult, "establish context")
    try:
        yield context
    finally:
        scard.SCardReleaseContext(context)


def reader_names(context: int) -> list[str]:
    hresult, names = scard.SCardListReaders(context, [])
    if _code(hresult) == _code(scard.SCARD_E_NO_READERS_AVAILABLE):
        return []
    if hresult != scard.SCARD_S_SUCCESS:
        code = ErrorCode.PCSC_UNAVAILABLE if _code(hresult) in _codes(_SERVICE_DOWN) else ErrorCode.CARD_ERROR
        raise _fail(code, hresult, "list readers")
    return list(names)


def _codes(values: set[int]) -> set[int]:
    return {_code(v) for v in values}


def reader_states(context: int) -> list[ReaderInfo]:
    names = reader_names(context)
    if not names:
        return []
    hresult, states = scard.SCardGetStatusChange(context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in names])
    if hresult != scard.SCARD_S_SUCCESS:
        raise _fail(ErrorCode.PCSC_UNAVAILABLE, hresult, "reader status")
    return [_info(name, state, atr) for name, state, atr in states]


def _info(name: str, state: int, atr: list[int]) -> ReaderInfo:
    present = bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE
    return ReaderInfo(name=name, card_present=present, atr=bytes(atr) if present and atr else None)


def list_readers() -> list[ReaderInfo]:
    """One look at every reader; raises pcsc_unavailable when pcscd does not answer."""
    with pcsc_context() as context:
        return reader_states(context)


class PcscTransport:
    """A connected card on one reader; implements ``card.base.Transport``."""

    def __init__(self, context: int, reader: str, card: int, protocol: int) -> None:
        self._context = context
        self.reader = reader
        self._card = card
        self._pci = scard.SCARD_PCI_T1 if protocol == scard.SCARD_PROTOCOL_T1 else scard.SCARD_PCI_T0

    def transmit(self, command: bytes) -> Response:
        hresult, response = scard.SCardTransmit(self._card, self._pci, list(command))
        if hresult != scard.SCARD_S_SUCCESS:
            raise self._diagnose(hresult)
        if len(response) < 2:
            # A card always answers with a status word; nothing at all means the link broke
            # (vpcd, some contactless readers) just as a comm error would.
            raise self._diagnose(scard.SCARD_F_COMM_ERROR)
        return Response(data=bytes(response[:-2]), sw=(response[-2] << 8) | response[-1])

    def _diagnose(self, hresult: int) -> BridgeError:
        """A transmit failed: say whether the card left, the reader left, or pcscd did."""
        if _code(hresult) in _codes(_SERVICE_DOWN):
            return _fail(ErrorCode.PCSC_UNAVAILABLE, hresult, "transmit")
        try:
            readers = {info.name: info for info in list_readers()}
        except BridgeError as exc:
            return exc
        if self.reader not in readers:
            return _fail(ErrorCode.READER_GONE, hresult, "transmit")
        # A comm error with the reader still there is a card that left (the reader state may
        # say "empty" only a moment later), so it is reported as removed either way.
        return _fail(ErrorCode.CARD_REMOVED, hresult, "transmit")


@contextmanager
def connect(reader: str) -> Iterator[PcscTransport]:
    """Connect (shared) to the card on ``reader``; disconnects on exit, leaving the card as it is."""
    with pcsc_context() as context:
        if reader not in reader_names(context):
            raise BridgeError(ErrorCode.READER_NOT_FOUND, detail=reader)
        hresult, card, protocol = scard.SCardConnect(
            context, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        )
        if hresult != scard.SCARD_S_SUCCESS:
            code = _code(hresult)
            if code in _codes(_CARD_GONE) or code == _code(scard.SCARD_W_UNPOWERED_CARD):
                raise _fail(ErrorCode.NO_CARD, hresult, "connect")
            if code in _codes(_READER_GONE):
                raise _fail(ErrorCode.READER_GONE, hresult, "connect")
            if code == _code(scard.SCARD_E_SHARING_VIOLATION):
                raise _fail(ErrorCode.CARD_BUSY, hresult, "connect")
            if code in _codes(_SERVICE_DOWN):
                raise _fail(ErrorCode.PCSC_UNAVAILABLE, hresult, "connect")
            raise _fail(ErrorCode.CARD_ERROR, hresult, "connect")
        try:
            yield PcscTransport(context, reader, card, protocol)
        finally:
            # Reset the card on the way out: the PIN-verified state must not outlive this read.
            scard.SCardDisconnect(card, scard.SCARD_RESET_CARD)
