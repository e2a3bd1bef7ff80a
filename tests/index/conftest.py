"""Fixtures of the index tests: the packaged model's ONNX export, made once per session."""

from __future__ import annotations

import pytest

from retrieval.index.onnx_embedding import OnnxEmbedder
from retrieval.settings import PACKAGED_MODEL, Settings


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Settings:
    """A data dir holding the packaged model's export, made once; tests copy it before harm."""
    # session fixtures run before the autouse chdir: keep a developer's .env out explicitly
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path_factory.mktemp("onnx") / "data",
        embedding_model=PACKAGED_MODEL,
        embedder="onnx",
        onnx_quantize=False,
    )
    assert OnnxEmbedder.maybe_create(settings) is not None
    return settings
