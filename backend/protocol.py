"""Every msgspec struct that crosses the wire, and the JSON Schema the front end's types are made from."""

from __future__ import annotations

import msgspec

from backend.calls import schemas as calls
from backend.catalogue import schemas as catalogue
from backend.health import Health
from backend.identity import schemas as identity
from backend.problems import Problem
from backend.procedures import schemas as procedures
from backend.visits import schemas as visits

WIRE_TYPES: tuple[object, ...] = (
    Problem,
    Health,
    catalogue.Catalogue,
    identity.RegistrationOptions,
    identity.PasskeyCreate,
    identity.SignInOptions,
    identity.SignIn,
    identity.Me,
    identity.Passkey,
    identity.InviteCreate,
    identity.InviteCreated,
    identity.InviteInfo,
    identity.PendingInvite,
    identity.StaffMember,
    identity.TerminalCreate,
    identity.Terminal,
    identity.TerminalCreated,
    identity.TerminalEnrol,
    visits.VisitCreate,
    visits.Visit,
    visits.CounterQueue,
    visits.AvailabilityUpdate,
    visits.AcceptNext,
    visits.VisitEnd,
    visits.HelpAsk,
    visits.HelpState,
    procedures.CardReadCreate,
    procedures.CardRead,
    procedures.ApplicationView,
    procedures.ApplicationEdit,
    procedures.SectionConfirm,
    procedures.Consent,
    procedures.Prefill,
    procedures.Signature,
    procedures.Review,
    procedures.ReceiptStatus,
    procedures.AttachmentInfo,
    procedures.Retention,
    procedures.PostalAddress,
    calls.ClientMessage,
    calls.ServerMessage,
)


def json_schema() -> str:
    refs, components = msgspec.json.schema_components(WIRE_TYPES, ref_template="#/$defs/{name}")
    document = {"title": "MadoguchiProtocol", "anyOf": list(refs), "$defs": components}
    return msgspec.json.format(msgspec.json.encode(document), indent=2).decode() + "\n"
