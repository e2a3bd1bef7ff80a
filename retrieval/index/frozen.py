"""A read-only copy of the chunk store for one generation: vectors in a memory-mapped array,
texts and records in JSON. A process that only answers reads this and never imports Chroma;
dense search over it is exact (a matrix product) instead of approximate."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from retrieval.index.filters import SearchFilter, filter_mask
from retrieval.index.record import Chunk, ChunkRecord
from retrieval.index.store import ArticleState, StaleIds, articles_of

FORMAT = 1  # part of the snapshot's kind: bump when what is saved changes
KIND = f"chunks-v{FORMAT}"
VECTORS_FILE = "vectors.npy"
CHUNKS_FILE = "chunks.json"


class FrozenStore:
    """The chunks of one generation. `generation()` is asked of `marker` (the live token):
    a copy whose generation has passed is no longer used by the engine."""

    def __init__(
        self,
        name: str,
        ids: Sequence[str],
        texts: Sequence[str],
        metas: Sequence[dict],
        vectors: np.ndarray,
        generation=lambda: "",
    ) -> None:
        self.name = name
        self.ids = list(ids)
        self.texts = list(texts)
        self.metas = list(metas)
        self.vectors = vectors  # unit length, one row per chunk
        self.generation = generation
        self.row = {cid: i for i, cid in enumerate(self.ids)}
        self.recs = [ChunkRecord.from_metadata(m) for m in self.metas]
        self.published = np.array([r.published_ord for r in self.recs], dtype=np.int64)
        by_country: dict[str, list[int]] = {}
        self.by_article: dict[str, list[int]] = {}
        for i, rec in enumerate(self.recs):
            for code in rec.countries:
                by_country.setdefault(code, []).append(i)
            self.by_article.setdefault(rec.article_id, []).append(i)
        self.by_country = {code: np.array(r, dtype=np.int64) for code, r in by_country.items()}

    @classmethod
    def of(cls, store, name: str) -> FrozenStore:
        """A copy of a live ChunkStore as it is now."""
        ids, texts, metas, vectors = store.dump()
        norms = np.linalg.norm(vectors, axis=1, keepdims=True) if len(vectors) else 1.0
        return cls(name, ids, texts, metas, (vectors / np.maximum(norms, 1e-12)).astype(np.float32))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        np.save(folder / VECTORS_FILE, self.vectors)
        rows = [
            [cid, text, meta]
            for cid, text, meta in zip(self.ids, self.texts, self.metas, strict=True)
        ]
        (folder / CHUNKS_FILE).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, name: str) -> FrozenStore:
        rows = json.loads((folder / CHUNKS_FILE).read_text(encoding="utf-8"))
        vectors = np.load(folder / VECTORS_FILE, mmap_mode="r")
        if len(vectors) != len(rows):
            raise ValueError(f"{len(rows)} chunks but {len(vectors)} vectors")
        ids, texts, metas = (list(col) for col in zip(*rows, strict=True)) if rows else ([], [], [])
        return cls(name, ids, texts, metas, vectors)

    def _chunk(self, i: int, score: float = 0.0) -> Chunk:
        return Chunk(self.ids[i], self.recs[i], tuple(self.texts[i].split("\n")), score)

    def count(self) -> int:
        return len(self.ids)

    def records(self) -> list[tuple[str, ChunkRecord]]:
        return list(zip(self.ids, self.recs, strict=True))

    def articles(
        self, rows: Iterable[tuple[str, ChunkRecord]] | None = None
    ) -> dict[str, ArticleState]:
        return articles_of(rows if rows is not None else self.records())

    def all_chunks(self) -> list[Chunk]:
        return [self._chunk(i) for i in range(len(self.ids))]

    def article_chunks(self, article_id: str) -> list[Chunk]:
        rows = self.by_article.get(article_id, [])
        return sorted((self._chunk(i) for i in rows), key=lambda c: c.record.position)

    def search(
        self,
        vector: np.ndarray,
        k: int,
        flt: SearchFilter | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[Chunk]:
        """The k nearest chunks by cosine among those the filter (or the id list) keeps."""
        if not self.ids or (ids is not None and not ids):
            return []
        query = np.asarray(vector, dtype=np.float32)
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        if ids is not None:
            try:
                rows = np.fromiter((self.row[i] for i in ids), dtype=np.int64, count=len(ids))
            except KeyError as exc:
                raise StaleIds(str(exc)) from None
        elif flt is not None and not flt.empty:
            rows = np.flatnonzero(
                filter_mask(self.published, self.by_country, flt, self.by_article)
            )
        else:
            rows = None
        # one product over every row, then the kept rows: gathering rows of a memory-mapped
        # array first copies them, which costs more than the product it saves
        scores = self.vectors @ query
        if rows is not None:
            scores = scores[rows]
        k = min(k, len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        chosen = top if rows is None else rows[top]
        return [self._chunk(int(i), float(s)) for i, s in zip(chosen, scores[top], strict=True)]

    def neighbour(self, article_id: str, position: int) -> Chunk | None:
        for i in self.by_article.get(article_id, []):
            if self.recs[i].position == position:
                return self._chunk(i)
        return None

    def get(self, ids: Sequence[str]) -> list[Chunk]:
        return [self._chunk(self.row[i]) for i in ids if i in self.row]
