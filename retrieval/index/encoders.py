"""Choosing the embedder the settings name: ONNX where it can be had, else sentence-transformers."""

from __future__ import annotations

from retrieval.index.embedding import Embedder, FakeEmbedder, SentenceTransformerEmbedder
from retrieval.settings import Settings


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings choose."""
    if settings.embedder == "fake":
        return FakeEmbedder()
    if settings.embedder in ("onnx", "auto"):
        try:
            from retrieval.index.onnx_embedding import OnnxEmbedder
        except ImportError:
            if settings.embedder == "onnx":
                raise
        else:
            embedder = OnnxEmbedder.maybe_create(settings)
            if embedder is not None:
                return embedder
    return SentenceTransformerEmbedder(settings.embedding_model)
