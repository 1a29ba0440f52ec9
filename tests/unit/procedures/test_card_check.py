"""The server-side check of My Number Card data: anchor → 0004 → 0003 → digests → basic 4 info."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.procedures.card_check import CheckFailure, MalformedCardData, check_card_data, parse_basic_info
from device_bridge.simulators.jlis import SimulatedJlis
from device_bridge.simulators.mynumber_card import CardIdentity


@pytest.fixture(scope="module")
def jlis() -> SimulatedJlis:
    return SimulatedJlis.generate()


@pytest.fixture(scope="module")
def other_jlis() -> SimulatedJlis:
    return SimulatedJlis.generate()


def card_files(jlis: SimulatedJlis, identity: CardIdentity) -> dict[str, bytes]:
    basic_info = identity.basic_info_record()
    my_number = identity.my_number_record()
    return {
        "basic_info": basic_info,
        "signature": jlis.signature_file(my_number, basic_info),
        "certificate": jlis.certificate(),
        "my_number": my_number,
    }


def flip_last_byte_of(record: bytes, text: str) -> bytes:
    """Change one byte inside ``text``'s UTF-8 so the result still decodes (a forged character)."""
    encoded = text.encode("utf-8")
    at = record.index(encoded) + len(encoded) - 1
    return record[:at] + bytes([record[at] ^ 0x01]) + record[at + 1 :]


def test_genuine_card_data_is_verified(jlis: SimulatedJlis) -> None:
    files = card_files(jlis, CardIdentity())
    result = check_card_data(
        basic_info=files["basic_info"],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert result.verified, result.reason
    assert result.basic_info is not None
    assert result.basic_info.name == "山田 太郎"
    assert result.basic_info.birth_date == dt.date(1945, 3, 1)
    assert result.basic_info.sex == "1"
    assert result.my_number is None  # not given, so not returned


def test_one_changed_byte_in_the_name_is_refused(jlis: SimulatedJlis) -> None:
    identity = CardIdentity()
    files = card_files(jlis, identity)
    forged = flip_last_byte_of(files["basic_info"], identity.name)
    result = check_card_data(
        basic_info=forged,
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert not result.verified
    assert result.failure is CheckFailure.BASIC_INFO_ALTERED
    assert result.basic_info is not None and result.basic_info.name != identity.name


def test_certificate_from_another_authority_is_not_trusted(jlis: SimulatedJlis, other_jlis: SimulatedJlis) -> None:
    # A forger signs everything consistently with their own "J-LIS": only the anchor stops them.
    files = card_files(other_jlis, CardIdentity(name="偽造 花子"))
    result = check_card_data(
        basic_info=files["basic_info"],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert not result.verified
    assert result.failure is CheckFailure.CERTIFICATE_NOT_TRUSTED


def test_several_anchors_accept_either(jlis: SimulatedJlis, other_jlis: SimulatedJlis) -> None:
    files = card_files(jlis, CardIdentity())
    result = check_card_data(
        basic_info=files["basic_info"],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=other_jlis.anchor_pem() + jlis.anchor_pem(),
    )
    assert result.verified


def test_tampered_signature_file_is_refused(jlis: SimulatedJlis) -> None:
    files = card_files(jlis, CardIdentity())
    signature = bytearray(files["signature"])
    signature[-10] ^= 0xFF
    result = check_card_data(
        basic_info=files["basic_info"],
        signature=bytes(signature),
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert result.failure is CheckFailure.SIGNATURE_INVALID


def test_my_number_is_checked_when_given(jlis: SimulatedJlis) -> None:
    identity = CardIdentity()
    files = card_files(jlis, identity)
    ok = check_card_data(
        basic_info=files["basic_info"],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
        my_number=files["my_number"] + b"\x00" * 8,  # as read from a padded EF
    )
    assert ok.verified and ok.my_number == identity.my_number
    forged = check_card_data(
        basic_info=files["basic_info"],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
        my_number=files["my_number"].replace(b"8", b"7"),
    )
    assert forged.failure is CheckFailure.MY_NUMBER_ALTERED


def test_long_address_and_characters_outside_the_bmp(jlis: SimulatedJlis) -> None:
    identity = CardIdentity(
        name="𠮷野　𩸽子",  # 𠮷 and 𩸽 are 4-byte UTF-8; the space is full-width
        address="茨城県笠間市" + "大字石井二〇六八番地の一　笠間マンション" * 12,
    )
    files = card_files(jlis, identity)
    assert len(files["basic_info"]) > 255
    result = check_card_data(
        basic_info=files["basic_info"],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert result.verified
    assert result.basic_info is not None
    assert result.basic_info.name == identity.name
    assert result.basic_info.address == identity.address


def test_malformed_data_gives_a_reason_not_an_exception(jlis: SimulatedJlis) -> None:
    files = card_files(jlis, CardIdentity())
    result = check_card_data(
        basic_info=files["basic_info"][:-5],
        signature=files["signature"],
        certificate=files["certificate"],
        trust_anchor_pem=jlis.anchor_pem(),
    )
    assert result.failure is CheckFailure.MALFORMED and result.basic_info is None
    assert result.reason


def test_parse_rejects_a_bad_birth_date() -> None:
    with pytest.raises(MalformedCardData):
        parse_basic_info(CardIdentity(birth_date="19451301").basic_info_record())
