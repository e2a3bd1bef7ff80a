"""What the ONNX backend knows of a model before running it: its files, its pooling, where its export
is cached (keyed by the model and the libraries that shaped the export)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from retrieval.index.embedding import resolve_model

log = logging.getLogger(__name__)

EXPORT_VERSION = 2  # part of the cache key: bump when the export below changes
MODEL_FILE, TOKENIZER_FILE, SPEC_FILE = "model.onnx", "tokenizer.json", "spec.json"
# The int8 siblings of model.onnx, by Settings.onnx_quantize, made on first use
INT8_FILES = {"mixed": "model.int8-mixed.onnx", "full": "model.int8.onnx"}
# Encoders whose traced graph is plain BERT-style attention; anything else keeps torch.
ENCODERS = {"bert", "distilbert", "roberta", "xlm-roberta", "mpnet", "electra", "camembert"}
# onnxruntime materialises each attention matrix: runs of ~1k tokens stay in cache, and
# measured 15-25% less CPU than one 64 x 256 run
TOKENS_PER_RUN = 1024
POOLINGS = ("mean_tokens", "cls_token", "max_tokens", "mean_sqrt_len_tokens")
# Checked against sentence-transformers after each export: padding, truncation, non-ASCII.
PROBES = [
    "India and Japan held talks.",
    "  Ünïcödé — 中文, टेस्ट? ",
    "The delegations reviewed defence, trade and energy cooperation. " * 60,
]


class ExportUnavailable(Exception):
    """The model has no ONNX fast path here; the message says why."""


@dataclass(frozen=True)
class ModelSpec:
    """What tokenising and pooling need to match sentence-transformers, from the model folder."""

    pooling: str
    max_seq_length: int
    do_lower_case: bool
    dim: int
    tokenizer_dir: str = ""  # the Transformer module's folder, relative to the model folder

    @classmethod
    def read(cls, folder: Path) -> ModelSpec:
        def load(path: Path) -> dict:
            return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

        modules = load(folder / "modules.json")
        kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
            raise ExportUnavailable(f"{folder} is not Transformer+Pooling (modules: {kinds})")
        sub = folder / modules[0].get("path", "")
        config, sbert = load(sub / "config.json"), load(sub / "sentence_bert_config.json")
        if config.get("model_type") not in ENCODERS or not (sub / TOKENIZER_FILE).exists():
            raise ExportUnavailable(f"{config.get('model_type')!r} with a fast tokenizer is needed")
        pooling_cfg = load(folder / modules[1].get("path", "") / "config.json")
        modes = [m for m, on in pooling_cfg.items() if m.startswith("pooling_mode_") and on]
        if len(modes) != 1 or modes[0].removeprefix("pooling_mode_") not in POOLINGS:
            raise ExportUnavailable(f"unsupported pooling {modes}")
        # sentence-transformers truncates at max_seq_length, capped by the position table
        limit = sbert.get("max_seq_length") or load(sub / "tokenizer_config.json").get(
            "model_max_length", 512
        )
        limit = min(int(limit), int(config.get("max_position_embeddings", limit)))
        return cls(
            pooling=modes[0].removeprefix("pooling_mode_"),
            max_seq_length=limit,
            do_lower_case=bool(sbert.get("do_lower_case")),
            dim=int(pooling_cfg.get("word_embedding_dimension") or config["hidden_size"]),
            tokenizer_dir=str(sub.relative_to(folder)),
        )


def model_folder(name: str) -> Path:
    """The local sentence-transformers folder a model name stands for."""
    path = Path(resolve_model(name)).expanduser()
    if not (path / "modules.json").is_file():
        raise ExportUnavailable(f"{name!r} is not a local sentence-transformers folder")
    return path


def export_dir(data_dir: Path, name: str, folder: Path) -> Path:
    """Where the export of `name` lives; a new folder whenever anything it depends on changes."""
    digest = hashlib.sha256(f"v{EXPORT_VERSION}\0{name}\0".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for dist in ("torch", "transformers", "sentence-transformers", "onnxruntime"):
        digest.update(f"{dist}=={_version(dist)}\0".encode())
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[-48:] or "model"
    return data_dir / "models" / f"{slug}-{digest.hexdigest()[:16]}"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)  # reads the dist-info; imports nothing
    except metadata.PackageNotFoundError:
        return "absent"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (containers)
    except AttributeError:
        return os.cpu_count() or 1
