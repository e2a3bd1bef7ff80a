"""Choosing the embedder the settings name: ONNX where it can be had, else sentence-transformers."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.index.embedding import Embedder, FakeEmbedder, SentenceTransformerEmbedder
from retrieval.settings import Settings


def make_embedder(settings: Settings, notice: Callable[[str], None] | None = None) -> Embedder:
    """The embedder the settings choose; `notice` hears of a slow one-time preparation first."""
    if settings.embedder == "fake":
        return FakeEmbedder()
    if settings.embedder in ("onnx", "auto"):
        try:
            from retrieval.index.onnx_embedding import OnnxEmbedder
        except ImportError:
            if settings.embedder == "onnx":
                raise
        else:
            embedder = OnnxEmbedder.maybe_create(settings, notice)
            if embedder is not None:
                return embedder
    return SentenceTransformerEmbedder(settings.embedding_model)
