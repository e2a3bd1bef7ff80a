"""Articles by URL: fetched, extracted, saved in the data dir with front matter, cited by
their URL, kept by a re-ingest or a rebuild; pages with no article skipped with the reason."""

from __future__ import annotations

from datetime import date

import frontmatter
import pytest

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder


def saved_pages(engine: Engine) -> list:
    folder = engine.settings.web_dir
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def test_a_url_is_saved_with_front_matter_and_listed_with_its_url(fake_engine, web):
    url = web.url("/article.html")
    report = fake_engine.ingest(urls=[url])
    assert (report.added, report.fetched, report.skipped) == (1, [url], [])
    [page] = saved_pages(fake_engine)
    post = frontmatter.load(page)
    assert post.metadata == {
        "title": "India, Ghana agree to link payment systems and widen pharma ties",
        "url": url,
        "published": date(2025, 11, 18),
        "source": "The Fixture Herald",
    }
    assert "instant payment switch" in post.content and "Subscribe" not in post.content
    [article] = fake_engine.sources()
    assert (article.url, article.source, article.published) == (
        url,
        "The Fixture Herald",
        date(2025, 11, 18),
    )
    assert article.countries == ["GH"]


def test_the_host_is_the_outlet_when_the_page_names_none(fake_engine, web):
    from web_standin import Resource

    body = web.resources["/article.html"].body
    web.resources["/plain.html"] = Resource(
        body.replace(b"og:site_name", b"og:nothing").replace(b" | The Fixture Herald", b"")
    )
    fake_engine.ingest(urls=[web.url("/plain.html")])
    assert fake_engine.sources()[0].source == "127.0.0.1"


def test_urls_and_paths_together_each_failure_with_its_reason(fake_engine, web, knowledge):
    urls = [web.url("/article.html"), web.url("/nav.html"), web.url("/gone.html")]
    report = fake_engine.ingest([knowledge / "000_c8cbf1aefad89011.txt"], urls=urls)
    assert report.added == 2 and report.fetched == [urls[0]]
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons == {
        urls[1]: "navigation only: 12 short lines and no sentence of prose",
        urls[2]: "the server answered 404 Not Found",
    }
    assert len(saved_pages(fake_engine)) == 1  # nothing saved for a page with no article


def test_a_refetch_of_an_unchanged_page_changes_nothing(fake_engine, web):
    url = web.url("/article.html")
    fake_engine.ingest(urls=[url])
    [page] = saved_pages(fake_engine)
    written = page.stat().st_mtime_ns
    report = fake_engine.ingest(urls=[url])
    assert (report.added, report.unchanged, report.chunks_embedded) == (0, 1, 0)
    assert page.stat().st_mtime_ns == written


def test_a_reingest_and_a_rebuild_keep_the_fetched_pages(fake_engine, web, settings):
    fake_engine.ingest()
    fake_engine.ingest(urls=[web.url("/article.html")])
    report = fake_engine.ingest()  # the default: the knowledge dir and the fetched pages
    assert (report.unchanged, report.removed) == (6, 0)
    rebuilt = Engine(settings.model_copy(update={"collection": "rebuilt"}), embedder=FakeEmbedder())
    assert rebuilt.ingest().added == 6  # an empty store filled again: the page too
    assert web.url("/article.html") in {a.url for a in rebuilt.sources()}


def test_a_navigation_only_html_file_is_skipped_with_its_reason(fake_engine, tmp_path, web):
    page = tmp_path / "section.html"
    page.write_bytes(web.resources["/nav.html"].body)
    short = tmp_path / "short.html"
    short.write_text(
        "<html><body><article><p>India and Chile held talks in Santiago on Monday.</p></article></body></html>"
    )
    report = fake_engine.ingest([page, short])
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons["section.html"].startswith("navigation only")
    assert (
        reasons["short.html"] == "too short for an article (49 characters of prose; at least 200)"
    )
    assert report.added == 0 and fake_engine.store.count() == 0


@pytest.mark.slow
def test_answers_cite_the_page_by_its_url(settings, real_embedder, web):
    engine = Engine(settings, embedder=real_embedder)
    url = web.url("/article.html")
    engine.ingest(urls=[url])
    answer = engine.ask("When will India's UPI be connected with Ghana's payment switch?")
    assert not answer.refused and "middle of next year" in answer.answer
    assert {c.url for c in answer.citations} == {url}
