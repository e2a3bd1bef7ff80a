"""The keyword index and the catalogue are kept on disk under the store's generation: a new
process loads them; any change (ours, another process's, or one cut off by a crash) makes them
be rebuilt."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

import pytest

from retrieval.engine import Engine
from retrieval.index import snapshots
from retrieval.index.embedding import FakeEmbedder
from retrieval.index.filters import SearchFilter
from retrieval.index.keyword import FORMAT as KEYWORD_FORMAT
from retrieval.index.keyword import KeywordIndex
from retrieval.index.record import Chunk
from retrieval.index.snapshots import one_writer
from retrieval.index.store import ChunkStore

NEW_ARTICLE = """---
title: India, Zanzibar hold talks on saffron trade
source: Test Wire
published: 2025-02-03
---
India and Tanzania held talks on saffron trade in Zanzibar on Monday, officials said.
"""


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """How many times an index was built from the store's chunks (the slow path)."""
    calls: list[int] = []
    original = KeywordIndex.build.__func__

    def counting(cls, chunks):
        calls.append(len(chunks))
        return original(cls, chunks)

    monkeypatch.setattr(KeywordIndex, "build", classmethod(counting))
    return calls


def fresh(settings) -> Engine:
    """Another process: same data dir, nothing in memory."""
    return Engine(settings, embedder=FakeEmbedder())


def keyword_ids(engine: Engine, query: str) -> list[str]:
    return [cid for cid, _ in engine.keyword_index().search(query, 5)]


def test_a_new_process_loads_the_index_ingest_saved(settings, builds):
    fresh(settings).ingest()
    assert len(builds) == 1  # built once, at the end of the ingest
    later = fresh(settings)
    hits = keyword_ids(later, "Albusaidi Oman")
    assert hits and len(builds) == 1  # loaded, not built
    chunks = {c.id: c for c in later.store.all_chunks()}
    assert "Albusaidi" in chunks[hits[0]].text
    answer = later.ask("What did Jaishankar and Badr Albusaidi discuss?")
    assert not answer.refused and len(builds) == 1


def test_loaded_index_filters_like_a_built_one(settings):
    engine = fresh(settings)
    engine.ingest()
    built = KeywordIndex.build(engine.store.all_chunks())
    loaded = fresh(settings).keyword_index()
    for flt in (SearchFilter(), SearchFilter(countries=("RU",)), SearchFilter(countries=("OM",))):
        assert loaded.search("defence cooperation talks", 8, flt) == built.search(
            "defence cooperation talks", 8, flt
        )
        assert loaded.mask(flt).tolist() == built.mask(flt).tolist()


def test_an_ingest_in_another_process_shows_in_a_running_engine(settings, knowledge, builds):
    fresh(settings).ingest()
    running = fresh(settings)
    assert keyword_ids(running, "saffron") == []
    (knowledge / "zanzibar.md").write_text(NEW_ARTICLE, encoding="utf-8")
    fresh(settings).ingest()  # the other process
    assert keyword_ids(running, "saffron")
    folders = [p for p in (settings.data_dir / "snapshots").iterdir() if "-keyword-" in p.name]
    assert len(folders) == 1  # the old generation's index is gone


def test_a_change_cut_off_by_a_crash_is_never_served_from_the_old_index(settings, builds):
    engine = fresh(settings)
    engine.ingest()
    old = engine.store.generation()
    assert old
    # a writer that dies after its first write: no finish_change
    writer = ChunkStore(engine.store.client, engine.store.name, mirror=engine.mirror)
    [chunk] = engine.store.get([keyword_ids(engine, "Albusaidi")[0]])
    crashed = Chunk(
        "crashed-1",
        replace(chunk.record, article_id="crashed"),
        ("Saffron talks with Oman in Muscat.",),
    )
    writer.add([crashed], FakeEmbedder().embed(["x"]))
    assert engine.store.generation() == ""
    count = len(builds)
    later = fresh(settings)
    assert "crashed-1" in keyword_ids(later, "saffron")  # rebuilt from the store
    assert len(builds) == count + 1
    assert not any(p.name.endswith("-") for p in (settings.data_dir / "snapshots").iterdir())
    later.ingest()  # the next ingest finishes the change: a new token, an index saved for it
    assert later.store.generation() not in ("", old)


def test_a_damaged_index_is_rebuilt_with_a_warning(settings, builds, caplog):
    fresh(settings).ingest()
    [folder] = (settings.data_dir / "snapshots").glob("*-keyword-*")
    (folder / "rows.npz").write_bytes(b"not numpy")
    with caplog.at_level(logging.WARNING, logger="retrieval.index.snapshots"):
        assert keyword_ids(fresh(settings), "Albusaidi")
    assert "unusable" in caplog.text and len(builds) == 2


def test_reingest_of_unchanged_files_keeps_the_generation(settings, builds):
    engine = fresh(settings)
    engine.ingest()
    token = engine.store.generation()
    assert fresh(settings).ingest().chunks_embedded == 0
    assert engine.store.generation() == token and len(builds) == 1


def test_a_new_process_gives_briefs_and_sources_without_reading_the_store(settings, monkeypatch):
    first = fresh(settings)
    first.ingest()
    brief, sources = first.country_brief("Oman"), first.sources("Russia")
    later = fresh(settings)

    def no_scan(*args, **kwargs):
        raise AssertionError("read every chunk again")

    monkeypatch.setattr(ChunkStore, "articles", no_scan)
    monkeypatch.setattr(ChunkStore, "_scan", no_scan)
    assert later.country_brief("Oman") == brief
    assert later.sources("Russia") == sources and len(sources) == 2
    assert later.country_names() == first.country_names()


def test_ingests_wait_for_each_other(settings):
    """One writer per data dir, across processes: an empty generation then means a crash."""
    held, release, done = threading.Event(), threading.Event(), []

    def hold() -> None:
        with one_writer(settings.data_dir):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    second = threading.Thread(target=lambda: done.append(fresh(settings).ingest()))
    second.start()
    second.join(1.0)
    assert not done  # still waiting for the lock
    release.set()
    second.join(60)
    holder.join()
    assert done and done[0].added == 5


def test_saving_an_older_generation_keeps_the_newer_one(settings, knowledge):
    engine = fresh(settings)
    engine.ingest()
    old = engine.store.generation()
    (knowledge / "zanzibar.md").write_text(NEW_ARTICLE, encoding="utf-8")
    engine.ingest()
    new = engine.store.generation()
    folder = settings.data_dir / "snapshots"
    [newer] = folder.glob(f"*-keyword-v{KEYWORD_FORMAT}-{new}")
    late = newer.with_name(newer.name.replace(new, old))  # a slow process saving the old one
    snapshots._replace(late, lambda path: path.mkdir(), keep=engine.store.generation)
    assert newer.is_dir()  # the store's current generation survives the older save
    assert keyword_ids(fresh(settings), "saffron")
