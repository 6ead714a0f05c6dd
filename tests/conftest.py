"""Shared fixtures: where the dev data lives (tests that need it skip when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import need_shared


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`, or a skip when this checkout has no dev data beside it (a failure
    under CI, see `paths.need_shared`)."""
    return need_shared()


# PostgreSQL fixtures (pg_server, pg_url, pg_url_plain, postgis_available) live in their module.
from pg_fixtures import pg_server, pg_url, pg_url_plain, postgis_available  # noqa: E402, F401
