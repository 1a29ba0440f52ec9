"""Checks that card data sent by a kiosk came from a genuine My Number Card, untouched.

Pure functions, no I/O. The chain, from what we trust to what is shown on screen:
  trust anchor (J-LIS public key, configured) ─signs→ EF 0004 (card-data key)
  EF 0004 key ─signs→ EF 0003 (SHA-256 digests of EF 0001 and EF 0002)
  digests ─match→ the EF 0002 bytes (and EF 0001 when it was read) ─parse→ the basic 4 info.

Formats (BER-TLV):
  0002 = FF20 { DF21 header, DF22 name, DF23 address, DF24 birth "YYYYMMDD", DF25 sex }
  0001 = FF10 { 12 ASCII digits }
  0003 = FF30 { DF31 SHA-256(0001 record), DF32 SHA-256(0002 after DF21), DF33 signature over
         the DF31 and DF32 TLVs as they stand }
  0004 = 7F21 { 5F4E { AKI(16) ‖ SKI(16) ‖ TLV exponent ‖ TLV modulus }, 5F37 signature over
         the whole 5F4E TLV }
All signatures are RSA PKCS#1 v1.5 with SHA-256. The bridge parses the same records for display;
the server parses them again here because it must not trust the kiosk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator, Sequence
from enum import StrEnum

import msgspec
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SEX_CODES = {"0", "1", "2", "9"}  # ISO 5218; the card uses 1, 2 and 9


class CheckFailure(StrEnum):
    MALFORMED = "malformed"  # a file is not in the expected format
    CERTIFICATE_NOT_TRUSTED = "certificate_not_trusted"  # 0004 not signed by any trust anchor
    SIGNATURE_INVALID = "signature_invalid"  # 0003 not signed by the 0004 key
    BASIC_INFO_ALTERED = "basic_info_altered"  # 0002 does not match its signed digest
    MY_NUMBER_ALTERED = "my_number_altered"  # 0001 does not match its signed digest


class BasicInfo(msgspec.Struct, frozen=True):
    """基本4情報 as the card holds it."""

    name: str
    address: str
    birth_date: dt.date
    sex: str  # ISO 5218 code


class CardCheck(msgspec.Struct, frozen=True):
    verified: bool
    basic_info: BasicInfo | None  # None only when 0002 itself could not be parsed
    my_number: str | None = None
    failure: CheckFailure | None = None
    reason: str | None = None  # one line for logs and staff, in English


class MalformedCardData(ValueError):
    pass


# --- BER-TLV (only what the card files use) -----------------------------------------------


class _Tlv(msgspec.Struct, frozen=True):
    tag: int
    value: bytes
    start: int
    end: int


def _tlv_at(data: bytes, pos: int) -> _Tlv:
    start = pos
    try:
        tag = data[pos]
        pos += 1
        if tag & 0x1F == 0x1F:
            while True:
                tag = (tag << 8) | data[pos]
                pos += 1
                if not data[pos - 1] & 0x80:
                    break
        length = data[pos]
        pos += 1
        if length & 0x80:
            count = length & 0x7F
            if not 1 <= count <= 3:
                raise MalformedCardData(f"unsupported length form at offset {pos - 1}")
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
    except IndexError as exc:
        raise MalformedCardData("truncated TLV") from exc
    if pos + length > len(data):
        raise MalformedCardData(f"TLV 0x{tag:X} runs past the data")
    return _Tlv(tag=tag, value=bytes(data[pos : pos + length]), start=start, end=pos + length)


def _tlvs(data: bytes) -> Iterator[_Tlv]:
    pos = 0
    while pos < len(data) and data[pos] not in (0x00, 0xFF):  # 00/FF: file padding
        tlv = _tlv_at(data, pos)
        yield tlv
        pos = tlv.end


def _record(data: bytes, tag: int, what: str) -> _Tlv:
    outer = _tlv_at(data, 0)
    if outer.tag != tag:
        raise MalformedCardData(f"{what}: expected tag 0x{tag:X}, found 0x{outer.tag:X}")
    return outer


def _fields(outer: _Tlv, tags: Sequence[int], what: str) -> list[_Tlv]:
    found = {tlv.tag: tlv for tlv in _tlvs(outer.value)}
    missing = [f"0x{tag:X}" for tag in tags if tag not in found]
    if missing:
        raise MalformedCardData(f"{what}: missing {', '.join(missing)}")
    return [found[tag] for tag in tags]


# --- parsing ----------------------------------------------------------------------------------


def parse_basic_info(record: bytes) -> BasicInfo:
    """EF 0002 → BasicInfo. Raises MalformedCardData."""
    outer = _record(record, 0xFF20, "EF 0002")
    name, address, birth, sex = _fields(outer, (0xDF22, 0xDF23, 0xDF24, 0xDF25), "EF 0002")
    try:
        birth_text = birth.value.decode("ascii")
        birth_date = dt.date(int(birth_text[0:4]), int(birth_text[4:6]), int(birth_text[6:8]))
        info = BasicInfo(
            name=name.value.decode("utf-8"),
            address=address.value.decode("utf-8"),
            birth_date=birth_date,
            sex=sex.value.decode("ascii"),
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedCardData(f"EF 0002: {exc}") from exc
    if len(birth_text) != 8 or info.sex not in SEX_CODES:
        raise MalformedCardData("EF 0002: birth date or sex code out of format")
    return info


def parse_my_number(record: bytes) -> str:
    number = _record(record, 0xFF10, "EF 0001").value.decode("ascii", errors="replace")
    if len(number) != 12 or not number.isdigit():
        raise MalformedCardData("EF 0001: not 12 digits")
    return number


def _signed_basic_info(record: bytes) -> bytes:
    """The bytes DF32 digests: the FF20 value after the DF21 header TLV."""
    outer = _record(record, 0xFF20, "EF 0002")
    header = _tlv_at(outer.value, 0)
    if header.tag != 0xDF21:
        raise MalformedCardData("EF 0002: header DF21 is not first")
    return outer.value[header.end :]


def _certificate_key(certificate: bytes, anchors: Sequence[rsa.RSAPublicKey]) -> rsa.RSAPublicKey | None:
    """The card-data key in EF 0004 if an anchor signed it, else None."""
    outer = _record(certificate, 0x7F21, "EF 0004")
    body, signature = _fields(outer, (0x5F4E, 0x5F37), "EF 0004")
    signed = outer.value[body.start : body.end]
    if not any(_verifies(anchor, signature.value, signed) for anchor in anchors):
        return None
    exponent = _tlv_at(body.value, 32)
    modulus = _tlv_at(body.value, exponent.end)
    try:
        return rsa.RSAPublicNumbers(
            int.from_bytes(exponent.value, "big"), int.from_bytes(modulus.value, "big")
        ).public_key()
    except ValueError as exc:
        raise MalformedCardData(f"EF 0004: bad RSA key: {exc}") from exc


def _verifies(key: rsa.RSAPublicKey, signature: bytes, data: bytes) -> bool:
    try:
        key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def load_trust_anchors(pem: bytes | str | Sequence[bytes | str]) -> list[rsa.RSAPublicKey]:
    """One PEM (possibly with several keys concatenated) or a list of PEMs → RSA public keys."""
    items = [pem] if isinstance(pem, bytes | str) else list(pem)
    keys: list[rsa.RSAPublicKey] = []
    for item in items:
        text = item.encode() if isinstance(item, str) else item
        for block in text.split(b"-----END PUBLIC KEY-----"):
            if b"-----BEGIN PUBLIC KEY-----" not in block:
                continue
            key = serialization.load_pem_public_key(block + b"-----END PUBLIC KEY-----\n")
            if not isinstance(key, rsa.RSAPublicKey):
                raise ValueError("a trust anchor must be an RSA public key")
            keys.append(key)
    if not keys:
        raise ValueError("no trust anchor public key in the PEM")
    return keys


# --- the check --------------------------------------------------------------------------------


def check_card_data(
    *,
    basic_info: bytes,
    signature: bytes,
    certificate: bytes,
    trust_anchor_pem: bytes | str | Sequence[bytes | str],
    my_number: bytes | None = None,
) -> CardCheck:
    """Verify anchor → 0004 → 0003 → digests → data. Never raises for bad card data:
    the answer says ``verified=False`` with the failure and a reason."""
    anchors = load_trust_anchors(trust_anchor_pem)
    try:
        info = parse_basic_info(basic_info)
    except MalformedCardData as exc:
        return _failed(None, CheckFailure.MALFORMED, str(exc))
    try:
        return _check_chain(info, basic_info, signature, certificate, anchors, my_number)
    except MalformedCardData as exc:
        return _failed(info, CheckFailure.MALFORMED, str(exc))


def _check_chain(
    info: BasicInfo,
    basic_info: bytes,
    signature: bytes,
    certificate: bytes,
    anchors: Sequence[rsa.RSAPublicKey],
    my_number: bytes | None,
) -> CardCheck:
    key = _certificate_key(certificate, anchors)
    if key is None:
        return _failed(info, CheckFailure.CERTIFICATE_NOT_TRUSTED, "EF 0004 is not signed by a trust anchor")
    outer = _record(signature, 0xFF30, "EF 0003")
    number_digest, info_digest, card_signature = _fields(outer, (0xDF31, 0xDF32, 0xDF33), "EF 0003")
    signed = outer.value[number_digest.start : number_digest.end] + outer.value[info_digest.start : info_digest.end]
    if not _verifies(key, card_signature.value, signed):
        return _failed(info, CheckFailure.SIGNATURE_INVALID, "EF 0003 signature does not verify")
    if not hmac.compare_digest(hashlib.sha256(_signed_basic_info(basic_info)).digest(), info_digest.value):
        return _failed(info, CheckFailure.BASIC_INFO_ALTERED, "EF 0002 does not match its signed digest")
    number = None
    if my_number is not None:
        if not hmac.compare_digest(hashlib.sha256(_record_bytes(my_number)).digest(), number_digest.value):
            return _failed(info, CheckFailure.MY_NUMBER_ALTERED, "EF 0001 does not match its signed digest")
        number = parse_my_number(my_number)
    return CardCheck(verified=True, basic_info=info, my_number=number)


def _record_bytes(data: bytes) -> bytes:
    """The TLV record without any file padding after it."""
    return data[: _tlv_at(data, 0).end]


def _failed(info: BasicInfo | None, failure: CheckFailure, reason: str) -> CardCheck:
    return CardCheck(verified=False, basic_info=info, failure=failure, reason=reason)
