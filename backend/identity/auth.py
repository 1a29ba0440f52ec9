"""Who is calling: the signed-in staff member (session cookie) or the enrolled terminal (device credential).

Both are Litestar dependencies, so a handler states what it needs by naming a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, State
from litestar.stores.base import Store
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.identity import models, service, terminals
from backend.settings import Settings

SESSION_COOKIE = "madoguchi_session"
TERMINAL_COOKIE = "madoguchi_terminal"
# Ten years: a kiosk stays enrolled until an admin revokes it, not until a cookie runs out.
TERMINAL_COOKIE_SECONDS = 10 * 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: models.StaffUser
    session: models.StaffSession


def provide_settings(state: State) -> Settings:
    return state.settings


def provide_auth_store(request: Request[Any, Any, Any]) -> Store:
    return request.app.stores.get("auth")


async def provide_signed_in(request: Request[Any, Any, Any], db: AsyncSession, settings: Settings) -> SignedIn:
    user, row = await service.resolve_session(db, settings, request.cookies.get(SESSION_COOKIE))
    return SignedIn(user=user, session=row)


async def provide_admin(signed_in: SignedIn) -> SignedIn:
    service.require_role(signed_in.user, "admin")
    return signed_in


def terminal_credential(request: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The cookie for browsers; `Authorization: Terminal <credential>` for scripted kiosks (tests, bots)."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "terminal" and value:
        return value.strip()
    return request.cookies.get(TERMINAL_COOKIE)


async def provide_terminal(request: Request[Any, Any, Any], db: AsyncSession) -> models.Terminal:
    return await terminals.resolve_terminal(db, terminal_credential(request))


def _cookie(settings: Settings, key: str, value: str, max_age: int) -> Cookie:
    # HttpOnly: page scripts never see a credential. SameSite=Strict: other sites cannot send it.
    return Cookie(
        key=key, value=value, path="/", httponly=True, secure=settings.cookie_secure, samesite="strict", max_age=max_age
    )


def session_cookie(settings: Settings, token: str) -> Cookie:
    return _cookie(settings, SESSION_COOKIE, token, settings.session_absolute_hours * 3600)


def ended_session_cookie(settings: Settings) -> Cookie:
    return _cookie(settings, SESSION_COOKIE, "", 0)


def terminal_cookie(settings: Settings, credential: str) -> Cookie:
    return _cookie(settings, TERMINAL_COOKIE, credential, TERMINAL_COOKIE_SECONDS)
