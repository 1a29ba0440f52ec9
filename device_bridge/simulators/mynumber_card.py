"""A My Number Card simulator that plugs into pcscd through the vsmartcard ``vpcd`` driver.

vpcd listens on 127.0.0.1:35963 (reader "Virtual PCD 00 00"); the simulator connects. Every
message is a 2-byte big-endian length and a payload: one byte is a control (00 power off,
01 power on, 02 reset, 04 get ATR: only 04 is answered), anything longer is a command APDU.
Closing the socket is "card pulled out"; connecting again is "card inserted".
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Protocol

from device_bridge.card import apdu, ber
from device_bridge.card.mynumber import (
    EF_BASIC_INFO,
    EF_CERTIFICATE,
    EF_MY_NUMBER,
    EF_PIN,
    EF_SIGNATURE,
    TAG_ADDRESS,
    TAG_BASIC_INFO,
    TAG_BIRTH_DATE,
    TAG_HEADER,
    TAG_MY_NUMBER,
    TAG_NAME,
    TAG_SEX,
    TEXT_AP,
)
from device_bridge.simulators.jlis import SimulatedJlis

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
MAX_TRIES = 3
# Real EFs are fixed-size files: trailing padding proves the reader stops at the record's length.
EF_PADDING = b"\x00" * 16


def make_atr(historical: bytes) -> bytes:
    """An ATR offering T=1 with the given historical bytes and a correct check byte."""
    body = bytes([0x80 | len(historical), 0x01]) + historical
    return b"\x3b" + body + bytes([reduce(lambda a, b: a ^ b, body, 0)])


def _sw(word: int) -> bytes:
    return word.to_bytes(2, "big")


@dataclass(frozen=True)
class CardIdentity:
    name: str = "山田 太郎"
    address: str = "茨城県笠間市中央三丁目2番1号"
    birth_date: str = "19450301"  # YYYYMMDD as on the card
    sex: str = "1"
    my_number: str = "123456789018"

    def basic_info_record(self) -> bytes:
        fields = [
            ber.encode_tlv(TAG_NAME, self.name.encode("utf-8")),
            ber.encode_tlv(TAG_ADDRESS, self.address.encode("utf-8")),
            ber.encode_tlv(TAG_BIRTH_DATE, self.birth_date.encode("ascii")),
            ber.encode_tlv(TAG_SEX, self.sex.encode("ascii")),
        ]
        # DF21 holds 2-byte offsets of the four fields after the header TLV.
        offsets, position = b"", 0
        for field in fields:
            offsets += position.to_bytes(2, "big")
            position += len(field)
        return ber.encode_tlv(TAG_BASIC_INFO, ber.encode_tlv(TAG_HEADER, offsets) + b"".join(fields))

    def my_number_record(self) -> bytes:
        return ber.encode_tlv(TAG_MY_NUMBER, self.my_number.encode("ascii"))


class SimulatedCard(Protocol):
    atr: bytes

    def respond(self, command: bytes) -> bytes: ...

    def reset(self) -> None: ...


class TryCounter:
    """The PIN try counter, kept in a file so it survives pulling the card out (as a real card's does)."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._value = MAX_TRIES
        if path is not None and path.exists():
            self._value = int(json.loads(path.read_text())["tries_left"])

    @property
    def value(self) -> int:
        return self._value

    def set(self, value: int) -> None:
        self._value = value
        if self._path is not None:
            self._path.write_text(json.dumps({"tries_left": value}))


class MyNumberCardSimulator:
    """The text AP of a My Number Card: SELECT, VERIFY (with try counter), READ BINARY."""

    atr = make_atr(b"JPN-MYNA")

    def __init__(self, identity: CardIdentity, pin: str, jlis: SimulatedJlis, counter: TryCounter) -> None:
        self._pin = pin.encode("ascii")
        self._counter = counter
        basic_info = identity.basic_info_record()
        my_number = identity.my_number_record()
        self._files = {
            EF_MY_NUMBER: my_number + EF_PADDING,
            EF_BASIC_INFO: basic_info + EF_PADDING,
            EF_SIGNATURE: jlis.signature_file(my_number, basic_info) + EF_PADDING,
            EF_CERTIFICATE: jlis.certificate() + EF_PADDING,
        }
        self.reads: list[bytes] = []  # FIDs selected for reading, so tests can see what was touched
        self.reset()

    def reset(self) -> None:
        self._ap_selected = False
        self._ef: bytes | None = None
        self._verified = False

    def respond(self, command: bytes) -> bytes:
        if len(command) < 4:
            return _sw(apdu.SW_WRONG_P1P2)
        cla, ins, p1, p2 = command[:4]
        body = command[5:] if len(command) > 5 else b""
        if (cla, ins, p1) == (0x00, 0xA4, 0x04):
            return self._select_application(body)
        if (cla, ins, p1) == (0x00, 0xA4, 0x02):
            return self._select_file(body)
        if (cla, ins) == (0x00, 0x20):
            return self._verify(body)
        if (cla, ins) == (0x00, 0xB0):
            length = command[4] if len(command) > 4 else 0
            return self._read_binary((p1 << 8) | p2, length or 256)
        return _sw(apdu.SW_INS_NOT_SUPPORTED)

    def _select_application(self, aid: bytes) -> bytes:
        self._ap_selected = aid == TEXT_AP
        self._ef = None
        return _sw(apdu.SW_OK if self._ap_selected else apdu.SW_FILE_NOT_FOUND)

    def _select_file(self, fid: bytes) -> bytes:
        if not self._ap_selected or (fid not in self._files and fid != EF_PIN):
            return _sw(apdu.SW_FILE_NOT_FOUND)
        self._ef = fid
        if fid != EF_PIN:
            self.reads.append(fid)
        return _sw(apdu.SW_OK)

    def _verify(self, pin: bytes) -> bytes:
        if self._ef != EF_PIN:
            return _sw(apdu.SW_SECURITY_NOT_SATISFIED)
        tries = self._counter.value
        if not pin:
            if self._verified:
                return _sw(apdu.SW_OK)
            return _sw(0x63C0 | tries)
        if tries == 0:
            return _sw(apdu.SW_AUTH_BLOCKED)
        if pin == self._pin:
            self._counter.set(MAX_TRIES)
            self._verified = True
            return _sw(apdu.SW_OK)
        self._counter.set(tries - 1)
        return _sw(0x63C0 | (tries - 1))

    def _read_binary(self, offset: int, length: int) -> bytes:
        if self._ef is None or self._ef == EF_PIN:
            return _sw(apdu.SW_FILE_NOT_FOUND)
        if not self._verified:
            return _sw(apdu.SW_SECURITY_NOT_SATISFIED)
        content = self._files[self._ef]
        if offset >= len(content):
            return _sw(apdu.SW_WRONG_P1P2)
        return content[offset : offset + length] + _sw(apdu.SW_OK)


class ForeignCardSimulator:
    """A card that is not a My Number Card (say, a transit card): it knows none of our APs."""

    atr = make_atr(b"TRANSIT")

    def respond(self, command: bytes) -> bytes:
        if command[:2] == b"\x00\xa4":
            return _sw(apdu.SW_FILE_NOT_FOUND)
        return _sw(apdu.SW_INS_NOT_SUPPORTED)

    def reset(self) -> None:
        pass


class VpcdLink:
    """Holds a simulated card against vpcd: ``insert()`` connects, ``pull_out()`` closes the socket."""

    def __init__(self, card: SimulatedCard, host: str = VPCD_HOST, port: int = VPCD_PORT) -> None:
        self.card = card
        self._address = (host, port)
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        # Tests set this to pull the card out just as a given APDU arrives (instead of answering).
        self.pull_out_when: Callable[[bytes], bool] | None = None

    @property
    def inserted(self) -> bool:
        return self._sock is not None

    def insert(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection(self._address, timeout=2.0)
                break
            except OSError:
                # vpcd listens only once pcscd has loaded the driver; retry until the deadline.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        sock.settimeout(None)
        self.card.reset()
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vpcd-card", daemon=True)
        self._thread.start()

    def pull_out(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                message = self._receive(sock)
                if message is None:
                    return
                if len(message) == 1:
                    self._control(sock, message[0])
                    continue
                if self.pull_out_when is not None and self.pull_out_when(message):
                    log.info("simulated card pulled out at APDU %s", message[:4].hex())
                    self._sock = None
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                    return
                self._send(sock, self.card.respond(message))
        except OSError:
            return

    def _control(self, sock: socket.socket, code: int) -> None:
        if code == 0x04:
            self._send(sock, self.card.atr)
        elif code in (0x00, 0x02):  # power off / reset: the card forgets a verified PIN
            self.card.reset()

    @staticmethod
    def _send(sock: socket.socket, payload: bytes) -> None:
        sock.sendall(len(payload).to_bytes(2, "big") + payload)

    @staticmethod
    def _receive(sock: socket.socket) -> bytes | None:
        header = _receive_exactly(sock, 2)
        if header is None:
            return None
        return _receive_exactly(sock, int.from_bytes(header, "big"))


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data
