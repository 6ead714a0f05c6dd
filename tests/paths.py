"""Where tests find their files: the repository, tests/data, the examples, and the dev data
in ../shared/data, which may be absent (see `need_shared`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = REPO / "tests" / "data"
EXAMPLES = REPO / "examples"
# A checkout that is not beside the data (a git worktree) can point at it with the variable.
SHARED_DATA = Path(os.environ.get("CONFLICTWIRE_SHARED_DATA") or REPO.parent / "shared" / "data")


def need_shared(path: Path = SHARED_DATA) -> Path:
    """`path` under ../shared/data, or a skip when it is absent.

    Under CI (CI=true) the dev data is always laid beside the checkout, so a missing file
    fails the test instead of skipping it: a green CI means the quality gates really ran.
    """
    if not path.exists():
        message = f"{path} is absent: dev-data test skipped"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{path} is absent under CI: a quality gate must run, not skip")
        pytest.skip(message)
    return path
