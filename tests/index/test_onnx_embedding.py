"""The ONNX encoder: same vectors as sentence-transformers, exported once, cached by key."""

from __future__ import annotations

import os
import random
import shutil

import numpy as np
import pytest

from retrieval.index import onnx_embedding, onnx_spec
from retrieval.index.embedding import EmbeddingError
from retrieval.index.encoders import make_embedder
from retrieval.index.onnx_embedding import (
    INT8_FILES,
    MODEL_FILE,
    PREPARING,
    QUANTIZING,
    SPEC_FILE,
    TOKENIZER_FILE,
    OnnxEmbedder,
    export_dir,
    model_folder,
)
from retrieval.settings import PACKAGED_MODEL, Settings

pytestmark = pytest.mark.slow

WORDS = [
    "India",
    "Oman",
    "Japan",
    "Brazil",
    "maritime",
    "security",
    "trade",
    "defence",
    "minister",
    "talks",
    "agreement",
    "energy",
    "visit",
    "summit",
    "cooperation",
    "signed",
    "discussed",
    "counterpart",
    "Jaishankar",
]
ODD = [
    "Ünïcödé façade naïve",
    "भारत और ओमान ने समुद्री सुरक्षा पर चर्चा की।",
    "中日韩 外交部 会谈",
    "Ελλάδα–Ινδία",
    "🇮🇳🤝🇴🇲 talks!!!",
    "C++/C#; e.g. (i) [ii] {iii} <iv> — ‘quoted’ “text”…",
    "   leading and trailing spaces   ",
    "tabs\tand\nnewlines\r\n",
    "",
    "?",
    "A" * 2000,
]


def sentences(n: int = 240) -> list[str]:
    """Short, long (every tenth past the 256-token limit), punctuated and non-ASCII texts."""
    rng = random.Random(11)
    out = list(ODD)
    while len(out) < n:
        length = 300 if len(out) % 10 == 0 else rng.choice([1, 3, 8, 20, 40, 80])
        words = [rng.choice(WORDS + ODD[:5]) for _ in range(length)]
        out.append(" ".join(words) + rng.choice([".", "?", "!", "", " ..."]))
    return out


@pytest.fixture
def data_copy(exported, tmp_path) -> Settings:
    shutil.copytree(exported.data_dir, tmp_path / "data")
    return exported.model_copy(update={"data_dir": tmp_path / "data"})


@pytest.fixture
def exports(monkeypatch) -> list[str]:
    """Counts real exports (torch traces) made during the test."""
    calls: list[str] = []
    trace = onnx_embedding._trace

    def counting(folder, out):
        calls.append(str(folder))
        return trace(folder, out)

    monkeypatch.setattr(onnx_embedding, "_trace", counting)
    return calls


def cached_dir(settings: Settings):
    return export_dir(
        settings.data_dir, settings.embedding_model, model_folder(settings.embedding_model)
    )


def test_vectors_agree_with_sentence_transformers(exported, real_embedder):
    texts = sentences()
    onnx = OnnxEmbedder.maybe_create(exported)
    ours, theirs = onnx.embed(texts), real_embedder.embed(texts)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.9999, texts[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (onnx.identity, onnx.dim) == (real_embedder.identity, real_embedder.dim)
    assert np.allclose(onnx.embed_query(texts[20]), theirs[20], atol=1e-4)


def test_long_texts_are_truncated_like_sentence_transformers(exported):
    onnx = OnnxEmbedder.maybe_create(exported)
    base = "India and Oman reviewed maritime security cooperation. " * 40  # ~320 tokens
    vecs = onnx.embed([base, base + "Completely different closing words about cricket."])
    assert float(vecs[0] @ vecs[1]) > 0.99999  # the tail past 256 tokens is cut


def test_second_create_reuses_the_export(data_copy, exports):
    model = cached_dir(data_copy) / MODEL_FILE
    before = model.stat().st_mtime_ns
    notes: list[str] = []
    first = OnnxEmbedder.maybe_create(data_copy, notes.append)
    second = OnnxEmbedder.maybe_create(data_copy, notes.append)
    assert first is not None and second is not None
    assert exports == [] and model.stat().st_mtime_ns == before
    assert notes == []  # nothing slow to announce
    assert len(list((data_copy.data_dir / "models").iterdir())) == 1


def test_a_changed_key_exports_again(data_copy, exports, monkeypatch):
    old = cached_dir(data_copy)
    real = onnx_spec._version
    monkeypatch.setattr(
        onnx_spec, "_version", lambda dist: "9.9.9" if dist == "torch" else real(dist)
    )
    new = cached_dir(data_copy)
    assert new != old
    notes: list[str] = []
    embedder = OnnxEmbedder.maybe_create(data_copy, notes.append)
    assert len(exports) == 1 and (new / MODEL_FILE).exists()
    assert notes == [PREPARING]  # one line, said before the export
    assert embedder.embed(["India and Oman"]).shape == (1, 384)
    assert not [p for p in new.parent.iterdir() if p.name.startswith(".")]  # no temp dirs left


def test_the_key_follows_name_files_and_versions(tmp_path, monkeypatch):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    key = export_dir(tmp_path, "m", folder)
    assert export_dir(tmp_path, "m", folder) == key
    assert export_dir(tmp_path, "other", folder) != key
    os.utime(folder / "config.json", ns=(1, 1))  # same bytes, other mtime: a reinstall
    touched = export_dir(tmp_path, "m", folder)
    assert touched != key
    monkeypatch.setattr(onnx_spec, "_version", lambda dist: "0.0-test")
    assert export_dir(tmp_path, "m", folder) not in (key, touched)
    assert key.parent == tmp_path / "models" and key.name.startswith("m-")


@pytest.mark.parametrize(
    "damage",
    ["truncate model", "garble model", "drop tokenizer", "garble spec", "drop folder contents"],
)
def test_a_damaged_export_is_made_again(data_copy, exports, damage):
    folder = cached_dir(data_copy)
    model = folder / MODEL_FILE
    if damage == "truncate model":
        model.write_bytes(model.read_bytes()[: model.stat().st_size // 2])
    elif damage == "garble model":
        model.write_bytes(b"not a protobuf" * 1000)
    elif damage == "drop tokenizer":
        (folder / TOKENIZER_FILE).unlink()
    elif damage == "garble spec":
        (folder / SPEC_FILE).write_text("{not json")
    else:
        for path in folder.iterdir():
            path.unlink()
    embedder = OnnxEmbedder.maybe_create(data_copy)
    assert len(exports) == 1
    assert embedder.embed(["India and Oman"]).shape == (1, 384)
    assert OnnxEmbedder.maybe_create(data_copy) is not None and len(exports) == 1


def test_int8_is_a_separate_identity_close_to_full_precision(data_copy, real_embedder, exports):
    notes: list[str] = []
    int8 = OnnxEmbedder.maybe_create(
        data_copy.model_copy(update={"onnx_quantize": "full"}), notes.append
    )
    assert int8.identity == f"{PACKAGED_MODEL}+int8" and exports == []
    assert notes == [QUANTIZING]
    assert (cached_dir(data_copy) / INT8_FILES["full"]).exists()
    texts = sentences(120)
    cosines = (int8.embed(texts) * real_embedder.embed(texts)).sum(axis=1)
    assert cosines.mean() >= 0.98 and cosines.min() >= 0.95


def test_mixed_int8_keeps_the_down_projections_and_is_closer(data_copy, real_embedder, exports):
    """The default: every weight matrix in int8 but the six 1536 -> 384 down-projections, so
    its vectors sit nearer full precision than all-int8 ones; its own identity and file."""
    import onnx

    mixed = OnnxEmbedder.maybe_create(data_copy.model_copy(update={"onnx_quantize": "mixed"}))
    full = OnnxEmbedder.maybe_create(data_copy.model_copy(update={"onnx_quantize": "full"}))
    assert mixed.identity == f"{PACKAGED_MODEL}+int8-mixed" and exports == []
    graph = onnx.load(str(cached_dir(data_copy) / INT8_FILES["mixed"])).graph
    ops = [n.op_type for n in graph.node]
    assert ops.count("MatMul") >= 6 and ops.count("MatMulInteger") >= 24
    kept = {n.name for n in graph.node if n.op_type == "MatMul"}
    assert all(f"/encoder/encoder/layer.{i}/output/dense/MatMul" in kept for i in range(6))
    texts = sentences(120)
    exact = real_embedder.embed(texts)
    near = (mixed.embed(texts) * exact).sum(axis=1)
    far = (full.embed(texts) * exact).sum(axis=1)
    assert near.mean() >= 0.99 and near.min() >= 0.97 and near.mean() > far.mean()


def test_quantize_setting_reads_its_old_yes_no_values():
    assert Settings(_env_file=None).onnx_quantize == "mixed"
    assert Settings(_env_file=None, onnx_quantize="true").onnx_quantize == "full"
    assert Settings(_env_file=None, onnx_quantize=False).onnx_quantize == "off"
    assert Settings(_env_file=None, onnx_quantize=" Mixed ").onnx_quantize == "mixed"


def test_a_damaged_int8_file_is_remade(data_copy, exports):
    settings = data_copy.model_copy(update={"onnx_quantize": "full"})
    OnnxEmbedder.maybe_create(settings)
    (cached_dir(data_copy) / INT8_FILES["full"]).write_bytes(b"garbage")
    assert OnnxEmbedder.maybe_create(settings).embed(["India"]).shape == (1, 384)
    assert exports == []


def test_auto_falls_back_and_onnx_explains(tmp_path):
    folder = tmp_path / "dense-model"
    folder.mkdir()
    (folder / "modules.json").write_text(
        '[{"type": "sentence_transformers.models.Transformer", "path": ""},'
        ' {"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"},'
        ' {"type": "sentence_transformers.models.Dense", "path": "2_Dense"}]'
    )
    for model in ("no-such-model-anywhere", str(folder)):
        auto = Settings(data_dir=tmp_path / "data", embedding_model=model, embedder="auto")
        assert OnnxEmbedder.maybe_create(auto) is None
        with pytest.raises(EmbeddingError, match="BILATERAL_EMBEDDER=sentence-transformers"):
            OnnxEmbedder.maybe_create(auto.model_copy(update={"embedder": "onnx"}))
    assert not (tmp_path / "data" / "models").exists() or not any(
        (tmp_path / "data" / "models").iterdir()
    )


def test_make_embedder_picks_onnx_in_auto_mode(data_copy, exports):
    embedder = make_embedder(data_copy.model_copy(update={"embedder": "auto"}))
    assert isinstance(embedder, OnnxEmbedder) and exports == []
