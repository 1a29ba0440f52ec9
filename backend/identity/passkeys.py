"""WebAuthn ceremonies (py_webauthn): passkeys only, user verification required.

Challenges live in a short-lived store (memory, or Redis when scaled out) so that any worker
can finish a ceremony another one started; each challenge can be used once.
"""

from __future__ import annotations

import msgspec
import webauthn
from litestar.stores.base import Store
from webauthn.authentication.verify_authentication_response import VerifiedAuthentication
from webauthn.helpers import exceptions as webauthn_errors
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)
from webauthn.registration.verify_registration_response import VerifiedRegistration

from backend.identity import schemas
from backend.problems import Gone, InvalidInput
from backend.settings import Settings

CHALLENGE_SECONDS = 300
_VERIFY_ERRORS = (
    webauthn_errors.InvalidRegistrationResponse,
    webauthn_errors.InvalidAuthenticationResponse,
    webauthn_errors.InvalidJSONStructure,
    webauthn_errors.InvalidCBORData,
    webauthn_errors.InvalidAuthenticatorDataStructure,
    webauthn_errors.UnsupportedPublicKeyType,
    webauthn_errors.UnsupportedAlgorithm,
    webauthn_errors.InvalidPublicKeyStructure,
    webauthn_errors.InvalidCertificateChain,
    ValueError,
)


def _transports(names: list[str]) -> list[AuthenticatorTransport]:
    known = {t.value: t for t in AuthenticatorTransport}
    return [known[n] for n in names if n in known]


def creation_options(
    settings: Settings,
    *,
    user_handle: bytes,
    user_name: str,
    display_name: str,
    existing: list[tuple[bytes, list[str]]],
) -> tuple[schemas.CreationOptionsJSON, bytes]:
    options = webauthn.generate_registration_options(
        rp_id=settings.webauthn_rp_id,
        rp_name=settings.webauthn_rp_name,
        user_id=user_handle,
        user_name=user_name,
        user_display_name=display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        # The same authenticator must not be registered twice for one person.
        exclude_credentials=[PublicKeyCredentialDescriptor(id=cid, transports=_transports(t)) for cid, t in existing],
    )
    as_json = msgspec.json.decode(webauthn.options_to_json(options), type=schemas.CreationOptionsJSON)
    return as_json, options.challenge


def request_options(settings: Settings) -> tuple[schemas.RequestOptionsJSON, bytes]:
    # Empty allowCredentials: discoverable passkeys, the person picks theirs, no user name typed.
    options = webauthn.generate_authentication_options(
        rp_id=settings.webauthn_rp_id, user_verification=UserVerificationRequirement.REQUIRED
    )
    as_json = msgspec.json.decode(webauthn.options_to_json(options), type=schemas.RequestOptionsJSON)
    return as_json, options.challenge


def verify_registration(
    settings: Settings, credential: schemas.RegistrationCredentialJSON, challenge: bytes
) -> VerifiedRegistration:
    try:
        return webauthn.verify_registration_response(
            credential=msgspec.json.encode(credential).decode(),
            expected_challenge=challenge,
            expected_rp_id=settings.webauthn_rp_id,
            expected_origin=settings.public_origin,
            require_user_verification=True,
        )
    except _VERIFY_ERRORS as exc:
        raise InvalidInput("credential", f"The passkey could not be registered: {exc}") from None


def verify_authentication(
    settings: Settings,
    credential: schemas.AuthenticationCredentialJSON,
    challenge: bytes,
    public_key: bytes,
    sign_count: int,
) -> VerifiedAuthentication:
    try:
        return webauthn.verify_authentication_response(
            credential=msgspec.json.encode(credential).decode(),
            expected_challenge=challenge,
            expected_rp_id=settings.webauthn_rp_id,
            expected_origin=settings.public_origin,
            credential_public_key=public_key,
            credential_current_sign_count=sign_count,
            require_user_verification=True,
        )
    except _VERIFY_ERRORS as exc:
        raise InvalidInput("credential", f"The passkey could not be checked: {exc}") from None


async def remember_challenge(store: Store, key: str, challenge: bytes) -> None:
    await store.set(f"challenge:{key}", challenge, expires_in=CHALLENGE_SECONDS)


async def take_challenge(store: Store, key: str) -> bytes:
    """Fetch and forget: a challenge answers one ceremony only."""
    value = await store.get(f"challenge:{key}")
    await store.delete(f"challenge:{key}")
    if value is None:
        raise Gone("The sign-in request has expired. Please start again.")
    return value
