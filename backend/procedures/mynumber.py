"""My Number (個人番号) at rest: AES-256-GCM with rotatable keys, masking, the check digit.

Only services with a legal basis ever receive a number (番号法). The ciphertext names its key, so
keys can be rotated: the first configured key encrypts, every configured key decrypts, and
`reencrypt` moves old rows to the current key. The row's id is bound in as associated data, so a
ciphertext copied to another application does not decrypt.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"
ROLES_THAT_SEE_IT = frozenset({"supervisor", "admin"})  # 事務取扱担当者; other staff see it masked


class MyNumberError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Keyring:
    """Key id → 32-byte key; `current` encrypts."""

    keys: dict[str, bytes]
    current: str

    @classmethod
    def parse(cls, spec: str, variable: str = "MY_NUMBER_KEYS") -> Keyring:
        """`id:base64key,id:base64key` — the first is current."""
        keys: dict[str, bytes] = {}
        for item in (part.strip() for part in spec.split(",") if part.strip()):
            kid, sep, encoded = item.partition(":")
            try:
                key = base64.b64decode(encoded, validate=True)
            except ValueError:
                key = b""
            if not sep or not kid.isalnum() or len(key) != 32:
                raise MyNumberError(f"{variable}: each entry is id:base64 of 32 random bytes (got {kid or item!r})")
            keys[kid] = key
        if not keys:
            raise MyNumberError(f"{variable} is empty")
        return cls(keys=keys, current=next(iter(keys)))


def check_digit_ok(number: str) -> bool:
    """The 12th digit of a My Number is a check digit over the other eleven (総務省令 第5条)."""
    if len(number) != 12 or not number.isdigit():
        return False
    body = [int(d) for d in reversed(number[:11])]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    return int(number[11]) == (0 if remainder <= 1 else 11 - remainder)


def encrypt(keyring: Keyring, number: str, bound_to: str) -> str:
    if not check_digit_ok(number):
        raise MyNumberError("not a valid My Number (12 digits with a correct check digit)")
    nonce = os.urandom(12)
    sealed = AESGCM(keyring.keys[keyring.current]).encrypt(nonce, number.encode(), bound_to.encode())
    return ".".join([VERSION, keyring.current, _b64(nonce), _b64(sealed)])


def decrypt(keyring: Keyring, token: str, bound_to: str) -> str:
    try:
        version, kid, nonce, sealed = token.split(".")
    except ValueError:
        raise MyNumberError("not an encrypted My Number") from None
    if version != VERSION or kid not in keyring.keys:
        raise MyNumberError(f"no key {kid!r} to decrypt this My Number")
    try:
        return AESGCM(keyring.keys[kid]).decrypt(_unb64(nonce), _unb64(sealed), bound_to.encode()).decode()
    except InvalidTag:
        raise MyNumberError("this My Number does not belong here or was altered") from None


def reencrypt(keyring: Keyring, token: str, bound_to: str) -> str:
    """The same number under the current key (a no-op when it already is)."""
    if token.split(".")[1:2] == [keyring.current]:
        return token
    return encrypt(keyring, decrypt(keyring, token, bound_to), bound_to)


def mask(number: str) -> str:
    return "•••• •••• " + number[-4:]


def shown_to(role: str, number: str) -> str:
    return number if role in ROLES_THAT_SEE_IT else mask(number)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
