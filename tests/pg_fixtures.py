"""PostgreSQL fixtures: a fresh database per test on the server .ci/postgres.sh starts.

Tests that use them skip, saying why, when $CONFLICTWIRE_TEST_PG is unset or unreachable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV = "CONFLICTWIRE_TEST_PG"
POSTGIS_TEMPLATE = "conflictwire_postgis"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The test server's URL (any database on it), or a skip naming the reason."""
    import psycopg

    from conflictwire.store.postgres import redact

    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"${PG_ENV} is not set: no PostgreSQL server "
                    '(start one with: eval "$(bash .ci/postgres.sh)")')
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at {redact(url)} is unreachable: {str(exc).strip()[:200]}")
    return url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _has_postgis_template(url: str) -> bool:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s AND datistemplate", [POSTGIS_TEMPLATE]
        ).fetchone()
    return row is not None


@pytest.fixture(scope="session")
def postgis_available(pg_server: str) -> bool:
    return _has_postgis_template(pg_server)


def _fresh_database(server: str, template: str) -> Iterator[str]:
    import psycopg

    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server: str, postgis_available: bool) -> Iterator[str]:
    """A new empty database (with PostGIS where the server has it), dropped after the test."""
    yield from _fresh_database(pg_server, POSTGIS_TEMPLATE if postgis_available else "template1")


@pytest.fixture
def pg_url_plain(pg_server: str) -> Iterator[str]:
    """A new empty database without PostGIS, dropped after the test."""
    yield from _fresh_database(pg_server, "template1")
