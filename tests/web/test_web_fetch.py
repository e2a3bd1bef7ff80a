"""Fetching pages: redirects followed, a deadline, a size limit, each failure in one line."""

from __future__ import annotations

import socket
import time

import pytest
from web_standin import Resource

from retrieval.errors import FetchFailed
from retrieval.web.fetch import Fetcher

MB = 1_000_000


def fetcher(timeout: float = 2.0, max_bytes: int = MB) -> Fetcher:
    return Fetcher(timeout, max_bytes)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_page_is_fetched_after_its_redirects(web):
    web.resources["/old-address"] = Resource(b"", status=301, location="/moved")
    web.resources["/moved"] = Resource(b"", status=302, location="/article.html")
    got = fetcher().page(web.url("/old-address"))
    assert got.url == web.url("/article.html") and got.status == 200
    assert "Joint Commission" in got.text() and got.content_type == "text/html"
    assert web.hits("/article.html")[0].headers["User-Agent"].startswith("bilateral/")


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        (None, "the server answered 404 Not Found"),
        (Resource(b"oops", status=500), "the server answered 500 Internal Server Error"),
        (
            Resource(b"%PDF-1.4", content_type="application/pdf"),
            "not an HTML page (application/pdf)",
        ),
        (Resource(b"x" * (2 * MB)), "too large (2.0 MB; the limit is 1 MB)"),
        (Resource(b"x" * (2 * MB), length=False), "too large (more than the 1 MB limit)"),
        (Resource(b"", status=302, location="/page"), "more than 5 redirects"),
    ],
    ids=["404", "500", "pdf", "huge", "huge-unannounced", "redirect-loop"],
)
def test_each_failure_is_one_line_with_its_reason(web, resource, reason):
    if resource is not None:
        web.resources["/page"] = resource
    with pytest.raises(FetchFailed) as failed:
        fetcher().page(web.url("/page"))
    assert failed.value.reason == reason
    assert str(failed.value) == f"cannot fetch {web.url('/page')}: {reason}"


def test_a_slow_server_times_out_at_the_deadline(web):
    web.resources["/slow"] = Resource(b"<p>late</p>", delay=8)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=r"timed out after 0\.5 s$"):
        fetcher(timeout=0.5).page(web.url("/slow"))
    assert time.monotonic() - started < 4  # far below the server's 8 s


def test_a_server_that_trickles_is_cut_off_at_the_deadline(web):
    # each piece comes well within the read timeout; the whole page would take about 6 s
    web.resources["/trickle"] = Resource(b"<p>" + b"x" * 400_000 + b"</p>", pace=0.8)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=r"timed out after 1 s$"):
        fetcher(timeout=1.0).page(web.url("/trickle"))
    assert time.monotonic() - started < 3.5


def test_connection_refused_and_a_bad_scheme(web):
    url = f"http://127.0.0.1:{closed_port()}/article.html"
    with pytest.raises(FetchFailed, match="connection refused$"):
        fetcher().page(url)
    with pytest.raises(FetchFailed, match=r"not an http:// or https:// URL$"):
        fetcher().page("ftp://127.0.0.1/article.html")


def test_legacy_encodings_are_read_from_the_header_or_detected(web):
    text = "<p>Talks in S\u00e3o Paulo \u2013 \u201cconstructive\u201d, the caf\u00e9 said.</p>"
    web.resources["/named"] = Resource(
        text.encode("cp1252"), content_type="text/html; charset=windows-1252"
    )
    web.resources["/unnamed"] = Resource(text.encode("cp1252"), content_type="text/html")
    assert fetcher().page(web.url("/named")).text() == text
    assert fetcher().page(web.url("/unnamed")).text() == text


def test_a_conditional_request_gets_not_modified(web):
    web.resources["/feed"] = Resource(b"<rss/>", "application/rss+xml", etag='"v1"')
    first = fetcher().get(web.url("/feed"))
    assert first.etag == '"v1"' and first.body == b"<rss/>"
    again = fetcher().get(web.url("/feed"), etag=first.etag)
    assert again.not_modified and again.body == b""
    assert web.hits("/feed")[-1].headers["If-None-Match"] == '"v1"'
