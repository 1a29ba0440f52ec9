"""A software passkey (CTAP2-like, ES256, "none" attestation) for API tests.

It answers the JSON the browser would send from `PublicKeyCredential.toJSON()`, with the
user-present and user-verified flags set, like a platform authenticator after a fingerprint.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP, FLAG_UV, FLAG_BE, FLAG_BS, FLAG_AT = 0x01, 0x04, 0x08, 0x10, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Passkey:
    credential_id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0


@dataclass
class SoftAuthenticator:
    origin: str
    user_verified: bool = True
    synced: bool = False  # a "multi-device" passkey that is backed up (iCloud, Google)
    passkeys: list[Passkey] = field(default_factory=list)

    def _flags(self, extra: int) -> int:
        flags = FLAG_UP | extra
        if self.user_verified:
            flags |= FLAG_UV
        if self.synced:
            flags |= FLAG_BE | FLAG_BS
        return flags

    def _client_data(self, kind: str, challenge: str) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        return json.dumps(data, separators=(",", ":")).encode()

    def create(self, options: dict[str, Any]) -> dict[str, Any]:
        """navigator.credentials.create() for creation options JSON; returns the credential's toJSON()."""
        rp_id = options["rp"]["id"]
        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
        passkey = Passkey(os.urandom(32), key, rp_id, unb64url(options["user"]["id"]))
        self.passkeys.append(passkey)
        attested = bytes(16) + struct.pack(">H", len(passkey.credential_id)) + passkey.credential_id + cbor2.dumps(cose)
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([self._flags(FLAG_AT)]) + struct.pack(">I", 0)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data + attested})
        cid = b64url(passkey.credential_id)
        return {
            "id": cid,
            "rawId": cid,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(self._client_data("webauthn.create", options["challenge"])),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
        }

    def get(self, options: dict[str, Any], passkey: Passkey | None = None) -> dict[str, Any]:
        """navigator.credentials.get() for request options JSON (discoverable: the first passkey for the RP)."""
        passkey = passkey or next(p for p in self.passkeys if p.rp_id == options["rpId"])
        passkey.sign_count += 1
        auth_data = (
            hashlib.sha256(passkey.rp_id.encode()).digest()
            + bytes([self._flags(0)])
            + struct.pack(">I", passkey.sign_count)
        )
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = passkey.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        cid = b64url(passkey.credential_id)
        return {
            "id": cid,
            "rawId": cid,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(passkey.user_handle),
            },
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
        }
