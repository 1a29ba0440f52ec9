"""Bridge settings: read once from the environment (MADOGUCHI_BRIDGE_*), overridable by CLI flags.

Strict on purpose: a missing value without a default, a malformed port or origin, or a boolean
that is not one of true/false/1/0/yes/no is an error at start, never a silent guess.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import msgspec

PREFIX = "MADOGUCHI_BRIDGE_"
LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 47321
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    pass


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    host: str = LOOPBACK
    port: int = DEFAULT_PORT
    allowed_origins: tuple[str, ...]
    data_dir: Path
    simulated_camera: bool = False
    pairing_ttl_seconds: float = 600.0

    def __post_init__(self) -> None:
        if self.host != LOOPBACK:
            # The bridge hands out identity data: it must never be reachable from the network.
            raise SettingsError(f"the bridge binds {LOOPBACK} only, not {self.host!r}")
        if not 0 <= self.port <= 65535:
            raise SettingsError(f"port out of range: {self.port}")
        if not self.allowed_origins:
            raise SettingsError(f"set {PREFIX}ALLOWED_ORIGINS (or --allowed-origin): the kiosk app's origin")
        for origin in self.allowed_origins:
            check_origin(origin)


def check_origin(origin: str) -> str:
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or parts.fragment:
        raise SettingsError(f"an origin is scheme://host[:port] with nothing after it, not {origin!r}")
    return origin


def parse_bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _default_data_dir(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "madoguchi-bridge"


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from the environment; keyword overrides (CLI flags) win when not None."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    try:
        if (raw := env.get(PREFIX + "HOST")) is not None:
            values["host"] = raw.strip()
        if (raw := env.get(PREFIX + "PORT")) is not None:
            values["port"] = int(raw)
        if (raw := env.get(PREFIX + "PAIRING_TTL_SECONDS")) is not None:
            values["pairing_ttl_seconds"] = float(raw)
    except ValueError as exc:
        raise SettingsError(f"{PREFIX}PORT / PAIRING_TTL_SECONDS: {exc}") from exc
    raw_origins = env.get(PREFIX + "ALLOWED_ORIGINS", "")
    values["allowed_origins"] = tuple(o.strip() for o in raw_origins.split(",") if o.strip())
    values["data_dir"] = Path(env.get(PREFIX + "DATA_DIR") or _default_data_dir(env))
    if (raw := env.get(PREFIX + "SIMULATED_CAMERA")) is not None:
        values["simulated_camera"] = parse_bool(PREFIX + "SIMULATED_CAMERA", raw)
    values.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return msgspec.convert(values, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(str(exc)) from exc
