"""My Number at rest: encrypted, bound to its row, rotatable, masked for most staff."""

from __future__ import annotations

import base64
import os

import pytest

from backend.procedures.mynumber import Keyring, MyNumberError, check_digit_ok, decrypt, encrypt, reencrypt, shown_to

NUMBER = "123456789018"  # a valid check digit (the card simulator's number)


def _spec(*kids: str) -> str:
    return ",".join(f"{kid}:{base64.b64encode(os.urandom(32)).decode()}" for kid in kids)


def test_check_digit() -> None:
    assert check_digit_ok(NUMBER)
    assert (
        not check_digit_ok("123456789012") and not check_digit_ok("12345678901") and not check_digit_ok("12345678901a")
    )


def test_encrypted_at_rest_and_bound_to_its_application() -> None:
    ring = Keyring.parse(_spec("k2026"))
    token = encrypt(ring, NUMBER, bound_to="application-1")
    assert NUMBER not in token and token.startswith("v1.k2026.")
    assert encrypt(ring, NUMBER, "application-1") != token  # a fresh nonce every time
    assert decrypt(ring, token, "application-1") == NUMBER
    with pytest.raises(MyNumberError, match="does not belong here"):
        decrypt(ring, token, "application-2")
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(MyNumberError):
        decrypt(ring, tampered, "application-1")


def test_keys_rotate() -> None:
    old = Keyring.parse(_spec("k2025"))
    token = encrypt(old, NUMBER, "a")
    new_key = _spec("k2026")
    both = Keyring.parse(new_key + "," + ",".join(f"{k}:{base64.b64encode(v).decode()}" for k, v in old.keys.items()))
    assert both.current == "k2026" and decrypt(both, token, "a") == NUMBER
    moved = reencrypt(both, token, "a")
    assert moved.split(".")[1] == "k2026" and reencrypt(both, moved, "a") == moved
    only_new = Keyring.parse(new_key)
    assert decrypt(only_new, moved, "a") == NUMBER
    with pytest.raises(MyNumberError, match="no key"):
        decrypt(only_new, token, "a")


def test_invalid_numbers_and_keys_are_refused() -> None:
    with pytest.raises(MyNumberError, match="check digit"):
        encrypt(Keyring.parse(_spec("k")), "123456789012", "a")
    with pytest.raises(MyNumberError, match="MY_NUMBER_KEYS"):
        Keyring.parse("k:" + base64.b64encode(b"short").decode())
    with pytest.raises(MyNumberError, match="MY_NUMBER_KEYS"):
        Keyring.parse("")


def test_masked_except_for_roles_allowed_to_see_it() -> None:
    assert shown_to("staff", NUMBER) == "•••• •••• 9018"
    assert shown_to("supervisor", NUMBER) == NUMBER and shown_to("admin", NUMBER) == NUMBER
