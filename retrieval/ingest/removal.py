"""Which stored articles a path or a URL names, for `remove`."""

from __future__ import annotations

import re
from pathlib import Path

from retrieval.index.store import ArticleState
from retrieval.ingest.pipeline import file_of

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def is_url(text: str) -> bool:
    """'https://…' (any scheme) is a URL; anything else is a path."""
    return bool(_URL.match(text.strip()))


def articles_named(states: dict[str, ArticleState], target: str, home: Path) -> list[ArticleState]:
    """The articles a URL names (their citation link), or a path: a file (all of a JSONL's
    lines), one JSONL line as the store names it ('feed.jsonl:3'), or a folder's files."""
    target = target.strip()
    if is_url(target):
        wanted = target.rstrip("/")
        return [s for s in states.values() if (s.record.url or "").rstrip("/") == wanted]
    named = Path(target).expanduser().resolve()
    found = []
    for state in states.values():
        source = file_of(state.path, home)
        if state.path == target or source == named or named in source.parents:
            found.append(state)
    return found
