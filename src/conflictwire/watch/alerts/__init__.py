"""Subscriptions and their deliveries: immediate alerts and daily digests by email, webhook
and Atom feed, each recorded with an idempotency key so none is lost or sent unrecognisably
twice."""
