"""ICE servers for a call, and TURN REST credentials as coturn's use-auth-secret checks them."""

from __future__ import annotations

import base64
import hashlib
import hmac

from backend.calls.ice import ice_servers, turn_credentials
from backend.settings import load_settings


def test_turn_credentials_expire_and_verify_like_coturn() -> None:
    username, password = turn_credentials("s3cret", "visit-1", ttl_seconds=600, now=1_800_000_000)
    assert username == "1800000600:visit-1"
    # coturn recomputes base64(HMAC-SHA1(secret, username)) and compares.
    expected = base64.b64encode(hmac.new(b"s3cret", username.encode(), hashlib.sha1).digest()).decode()
    assert password == expected


def test_no_ice_servers_by_default_so_nothing_leaves_the_machine() -> None:
    assert ice_servers(load_settings({}), "v") == []


def test_stun_and_turn_from_settings() -> None:
    settings = load_settings(
        {
            "STUN_URLS": "stun:turn.city.example:3478",
            "TURN_URLS": "turn:turn.city.example:3478?transport=udp, turns:turn.city.example:5349",
            "TURN_SECRET": "shared",
            "TURN_TTL_SECONDS": "300",
        }
    )
    stun, turn = ice_servers(settings, "visit-9-staff")
    assert stun.urls == ["stun:turn.city.example:3478"] and stun.username is None
    assert turn.urls == ["turn:turn.city.example:3478?transport=udp", "turns:turn.city.example:5349"]
    assert turn.username is not None and turn.username.endswith(":visit-9-staff") and turn.credential
