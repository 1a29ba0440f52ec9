"""BER-TLV: the tag-length-value encoding every My Number Card file uses.

Only what the card files need: multi-byte tags, short and long-form lengths (up to 3
length bytes), and the "how long is this record?" question asked before a chunked read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


class BerError(ValueError):
    """The bytes are not well-formed BER-TLV."""


@dataclass(frozen=True, slots=True)
class Tlv:
    tag: int
    value: bytes
    # Offsets into the buffer that was parsed: the digest in EF 0003 covers exact byte ranges.
    start: int
    end: int


def _read_tag(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise BerError("truncated tag")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # tag number continues in the following bytes
        while True:
            if pos >= len(data):
                raise BerError("truncated multi-byte tag")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            if not byte & 0x80:
                break
    return tag, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise BerError("truncated length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 3:
        raise BerError(f"unsupported length form 0x{first:02X}")
    if pos + count > len(data):
        raise BerError("truncated long-form length")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def read_tlv(data: bytes, pos: int = 0) -> Tlv:
    """Parse the one TLV that starts at ``pos``."""
    tag, pos_after_tag = _read_tag(data, pos)
    length, value_start = _read_length(data, pos_after_tag)
    end = value_start + length
    if end > len(data):
        raise BerError(f"value of tag 0x{tag:X} runs past the data ({end} > {len(data)})")
    return Tlv(tag=tag, value=bytes(data[value_start:end]), start=pos, end=end)


def iter_tlvs(data: bytes) -> Iterator[Tlv]:
    """Yield consecutive TLVs, stopping at the end or at padding (0x00 / 0xFF)."""
    pos = 0
    while pos < len(data) and data[pos] not in (0x00, 0xFF):
        tlv = read_tlv(data, pos)
        yield tlv
        pos = tlv.end


def children(tlv: Tlv) -> dict[int, Tlv]:
    """The direct children of a constructed TLV, by tag (card records never repeat a tag)."""
    return {child.tag: child for child in iter_tlvs(tlv.value)}


def total_length(head: bytes) -> int | None:
    """Length of the whole TLV (header + value) that ``head`` starts, or None if head is too short."""
    try:
        _, pos = _read_tag(head, 0)
        length, value_start = _read_length(head, pos)
    except BerError:
        return None
    return value_start + length


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    size = (length.bit_length() + 7) // 8
    if size > 3:
        raise BerError("value too long")
    return bytes([0x80 | size]) + length.to_bytes(size, "big")


def encode_tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    return tag_bytes + encode_length(len(value)) + value
