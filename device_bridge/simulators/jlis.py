"""A stand-in for J-LIS: a test trust anchor that issues the card's 0004 and signs its 0003.

Layouts (as this bridge and ``backend.procedures.card_check`` read them):
  0004 = 7F21 { 5F4E { AKI(16) ‖ SKI(16) ‖ 82 exponent ‖ 81 modulus }, 5F37 signature }
         signature: SHA256withRSA (PKCS#1 v1.5) by the anchor over the whole 5F4E TLV.
  0003 = FF30 { DF31 SHA-256(EF 0001 record), DF32 SHA-256(EF 0002 after the DF21 TLV),
                DF33 SHA256withRSA by the 0004 key over the DF31 and DF32 TLVs (70 bytes) }
Key identifiers are the first 16 bytes of SHA-256 over the key's DER SubjectPublicKeyInfo.
Never use these keys for anything but tests and demos.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from device_bridge.card import ber

TAG_CERTIFICATE = 0x7F21
TAG_CERT_BODY = 0x5F4E
TAG_CERT_SIGNATURE = 0x5F37
TAG_EXPONENT = 0x82
TAG_MODULUS = 0x81
TAG_SIGNATURE_FILE = 0xFF30
TAG_MY_NUMBER_DIGEST = 0xDF31
TAG_BASIC_INFO_DIGEST = 0xDF32
TAG_SIGNATURE = 0xDF33


def key_id(key: rsa.RSAPublicKey) -> bytes:
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).digest()[:16]


def _sign(key: rsa.RSAPrivateKey, data: bytes) -> bytes:
    return key.sign(data, padding.PKCS1v15(), hashes.SHA256())


def _int_bytes(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


def signed_part_of_basic_info(record: bytes) -> bytes:
    """EF 0002 from the name TLV onward: everything in FF20 after the DF21 header TLV."""
    outer = ber.read_tlv(record)
    header = ber.read_tlv(outer.value)
    return outer.value[header.end :]


@dataclass(frozen=True)
class SimulatedJlis:
    anchor_key: rsa.RSAPrivateKey  # plays J-LIS's CA key: its public half is the trust anchor
    card_data_key: rsa.RSAPrivateKey  # plays the key that signs 0003, certified by 0004

    @classmethod
    def generate(cls) -> SimulatedJlis:
        return cls(
            anchor_key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
            card_data_key=rsa.generate_private_key(public_exponent=65537, key_size=2048),
        )

    @classmethod
    def load_or_create(cls, folder: Path) -> SimulatedJlis:
        """Keep the test keys in ``folder`` so a demo backend can be configured once."""
        paths = (folder / "test-jlis-anchor-key.pem", folder / "test-jlis-card-data-key.pem")
        if all(path.exists() for path in paths):
            keys = [serialization.load_pem_private_key(path.read_bytes(), password=None) for path in paths]
            if not all(isinstance(key, rsa.RSAPrivateKey) for key in keys):
                raise ValueError("test J-LIS keys must be RSA")
            return cls(anchor_key=keys[0], card_data_key=keys[1])  # type: ignore[arg-type]
        jlis = cls.generate()
        folder.mkdir(parents=True, exist_ok=True)
        for path, key in zip(paths, (jlis.anchor_key, jlis.card_data_key), strict=True):
            path.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            path.chmod(0o600)
        (folder / "test-jlis-anchor.pem").write_bytes(jlis.anchor_pem())
        return jlis

    def anchor_pem(self) -> bytes:
        return self.anchor_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def certificate(self) -> bytes:
        """EF 0004: the card-data key, certified by the anchor."""
        numbers = self.card_data_key.public_key().public_numbers()
        body = ber.encode_tlv(
            TAG_CERT_BODY,
            key_id(self.anchor_key.public_key())
            + key_id(self.card_data_key.public_key())
            + ber.encode_tlv(TAG_EXPONENT, _int_bytes(numbers.e))
            + ber.encode_tlv(TAG_MODULUS, _int_bytes(numbers.n)),
        )
        signature = ber.encode_tlv(TAG_CERT_SIGNATURE, _sign(self.anchor_key, body))
        return ber.encode_tlv(TAG_CERTIFICATE, body + signature)

    def signature_file(self, my_number_record: bytes, basic_info_record: bytes) -> bytes:
        """EF 0003: digests of 0001 and 0002, signed by the card-data key."""
        digests = ber.encode_tlv(TAG_MY_NUMBER_DIGEST, hashlib.sha256(my_number_record).digest()) + ber.encode_tlv(
            TAG_BASIC_INFO_DIGEST, hashlib.sha256(signed_part_of_basic_info(basic_info_record)).digest()
        )
        return ber.encode_tlv(
            TAG_SIGNATURE_FILE, digests + ber.encode_tlv(TAG_SIGNATURE, _sign(self.card_data_key, digests))
        )
