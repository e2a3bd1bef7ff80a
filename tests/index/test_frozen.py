"""Questions read a frozen copy of the store's current generation (vectors memory-mapped, no
Chroma): it must find what Chroma finds, follow another process's changes, and never serve
content that a change under way has left behind."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder
from retrieval.index.filters import SearchFilter
from retrieval.index.frozen import FrozenStore
from retrieval.index.keyword import KeywordIndex

FILTERS = [
    SearchFilter(),
    SearchFilter(countries=("RU",)),
    SearchFilter(countries=("OM", "US")),
    SearchFilter(start=date(2023, 1, 1)),
    SearchFilter(end=date(2022, 12, 31)),
    SearchFilter(countries=("JP",)),
]
QUESTIONS = ("defence cooperation", "phone call with the foreign minister", "trade and energy")

NEW_ARTICLE = """---
title: India and Zanzibar hold saffron talks
published: 2025-03-01
---
India and Zanzibar held their first talks on saffron trade in Stone Town on Monday.
"""


@pytest.mark.parametrize("flt", FILTERS, ids=str)
def test_the_copy_finds_what_chroma_finds(fake_engine, flt):
    fake_engine.ingest()
    frozen = fake_engine.chunks.current()
    assert isinstance(frozen, FrozenStore)
    for question in QUESTIONS:
        vector = fake_engine.embedder.embed_query(question)
        live = fake_engine.store.search(vector, 8, flt)
        copy = frozen.search(vector, 8, flt)
        # exact search: the same scores as Chroma's (its order among near-ties may differ)
        assert np.allclose([c.score for c in copy], [c.score for c in live], atol=1e-4)
        assert {c.id for c in copy[:5]} == {c.id for c in live[:5]}
        assert all(flt.matches(c.record) for c in copy)


def test_the_copy_holds_every_chunk_with_its_record(fake_engine):
    fake_engine.ingest()
    frozen = fake_engine.chunks.current()
    assert sorted(frozen.records()) == sorted(fake_engine.store.records())
    live = {c.id: c.text for c in fake_engine.store.all_chunks()}
    assert {c.id: c.text for c in frozen.all_chunks()} == live
    some = next(iter(live))
    [chunk] = frozen.get([some])
    assert chunk.text == live[some]


def test_another_process_ingest_is_seen_by_the_next_question(settings, knowledge):
    reader = Engine(settings, embedder=FakeEmbedder())
    reader.ingest()
    before = reader.ask("What about saffron trade with Zanzibar?")
    assert not any("Zanzibar" in c.title for c in before.citations)

    (knowledge / "zanzibar.md").write_text(NEW_ARTICLE, encoding="utf-8")
    Engine(settings, embedder=FakeEmbedder()).ingest()  # as another process would

    after = reader.ask("What about saffron trade with Zanzibar?")
    assert any("Zanzibar" in c.title for c in after.citations)


def test_a_change_under_way_is_read_from_chroma_not_the_old_copy(fake_engine):
    fake_engine.ingest()
    old_copy = fake_engine.chunks.current()
    assert isinstance(old_copy, FrozenStore)
    fake_engine.store.delete([old_copy.ids[0]])  # a writer's first step; no finish yet
    assert fake_engine.mirror is not None and fake_engine.mirror.read() == ""
    assert fake_engine.chunks.current() is fake_engine.store
    assert fake_engine.chunks.count() == old_copy.count() - 1


def test_a_store_from_before_the_mirror_gets_one(settings):
    writer = Engine(settings, embedder=FakeEmbedder())
    writer.ingest()
    assert writer.mirror is not None
    writer.mirror.path.unlink()  # as a store written by an older version
    reader = Engine(settings, embedder=FakeEmbedder())
    assert isinstance(reader.chunks.current(), FrozenStore)
    assert writer.mirror.read() == writer.store.generation()


def test_keyword_scores_are_bm25s_scores(fake_engine):
    """The numpy scorer must give what bm25s gives on its own index."""
    import bm25s
    import Stemmer

    fake_engine.ingest()
    chunks = fake_engine.store.all_chunks()
    ours = KeywordIndex.build(chunks)
    stemmer = Stemmer.Stemmer("english")
    corpus = [f"{c.record.title}\n{c.text}" for c in chunks]
    theirs = bm25s.BM25()
    theirs.index(bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False))
    for question in (*QUESTIONS, "Lavrov Jaishankar talks in Moscow", "the of and"):
        tokens = bm25s.tokenize(
            [question], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False
        )[0]
        tokens = [t for t in tokens if t in theirs.vocab_dict]
        expected = theirs.get_scores(tokens) if tokens else np.zeros(len(chunks))
        assert ours.bm25 is not None
        got = ours.bm25.scores(ours.bm25.tokens(question, ours.stem))
        assert np.allclose(got, expected, atol=1e-5)
