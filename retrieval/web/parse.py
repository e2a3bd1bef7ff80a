"""An RSS or Atom document read with feedparser into the few things a refresh needs."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

from retrieval.errors import FetchFailed
from retrieval.web.fetch import Fetched


@dataclass(frozen=True)
class FeedItem:
    key: str  # the item's id, else its link: what it is known by between refreshes
    link: str | None
    title: str | None
    published: date | None
    version: str  # changes when the item is updated


@dataclass
class ParsedFeed:
    title: str | None
    items: list[FeedItem] = field(default_factory=list)
    problem: str | None = None  # what was wrong with a malformed feed read all the same


def parse_feed(got: Fetched) -> ParsedFeed:
    """The feed's title and items; FetchFailed when the document is no RSS or Atom feed. A
    malformed feed whose items can still be read is read, and its problem noted."""
    import feedparser

    parsed = feedparser.parse(
        got.body,
        response_headers={"content-type": got.content_type or "", "content-location": got.url},
    )
    problem = _first_line(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not parsed.get("version"):
        if got.content_type in ("text/html", "application/xhtml+xml"):
            problem = "a web page; its feed has an address of its own"
        why = f"not an RSS or Atom feed ({problem})" if problem else "not an RSS or Atom feed"
        raise FetchFailed(got.url, why)
    items = []
    for entry in parsed.entries:
        link = urljoin(got.url, entry["link"]) if entry.get("link") else None
        # dict.get: feedparser's own get maps a missing `updated` to `published`, with a warning
        stamp = dict.get(entry, "updated") or dict.get(entry, "published") or ""
        title = " ".join(str(entry.get("title") or "").split()) or None
        version = json.dumps([link, stamp, title, str(entry.get("summary") or "")])
        items.append(
            FeedItem(
                key=str(entry.get("id") or link or title or ""),
                link=link,
                title=title,
                published=_day(
                    dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
                ),
                version=hashlib.sha1(version.encode()).hexdigest()[:16],
            )
        )
    title = " ".join(str(parsed.feed.get("title") or "").split()) or None
    return ParsedFeed(title, items, problem)


def _day(parsed: time.struct_time | None) -> date | None:
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _first_line(exc: object) -> str | None:
    """The parser's complaint in one line: 'line 2, column 0: syntax error'."""
    text = str(exc or "").strip()
    if not text:
        return None
    text = text.splitlines()[0]
    where = re.match(r"^<unknown>:(\d+):(\d+):\s*", text)
    if where:
        text = f"line {where[1]}, column {where[2]}: {text[where.end() :]}"
    return text
