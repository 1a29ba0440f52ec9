"""Staff, invites and sessions: the logic behind sign-in and the admin console."""

from __future__ import annotations

import secrets
from datetime import timedelta

from litestar.stores.base import Store
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from backend.catalogue import service as catalogue
from backend.db import utcnow
from backend.identity import models, passkeys, schemas
from backend.identity.tokens import hash_secret, new_id, new_secret
from backend.problems import Conflict, Forbidden, Gone, InvalidInput, NotFound, NotSignedIn
from backend.settings import Settings

# Touching last_seen_at on every request would turn every read into a write; a minute is plenty
# against a 30-minute idle limit.
_TOUCH_EVERY = timedelta(minutes=1)


# --- invites ---


async def create_invite(
    db: AsyncSession, settings: Settings, data: schemas.InviteCreate, created_by: str | None
) -> tuple[models.Invite, str]:
    provider_ids = list(dict.fromkeys(data.provider_ids))
    unknown = set(provider_ids) - await catalogue.existing_provider_ids(db, provider_ids)
    if unknown:
        raise InvalidInput("provider_ids", f"Unknown provider: {', '.join(sorted(unknown))}")
    token = new_secret()
    now = utcnow()
    invite = models.Invite(
        id=new_id(),
        token_hash=hash_secret(token),
        display_name=data.display_name.strip(),
        email=data.email,
        role=data.role,
        provider_ids=provider_ids,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(hours=settings.invite_ttl_hours),
    )
    db.add(invite)
    await db.flush()
    return invite, token


def invite_url(settings: Settings, token: str) -> str:
    return f"{settings.public_url}/staff/#/invite/{token}"


async def open_invite(db: AsyncSession, token: str) -> models.Invite:
    """The invite behind a link, refusing links that were used or have expired."""
    invite = (await db.exec(select(models.Invite).where(models.Invite.token_hash == hash_secret(token)))).first()
    if invite is None:
        raise NotFound("This invitation link is not known. Please ask your administrator for a new one.")
    if invite.used_at is not None:
        raise Gone("This invitation link has already been used. Please sign in with your passkey.")
    if invite.expires_at <= utcnow():
        raise Gone("This invitation link has expired. Please ask your administrator for a new one.")
    return invite


async def invite_info(db: AsyncSession, invite: models.Invite) -> schemas.InviteInfo:
    return schemas.InviteInfo(
        display_name=invite.display_name,
        role=invite.role,  # type: ignore[arg-type]
        providers=await catalogue.provider_refs(db, invite.provider_ids),
        expires_at=invite.expires_at,
    )


async def invite_registration_options(
    db: AsyncSession, settings: Settings, store: Store, invite: models.Invite
) -> schemas.RegistrationOptions:
    if invite.webauthn_user_id is None:
        invite.webauthn_user_id = secrets.token_bytes(32)
        db.add(invite)
    options, challenge = passkeys.creation_options(
        settings,
        user_handle=invite.webauthn_user_id,
        user_name=invite.email or invite.display_name,
        display_name=invite.display_name,
        existing=[],
    )
    await passkeys.remember_challenge(store, f"invite:{invite.id}", challenge)
    return schemas.RegistrationOptions(options=options)


async def accept_invite(
    db: AsyncSession, settings: Settings, store: Store, invite: models.Invite, data: schemas.PasskeyCreate
) -> models.StaffUser:
    challenge = await passkeys.take_challenge(store, f"invite:{invite.id}")
    verified = passkeys.verify_registration(settings, data.credential, challenge)
    assert invite.webauthn_user_id is not None  # set when the options were issued
    now = utcnow()
    # Marking the invite used in the same UPDATE that checks it makes double use impossible.
    claimed = await db.exec(
        update(models.Invite)
        .where(col(models.Invite.id) == invite.id, col(models.Invite.used_at).is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        raise Gone("This invitation link has already been used. Please sign in with your passkey.")
    user = models.StaffUser(
        id=new_id(),
        display_name=invite.display_name,
        email=invite.email,
        role=invite.role,
        webauthn_user_id=invite.webauthn_user_id,
        created_at=now,
    )
    db.add(user)
    await db.flush()
    for provider_id in invite.provider_ids:
        db.add(models.Membership(user_id=user.id, provider_id=provider_id))
    await _save_passkey(db, user.id, verified, data)
    return user


async def pending_invites(db: AsyncSession) -> list[schemas.PendingInvite]:
    rows = await db.exec(
        select(models.Invite)
        .where(col(models.Invite.used_at).is_(None), models.Invite.expires_at > utcnow())
        .order_by(col(models.Invite.created_at).desc())
    )
    return [
        schemas.PendingInvite(id=i.id, display_name=i.display_name, role=i.role, expires_at=i.expires_at)  # type: ignore[arg-type]
        for i in rows.all()
    ]


# --- passkeys ---


async def _save_passkey(
    db: AsyncSession,
    user_id: str,
    verified: passkeys.VerifiedRegistration,
    data: schemas.PasskeyCreate,
) -> models.Passkey:
    taken = (
        await db.exec(select(models.Passkey).where(models.Passkey.credential_id == verified.credential_id))
    ).first()
    if taken is not None:
        raise Conflict("This passkey is already registered.")
    passkey = models.Passkey(
        id=new_id(),
        user_id=user_id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=list(data.credential.response.transports),
        backup_eligible=verified.credential_device_type == "multi_device",
        backed_up=verified.credential_backed_up,
        nickname=data.nickname.strip() or "passkey",
        created_at=utcnow(),
    )
    db.add(passkey)
    await db.flush()
    return passkey


def passkey_out(p: models.Passkey) -> schemas.Passkey:
    return schemas.Passkey(
        id=p.id, nickname=p.nickname, created_at=p.created_at, last_used_at=p.last_used_at, backed_up=p.backed_up
    )


async def own_passkey_options(
    db: AsyncSession, settings: Settings, store: Store, user: models.StaffUser
) -> schemas.RegistrationOptions:
    existing = (await db.exec(select(models.Passkey).where(models.Passkey.user_id == user.id))).all()
    options, challenge = passkeys.creation_options(
        settings,
        user_handle=user.webauthn_user_id,
        user_name=user.email or user.display_name,
        display_name=user.display_name,
        existing=[(p.credential_id, p.transports) for p in existing],
    )
    await passkeys.remember_challenge(store, f"add:{user.id}", challenge)
    return schemas.RegistrationOptions(options=options)


async def add_own_passkey(
    db: AsyncSession, settings: Settings, store: Store, user: models.StaffUser, data: schemas.PasskeyCreate
) -> schemas.Passkey:
    challenge = await passkeys.take_challenge(store, f"add:{user.id}")
    verified = passkeys.verify_registration(settings, data.credential, challenge)
    return passkey_out(await _save_passkey(db, user.id, verified, data))


async def delete_passkey(db: AsyncSession, passkey_id: str) -> None:
    passkey = await db.get(models.Passkey, passkey_id)
    if passkey is None:
        raise NotFound("That passkey does not exist (it may have been removed already).")
    await db.delete(passkey)


# --- sign-in and sessions ---


async def sign_in_options(settings: Settings, store: Store) -> schemas.SignInOptions:
    options, challenge = passkeys.request_options(settings)
    challenge_id = new_id()
    await passkeys.remember_challenge(store, f"sign-in:{challenge_id}", challenge)
    return schemas.SignInOptions(challenge_id=challenge_id, options=options)


async def sign_in(db: AsyncSession, settings: Settings, store: Store, data: schemas.SignIn) -> models.StaffUser:
    challenge = await passkeys.take_challenge(store, f"sign-in:{data.challenge_id}")
    credential_id = _b64url_bytes(data.credential.raw_id)
    passkey = (await db.exec(select(models.Passkey).where(models.Passkey.credential_id == credential_id))).first()
    if passkey is None:
        raise InvalidInput("credential", "This passkey is not registered here. Ask your administrator for an invite.")
    user = await db.get(models.StaffUser, passkey.user_id)
    assert user is not None  # passkeys are deleted with their owner
    handle = data.credential.response.user_handle
    if handle is not None and _b64url_bytes(handle) != user.webauthn_user_id:
        raise InvalidInput("credential", "This passkey belongs to someone else.")
    verified = passkeys.verify_authentication(
        settings, data.credential, challenge, passkey.public_key, passkey.sign_count
    )
    passkey.sign_count = verified.new_sign_count
    passkey.backed_up = verified.credential_backed_up
    passkey.last_used_at = utcnow()
    db.add(passkey)
    return user


def _b64url_bytes(value: str) -> bytes:
    try:
        return passkeys.webauthn.base64url_to_bytes(value)
    except ValueError:
        raise InvalidInput("credential.rawId", "is not base64url") from None


async def start_session(
    db: AsyncSession, settings: Settings, user: models.StaffUser, user_agent: str
) -> tuple[models.StaffSession, str]:
    token = new_secret()
    now = utcnow()
    row = models.StaffSession(
        id=new_id(),
        token_hash=hash_secret(token),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=settings.session_absolute_hours),
        user_agent=user_agent[:300],
    )
    db.add(row)
    await db.flush()
    return row, token


async def resolve_session(
    db: AsyncSession, settings: Settings, token: str | None
) -> tuple[models.StaffUser, models.StaffSession]:
    if not token:
        raise NotSignedIn("Please sign in with your passkey.")
    row = (
        await db.exec(select(models.StaffSession).where(models.StaffSession.token_hash == hash_secret(token)))
    ).first()
    now = utcnow()
    if row is None or row.ended_at is not None:
        raise NotSignedIn("Your session has ended. Please sign in again.")
    if row.expires_at <= now or row.last_seen_at + timedelta(minutes=settings.session_idle_minutes) <= now:
        row.ended_at = now
        db.add(row)
        await db.commit()  # the expiry must stick even though this request fails
        raise NotSignedIn("Your session timed out. Please sign in again.")
    if now - row.last_seen_at >= _TOUCH_EVERY:
        row.last_seen_at = now
        db.add(row)
    user = await db.get(models.StaffUser, row.user_id)
    assert user is not None
    return user, row


async def end_session(db: AsyncSession, session_id: str) -> None:
    row = await db.get(models.StaffSession, session_id)
    if row is None:
        raise NotFound("That session does not exist.")
    if row.ended_at is None:
        row.ended_at = utcnow()
        db.add(row)


async def end_all_sessions(db: AsyncSession, user_id: str) -> None:
    rows = await db.exec(
        select(models.StaffSession).where(
            models.StaffSession.user_id == user_id, col(models.StaffSession.ended_at).is_(None)
        )
    )
    now = utcnow()
    for row in rows.all():
        row.ended_at = now
        db.add(row)


def session_out(row: models.StaffSession) -> schemas.SessionInfo:
    return schemas.SessionInfo(
        id=row.id,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        expires_at=row.expires_at,
        user_agent=row.user_agent,
    )


async def provider_ids_of(db: AsyncSession, user_id: str) -> list[str]:
    rows = await db.exec(select(models.Membership.provider_id).where(models.Membership.user_id == user_id))
    return list(rows.all())


async def me(db: AsyncSession, user: models.StaffUser, row: models.StaffSession) -> schemas.Me:
    return schemas.Me(
        id=user.id,
        display_name=user.display_name,
        role=user.role,  # type: ignore[arg-type]
        providers=await catalogue.provider_refs(db, await provider_ids_of(db, user.id)),
        session=session_out(row),
    )


def require_role(user: models.StaffUser, *roles: str) -> None:
    if user.role not in roles:
        raise Forbidden("This page is for administrators. Ask an administrator if you need access.")


async def staff_list(db: AsyncSession) -> list[schemas.StaffMember]:
    users = (await db.exec(select(models.StaffUser).order_by(col(models.StaffUser.display_name)))).all()
    keys = (await db.exec(select(models.Passkey).order_by(col(models.Passkey.created_at)))).all()
    now = utcnow()
    live = (
        await db.exec(
            select(models.StaffSession)
            .where(col(models.StaffSession.ended_at).is_(None), models.StaffSession.expires_at > now)
            .order_by(col(models.StaffSession.last_seen_at).desc())
        )
    ).all()
    memberships = (await db.exec(select(models.Membership))).all()
    refs = {r.id: r for r in await catalogue.provider_refs(db, list({m.provider_id for m in memberships}))}
    return [
        schemas.StaffMember(
            id=u.id,
            display_name=u.display_name,
            email=u.email,
            role=u.role,  # type: ignore[arg-type]
            providers=[refs[m.provider_id] for m in memberships if m.user_id == u.id],
            passkeys=[passkey_out(p) for p in keys if p.user_id == u.id],
            sessions=[session_out(s) for s in live if s.user_id == u.id],
        )
        for u in users
    ]
