"""The call's signaling WebSocket."""

from __future__ import annotations

from typing import Literal

import msgspec
from litestar import WebSocket, websocket
from litestar.channels import ChannelsPlugin
from litestar.datastructures import State

from backend.calls import schemas, service
from backend.calls.signaling import Participant
from backend.identity import auth
from backend.problems import DomainError, Forbidden, NotFound

_CLOSE_CODES = {NotFound: 4404, Forbidden: 4403}


@websocket("/api/visits/{visit_id:str}/signal")
async def signal(
    socket: WebSocket, state: State, channels: ChannelsPlugin, visit_id: str, role: Literal["citizen", "staff"]
) -> None:
    """`?role=citizen` for the kiosk (device credential), `?role=staff` for the clerk (session cookie)."""
    await socket.accept()
    try:
        async with state.open_session() as db:
            visit = await service.admit(
                db,
                state.settings,
                visit_id,
                role,
                socket.cookies.get(auth.SESSION_COOKIE),
                auth.terminal_credential(socket),
            )
            await db.commit()
    except DomainError as exc:
        code = "not_found" if isinstance(exc, NotFound) else "not_allowed"
        await socket.send_data(_error(code, exc.detail), mode="text")
        await socket.close(code=_CLOSE_CODES.get(type(exc), 4401), reason=exc.detail[:120])
        return
    await Participant(socket, channels, state.open_session, state.settings, visit, role).run()


def _error(code: str, message: str) -> str:
    return msgspec.json.encode(schemas.Error(code=code, message=message)).decode()  # type: ignore[arg-type]
