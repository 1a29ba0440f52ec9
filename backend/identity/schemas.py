"""Identity wire types: staff, passkeys (WebAuthn JSON shapes), sessions, invites, terminals."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from backend.catalogue.schemas import ProviderRef

Role = Literal["staff", "supervisor", "admin"]
TerminalKind = Literal["van_kiosk", "centre_kiosk", "home_tablet"]
TerminalStatus = Literal["awaiting_enrolment", "enrolled", "revoked"]

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Place = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Email = Annotated[str, msgspec.Meta(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Nickname = Annotated[str, msgspec.Meta(max_length=60)]
B64Url = Annotated[str, msgspec.Meta(min_length=1, max_length=65536, pattern=r"^[A-Za-z0-9_-]+={0,2}$")]


# --- WebAuthn JSON, as the browser's PublicKeyCredential.toJSON() and parse*FromJSON() speak it ---


class RelyingParty(msgspec.Struct):
    id: str
    name: str


class WebAuthnUser(msgspec.Struct, rename="camel"):
    id: str
    name: str
    display_name: str


class CredentialParameter(msgspec.Struct):
    type: str
    alg: int


class CredentialDescriptor(msgspec.Struct, omit_defaults=True):
    id: str
    type: str
    transports: list[str] = []


class AuthenticatorSelection(msgspec.Struct, rename="camel", omit_defaults=True):
    resident_key: str | None = None
    require_resident_key: bool | None = None
    user_verification: str | None = None
    authenticator_attachment: str | None = None


class CreationOptionsJSON(msgspec.Struct, rename="camel", omit_defaults=True):
    rp: RelyingParty
    user: WebAuthnUser
    challenge: str
    pub_key_cred_params: list[CredentialParameter]
    timeout: int | None = None
    exclude_credentials: list[CredentialDescriptor] = []
    authenticator_selection: AuthenticatorSelection | None = None
    attestation: str | None = None
    hints: list[str] = []


class RequestOptionsJSON(msgspec.Struct, rename="camel", omit_defaults=True):
    challenge: str
    rp_id: str
    timeout: int | None = None
    allow_credentials: list[CredentialDescriptor] = []
    user_verification: str | None = None
    hints: list[str] = []


class AttestationResponseJSON(
    msgspec.Struct, rename={"client_data_json": "clientDataJSON", "attestation_object": "attestationObject"}
):
    client_data_json: B64Url
    attestation_object: B64Url
    transports: list[str] = []


class AssertionResponseJSON(
    msgspec.Struct,
    rename={
        "client_data_json": "clientDataJSON",
        "authenticator_data": "authenticatorData",
        "user_handle": "userHandle",
    },
):
    client_data_json: B64Url
    authenticator_data: B64Url
    signature: B64Url
    user_handle: B64Url | None = None


class RegistrationCredentialJSON(
    msgspec.Struct, rename={"raw_id": "rawId", "authenticator_attachment": "authenticatorAttachment"}
):
    id: B64Url
    raw_id: B64Url
    type: Literal["public-key"]
    response: AttestationResponseJSON
    authenticator_attachment: str | None = None


class AuthenticationCredentialJSON(
    msgspec.Struct, rename={"raw_id": "rawId", "authenticator_attachment": "authenticatorAttachment"}
):
    id: B64Url
    raw_id: B64Url
    type: Literal["public-key"]
    response: AssertionResponseJSON
    authenticator_attachment: str | None = None


# --- Staff sign-in ---


class RegistrationOptions(msgspec.Struct):
    options: CreationOptionsJSON


class PasskeyCreate(msgspec.Struct):
    credential: RegistrationCredentialJSON
    nickname: Nickname = ""


class SignInOptions(msgspec.Struct):
    challenge_id: str
    options: RequestOptionsJSON


class SignIn(msgspec.Struct):
    challenge_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    credential: AuthenticationCredentialJSON


class SessionInfo(msgspec.Struct):
    id: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    user_agent: str = ""


class Me(msgspec.Struct):
    id: str
    display_name: str
    role: Role
    providers: list[ProviderRef]
    session: SessionInfo


class Passkey(msgspec.Struct):
    id: str
    nickname: str
    created_at: datetime
    last_used_at: datetime | None
    backed_up: bool


# --- Invites ---


class InviteCreate(msgspec.Struct, forbid_unknown_fields=True):
    display_name: Name
    role: Role
    provider_ids: list[Annotated[str, msgspec.Meta(min_length=1, max_length=64)]] = []
    email: Email | None = None


class InviteCreated(msgspec.Struct):
    id: str
    url: str
    expires_at: datetime


class InviteInfo(msgspec.Struct):
    display_name: str
    role: Role
    providers: list[ProviderRef]
    expires_at: datetime


class PendingInvite(msgspec.Struct):
    id: str
    display_name: str
    role: Role
    expires_at: datetime


class StaffMember(msgspec.Struct):
    id: str
    display_name: str
    email: str | None
    role: Role
    providers: list[ProviderRef]
    passkeys: list[Passkey]
    sessions: list[SessionInfo]


# --- Terminals ---


class TerminalCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    kind: TerminalKind
    place: Place


class Terminal(msgspec.Struct):
    id: str
    name: str
    kind: TerminalKind
    place: str
    status: TerminalStatus
    enrolled_at: datetime | None
    last_seen_at: datetime | None


class TerminalCreated(msgspec.Struct):
    terminal: Terminal
    enrolment_code: str
    expires_at: datetime


class TerminalEnrol(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
