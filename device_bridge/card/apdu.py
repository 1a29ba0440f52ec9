"""ISO 7816-4 command and response APDUs, as the My Number Card APs use them."""

from __future__ import annotations

from dataclasses import dataclass

SW_OK = 0x9000
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_AUTH_BLOCKED = 0x6983
SW_REFERENCE_DATA_UNUSABLE = 0x6984
SW_FILE_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00

# One short READ BINARY never returns more than this; longer records are read in chunks.
MAX_READ = 255


@dataclass(frozen=True, slots=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    @property
    def tries_left(self) -> int | None:
        """x of a 63Cx status word (wrong PIN / counter query), else None."""
        if self.sw & 0xFFF0 == 0x63C0:
            return self.sw & 0x0F
        return None


def select_application(aid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x0C, len(aid)]) + aid


def select_file(fid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x02, 0x0C, len(fid)]) + fid


def verify(pin: bytes | None = None) -> bytes:
    """VERIFY; without a PIN it only asks how many tries are left and costs none."""
    if pin is None:
        return bytes([0x00, 0x20, 0x00, 0x80])
    return bytes([0x00, 0x20, 0x00, 0x80, len(pin)]) + pin


def read_binary(offset: int, length: int) -> bytes:
    if not 0 <= offset <= 0x7FFF:
        raise ValueError("READ BINARY offset out of range")
    if not 1 <= length <= MAX_READ:
        raise ValueError("READ BINARY length out of range")
    return bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, length])
