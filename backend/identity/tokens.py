"""Random identifiers and secrets. Only hashes of secrets ever reach the database."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata

_CODE_DIGITS = 10


def new_id() -> str:
    return secrets.token_hex(16)


def new_secret() -> str:
    """256 bits, URL-safe: session tokens, invite links, terminal credentials."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrolment_code() -> str:
    """Ten digits, typed by an operator on the kiosk's number pad; shown as 12345-67890."""
    digits = "".join(secrets.choice("0123456789") for _ in range(_CODE_DIGITS))
    return f"{digits[:5]}-{digits[5:]}"


def normalise_code(code: str) -> str:
    """Operators type codes with spaces, hyphens or full-width digits; compare the digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", code) if ch.isdigit())
