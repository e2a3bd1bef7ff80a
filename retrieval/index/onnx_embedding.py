"""The torch-free embedding backend: a sentence-transformers model exported once to ONNX."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

import numpy as np

from retrieval.index.embedding import (
    Embedder,
    EmbeddingError,
    Spans,
    no_progress_bars,
    pool_spans,
)
from retrieval.index.onnx_spec import (
    INT8_FILES,
    MODEL_FILE,
    PROBES,
    SPEC_FILE,
    TOKENIZER_FILE,
    TOKENS_PER_RUN,
    ExportUnavailable,
    ModelSpec,
    _cores,
    export_dir,
    model_folder,
)
from retrieval.settings import Settings

log = logging.getLogger(__name__)

PREPARING = (
    "Preparing the embedding model for first use (a one-time export, about half a minute)..."
)
QUANTIZING = "Preparing the int8 embedding model for first use (a one-time step)..."


class OnnxEmbedder(Embedder):
    """The transformer in onnxruntime; tokenising, pooling, norm as sentence-transformers do."""

    def __init__(
        self,
        model_file: Path,
        tokenizer_file: Path,
        spec: ModelSpec,
        identity: str,
        threads: int | None = None,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.files = (model_file, tokenizer_file)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _cores()
        options.inter_op_num_threads = 1  # one graph, run op by op: more pools only contend
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # idle workers spinning steal the core that chroma, bm25 and Python need between runs:
        # measured warm ask p50 511 -> 351 ms on 2 cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        # tokenizer.json often pins a fixed pad length; sentence-transformers pads to the longest
        pad = tokenizer.padding or {}
        tokenizer.enable_padding(
            direction="right",  # runs trim padding off the right end
            pad_id=pad.get("pad_id", 0),
            pad_type_id=pad.get("pad_type_id", 0),
            pad_token=pad.get("pad_token", "[PAD]"),
        )
        tokenizer.enable_truncation(spec.max_seq_length, strategy="longest_first")
        self.tokenizer, self.spec = tokenizer, spec
        self.identity, self.dim = identity, spec.dim

    def _runs(self, texts: list[str]):
        """The transformer over runs of texts: (rows, token vectors, mask, encodings) each."""
        if self.spec.do_lower_case:
            texts = [t.lower() for t in texts]
        encodings = self.tokenizer.encode_batch(texts)
        batch = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        lengths = batch["attention_mask"].sum(axis=1)
        rows = max(1, TOKENS_PER_RUN // max(1, int(lengths.max())))
        for start in range(0, len(texts), rows):
            part = slice(start, start + rows)
            width = int(lengths[part].max())  # padding is on the right: trim it per run
            feeds = {k: v[part, :width] for k, v in batch.items() if k in self.inputs}
            # a dense encoder's first output is an array (run's type also allows sparse/maps)
            tokens = cast(np.ndarray, self.session.run(None, feeds)[0])
            yield part, tokens, batch["attention_mask"][part, :width], encodings[part]

    def for_bulk(self) -> tuple[Embedder, int]:
        """Ingest: a session on one thread, run by one caller per core at once. Splitting each
        operation across two cores keeps them ~1.6 busy; two callers, each its own batch, ~1.9
        (300 synthetic articles: 21.0 -> 17.2 s). A question keeps the split session: one text
        has no batches to share out."""
        cores = _cores()
        if cores < 2:
            return self, 1
        return OnnxEmbedder(*self.files, self.spec, self.identity, threads=1), cores

    def _encode(self, texts: list[str]) -> np.ndarray:
        vecs = np.empty((len(texts), self.dim), dtype=np.float32)
        for part, tokens, mask, _ in self._runs(texts):
            vecs[part] = pool(tokens, mask, self.spec.pooling)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return vecs

    def _encode_spans(
        self, texts: list[str], spans: list[Spans]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """One pass: the text's vector pooled as the model pools, each span's from its tokens."""
        if self.spec.pooling != "mean_tokens":
            return super()._encode_spans(texts, spans)
        vecs = np.empty((len(texts), self.dim), dtype=np.float32)
        parts: list[np.ndarray] = []
        missing: list[tuple[int, int]] = []  # (text, span) that no token reached
        for part, tokens, mask, encodings in self._runs(texts):
            vecs[part] = pool(tokens, mask, self.spec.pooling)
            for row, encoding in enumerate(encodings):
                i = (part.start or 0) + row
                offsets = np.array(encoding.offsets[: tokens.shape[1]], dtype=np.int64)
                if self.spec.do_lower_case and len(texts[i].lower()) != len(texts[i]):
                    offsets = np.zeros_like(offsets)  # offsets of another string: encode apart
                piece, lost = pool_spans(tokens[row], offsets, spans[i])
                parts.append(piece)
                missing += [(i, j) for j in lost]
        self._encode_apart(texts, spans, parts, missing)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return vecs, parts

    @classmethod
    def load(cls, folder: Path, name: str, *, int8: str = "off") -> OnnxEmbedder:
        """An export made by `export`, with int8 weights as `Settings.onnx_quantize` says;
        raises if any of its files is missing or damaged."""
        manifest = json.loads((folder / SPEC_FILE).read_text(encoding="utf-8"))
        for file, size in manifest["sizes"].items():
            if (folder / file).stat().st_size != size:
                raise ValueError(f"{file} is {(folder / file).stat().st_size} bytes, not {size}")
        spec, tokenizer = ModelSpec(**manifest["spec"]), folder / TOKENIZER_FILE
        if int8 not in INT8_FILES:
            return cls(folder / MODEL_FILE, tokenizer, spec, name)
        identity = f"{name}+int8" if int8 == "full" else f"{name}+int8-{int8}"
        try:
            return cls(quantized(folder, int8), tokenizer, spec, identity)
        except Exception:  # noqa: BLE001 - a damaged int8 file is remade from model.onnx
            (folder / INT8_FILES[int8]).unlink(missing_ok=True)
            return cls(quantized(folder, int8), tokenizer, spec, identity)

    @classmethod
    def maybe_create(
        cls, settings: Settings, notice: Callable[[str], None] | None = None
    ) -> OnnxEmbedder | None:
        """The fast path for these settings, exporting it first if needed; None = use torch.
        `notice` is told, in one line, before a slow one-time step (export, int8 weights)."""
        if settings.embedder not in ("auto", "onnx"):
            return None
        name, int8 = settings.embedding_model, settings.onnx_quantize
        say = notice or (lambda text: None)
        try:
            folder = model_folder(name)
            target = export_dir(settings.data_dir, name, folder)
            if target.exists():
                try:
                    if int8 in INT8_FILES and not (target / INT8_FILES[int8]).exists():
                        say(QUANTIZING)
                    return cls.load(target, name, int8=int8)
                except Exception as exc:  # noqa: BLE001 - any damage means: export again
                    log.warning(
                        "cached ONNX export %s is unusable (%s); exporting again", target, exc
                    )
            say(PREPARING)
            export(folder, name, target)
            return cls.load(target, name, int8=int8)
        except Exception as exc:  # noqa: BLE001 - auto mode falls back on any failure
            if settings.embedder == "onnx":
                raise EmbeddingError(
                    f"cannot use the ONNX encoder for {name!r}: {exc}. Set "
                    "BILATERAL_EMBEDDER=sentence-transformers to use torch instead."
                ) from exc
            # a model that cannot take the fast path is normal; a failed export is news
            level = logging.INFO if isinstance(exc, ExportUnavailable) else logging.WARNING
            log.log(
                level,
                "ONNX encoder unavailable for %r (%s); using sentence-transformers",
                name,
                exc,
            )
            return None


def pool(tokens: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    """Token vectors to one vector per text, as sentence-transformers' Pooling module does."""
    if mode == "cls_token":
        return tokens[:, 0].copy()
    weights = mask[..., None].astype(tokens.dtype)
    if mode == "max_tokens":
        return np.where(weights > 0, tokens, -1e9).max(axis=1)
    summed = (tokens * weights).sum(axis=1)
    counts = np.maximum(weights.sum(axis=1), 1e-9)
    return summed / (np.sqrt(counts) if mode == "mean_sqrt_len_tokens" else counts)


def quantized(folder: Path, mode: str = "full") -> Path:
    """An int8 sibling of the export, made on first use (onnx, not torch, is needed): "full"
    quantises every weight matrix, "mixed" all but the down-projections (see `narrowing`)."""
    target = folder / INT8_FILES[mode]
    if not target.exists():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = folder / f".{INT8_FILES[mode]}.{os.getpid()}.tmp"
        quiet = _NotFrom("onnxruntime/quantization")
        logging.getLogger().addFilter(quiet)  # it logs per-tensor notes on the root logger
        try:
            keep = narrowing(folder / MODEL_FILE) if mode == "mixed" else []
            # per channel: per tensor scales cost MiniLM ~0.93 cosine, per channel ~0.99
            quantize_dynamic(
                folder / MODEL_FILE,
                tmp,
                per_channel=True,
                weight_type=QuantType.QInt8,
                nodes_to_exclude=keep,
            )
            os.replace(tmp, target)  # atomic: readers see the whole file or none
        finally:
            logging.getLogger().removeFilter(quiet)
            tmp.unlink(missing_ok=True)
    return target


def narrowing(model_file: Path) -> list[str]:
    """The MatMuls whose weight maps a wider space onto a narrower one: the feed-forward
    down-projections (1536 -> 384 in MiniLM), fed by the GELU's long-tailed activations, which
    one dynamic int8 scale per tensor renders worst. Kept in fp32 they bring the int8 model from
    cosine ~0.994 to ~0.997 of full precision for a sixth of its speed-up; found by shape, so the
    rule holds for any BERT-style export, whatever its node names."""
    import onnx

    graph = onnx.load(str(model_file)).graph
    shapes = {w.name: tuple(w.dims) for w in graph.initializer}
    return [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and len(shape := shapes.get(node.input[1], ())) == 2
        and shape[0] > shape[1]
    ]


class _NotFrom(logging.Filter):
    def __init__(self, path_part: str) -> None:
        super().__init__()
        self.path_part = path_part

    def filter(self, record: logging.LogRecord) -> bool:
        return self.path_part not in record.pathname.replace(os.sep, "/")


def export(folder: Path, name: str, target: Path) -> None:
    """Export the model to `target` (replaced whole), checked against sentence-transformers."""
    spec = ModelSpec.read(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the cache is as shareable as the data dir
    try:
        log.info("exporting %s to ONNX once, into %s", name, target)
        expected = _trace(folder, tmp / MODEL_FILE)
        shutil.copyfile(folder / spec.tokenizer_dir / TOKENIZER_FILE, tmp / TOKENIZER_FILE)
        got = OnnxEmbedder(tmp / MODEL_FILE, tmp / TOKENIZER_FILE, spec, name)._encode(PROBES)
        worst = float((got * expected).sum(axis=1).min())
        if worst < 0.9999:
            raise ExportUnavailable(f"export disagrees with sentence-transformers ({worst:.5f})")
        sizes = {f: (tmp / f).stat().st_size for f in (MODEL_FILE, TOKENIZER_FILE)}
        (tmp / SPEC_FILE).write_text(
            json.dumps({"model": name, "spec": asdict(spec), "sizes": sizes}, indent=1),
            encoding="utf-8",
        )
        if target.exists():  # damaged: move it aside first, since a rename cannot overwrite a dir
            trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=target.parent))
            target.rename(trash / "old")
            shutil.rmtree(trash, ignore_errors=True)
        try:
            tmp.rename(target)
        except OSError:
            if not target.exists():
                raise  # else another process finished the same export first: use theirs
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _trace(folder: Path, out: Path) -> np.ndarray:
    """Write the transformer's graph to `out`; return sentence-transformers' vectors of PROBES."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder needs no hub
    import importlib.util
    import inspect

    if importlib.util.find_spec("onnx") is None:  # torch.onnx writes through it
        raise RuntimeError("the one-time export needs the onnx package: pip install onnx")

    import torch
    from sentence_transformers import SentenceTransformer

    no_progress_bars()
    # eager attention: plain MatMul/Softmax ops, which onnxruntime runs faster than traced SDPA
    model = SentenceTransformer(
        str(folder), device="cpu", model_kwargs={"attn_implementation": "eager"}
    )
    # Module.__getattr__ is typed Tensor | Module; auto_model is the transformers model
    encoder = cast(torch.nn.Module, model[0].auto_model).eval()
    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in inspect.signature(encoder.forward).parameters:
        names.append("token_type_ids")

    class TokenVectors(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        # keyword arguments: positional order of forward() differs across transformers versions
        def forward(self, *inputs):
            return self.encoder(**dict(zip(names, inputs, strict=True)), return_dict=True)[0]

    ids = torch.full((2, 16), 1000, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 8:] = 0  # trace with padding, so the graph keeps the masked path
    dummy = (ids, mask, torch.zeros_like(ids))[: len(names)]
    extra: dict[str, Any] = (
        {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    )
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer and deprecation chatter the user cannot act on
        torch.onnx.export(
            TokenVectors(),
            dummy,
            str(out),
            input_names=names,
            output_names=["token_vectors"],
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in [*names, "token_vectors"]},
            opset_version=17,
            **extra,
        )
    return model.encode(
        PROBES, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
