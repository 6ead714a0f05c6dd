"""What route functions ask FastAPI for: the store, the settings, and the token checks."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..store.base import Store
from .settings import WebSettings

_bearer = HTTPBearer(auto_error=False, description="The API token from the server's settings")


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
Settings = Annotated[WebSettings, Depends(get_settings)]


def _token_ok(settings: WebSettings, credentials: HTTPAuthorizationCredentials | None) -> bool:
    if not settings.api_token or credentials is None:
        return False
    return hmac.compare_digest(credentials.credentials.encode(), settings.api_token.encode())


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def write_access(settings: Settings, credentials: Credentials) -> None:
    """Writes need the configured token; with none configured they are off (403)."""
    if not settings.writes_enabled:
        raise HTTPException(403, "writes are off: the server has no API token configured "
                            "(set CONFLICTWIRE_API_TOKEN)")
    if credentials is None:
        raise _unauthorized("missing API token: send 'Authorization: Bearer <token>'")
    if not _token_ok(settings, credentials):
        raise _unauthorized("wrong API token")


def read_access(settings: Settings, credentials: Credentials) -> None:
    """Reads are public unless the settings say otherwise."""
    if settings.public_read:
        return
    if not _token_ok(settings, credentials):
        raise _unauthorized("this server's read endpoints need the API token")
