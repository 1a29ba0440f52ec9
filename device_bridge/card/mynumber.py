"""The My Number Card's 券面事項入力補助AP (text AP): PIN handling and the basic 4 info read."""

from __future__ import annotations

import re
from typing import ClassVar

from device_bridge.card import apdu, ber
from device_bridge.card.base import CardFile, CardReading, Person, PinState, PinStatus, Transport
from device_bridge.errors import BridgeError, ErrorCode

TEXT_AP = bytes.fromhex("D3921000310001010408")
EF_PIN = bytes.fromhex("0011")
EF_MY_NUMBER = bytes.fromhex("0001")
EF_BASIC_INFO = bytes.fromhex("0002")
EF_SIGNATURE = bytes.fromhex("0003")
EF_CERTIFICATE = bytes.fromhex("0004")

TAG_BASIC_INFO = 0xFF20
TAG_HEADER = 0xDF21
TAG_NAME = 0xDF22
TAG_ADDRESS = 0xDF23
TAG_BIRTH_DATE = 0xDF24
TAG_SEX = 0xDF25
TAG_MY_NUMBER = 0xFF10

# Enough for any tag + 3-byte length; the rest is read once the length is known.
HEAD_SIZE = 8
LOCKED_WORDS = {apdu.SW_AUTH_BLOCKED, apdu.SW_REFERENCE_DATA_UNUSABLE}
PIN_PATTERN = re.compile(r"[0-9]{4}")


def parse_basic_info(record: bytes) -> Person:
    """Decode the FF20 record of EF 0002."""
    outer = ber.read_tlv(record)
    if outer.tag != TAG_BASIC_INFO:
        raise BridgeError(ErrorCode.CARD_ERROR, detail=f"EF 0002 starts with tag 0x{outer.tag:X}")
    fields = ber.children(outer)
    try:
        text = {tag: fields[tag].value.decode("utf-8") for tag in (TAG_NAME, TAG_ADDRESS, TAG_BIRTH_DATE, TAG_SEX)}
    except (KeyError, UnicodeDecodeError) as exc:
        raise BridgeError(ErrorCode.CARD_ERROR, detail=f"EF 0002 malformed: {exc!r}") from exc
    birth = text[TAG_BIRTH_DATE]
    return Person(
        name=text[TAG_NAME],
        address=text[TAG_ADDRESS],
        birth_date=f"{birth[0:4]}-{birth[4:6]}-{birth[6:8]}",
        sex=text[TAG_SEX],
    )


def parse_my_number(record: bytes) -> str:
    number = ber.read_tlv(record).value.decode("ascii")
    if not re.fullmatch(r"[0-9]{12}", number):
        raise BridgeError(ErrorCode.CARD_ERROR, detail="EF 0001 is not 12 digits")
    return number


class MyNumberCard:
    """The 2016 My Number Card, read through its text AP."""

    card_type: ClassVar[str] = "jp-mynumber-2016"

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def _send(self, command: bytes) -> apdu.Response:
        return self._transport.transmit(command)

    def _expect_ok(self, command: bytes, what: str) -> None:
        response = self._send(command)
        if response.sw == apdu.SW_SECURITY_NOT_SATISFIED:
            raise BridgeError(ErrorCode.CARD_ERROR, detail=f"{what}: PIN not verified")
        if not response.ok:
            raise BridgeError(ErrorCode.CARD_ERROR, detail=f"{what}: SW {response.sw:04X}")

    def detect(self) -> bool:
        return self._send(apdu.select_application(TEXT_AP)).ok

    def pin_status(self) -> PinStatus:
        self._expect_ok(apdu.select_application(TEXT_AP), "select text AP")
        self._expect_ok(apdu.select_file(EF_PIN), "select PIN EF")
        return self._query_pin()

    def _query_pin(self) -> PinStatus:
        response = self._send(apdu.verify())
        if response.ok:
            return PinStatus(tries_left=None, state=PinState.OK)
        if response.sw in LOCKED_WORDS or response.tries_left == 0:
            return PinStatus(tries_left=0, state=PinState.LOCKED)
        if response.tries_left is None:
            raise BridgeError(ErrorCode.CARD_ERROR, detail=f"PIN query: SW {response.sw:04X}")
        state = PinState.LAST_TRY if response.tries_left == 1 else PinState.OK
        return PinStatus(tries_left=response.tries_left, state=state)

    def _verify(self, pin: str, *, allow_last_try: bool) -> None:
        if not PIN_PATTERN.fullmatch(pin):
            # Refused before the card sees it, so a typo never costs a try.
            raise BridgeError(ErrorCode.PIN_FORMAT)
        status = self.pin_status()  # ask before every VERIFY: never guess the counter
        if status.state is PinState.LOCKED:
            raise BridgeError(ErrorCode.PIN_LOCKED, tries_left=0)
        if status.state is PinState.LAST_TRY and not allow_last_try:
            raise BridgeError(ErrorCode.PIN_LAST_TRY, tries_left=1)
        response = self._send(apdu.verify(pin.encode("ascii")))
        if response.ok:
            return
        if response.sw in LOCKED_WORDS or response.tries_left == 0:
            raise BridgeError(ErrorCode.PIN_LOCKED, tries_left=0)
        if response.tries_left is not None:
            raise BridgeError(ErrorCode.PIN_WRONG, tries_left=response.tries_left)
        raise BridgeError(ErrorCode.CARD_ERROR, detail=f"VERIFY: SW {response.sw:04X}")

    def _read_record(self, fid: bytes) -> bytes:
        """Select an EF and read exactly its one TLV record, in chunks of at most 255 bytes."""
        self._expect_ok(apdu.select_file(fid), f"select EF {fid.hex()}")
        head = self._read_chunk(0, HEAD_SIZE)
        total = ber.total_length(head)
        if total is None:
            raise BridgeError(ErrorCode.CARD_ERROR, detail=f"EF {fid.hex()}: unreadable length")
        data = bytearray(head[:total])
        while len(data) < total:
            chunk = self._read_chunk(len(data), min(apdu.MAX_READ, total - len(data)))
            if not chunk:
                raise BridgeError(ErrorCode.CARD_ERROR, detail=f"EF {fid.hex()}: ended early")
            data += chunk
        return bytes(data[:total])

    def _read_chunk(self, offset: int, length: int) -> bytes:
        response = self._send(apdu.read_binary(offset, length))
        if not response.ok:
            raise BridgeError(ErrorCode.CARD_ERROR, detail=f"READ BINARY at {offset}: SW {response.sw:04X}")
        return response.data

    def _file(self, name: str, fid: bytes, data: bytes) -> CardFile:
        return CardFile(name=name, application=TEXT_AP.hex().upper(), fid=fid.hex().upper(), data=data)

    def read(self, pin: str, *, include_my_number: bool, allow_last_try: bool) -> CardReading:
        self._verify(pin, allow_last_try=allow_last_try)
        basic_info = self._read_record(EF_BASIC_INFO)
        files = [
            self._file("basic_info", EF_BASIC_INFO, basic_info),
            self._file("signature", EF_SIGNATURE, self._read_record(EF_SIGNATURE)),
            self._file("certificate", EF_CERTIFICATE, self._read_record(EF_CERTIFICATE)),
        ]
        my_number = None
        if include_my_number:  # only with a declared legal basis (番号法); otherwise never touched
            raw = self._read_record(EF_MY_NUMBER)
            files.append(self._file("my_number", EF_MY_NUMBER, raw))
            my_number = parse_my_number(raw)
        return CardReading(
            card_type=self.card_type,
            person=parse_basic_info(basic_info),
            files=files,
            my_number=my_number,
        )
