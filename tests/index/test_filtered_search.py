"""A filtered question searches Chroma among the chunks the keyword index's masks keep (ids),
which must find exactly what Chroma's own `where` clause finds."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest

import retrieval.index.retriever as retriever_module
from retrieval.index.filters import SearchFilter
from retrieval.index.record import Chunk, record_of

FILTERS = [
    SearchFilter(countries=("RU",)),
    SearchFilter(countries=("OM", "US")),
    SearchFilter(start=date(2023, 1, 1)),
    SearchFilter(end=date(2022, 12, 31)),
    SearchFilter(countries=("RU",), start=date(2022, 1, 1), end=date(2022, 12, 31)),
    SearchFilter(countries=("JP",)),  # no article: nothing found either way
]


@pytest.mark.parametrize("flt", FILTERS, ids=str)
def test_ids_from_the_masks_find_what_where_finds(fake_engine, flt):
    fake_engine.ingest()
    index = fake_engine.keyword_index()
    allowed = index.allowed(flt, limit=10_000)
    for question in ("defence cooperation", "phone call with the foreign minister", "trade"):
        vector = fake_engine.embedder.embed_query(question)
        by_where = fake_engine.store.search(vector, 12, flt)
        by_ids = fake_engine.store.search(vector, 12, ids=allowed)
        assert [c.id for c in by_ids] == [c.id for c in by_where]
        assert all(flt.matches(c.record) for c in by_ids)


def test_retriever_answers_the_same_over_the_limit(fake_engine, monkeypatch):
    fake_engine.ingest()
    flt = SearchFilter(countries=("RU",))
    with_ids = fake_engine.retriever.invoke("defence talks", flt=flt)
    monkeypatch.setattr(retriever_module, "ID_LIMIT", 0)  # every filter goes as `where`
    with_where = fake_engine.retriever.invoke("defence talks", flt=flt)
    assert [d.metadata["chunk_id"] for d in with_ids] == [
        d.metadata["chunk_id"] for d in with_where
    ]
    assert with_ids and all("RU" in record_of(d).countries for d in with_ids)
    assert fake_engine.keyword_index().allowed(flt, limit=0) is None


def test_an_index_older_than_the_store_still_finds_with_where(fake_engine, knowledge):
    """Another process deleted chunks the (mid-change) index still names: Chroma rejects
    unknown ids, so the search falls back to its own filter."""
    fake_engine.ingest()
    index = fake_engine.keyword_index()
    flt = SearchFilter(countries=("RU",))
    gone = index.allowed(flt, limit=100)[0]
    fake_engine.store.delete([gone])  # as another process would, leaving the generation ""
    index.exact = True  # as if it still matched the store
    fake_engine._keyword = (fake_engine.store.generation(), time.monotonic(), index)
    docs = fake_engine.retriever.invoke("defence talks", flt=flt)
    assert docs and all("RU" in record_of(d).countries for d in docs)
    assert gone not in {d.metadata["chunk_id"] for d in docs}


def moved(chunk: Chunk, cid: str, article_id: str, text: str) -> Chunk:
    """The chunk as another article about Peru would have it."""
    record = replace(chunk.record, article_id=article_id, countries=("PE",))
    return Chunk(cid, record, (text,))


def test_an_index_built_mid_change_is_not_used_to_filter(fake_engine, knowledge):
    """A bot that built its index while another process ingested, which then crashed: the
    chunks written after it are still found by filtered questions."""
    fake_engine.ingest()
    writer = fake_engine.store
    [chunk] = writer.get([fake_engine.keyword_index().allowed(SearchFilter(("RU",)), 100)[0]])
    writer.add(
        [moved(chunk, "late-1", "late", "Defence talks with Peru in Lima.")],
        fake_engine.embedder.embed(["x"]),
    )  # the first write: generation ""
    index = fake_engine.keyword_index()  # built now, mid-change
    assert not index.exact
    writer.add(
        [moved(chunk, "late-2", "late2", "More defence talks with Peru in Lima.")],
        fake_engine.embedder.embed(["y"]),
    )  # then the writer dies: still ""
    found = fake_engine.retriever.invoke("defence talks Peru", flt=SearchFilter(("PE",)))
    assert {"late-1", "late-2"} <= {d.metadata["chunk_id"] for d in found}
