"""Watch: the live monitor. Feeds and archives polled on a schedule, new articles coded
and stored, and alerts (email, webhook, Atom, digests) sent to subscribers.

Start reading at `watcher.Watcher`; its configuration file is read by `config.load_config`.
"""

from .._exports import lazy_exports

__all__ = ["Watcher", "WatchConfig", "load_config"]
__getattr__ = lazy_exports(__name__, {
    "Watcher": "watcher", "WatchConfig": "config", "load_config": "config",
})
