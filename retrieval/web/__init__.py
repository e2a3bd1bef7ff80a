"""Articles from the web: fetching pages and feeds, extracting and saving articles, feed state."""
