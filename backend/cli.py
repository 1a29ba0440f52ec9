"""The `madoguchi` command: serve, migrate, load the demo catalogue, invite the first admin, enrol terminals."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
import msgspec
from sqlmodel.ext.asyncio.session import AsyncSession

import backend.models  # noqa: F401  (every table known, whatever one command touches)
from backend import db as database
from backend.settings import Settings, SettingsError, get_settings

T = TypeVar("T")


def _settings() -> Settings:
    try:
        return get_settings()
    except SettingsError as exc:
        raise click.ClickException(f"configuration error: {exc}") from None


def _with_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def run() -> T:
        engine = database.create_engine(settings.database_url)
        try:
            async with database.session_factory(engine)() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(run())


@click.group()
def main() -> None:
    """Madoguchi: the remote service counter."""


@main.command()
def migrate() -> None:
    """Apply database migrations (alembic upgrade head)."""
    settings = _settings()
    database.migrate(settings.database_url)
    click.echo("database is up to date")


@main.command("load-demo")
def load_demo() -> None:
    """Load the Kasama-like demo catalogue (safe to run again)."""
    from backend.catalogue.service import load_demo as load

    count = _with_session(_settings(), load)
    click.echo(f"demo catalogue loaded: {count} services")


@main.command("invite-admin")
@click.option("--name", default="Administrator", show_default=True, help="Display name of the new admin")
@click.option("--email", default=None, help="Optional e-mail address")
def invite_admin(name: str, email: str | None) -> None:
    """Print a one-time link with which the first administrator registers a passkey."""
    from backend.identity import schemas, service

    settings = _settings()

    async def work(session: AsyncSession) -> str:
        data = schemas.InviteCreate(display_name=name, role="admin", email=email)
        _, token = await service.create_invite(session, settings, data, created_by=None)
        return service.invite_url(settings, token)

    url = _with_session(settings, work)
    click.echo(f"One-time admin invitation (valid {settings.invite_ttl_hours} h):\n  {url}")


async def _first_admin_invite(session: AsyncSession, settings: Settings) -> str | None:
    """A fresh admin invite while nobody can administer this installation yet, else None."""
    from sqlmodel import select

    from backend.identity import models, schemas, service

    if (await session.exec(select(models.StaffUser).where(models.StaffUser.role == "admin"))).first():
        return None
    data = schemas.InviteCreate(display_name="Administrator", role="admin")
    _, token = await service.create_invite(session, settings, data, created_by=None)
    return service.invite_url(settings, token)


@main.command("enrol-terminal")
@click.option("--name", required=True, help="e.g. 'Van 1 kiosk'")
@click.option("--kind", type=click.Choice(["van_kiosk", "centre_kiosk", "home_tablet"]), default="van_kiosk")
@click.option("--place", required=True, help="e.g. '笠間市役所 移動市役所車両'")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts)")
def enrol_terminal(name: str, kind: str, place: str, as_json: bool) -> None:
    """Create a terminal and print its one-time enrolment code."""
    from backend.identity import schemas, terminals

    settings = _settings()
    data = msgspec.convert({"name": name, "kind": kind, "place": place}, schemas.TerminalCreate)

    async def work(session: AsyncSession) -> schemas.TerminalCreated:
        return await terminals.create_terminal(session, settings, data)

    created = _with_session(settings, work)
    if as_json:
        click.echo(msgspec.json.encode(created).decode())
    else:
        click.echo(f"Enrolment code for {created.terminal.name}: {created.enrolment_code}")
        click.echo(f"Enter it on the kiosk's first screen before {created.expires_at:%Y-%m-%d %H:%M} UTC.")


@main.group()
def audit() -> None:
    """The personal-data access log."""


@audit.command("verify")
def audit_verify() -> None:
    """Recompute the hash chain; exit 1 naming the first entry that was changed, removed or reordered."""
    from backend.audit.service import verify

    checked, broken = _with_session(_settings(), verify)
    if broken is not None:
        click.echo(
            f"audit chain BROKEN at entry {broken.seq}: {broken.reason} ({checked} entries before it are intact)",
            err=True,
        )
        raise SystemExit(1)
    click.echo(f"audit chain intact: {checked} entries")


@main.command("rotate-my-number-key")
def rotate_my_number_key() -> None:
    """Re-encrypt every stored My Number with the first key of MY_NUMBER_KEYS (keep the old key listed until done)."""
    from backend.procedures.service import reencrypt_my_numbers

    settings = _settings()
    moved = _with_session(settings, lambda session: reencrypt_my_numbers(session, settings))
    click.echo(f"re-encrypted {moved} My Numbers with the current key")


@main.group()
def retention() -> None:
    """Deleting what has been kept long enough."""


@retention.command("purge")
def retention_purge() -> None:
    """Delete every attachment whose retention period has ended (the app also does this every hour)."""
    from backend.procedures.attachments import purge_expired

    deleted = _with_session(_settings(), purge_expired)
    click.echo(f"deleted {deleted} expired attachments")


@main.command()
@click.option("--output", type=click.Path(dir_okay=False), default="-", help="File to write, '-' for stdout")
def schema(output: str) -> None:
    """Write the JSON Schema of every wire type (the front end generates its TypeScript types from it)."""
    from backend.protocol import json_schema

    text = json_schema()
    if output == "-":
        click.echo(text)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)


@main.command()
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"), show_default="HOST or 127.0.0.1")
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "8000")), show_default="PORT or 8000")
@click.option("--workers", type=int, default=1, show_default=True, help="Processes (needs REDIS_URL when > 1)")
@click.option("--demo/--no-demo", default=True, show_default=True, help="Load the demo catalogue")
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Migrate, load the demo catalogue, print the URLs and serve."""
    import uvicorn

    os.environ.setdefault("PORT", str(port))
    settings = _settings()
    if workers > 1 and not settings.redis_url:
        raise click.ClickException("several workers share channels and sign-in state only through Redis: set REDIS_URL")
    database.migrate(settings.database_url)
    if demo:
        from backend.catalogue.service import load_demo as load

        _with_session(settings, load)
    base = settings.public_url
    click.echo(
        f"Madoguchi on http://{host}:{port}\n  kiosk: {base}/kiosk/\n  staff: {base}/staff/\n  admin: {base}/admin/"
    )
    first_admin = _with_session(settings, lambda session: _first_admin_invite(session, settings))
    if first_admin:
        click.echo(f"No administrator yet. One-time link for the first administrator:\n  {first_admin}")
    uvicorn.run("backend.asgi:app", host=host, port=port, workers=workers, log_level=settings.log_level.lower())


if __name__ == "__main__":
    sys.exit(main())
