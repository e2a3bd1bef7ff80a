"""`remove`: an article's chunks, keyword entries and engagements leave the store; a fetched
page's file goes too, a user's file stays; an unknown path or URL is an UnknownSource."""

from __future__ import annotations

import json

import pytest

from retrieval.engine import Engine
from retrieval.errors import UnknownSource
from retrieval.index.embedding import FakeEmbedder

OMAN = "000_c8cbf1aefad89011.txt"


def keyword_paths(engine: Engine, query: str) -> set[str]:
    hits = engine.keyword_index().search(query, 50)
    return {c.record.path for c in engine.store.get([cid for cid, _ in hits])}


def test_removing_a_file_takes_its_chunks_keywords_and_engagements(fake_engine, knowledge):
    fake_engine.ingest()
    assert fake_engine.engagements("OM") and OMAN in keyword_paths(fake_engine, "Albusaidi")
    before = fake_engine.store.count()
    removal = fake_engine.remove(str(knowledge / OMAN))
    [article] = removal.articles
    assert article.path == OMAN and removal.chunks == article.chunks > 0
    assert fake_engine.store.count() == before - removal.chunks
    assert keyword_paths(fake_engine, "Albusaidi") == set()
    assert fake_engine.engagements("OM") == []
    assert OMAN not in {a.path for a in fake_engine.sources()}
    assert removal.files_kept == [str(knowledge / OMAN)] and (knowledge / OMAN).exists()
    # another process (a new engine on the same data dir) sees it gone too
    other = Engine(fake_engine.settings, embedder=FakeEmbedder())
    assert len(other.sources()) == 4 and other.engagements("OM") == []


def test_removing_a_url_deletes_the_saved_page_so_no_ingest_brings_it_back(fake_engine, web):
    url = web.url("/article.html")
    fake_engine.ingest(urls=[url, web.url("/finland.html")])
    removal = fake_engine.remove(url + "/")  # a trailing slash names the same page
    assert [a.url for a in removal.articles] == [url] and removal.files_kept == []
    assert len(list(fake_engine.settings.web_dir.glob("*.md"))) == 1
    fake_engine.ingest()
    assert {a.url for a in fake_engine.sources() if a.url} == {web.url("/finland.html")}


def test_a_jsonl_line_a_whole_jsonl_and_a_folder(fake_engine, tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    lines = [
        {"title": f"India, Kenya talks {n}", "text": f"India and Kenya held talks, round {n}."}
        for n in (1, 2, 3)
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    (folder / "peru.md").write_text(
        "---\ntitle: India, Peru talks\n---\nIndia and Peru held talks on trade and mining in Lima on Friday.\n"
    )
    fake_engine.ingest([folder])
    line = str(folder / "feed.jsonl") + ":2"
    assert [a.title for a in fake_engine.remove(line).articles] == ["India, Kenya talks 2"]
    assert len(fake_engine.remove(str(folder / "feed.jsonl")).articles) == 2
    assert [a.title for a in fake_engine.remove(str(folder)).articles] == ["India, Peru talks"]
    assert fake_engine.sources() == [] and fake_engine.store.count() == 0


def test_an_unknown_path_or_url_changes_nothing(fake_engine, knowledge):
    fake_engine.ingest()
    generation = fake_engine.store.generation()
    for target in ("no/such/file.txt", "https://example.org/never-ingested"):
        with pytest.raises(UnknownSource, match="no article in the store comes from"):
            fake_engine.remove(target)
    assert fake_engine.store.generation() == generation and len(fake_engine.sources()) == 5


def test_sources_are_counted_per_country_and_outlet(fake_engine):
    fake_engine.ingest()
    counts = fake_engine.source_counts()
    assert counts.articles == 5
    by_country = {c.name: c.articles for c in counts.countries}
    assert by_country["Russia"] == 2 and by_country["Oman"] == 1 and "India" not in by_country
    assert sum(o.articles for o in counts.outlets) == 5
    assert counts.outlets[0].articles >= counts.outlets[-1].articles
    only_oman = fake_engine.source_counts("Oman")
    assert only_oman.articles == 1 and [c.code for c in only_oman.countries] == ["OM"]
