"""/api/subscriptions: create, list and remove alert subscriptions (behind the API token), and
GET /api/subscriptions/{id}/atom, the Atom feed of one (public: its id is unguessable).
A read-only store (`serve --read-only`) still lists them and serves their feeds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from ...errors import ConflictwireError
from ...store.base import Store
from ...watch.alerts.service import (
    create_subscription,
    list_subscriptions,
    remove_subscription,
    subscription_atom,
)
from ..deps import get_store, write_access

router = APIRouter(prefix="/api", tags=["subscriptions"])


def writable_store(store: Annotated[Store, Depends(get_store)]) -> Store:
    """The app's store, whose watcher's tables (`store.watch`) hold the subscriptions, to
    change them; 503 when it is open read-only (`serve --read-only`)."""
    if store.read_only:
        raise HTTPException(503, "subscriptions cannot be changed: the database is open "
                            "read-only")
    return store


# The subscriptions are read from the app's store, and changed only in a writable one.
SubscriptionStore = Annotated[Store, Depends(get_store)]
WritableStore = Annotated[Store, Depends(writable_store)]


@router.get("/subscriptions", dependencies=[Depends(write_access)])
def subscriptions(store: SubscriptionStore) -> list[dict[str, Any]]:
    """Every active subscription (webhook secrets hidden). Needs the API token: the list holds
    subscribers' addresses."""
    return list_subscriptions(store)


@router.post("/subscriptions", status_code=201, dependencies=[Depends(write_access)])
def add_subscription(store: WritableStore, body: Annotated[dict[str, Any], Body(
    examples=[{"name": "Sudan desk", "email": "desk@example.org", "countries": ["SDN"],
               "min_fatalities": 5, "immediate": True, "digest": True}])]) -> dict[str, Any]:
    """Create (or update, same name and addresses) a subscription: `name`, `email` and/or
    `webhook_url` with `webhook_secret`, and any of `countries`, `admin1`, `bbox`
    [west, south, east, north], `polygon` (GeoJSON), `event_types`, `actors`,
    `min_fatalities`, `immediate`, `digest`. 422 with the reason for an invalid one."""
    try:
        return create_subscription(store, body)
    except ConflictwireError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.delete("/subscriptions/{subscription_id}", status_code=204,
               dependencies=[Depends(write_access)])
def delete_subscription(store: WritableStore, subscription_id: str) -> Response:
    """Stop a subscription (its delivery history is kept); 404 when there is none."""
    if not remove_subscription(store, subscription_id):
        raise HTTPException(404, f"no active subscription {subscription_id!r}")
    return Response(status_code=204)


@router.get("/subscriptions/{subscription_id}/atom",
            response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
async def subscription_feed(
    request: Request, store: SubscriptionStore, subscription_id: str, limit: int = 50,
) -> Response:
    """The Atom feed of a subscription's latest matching events."""
    app_url = str(request.base_url).rstrip("/")
    xml = await run_in_threadpool(subscription_atom, store, subscription_id,
                                  app_url=app_url, limit=max(1, min(limit, 500)))
    if xml is None:
        raise HTTPException(404, f"no active subscription {subscription_id!r}")
    return Response(xml, media_type="application/atom+xml")
