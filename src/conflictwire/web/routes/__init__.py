"""One router module per resource: events, stats, articles, health, subscriptions."""
