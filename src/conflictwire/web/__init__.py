"""The HTTP API and the map page over a Store: `create_app(store, settings)`."""

from .app import create_app
from .settings import WebSettings, load_web_settings

__all__ = ["WebSettings", "create_app", "load_web_settings"]
