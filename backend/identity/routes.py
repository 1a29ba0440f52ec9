"""Identity HTTP routes: invites, passkey sign-in, the signed-in person, admin, terminal enrolment."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import Provide
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT
from litestar.stores.base import Store
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.identity import auth, models, schemas, service, terminals
from backend.identity.auth import SignedIn
from backend.settings import Settings


def _user_agent(request: Request[Any, Any, Any]) -> str:
    return request.headers.get("user-agent", "")


async def _signed_in_response(
    request: Request[Any, Any, Any], db: AsyncSession, settings: Settings, user: models.StaffUser
) -> Response[schemas.Me]:
    row, token = await service.start_session(db, settings, user, _user_agent(request))
    return Response(await service.me(db, user, row), cookies=[auth.session_cookie(settings, token)])


class InviteController(Controller):
    path = "/api/invites/{token:str}"
    tags = ("staff sign-in",)

    @get("/", summary="Who an invitation is for")
    async def show(self, db: AsyncSession, token: str) -> schemas.InviteInfo:
        return await service.invite_info(db, await service.open_invite(db, token))

    @post("/passkey-options", status_code=HTTP_200_OK, summary="Start registering a passkey for an invitation")
    async def passkey_options(
        self, db: AsyncSession, settings: Settings, auth_store: Store, token: str
    ) -> schemas.RegistrationOptions:
        invite = await service.open_invite(db, token)
        return await service.invite_registration_options(db, settings, auth_store, invite)

    @post("/passkey", status_code=HTTP_200_OK, summary="Finish registering; signs the new staff member in")
    async def register(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        settings: Settings,
        auth_store: Store,
        token: str,
        data: schemas.PasskeyCreate,
    ) -> Response[schemas.Me]:
        invite = await service.open_invite(db, token)
        user = await service.accept_invite(db, settings, auth_store, invite, data)
        return await _signed_in_response(request, db, settings, user)


class AuthController(Controller):
    path = "/api/auth"
    tags = ("staff sign-in",)

    @post("/passkey-options", status_code=HTTP_200_OK, summary="Start a passkey sign-in")
    async def passkey_options(self, settings: Settings, auth_store: Store) -> schemas.SignInOptions:
        return await service.sign_in_options(settings, auth_store)

    @post("/sign-in", status_code=HTTP_200_OK, summary="Finish a passkey sign-in; starts a new session")
    async def sign_in(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        settings: Settings,
        auth_store: Store,
        data: schemas.SignIn,
    ) -> Response[schemas.Me]:
        user = await service.sign_in(db, settings, auth_store, data)
        return await _signed_in_response(request, db, settings, user)

    @post("/sign-out", status_code=HTTP_204_NO_CONTENT, dependencies={"signed_in": Provide(auth.provide_signed_in)})
    async def sign_out(self, db: AsyncSession, settings: Settings, signed_in: SignedIn) -> Response[None]:
        await service.end_session(db, signed_in.session.id)
        return Response(None, status_code=HTTP_204_NO_CONTENT, cookies=[auth.ended_session_cookie(settings)])

    @post(
        "/sign-out-everywhere",
        status_code=HTTP_204_NO_CONTENT,
        dependencies={"signed_in": Provide(auth.provide_signed_in)},
        summary="End every session of the signed-in person, on every device",
    )
    async def sign_out_everywhere(self, db: AsyncSession, settings: Settings, signed_in: SignedIn) -> Response[None]:
        await service.end_all_sessions(db, signed_in.user.id)
        return Response(None, status_code=HTTP_204_NO_CONTENT, cookies=[auth.ended_session_cookie(settings)])


class MeController(Controller):
    path = "/api/me"
    tags = ("staff",)
    dependencies = {"signed_in": Provide(auth.provide_signed_in)}  # noqa: RUF012

    @get("/", summary="The signed-in staff member and their counters")
    async def me(self, db: AsyncSession, signed_in: SignedIn) -> schemas.Me:
        return await service.me(db, signed_in.user, signed_in.session)

    @post("/passkey-options", status_code=HTTP_200_OK, summary="Start adding another passkey")
    async def passkey_options(
        self, db: AsyncSession, settings: Settings, auth_store: Store, signed_in: SignedIn
    ) -> schemas.RegistrationOptions:
        return await service.own_passkey_options(db, settings, auth_store, signed_in.user)

    @post("/passkeys", summary="Add another passkey (e.g. a phone as well as the office PC)")
    async def add_passkey(
        self, db: AsyncSession, settings: Settings, auth_store: Store, signed_in: SignedIn, data: schemas.PasskeyCreate
    ) -> schemas.Passkey:
        return await service.add_own_passkey(db, settings, auth_store, signed_in.user, data)


class AdminController(Controller):
    path = "/api/admin"
    tags = ("admin",)
    dependencies = {  # noqa: RUF012
        "signed_in": Provide(auth.provide_signed_in),
        "admin": Provide(auth.provide_admin),
    }

    @get("/staff", summary="Staff with their passkeys and live sessions")
    async def staff(self, db: AsyncSession, admin: SignedIn) -> list[schemas.StaffMember]:
        return await service.staff_list(db)

    @post("/invites", summary="Invite a staff member; returns the one-time link")
    async def invite(
        self, db: AsyncSession, settings: Settings, admin: SignedIn, data: schemas.InviteCreate
    ) -> schemas.InviteCreated:
        invite, token = await service.create_invite(db, settings, data, created_by=admin.user.id)
        return schemas.InviteCreated(
            id=invite.id, url=service.invite_url(settings, token), expires_at=invite.expires_at
        )

    @get("/invites", summary="Invitations not used yet")
    async def invites(self, db: AsyncSession, admin: SignedIn) -> list[schemas.PendingInvite]:
        return await service.pending_invites(db)

    @delete("/passkeys/{passkey_id:str}", summary="Remove a passkey (lost phone, staff leaving)")
    async def delete_passkey(self, db: AsyncSession, admin: SignedIn, passkey_id: str) -> None:
        await service.delete_passkey(db, passkey_id)

    @delete("/sessions/{session_id:str}", summary="End one session")
    async def end_session(self, db: AsyncSession, admin: SignedIn, session_id: str) -> None:
        await service.end_session(db, session_id)

    @delete("/staff/{user_id:str}/sessions", summary="End every session of one staff member")
    async def end_sessions(self, db: AsyncSession, admin: SignedIn, user_id: str) -> None:
        await service.end_all_sessions(db, user_id)

    @get("/terminals", summary="Kiosks and tablets")
    async def terminals(self, db: AsyncSession, admin: SignedIn) -> list[schemas.Terminal]:
        return await terminals.list_terminals(db)

    @post("/terminals", summary="Create a terminal and its one-time enrolment code")
    async def create_terminal(
        self, db: AsyncSession, settings: Settings, admin: SignedIn, data: schemas.TerminalCreate
    ) -> schemas.TerminalCreated:
        return await terminals.create_terminal(db, settings, data)

    @post("/terminals/{terminal_id:str}/revoke", status_code=HTTP_200_OK, summary="Lock a terminal out at once")
    async def revoke_terminal(self, db: AsyncSession, admin: SignedIn, terminal_id: str) -> schemas.Terminal:
        return await terminals.revoke(db, terminal_id)


class TerminalController(Controller):
    path = "/api/terminal"
    tags = ("kiosk",)

    @post("/enrol", status_code=HTTP_200_OK, summary="Enrol this kiosk with its one-time code")
    async def enrol(
        self, db: AsyncSession, settings: Settings, data: schemas.TerminalEnrol
    ) -> Response[schemas.Terminal]:
        terminal, credential = await terminals.enrol(db, data.code)
        return Response(terminals.terminal_out(terminal), cookies=[auth.terminal_cookie(settings, credential)])

    @get("/me", summary="This kiosk, as the server knows it", dependencies={"terminal": Provide(auth.provide_terminal)})
    async def me(self, terminal: models.Terminal) -> schemas.Terminal:
        return terminals.terminal_out(terminal)
