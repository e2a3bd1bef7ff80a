"""Followed feeds and what is known of them (feeds.json in the data dir, written whole, one
writer at a time): follow, list, unfollow. Refreshing them is refresh.py's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from retrieval.data_dir import file_lock
from retrieval.errors import BadInput, UnknownSource
from retrieval.types import FeedInfo
from retrieval.web.atomic import write_atomically
from retrieval.web.fetch import Fetcher
from retrieval.web.parse import parse_feed


class ItemState(BaseModel):
    """An item fetched before: its page, and the version of the item it was fetched for."""

    url: str
    version: str
    skipped: str | None = Field(default=None, description="Why its page was not an article.")


class FeedState(BaseModel):
    url: str
    title: str | None = None
    etag: str | None = None
    modified: str | None = Field(default=None, description="Last-Modified, as the server said.")
    listed: int = Field(default=0, description="Items in the feed when last read.")
    refreshed: datetime | None = None
    status: str | None = None
    items: dict[str, ItemState] = Field(default_factory=dict, description="By item id or link.")

    def info(self) -> FeedInfo:
        return FeedInfo(
            url=self.url,
            title=self.title,
            items=self.listed,
            refreshed=self.refreshed,
            status=self.status,
        )


class FeedBook(BaseModel):
    feeds: list[FeedState] = Field(default_factory=list)

    def find(self, url: str) -> FeedState | None:
        wanted = same_url(url)
        return next((f for f in self.feeds if same_url(f.url) == wanted), None)


def same_url(url: str) -> str:
    """A URL as compared: without surrounding space or a trailing slash."""
    return url.strip().rstrip("/")


class FeedList:
    """The followed feeds in `path`. Changes hold a lock file beside it (a second writer waits)
    and replace the file whole, so a crash leaves the old list or the new one."""

    def __init__(self, path: Path, fetcher: Fetcher) -> None:
        self.path, self.fetcher = path, fetcher

    def read(self) -> FeedBook:
        if not self.path.exists():
            return FeedBook()
        try:
            return FeedBook.model_validate_json(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValidationError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BadInput(f"the feed list {self.path} cannot be read: {first}") from None

    @contextmanager
    def editing(self) -> Iterator[FeedBook]:
        """The list to change; saved when the block ends without an error."""
        with file_lock(self.path.with_suffix(".lock")):
            book = self.read()
            yield book
            write_atomically(self.path, book.model_dump_json(indent=1) + "\n")

    def list(self) -> list[FeedInfo]:
        return [feed.info() for feed in self.read().feeds]

    def add(self, url: str) -> tuple[FeedInfo, bool]:
        """Follow the feed at `url` once it is read as one (FetchFailed says why not); its
        items come with the next refresh. (info, False) when it was followed already."""
        url = url.strip()
        known = self.read().find(url)
        if known:
            return known.info(), False
        parsed = parse_feed(self.fetcher.get(url))
        feed = FeedState(url=url, title=parsed.title, listed=len(parsed.items))
        with self.editing() as book:
            if book.find(url) is None:
                book.feeds.append(feed)
        return feed.info(), True

    def remove(self, url: str) -> FeedInfo:
        """Stop following it (the articles already fetched from it stay)."""
        with self.editing() as book:
            feed = book.find(url)
            if feed is None:
                raise UnknownSource(
                    f"not following a feed at {url.strip()}; `bilateral feed list` shows them"
                )
            book.feeds.remove(feed)
        return feed.info()
