"""Shared fixtures: throwaway PostgreSQL and Redis servers, started only when a test asks for them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.services import postgresql_server, redis_server


@pytest.fixture(scope="session")
def postgresql_url() -> Iterator[str]:
    with postgresql_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url
