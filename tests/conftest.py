"""Shared fixtures: where the dev data lives (tests that need it skip when it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# A checkout that is not beside the data (a git worktree) can point at it with the variable.
SHARED_DATA = Path(os.environ.get("CONFLICTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`, or a skip when this checkout has no dev data beside it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent: dev-data tests skipped")
    return SHARED_DATA


# PostgreSQL fixtures (pg_server, pg_url, pg_url_plain, postgis_available) live in their module.
from pg_fixtures import pg_server, pg_url, pg_url_plain, postgis_available  # noqa: E402, F401
