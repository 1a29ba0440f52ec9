"""Every table, imported in one place so Alembic and the app see the whole schema."""

from backend.audit.models import AuditEntry, AuditHead
from backend.calls.models import ChatMessage
from backend.catalogue.models import Provider, Service
from backend.identity.models import Invite, Membership, Passkey, StaffSession, StaffUser, Terminal
from backend.procedures.models import Application, Attachment, CardRead
from backend.visits.models import CounterStatus, HelpRequest, Visit, VisitEvent

__all__ = [
    "Application",
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "CardRead",
    "ChatMessage",
    "CounterStatus",
    "HelpRequest",
    "Invite",
    "Membership",
    "Passkey",
    "Provider",
    "Service",
    "StaffSession",
    "StaffUser",
    "Terminal",
    "Visit",
    "VisitEvent",
]
