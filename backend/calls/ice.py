"""ICE servers for a call: STUN as configured; TURN with short-lived credentials (coturn use-auth-secret).

The TURN REST scheme: username "<expiry unix time>:<who>", password base64(HMAC-SHA1(secret, username)).
coturn checks both without a database, and the password stops working at the expiry time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

from backend.calls.schemas import IceServer
from backend.settings import Settings


def turn_credentials(secret: str, subject: str, ttl_seconds: int, now: float | None = None) -> tuple[str, str]:
    expiry = int((now if now is not None else time.time()) + ttl_seconds)
    username = f"{expiry}:{subject}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


def ice_servers(settings: Settings, subject: str) -> list[IceServer]:
    servers = []
    if settings.stun_urls:
        servers.append(IceServer(urls=list(settings.stun_urls)))
    if settings.turn_urls:
        if settings.turn_secret:
            username, credential = turn_credentials(settings.turn_secret, subject, settings.turn_ttl_seconds)
            servers.append(IceServer(urls=list(settings.turn_urls), username=username, credential=credential))
        else:
            servers.append(IceServer(urls=list(settings.turn_urls)))
    return servers
