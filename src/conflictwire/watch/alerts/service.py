"""Subscriptions as the CLI and the HTTP API use them: create, list, remove, and the Atom feed
of one, through the store (its watcher's tables, `store.watch`, and its events).
Framework-free, so the API router is a thin layer over these functions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...store.base import Store
from .atom import atom_feed
from .deliver import load_subscriptions
from .subscriptions import Subscription, subscription_from_spec


def create_subscription(store: Store, body: Mapping[str, Any]) -> dict[str, Any]:
    """Store the subscription described by `body`; its public spec (secret hidden).

    Adding the same name and addresses again updates that subscription. Raises ConfigError
    for an invalid body (the message says what is wrong).
    """
    sub = subscription_from_spec(body)
    store.watch.put_subscription(sub.subscription_id, sub.name, sub.spec())
    return sub.public_spec()


def list_subscriptions(store: Store) -> list[dict[str, Any]]:
    """Every active subscription's public spec, oldest first."""
    return [sub.public_spec() for sub in load_subscriptions(store.watch)]


def get_subscription(store: Store, subscription_id: str) -> Subscription | None:
    return next((s for s in load_subscriptions(store.watch)
                 if s.subscription_id == subscription_id), None)


def remove_subscription(store: Store, subscription_id: str) -> bool:
    """Stop a subscription (its deliveries are kept); False when there was none."""
    return store.watch.deactivate_subscription(subscription_id)


def subscription_events(store: Store, sub: Subscription, *, limit: int = 50
                        ) -> list[dict[str, Any]]:
    """The latest events matching `sub`: the store applies what it can, the rest (polygon,
    actors) is checked here."""
    rows = store.events(sub.event_filter(), order_by="event_date", limit=limit * 4)
    return [r for r in rows if sub.matches(r)][:limit]


def subscription_atom(
    store: Store, subscription_id: str, *, app_url: str, limit: int = 50
) -> bytes | None:
    """The Atom feed of a subscription's latest events; None when there is no such one."""
    sub = get_subscription(store, subscription_id)
    if sub is None:
        return None
    return atom_feed(sub, subscription_events(store, sub, limit=limit), app_url=app_url)
