"""Every table, imported in one place so Alembic and the app see the whole schema."""

from backend.catalogue.models import Provider, Service
from backend.identity.models import Invite, Membership, Passkey, StaffSession, StaffUser, Terminal

__all__ = ["Invite", "Membership", "Passkey", "Provider", "Service", "StaffSession", "StaffUser", "Terminal"]
