"""Change notifications: published on Litestar channels only after the database has committed.

Channels carry "something changed" and nothing else; whoever listens re-reads the database, so a
notification lost in a reconnect costs nothing.
"""

from __future__ import annotations

from litestar.channels import ChannelsPlugin
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlmodel.ext.asyncio.session import AsyncSession

CHANGED = b"changed"


def notify(db: AsyncSession, *channels: str) -> None:
    """Publish to these channels once (and only if) the current transaction commits."""
    db.sync_session.info.setdefault("notify", set()).update(channels)


def attach(db: AsyncSession, plugin: ChannelsPlugin) -> AsyncSession:
    db.sync_session.info["channels"] = plugin
    return db


def queue_channel(provider_id: str) -> str:
    return f"queue:{provider_id}"


HELP_CHANNEL = "help"  # every staff dashboard listens: a citizen asked for help somewhere


def visit_channel(visit_id: str) -> str:
    return f"visit:{visit_id}"


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    names = session.info.pop("notify", None)
    plugin = session.info.get("channels")
    if names and plugin is not None:
        plugin.publish(CHANGED, sorted(names))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("notify", None)
