"""Feeds: follow, list, unfollow; refresh fetches only new or changed items, asks with ETag
and Last-Modified (a 304 fetches nothing), survives malformed feeds and failed items."""

from __future__ import annotations

import json

import pytest
from web_standin import Resource

from retrieval.errors import BadInput, FetchFailed, UnknownSource
from retrieval.web.refresh import FeedRefresh

PAGES = ("/finland.html", "/uruguay.html", "/article.html", "/nav.html")


def page_hits(web) -> dict[str, int]:
    return {path: len(web.hits(path)) for path in PAGES}


def test_add_checks_that_it_is_a_feed_and_list_shows_it(fake_engine, web):
    info, added = fake_engine.feeds.add(web.url("/feed.xml"))
    assert added and (info.title, info.items, info.refreshed) == ("Fixture Wire: World", 2, None)
    assert fake_engine.feeds.add(web.url("/feed.xml") + "/")[1] is False  # the same feed
    with pytest.raises(
        FetchFailed,
        match=r"/article\.html: not an RSS or Atom feed \(a web page; its feed has an address of its own\)$",
    ):
        fake_engine.feeds.add(web.url("/article.html"))
    with pytest.raises(FetchFailed, match="404 Not Found"):
        fake_engine.feeds.add(web.url("/nope.xml"))
    assert [f.url for f in fake_engine.feeds.list()] == [web.url("/feed.xml")]
    hits = page_hits(web)  # following fetches no article yet (the page is the one asked)
    assert hits == {"/finland.html": 0, "/uruguay.html": 0, "/article.html": 1, "/nav.html": 0}


def test_refresh_ingests_rss_and_atom_items_with_their_urls(fake_engine, web):
    fake_engine.feeds.add(web.url("/feed.xml"))
    fake_engine.feeds.add(web.url("/atom.xml"))
    report = fake_engine.refresh_feeds()
    assert [f.status for f in report.feeds] == ["2 new", "1 new, 1 skipped"]
    assert [(s.path, s.reason) for s in report.skipped] == [
        (web.url("/nav.html"), "navigation only: 12 short lines and no sentence of prose")
    ]
    assert report.ingest is not None and report.ingest.added == 3
    by_url = {a.url: a for a in fake_engine.sources()}
    assert set(by_url) == {web.url(p) for p in PAGES[:3]}
    assert by_url[web.url("/uruguay.html")].source == "Fixture Wire"
    assert [f.status for f in fake_engine.feeds.list()] == ["2 new", "1 new, 1 skipped"]


def test_a_second_refresh_asks_with_the_etag_and_fetches_nothing(fake_engine, web):
    web.resources["/feed.xml"].etag = '"rss-1"'
    fake_engine.feeds.add(web.url("/feed.xml"))
    fake_engine.refresh_feeds()
    before = page_hits(web)
    report = fake_engine.refresh_feeds()
    assert [f.status for f in report.feeds] == ["not modified"] and report.ingest is None
    last = web.hits("/feed.xml")[-1]
    assert (last.headers["If-None-Match"], last.status) == ('"rss-1"', 304)
    assert page_hits(web) == before


def test_last_modified_is_sent_back_too(fake_engine, web):
    stamp = "Fri, 21 Nov 2025 12:45:00 GMT"
    web.resources["/atom.xml"].last_modified = stamp
    fake_engine.feeds.add(web.url("/atom.xml"))
    fake_engine.refresh_feeds()
    assert fake_engine.refresh_feeds().feeds[0].status == "not modified"
    assert web.hits("/atom.xml")[-1].headers["If-Modified-Since"] == stamp
    assert web.hits("/atom.xml")[-1].status == 304


def test_only_new_and_changed_items_are_fetched(fake_engine, web):
    feed = web.resources["/feed.xml"]
    fake_engine.feeds.add(web.url("/feed.xml"))
    fake_engine.refresh_feeds()
    before = page_hits(web)
    # the Uruguay item is updated, a Ghana item is new, the Finland item is as it was
    feed.body = feed.body.replace(
        b"Fri, 21 Nov 2025 12:45:00", b"Sat, 22 Nov 2025 07:00:00"
    ).replace(
        b"</channel>",
        b"<item><title>Ghana</title><link>/article.html</link><guid>gh</guid></item></channel>",
    )
    report = fake_engine.refresh_feeds()
    assert report.feeds[0].status == "1 new, 1 changed, 1 unchanged"
    after = page_hits(web)
    assert {p: after[p] - before[p] for p in PAGES} == {
        "/finland.html": 0,
        "/uruguay.html": 1,
        "/article.html": 1,
        "/nav.html": 0,
    }


def test_a_malformed_feed_fails_alone_and_one_read_as_far_as_it_goes(fake_engine, web):
    web.resources["/broken.xml"] = Resource(b"this is { not a feed", "application/rss+xml")
    truncated = web.resources["/feed.xml"].body.split(b"<guid>fixture-wire-uruguay")[0]
    web.resources["/truncated.xml"] = Resource(truncated, "application/rss+xml")
    fake_engine.feeds.add(web.url("/feed.xml"))
    # the feeds were fine when followed; they broke later
    fake_engine.feeds.add(web.url("/atom.xml"))
    with fake_engine.feeds.editing() as book:
        book.feeds[0].url = web.url("/broken.xml")
        book.feeds[1].url = web.url("/truncated.xml")
    report = fake_engine.refresh_feeds()
    broken, cut = report.feeds
    assert (
        not broken.ok
        and broken.status == "not an RSS or Atom feed (line 2, column 0: syntax error)"
    )
    assert cut.ok and cut.status.startswith("2 new (malformed feed, read as far as it goes:")
    assert {a.url for a in fake_engine.sources()} == {
        web.url("/finland.html"),
        web.url("/uruguay.html"),
    }
    assert not report.ok


def test_an_item_that_failed_is_fetched_again_next_time(fake_engine, web):
    web.resources["/feed.xml"].etag = '"rss-1"'
    slow = web.resources["/uruguay.html"]
    web.resources["/uruguay.html"] = Resource(b"", status=503)
    fake_engine.feeds.add(web.url("/feed.xml"))
    first = fake_engine.refresh_feeds()
    assert first.feeds[0].status == "1 new, 1 failed"
    assert [s.reason for s in first.skipped] == ["the server answered 503 Service Unavailable"]
    web.resources["/uruguay.html"] = slow
    second = fake_engine.refresh_feeds()  # no If-None-Match: the feed is read whole again
    assert "If-None-Match" not in web.hits("/feed.xml")[-1].headers
    assert second.feeds[0].status == "1 new, 1 unchanged"
    assert len(fake_engine.sources()) == 2
    assert fake_engine.refresh_feeds().feeds[0].status == "not modified"


def test_a_crash_before_the_ingest_ends_leaves_the_state_as_it_was(fake_engine, web):
    web.resources["/feed.xml"].etag = '"rss-1"'
    fake_engine.feeds.add(web.url("/feed.xml"))
    saved = fake_engine.settings.feeds_file.read_text()

    def crash(files):
        raise RuntimeError("killed mid-ingest")

    with pytest.raises(RuntimeError):
        FeedRefresh(fake_engine.feeds, fake_engine.web).run(crash)
    assert fake_engine.settings.feeds_file.read_text() == saved  # no ETag kept, no item marked
    assert not [p for p in fake_engine.settings.data_dir.iterdir() if p.name.startswith(".")]
    report = fake_engine.refresh_feeds()
    assert report.feeds[0].status == "2 new" and len(fake_engine.sources()) == 2


def test_remove_stops_following_and_keeps_the_articles(fake_engine, web):
    fake_engine.feeds.add(web.url("/feed.xml"))
    fake_engine.refresh_feeds()
    info = fake_engine.feeds.remove(web.url("/feed.xml"))
    assert info.title == "Fixture Wire: World" and fake_engine.feeds.list() == []
    assert len(fake_engine.sources()) == 2
    with pytest.raises(UnknownSource, match="not following a feed at"):
        fake_engine.feeds.remove(web.url("/feed.xml"))
    assert json.loads(fake_engine.settings.feeds_file.read_text()) == {"feeds": []}


def test_a_damaged_feed_list_is_one_line_naming_it(fake_engine):
    fake_engine.settings.data_dir.mkdir(parents=True)
    fake_engine.settings.feeds_file.write_text('{"feeds": [{"no url": 1}]}')
    with pytest.raises(
        BadInput, match=r"^the feed list .*feeds\.json cannot be read: 1 validation error"
    ):
        fake_engine.feeds.list()
