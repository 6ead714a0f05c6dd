"""The live-monitoring commands: `watch`, `subscribe add/list/remove/feed`, `alerts send`."""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ConfigError
from ..settings import Settings, load_settings
from ..store import ENV_VAR, Store, open_store, resolve_db
from .app import app
from .options import ConfigFile

if TYPE_CHECKING:
    from ..watch.config import WatchConfig

# The watcher and the alert services (HTTP client, mail, map drawing) load inside each
# command, so that `conflictwire --help` and the other commands do not wait for them.

subscribe_app = typer.Typer(help="Create, list and remove alert subscriptions.",
                            no_args_is_help=True)
alerts_app = typer.Typer(help="Send due alerts and digests.", no_args_is_help=True)
app.add_typer(subscribe_app, name="subscribe")
app.add_typer(alerts_app, name="alerts")

Db = Annotated[
    str | None,
    typer.Option("--db", help=f"DuckDB file (default: the config's db, ${ENV_VAR}, "
                 "else conflictwire.duckdb here).", show_default=False),
]
Many = list[str] | None


def _db_path(db: str | None, config: WatchConfig | None = None) -> str:
    _, target = resolve_db(db or (config.db if config else None))
    return target  # a DuckDB path or a postgresql:// URL; the watcher keeps its tables there


def _store(db: str | None, config: WatchConfig | None = None,
           settings: Settings | None = None) -> Store:
    """The store at `db` (migrated if needed), whose `watch` tables hold the watcher's state;
    `settings` (--config) decide how its reports merge into events."""
    return open_store(_db_path(db, config), merge_options=settings.merge if settings else None)


@app.command()
def watch(
    config: Annotated[Path, typer.Argument(help="The watch configuration (TOML or YAML).")],
    db: Db = None,
    once: Annotated[bool, typer.Option("--once", help="Poll due feeds once, then exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each page.")] = False,
    settings_file: ConfigFile = None,
) -> None:
    """Poll the configured feeds on their schedules, code and store what is new, send alerts.

    Logs one line per poll to stderr; stops cleanly on Ctrl-C or SIGTERM, and resumes from
    the database on restart without coding or alerting anything twice.

    Example: conflictwire watch feeds.toml --db events.duckdb
    """
    from ..pipeline import default_coder
    from ..watch.config import load_config
    from ..watch.watcher import Watcher

    _configure_logging(verbose)
    watch_config = load_config(config)
    tuning = load_settings(settings_file)
    store = _store(db, watch_config, tuning)
    stop = threading.Event()
    try:
        watcher = Watcher(watch_config, store=store, code=default_coder(None, tuning))
    except BaseException:
        store.close()
        raise
    try:
        if once:
            watcher.recover()
            watcher.run_once()
            return
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        logging.getLogger("conflictwire.watch.watcher").info(
            "watching %d feed(s) into %s", len(watch_config.feeds), store.url)
        watcher.run(stop)
    finally:
        watcher.fetcher.close()
        store.close()


@subscribe_app.command("add")
def subscribe_add(
    name: Annotated[str, typer.Argument(help="A name for the subscription.")],
    email: Annotated[str, typer.Option("--email", help="Send alerts and digests here.")] = "",
    webhook_url: Annotated[str, typer.Option("--webhook-url", help="POST alerts here.")] = "",
    webhook_secret: Annotated[str, typer.Option(
        "--webhook-secret", help="Key of the HMAC-SHA256 signature of webhook bodies.")] = "",
    country: Annotated[Many, typer.Option("--country", help="Country or ISO code.")] = None,
    admin1: Annotated[Many, typer.Option("--admin1", help="First-level area name.")] = None,
    bbox: Annotated[str, typer.Option("--bbox", help="WEST,SOUTH,EAST,NORTH.")] = "",
    polygon: Annotated[Path | None, typer.Option(
        "--polygon", help="A GeoJSON file with a Polygon or MultiPolygon.")] = None,
    event_type: Annotated[Many, typer.Option("--event-type", help="ACLED event type.")] = None,
    actor: Annotated[Many, typer.Option("--actor", help="Actor name (substring).")] = None,
    min_fatalities: Annotated[int, typer.Option("--min-fatalities")] = 0,
    immediate: Annotated[bool, typer.Option(
        "--immediate/--no-immediate", help="Alert on each matching event.")] = True,
    digest: Annotated[bool, typer.Option(
        "--digest/--no-digest", help="Send a daily digest.")] = True,
    db: Db = None,
    config: ConfigFile = None,
) -> None:
    """Add (or update) a subscription; prints its id.

    Example: conflictwire subscribe add "Sudan desk" --email desk@example.org --country SDN
    """
    spec: dict[str, Any] = {
        "name": name, "email": email, "webhook_url": webhook_url,
        "webhook_secret": webhook_secret, "countries": country or [], "admin1": admin1 or [],
        "bbox": bbox or None, "event_types": event_type or [], "actors": actor or [],
        "min_fatalities": min_fatalities, "immediate": immediate, "digest": digest,
    }
    if polygon is not None:
        try:
            spec["polygon"] = polygon.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{polygon}: {exc.strerror or exc}") from exc
    from ..watch.alerts.service import create_subscription

    store = _store(db)
    try:
        created = create_subscription(store, spec)
    finally:
        store.close()
    print(created["subscription_id"])


@subscribe_app.command("list")
def subscribe_list(
    db: Db = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "table",
    config: ConfigFile = None,
) -> None:
    """List the active subscriptions (webhook secrets hidden).

    Example: conflictwire subscribe list --format jsonl
    """
    from ..watch.alerts.service import list_subscriptions

    store = _store(db)
    try:
        specs = list_subscriptions(store)
    finally:
        store.close()
    if fmt == "jsonl":
        for spec in specs:
            print(json.dumps(spec, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "deliver to", "filter")
    for spec in specs:
        where = ", ".join(p for p in (spec["email"], spec["webhook_url"]) if p)
        table.add_row(spec["subscription_id"], spec["name"], where, _describe(spec))
    Console().print(table)


def _describe(spec: dict[str, Any]) -> str:
    keys = ("countries", "admin1", "bbox", "event_types", "actors", "min_fatalities")
    parts = [f"{k}={spec[k]}" for k in keys if spec.get(k)]
    if spec.get("polygon"):
        parts.append("polygon")
    return "; ".join(parts) or "everything"


@subscribe_app.command("remove")
def subscribe_remove(
    subscription_id: Annotated[str, typer.Argument(help="The id `subscribe add` printed.")],
    db: Db = None,
    config: ConfigFile = None,
) -> None:
    """Stop a subscription (its delivery history is kept).

    Example: conflictwire subscribe remove 3f2a9c0d1e2b4a5f
    """
    from ..watch.alerts.service import remove_subscription

    store = _store(db)
    try:
        found = remove_subscription(store, subscription_id)
    finally:
        store.close()
    if not found:
        raise ConfigError(f"no active subscription {subscription_id!r}")


@subscribe_app.command("feed")
def subscribe_feed(
    subscription_id: Annotated[str, typer.Argument(help="The subscription's id.")],
    db: Db = None,
    app_url: Annotated[str, typer.Option("--app-url", help="Where event links point.")] =
    "http://localhost:8000",
    limit: Annotated[int, typer.Option("--limit", help="At most this many entries.")] = 50,
    config: ConfigFile = None,
) -> None:
    """Write the Atom feed of a subscription's latest matching events to stdout.

    Example: conflictwire subscribe feed 3f2a9c0d1e2b4a5f > sudan.atom
    """
    from ..watch.alerts.service import subscription_atom

    store = _store(db)
    try:
        xml = subscription_atom(store, subscription_id, app_url=app_url, limit=limit)
    finally:
        store.close()
    if xml is None:
        raise ConfigError(f"no active subscription {subscription_id!r}")
    sys.stdout.buffer.write(xml)


@alerts_app.command("send")
def alerts_send(
    config: Annotated[Path, typer.Argument(help="The watch configuration (SMTP, app URL).")],
    db: Db = None,
    settings_file: ConfigFile = None,
) -> None:
    """Plan pending alerts and today's digests, and send every due delivery once (for cron).

    Example: conflictwire alerts send feeds.toml --db events.duckdb
    """
    from ..store.watch_tables import utcnow
    from ..watch.alerts.basemap import load_land
    from ..watch.alerts.deliver import (
        DeliveryOptions,
        load_subscriptions,
        plan_alerts,
        plan_digests,
        send_due,
    )
    from ..watch.config import load_config

    _configure_logging(False)
    settings = load_config(config)
    store = _store(db, settings)
    try:
        subs = load_subscriptions(store.watch)
        plan_alerts(store.watch, subs, store.event, utcnow())
        plan_digests(store.watch, subs, utcnow(), settings.digest_hour, store.event)
        options = DeliveryOptions(app_url=settings.app_url, smtp=settings.smtp,
                                  webhook_timeout=settings.webhook_timeout,
                                  allow_private=settings.fetch.allow_private,
                                  digest_hour=settings.digest_hour, land=load_land())
        summary = send_due(store.watch, subs, store.event, options, now=utcnow())
    finally:
        store.close()
    print(f"sent {summary.sent}, failed {summary.failed} (kept for retry)", file=sys.stderr)
    if summary.failed and not summary.sent:
        raise typer.Exit(1)


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    # One line per poll is the watcher's contract, whatever the verbosity.
    logging.getLogger("conflictwire.watch.watcher").setLevel(logging.INFO)
    logging.getLogger("conflictwire.watch.alerts").setLevel(logging.INFO)
    logging.getLogger("conflictwire").setLevel(logging.INFO if verbose else logging.WARNING)
