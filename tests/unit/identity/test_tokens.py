from __future__ import annotations

from backend.identity.tokens import hash_secret, new_enrolment_code, new_secret, normalise_code


def test_secrets_are_long_and_only_hashes_are_kept() -> None:
    secret = new_secret()
    assert len(secret) >= 43  # 32 random bytes in URL-safe base64
    assert hash_secret(secret) != secret and len(hash_secret(secret)) == 64
    assert new_secret() != secret


def test_enrolment_codes_are_ten_digits_and_forgive_typing() -> None:
    code = new_enrolment_code()
    assert len(normalise_code(code)) == 10
    assert normalise_code("１２３４５ ６７８９０") == normalise_code("12345-67890") == "1234567890"
