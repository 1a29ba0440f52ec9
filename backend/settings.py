"""Settings: one frozen struct read from the environment once.

Strict on purpose: a malformed value is an error that names the variable, so a city IT admin
finds a typo at start-up rather than in a citizen's visit.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import msgspec

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A configuration value is missing or malformed."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    database_url: str
    redis_url: str | None
    public_url: str
    webauthn_rp_id: str
    webauthn_rp_name: str
    cookie_secure: bool
    session_idle_minutes: int
    session_absolute_hours: int
    invite_ttl_hours: int
    enrolment_code_ttl_minutes: int
    auth_rate_limit_per_minute: int
    frontend_dist: Path
    stun_urls: tuple[str, ...]
    turn_urls: tuple[str, ...]
    turn_secret: str | None
    turn_ttl_seconds: int
    signal_max_bytes: int
    signal_rate_per_second: int
    signal_burst: int
    signal_idle_seconds: int
    jlis_trust_anchors: tuple[Path, ...]
    retention_days_documents: int
    retention_days_media: int
    retention_sweep_minutes: int
    upload_max_bytes: int
    my_number_keys: str | None  # "id:base64key,…", first encrypts; parsed by procedures.mynumber.Keyring
    debug: bool
    log_level: str

    @property
    def public_origin(self) -> str:
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}"


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {value}")
    return value


def _url(env: Mapping[str, str], name: str, default: str | None, schemes: tuple[str, ...]) -> str | None:
    raw = env.get(name) or default
    if raw is None:
        return None
    scheme = raw.split(":", 1)[0]
    if "://" not in raw or scheme not in schemes:
        raise SettingsError(f"{name} must be a URL starting with one of {', '.join(schemes)}, not {raw!r}")
    return raw


def _database_url(env: Mapping[str, str]) -> str:
    default = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'madoguchi.db'}"
    url = _url(
        env, "DATABASE_URL", default, ("sqlite+aiosqlite", "sqlite", "postgresql", "postgresql+asyncpg", "postgres")
    )
    assert url is not None
    # Accept the URL forms admins copy from their provider and use the async drivers we ship.
    if url.startswith("sqlite://"):
        url = "sqlite+aiosqlite://" + url.removeprefix("sqlite://")
    elif url.startswith("postgres://"):
        url = "postgresql+asyncpg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+asyncpg://" + url.removeprefix("postgresql://")
    return url


def _url_list(env: Mapping[str, str], name: str, schemes: tuple[str, ...]) -> tuple[str, ...]:
    raw = env.get(name, "")
    urls = tuple(u.strip() for u in raw.split(",") if u.strip())
    for url in urls:
        if url.split(":", 1)[0] not in schemes:
            raise SettingsError(f"{name} must be a comma-separated list of {'/'.join(schemes)} URLs, not {url!r}")
    return urls


def _files(env: Mapping[str, str], name: str) -> tuple[Path, ...]:
    paths = tuple(Path(p.strip()) for p in env.get(name, "").split(",") if p.strip())
    for path in paths:
        if not path.is_file():
            raise SettingsError(f"{name} names {str(path)!r}, which is not a readable file")
    return paths


def _my_number_keys(env: Mapping[str, str]) -> str | None:
    raw = env.get("MY_NUMBER_KEYS") or None
    if raw is not None:
        from backend.procedures.mynumber import Keyring, MyNumberError

        try:
            Keyring.parse(raw)
        except MyNumberError as exc:
            raise SettingsError(str(exc)) from None
    return raw


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    port = _int(env, "PORT", 8000)
    public_url = _url(env, "PUBLIC_URL", f"http://localhost:{port}", ("http", "https"))
    assert public_url is not None
    public_url = public_url.rstrip("/")
    host = urlsplit(public_url).hostname or "localhost"
    log_level = env.get("LOG_LEVEL", "INFO").upper()
    if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {log_level!r}")
    return Settings(
        database_url=_database_url(env),
        redis_url=_url(env, "REDIS_URL", None, ("redis", "rediss", "unix")),
        public_url=public_url,
        webauthn_rp_id=env.get("WEBAUTHN_RP_ID") or host,
        webauthn_rp_name=env.get("WEBAUTHN_RP_NAME") or "Madoguchi",
        cookie_secure=_bool(env, "COOKIE_SECURE", public_url.startswith("https://")),
        session_idle_minutes=_int(env, "SESSION_IDLE_MINUTES", 30),
        session_absolute_hours=_int(env, "SESSION_ABSOLUTE_HOURS", 12),
        invite_ttl_hours=_int(env, "INVITE_TTL_HOURS", 72),
        enrolment_code_ttl_minutes=_int(env, "ENROLMENT_CODE_TTL_MINUTES", 60),
        auth_rate_limit_per_minute=_int(env, "AUTH_RATE_LIMIT_PER_MINUTE", 30),
        frontend_dist=Path(env.get("FRONTEND_DIST") or PROJECT_ROOT / "frontend" / "dist"),
        stun_urls=_url_list(env, "STUN_URLS", ("stun", "stuns")),
        turn_urls=_url_list(env, "TURN_URLS", ("turn", "turns")),
        turn_secret=env.get("TURN_SECRET") or None,
        turn_ttl_seconds=_int(env, "TURN_TTL_SECONDS", 3600, minimum=60),
        signal_max_bytes=_int(env, "SIGNAL_MAX_BYTES", 65536, minimum=4096),
        signal_rate_per_second=_int(env, "SIGNAL_RATE_PER_SECOND", 50),
        signal_burst=_int(env, "SIGNAL_BURST", 200),
        signal_idle_seconds=_int(env, "SIGNAL_IDLE_SECONDS", 30),
        jlis_trust_anchors=_files(env, "JLIS_TRUST_ANCHORS"),
        retention_days_documents=_int(env, "RETENTION_DAYS_DOCUMENTS", 365),
        retention_days_media=_int(env, "RETENTION_DAYS_MEDIA", 30),
        retention_sweep_minutes=_int(env, "RETENTION_SWEEP_MINUTES", 60),
        upload_max_bytes=_int(env, "UPLOAD_MAX_BYTES", 50 * 1024 * 1024, minimum=1024),
        my_number_keys=_my_number_keys(env),
        debug=_bool(env, "DEBUG", False),
        log_level=log_level,
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
