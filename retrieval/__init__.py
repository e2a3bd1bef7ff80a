"""Bilateral's engine: ingest articles, store and search their chunks, answer with citations."""
