"""Pairing a kiosk page with this bridge, and checking that later connections are that page.

Once: the operator starts pairing, the bridge prints a short code on its console, the operator
types it on the kiosk's setup screen, and the page receives a random secret it keeps. Then on
every connection the bridge sends a fresh nonce and the page answers with an HMAC over that
nonce and its origin, so a recorded answer is useless on another connection or origin.
The code is never sent over the socket; a few wrong codes close the window.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CODE_DIGITS = 6
CODE_ATTEMPTS = 5


def proof(secret: bytes, nonce: str, origin: str) -> str:
    message = f"madoguchi-bridge hello\n{nonce}\n{origin}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Pairing:
    id: str
    label: str
    secret: bytes
    created_at: float


class PairingStore:
    """Pairings kept in ``<data>/pairings.json`` (mode 0600): they must survive a restart."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / "pairings.json"
        self._lock = threading.Lock()

    def _load(self) -> list[Pairing]:
        if not self._path.exists():
            return []
        items = json.loads(self._path.read_text())
        return [
            Pairing(id=i["id"], label=i["label"], secret=bytes.fromhex(i["secret"]), created_at=i["created_at"])
            for i in items
        ]

    def _save(self, pairings: list[Pairing]) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            json.dump(
                [
                    {"id": p.id, "label": p.label, "secret": p.secret.hex(), "created_at": p.created_at}
                    for p in pairings
                ],
                file,
            )
        temporary.replace(self._path)

    def all(self) -> list[Pairing]:
        with self._lock:
            return self._load()

    def get(self, pairing_id: str) -> Pairing | None:
        return next((p for p in self.all() if p.id == pairing_id), None)

    def add(self, label: str) -> Pairing:
        pairing = Pairing(
            id=secrets.token_hex(8), label=label[:80], secret=secrets.token_bytes(32), created_at=time.time()
        )
        with self._lock:
            self._save([*self._load(), pairing])
        return pairing

    def clear(self) -> None:
        with self._lock:
            self._save([])


class PairingWindow:
    """At most one open code at a time; it expires, and closes after a few wrong tries."""

    def __init__(self) -> None:
        self._code: str | None = None
        self._expires = 0.0
        self._attempts = 0

    def open(self, ttl_seconds: float) -> str:
        self._code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        self._expires = time.monotonic() + ttl_seconds
        self._attempts = CODE_ATTEMPTS
        return self._code

    @property
    def is_open(self) -> bool:
        return self._code is not None and time.monotonic() < self._expires and self._attempts > 0

    def close(self) -> None:
        self._code = None

    def redeem(self, code: str) -> bool:
        """True once for the right code (then the window closes); wrong codes use up attempts."""
        if not self.is_open or self._code is None:
            return False
        if hmac.compare_digest(code.strip().encode(), self._code.encode()):
            self.close()
            return True
        self._attempts -= 1
        return False
