"""Sentence vectors stored at ingest: pooled from the chunk's own token vectors (late chunking),
the same from both backends, read back by chunk id so that a question encodes only itself."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.index.embedding import FakeEmbedder, pool_spans
from retrieval.index.onnx_embedding import OnnxEmbedder

TEXTS = [
    "India and Oman hold talks\nJaishankar met Albusaidi in Muscat.\nThey discussed trade.",
    "Ünïcödé façade\nİstanbul hosted the meeting.\nShort.",
    "word " * 300 + "\nA last sentence the truncation cut off.",
]


def spans(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


@pytest.mark.slow
def test_both_backends_pool_each_sentence_from_its_chunk(exported, real_embedder):
    onnx = OnnxEmbedder.maybe_create(exported)
    assert onnx is not None
    sp = [spans(t) for t in TEXTS]
    vecs, parts = onnx.embed_with_spans(TEXTS, sp)
    ref_vecs, ref_parts = real_embedder.embed_with_spans(TEXTS, sp)
    # the chunk vectors are what embed() gives: stored chunks are unchanged
    assert np.allclose(vecs, onnx.embed(TEXTS), atol=1e-5)
    assert (vecs * ref_vecs).sum(axis=1).min() > 0.9999
    for mine, theirs, s in zip(parts, ref_parts, sp, strict=True):
        assert mine.shape == (len(s), onnx.dim)
        assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
        assert (mine * theirs).sum(axis=1).min() > 0.999
    # in context, not the sentence encoded alone: it knows its chunk
    alone = onnx.embed([TEXTS[0][slice(*sp[0][1])]])[0]
    assert 0.5 < float(parts[0][1] @ alone) < 0.99
    # a sentence the model's length limit cut off is encoded on its own instead
    cut = onnx.embed([TEXTS[2][slice(*sp[2][1])]])[0]
    assert float(parts[2][1] @ cut) > 0.9999


def test_a_span_no_token_reaches_is_reported():
    tokens = np.eye(4, dtype=np.float32)
    offsets = np.array([[0, 0], [0, 5], [6, 9], [0, 0]])  # [CLS] india oman [SEP]
    vecs, missing = pool_spans(tokens, offsets, [(0, 9), (10, 20)])
    assert missing == [1]
    assert np.allclose(vecs[0], np.array([0, 1, 1, 0]) / np.sqrt(2))


def test_the_default_encodes_each_span_apart():
    fake = FakeEmbedder()
    vecs, parts = fake.embed_with_spans(TEXTS[:2], [spans(t) for t in TEXTS[:2]])
    assert np.allclose(parts[0][1], fake.embed(["Jaishankar met Albusaidi in Muscat."])[0])
    assert np.allclose(vecs, fake.embed(TEXTS[:2]))


@pytest.mark.slow
def test_ingest_runs_one_thread_sessions_side_by_side_with_the_same_vectors(exported):
    onnx = OnnxEmbedder.maybe_create(exported)
    assert onnx is not None
    bulk, callers = onnx.for_bulk()
    sp = [spans(t) for t in TEXTS]
    if callers > 1:  # a machine of one core keeps the one session
        assert bulk is not onnx and bulk.session.get_session_options().intra_op_num_threads == 1
        assert callers == onnx.session.get_session_options().intra_op_num_threads
    (vecs, parts), (ref, ref_parts) = (
        bulk.embed_with_spans(TEXTS, sp),
        onnx.embed_with_spans(TEXTS, sp),
    )
    assert bulk.identity == onnx.identity and np.allclose(vecs, ref, atol=1e-5)
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(parts, ref_parts, strict=True))
