"""Settings are strict: a typo is an error that names the variable."""

from __future__ import annotations

import pytest

from backend.settings import SettingsError, load_settings


def test_defaults_are_embedded_sqlite_on_localhost() -> None:
    settings = load_settings({})
    assert settings.database_url.startswith("sqlite+aiosqlite:///") and settings.database_url.endswith(
        "var/madoguchi.db"
    )
    assert settings.redis_url is None
    assert settings.public_url == "http://localhost:8000" and settings.webauthn_rp_id == "localhost"
    assert (
        settings.cookie_secure is False
        and settings.session_idle_minutes == 30
        and settings.session_absolute_hours == 12
    )


def test_https_public_url_makes_cookies_secure_and_sets_the_rp_id() -> None:
    settings = load_settings({"PUBLIC_URL": "https://madoguchi.city.kasama.example/"})
    assert settings.cookie_secure is True
    assert settings.webauthn_rp_id == "madoguchi.city.kasama.example"
    assert settings.public_origin == "https://madoguchi.city.kasama.example"


def test_database_urls_get_the_async_driver() -> None:
    assert load_settings({"DATABASE_URL": "postgres://u@h/db"}).database_url == "postgresql+asyncpg://u@h/db"
    assert load_settings({"DATABASE_URL": "postgresql://u@h/db"}).database_url == "postgresql+asyncpg://u@h/db"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"COOKIE_SECURE": "ja"}, "COOKIE_SECURE"),
        ({"PORT": "eighty"}, "PORT"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"PUBLIC_URL": "madoguchi.example"}, "PUBLIC_URL"),
        ({"LOG_LEVEL": "chatty"}, "LOG_LEVEL"),
        ({"JLIS_TRUST_ANCHORS": "/nonexistent/jlis.pem"}, "JLIS_TRUST_ANCHORS"),
        ({"TURN_URLS": "http://turn.example"}, "TURN_URLS"),
        ({"MY_NUMBER_KEYS": "k1:c2hvcnQ="}, "MY_NUMBER_KEYS"),
    ],
)
def test_malformed_values_name_the_variable(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        load_settings(env)


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_booleans_true(value: str) -> None:
    assert load_settings({"DEBUG": value}).debug is True
