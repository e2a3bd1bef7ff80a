"""The tuning object: defaults, a file of fitted values that takes effect, a bad file named."""

from __future__ import annotations

import json

import pytest

from retrieval.engine import Engine
from retrieval.errors import SettingsError
from retrieval.index.embedding import FakeEmbedder
from retrieval.settings import Settings
from retrieval.tuning import DEFAULT, Tuning


def test_a_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "tuning.json"
    path.write_text(json.dumps({"answer": {"max_chars": 900}, "retrieval": {"rrf_k": 30}}))
    tuned = Tuning.load(path)
    assert (tuned.answer.max_chars, tuned.retrieval.rrf_k) == (900, 30)
    assert tuned.answer.min_score == DEFAULT.answer.min_score


def test_the_engine_passes_the_file_down(tmp_path):
    path = tmp_path / "tuning.json"
    path.write_text(json.dumps({"retrieval": {"per_article": 1}, "answer": {"shortlist": 3}}))
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=tmp_path, tuning_file=path)
    engine = Engine(settings, embedder=FakeEmbedder())
    assert engine.retriever.tuning.per_article == 1
    assert engine.answerer.tuning.shortlist == 3


@pytest.mark.parametrize(
    "content", ["{not json", json.dumps({"answer": {"max_chars": "long"}}), json.dumps({"x": 1})]
)
def test_a_bad_file_is_one_settings_error_naming_it(tmp_path, content):
    path = tmp_path / "tuning.json"
    path.write_text(content)
    with pytest.raises(SettingsError, match="BILATERAL_TUNING_FILE"):
        Tuning.load(path)


def test_a_missing_file_is_named_too(tmp_path):
    with pytest.raises(SettingsError, match="BILATERAL_TUNING_FILE"):
        Tuning.load(tmp_path / "nope.json")
