"""Live sources for the watcher: feed configuration, feed parsing, polite HTTP fetching, WARC."""
