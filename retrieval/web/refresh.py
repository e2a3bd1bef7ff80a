"""Refreshing the followed feeds: one conditional request each (ETag, Last-Modified), then
only the items that are new or changed since the last refresh are fetched and ingested."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from retrieval.errors import FetchFailed
from retrieval.ingest.articles import SkipFile
from retrieval.types import FeedReport, FeedResult, IngestReport, SkippedFile
from retrieval.web.feeds import FeedList, FeedState, ItemState
from retrieval.web.pages import Hints, WebPages
from retrieval.web.parse import parse_feed


class FeedRefresh:
    """Refreshes every followed feed while holding the feed list (one refresh at a time); the
    list is saved only after what was fetched is ingested, so a crash fetches it again."""

    def __init__(self, feeds: FeedList, pages: WebPages) -> None:
        self.feeds, self.pages = feeds, pages

    def run(self, ingest: Callable[[list[Path]], IngestReport]) -> FeedReport:
        report = FeedReport()
        if not self.feeds.read().feeds:  # nothing followed: nothing to lock or write
            return report
        with self.feeds.editing() as book:
            files: list[Path] = []
            for feed in book.feeds:
                report.feeds.append(self._one(feed, files, report.skipped))
            if files:
                report.ingest = ingest(list(dict.fromkeys(files)))
        return report

    def _one(self, feed: FeedState, files: list[Path], skipped: list[SkippedFile]) -> FeedResult:
        feed.refreshed = datetime.now(UTC)
        try:
            got = self.pages.fetcher.get(feed.url, etag=feed.etag, modified=feed.modified)
            if got.not_modified:
                feed.status = "not modified"
                return FeedResult(url=feed.url, status=feed.status)
            parsed = parse_feed(got)
        except FetchFailed as exc:
            feed.status = f"failed: {exc.reason}"
            return FeedResult(url=feed.url, status=exc.reason, ok=False)
        counts = {"new": 0, "changed": 0, "unchanged": 0, "skipped": 0, "failed": 0}
        items: dict[str, ItemState] = {}
        for item in parsed.items:
            before = feed.items.get(item.key)
            if before is not None and before.version == item.version:
                items[item.key] = before
                counts["unchanged"] += 1
                continue
            if not item.link:
                reason = "the feed item has no link to its article"
                skipped.append(
                    SkippedFile(path=f"{feed.url} ({item.title or 'untitled'})", reason=reason)
                )
                items[item.key] = ItemState(url="", version=item.version, skipped=reason)
                counts["skipped"] += 1
                continue
            try:
                files.append(self.pages.fetch(item.link, Hints(item.title, item.published)))
            except SkipFile as exc:  # not an article: said once, not fetched again unchanged
                skipped.append(SkippedFile(path=item.link, reason=str(exc)))
                items[item.key] = ItemState(url=item.link, version=item.version, skipped=str(exc))
                counts["skipped"] += 1
                continue
            except FetchFailed as exc:  # tried again at the next refresh
                skipped.append(SkippedFile(path=item.link, reason=exc.reason))
                if before is not None:
                    items[item.key] = before
                counts["failed"] += 1
                continue
            items[item.key] = ItemState(url=item.link, version=item.version)
            counts["changed" if before is not None else "new"] += 1
        feed.items = items  # items gone from the feed are forgotten
        feed.title = parsed.title or feed.title
        feed.listed = len(parsed.items)
        # a failed item is retried: the next request must fetch the feed whole, not get a 304
        retry = counts["failed"] > 0
        feed.etag = None if retry else got.etag
        feed.modified = None if retry else got.last_modified
        feed.status = ", ".join(f"{n} {what}" for what, n in counts.items() if n or what == "new")
        if parsed.problem:
            feed.status += f" (malformed feed, read as far as it goes: {parsed.problem})"
        return FeedResult(url=feed.url, status=feed.status)
