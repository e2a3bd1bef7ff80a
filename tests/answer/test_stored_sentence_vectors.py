"""A question encodes only itself: the sentences it is answered from had their vectors stored
at ingest, beside their chunks, and go when their chunks go."""

from __future__ import annotations

import numpy as np

QUESTION = "What did Jaishankar and Albusaidi discuss?"


def encoded_during(engine, call) -> list[str]:
    seen: list[str] = []
    encode = engine.embedder._encode

    def spy(texts):
        seen.extend(texts)
        return encode(texts)

    engine.embedder._encode = spy
    try:
        call()
    finally:
        engine.embedder._encode = encode
    return seen


def stored_ids(engine) -> set[str]:
    return {cid for (cid,) in engine.sentence_vectors.db.execute("SELECT chunk_id FROM sentences")}


def test_a_question_encodes_only_itself(seeded_engine):
    answers = []
    seen = encoded_during(seeded_engine, lambda: answers.append(seeded_engine.ask(QUESTION)))
    answer = answers[0]
    assert not answer.refused and answer.citations
    assert all(q not in seen for q in (c.quote for c in answer.citations))
    assert len(seen) <= 2  # the question (and the search text made of it), nothing else


def test_every_chunk_has_its_sentences_vectors(fake_engine):
    fake_engine.ingest()
    chunks = fake_engine.store.all_chunks()
    stored = fake_engine.sentence_vectors.get([c.id for c in chunks])
    assert set(stored) == {c.id for c in chunks}
    for chunk in chunks:
        expected = fake_engine.embedder.embed(list(chunk.sentences))
        assert np.allclose(stored[chunk.id], expected, atol=1e-2)  # float16 on disk


def test_a_store_without_them_still_answers_the_same(fake_engine):
    fake_engine.ingest()
    before = fake_engine.ask(QUESTION)
    fake_engine.sentence_vectors.delete(stored_ids(fake_engine))  # as a store from before them
    fake_engine.answerer.vectors.cache.clear()
    after = fake_engine.ask(QUESTION)
    assert [c.quote for c in after.citations] == [c.quote for c in before.citations]


def test_they_go_with_their_article(fake_engine, knowledge):
    fake_engine.ingest()
    gone = sorted(knowledge.glob("*.txt"))[0]
    ids_before = stored_ids(fake_engine)
    gone.unlink()
    gone.with_suffix(".meta.yaml").unlink(missing_ok=True)
    report = fake_engine.ingest()
    assert report.removed == 1
    left = stored_ids(fake_engine)
    assert left < ids_before
    assert left == {c.id for c in fake_engine.store.all_chunks()}
