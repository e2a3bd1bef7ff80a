"""The keyword side of hybrid search: BM25 (bm25s) over every chunk, built from the store;
saved and loaded as a snapshot of the store's generation (retrieval.index.snapshots)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrieval.index.filters import SearchFilter, date_ord
from retrieval.index.record import Chunk
from retrieval.index.snapshots import snapshot
from retrieval.index.store import ChunkStore

FORMAT = 1  # part of the folder name: bump when what is saved changes
ROWS_FILE = "rows.npz"


def _bm25s():
    import bm25s

    # bm25s sets its own logger to DEBUG on import; its index builds are not news
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


class KeywordIndex:
    """BM25 over chunk text plus title; rows are chunk ids, filters are array masks."""

    def __init__(
        self,
        ids: Sequence[str],
        published: np.ndarray,
        by_country: dict[str, np.ndarray],
        index=None,
    ) -> None:
        self.ids = list(ids)
        self.published = published  # publication date as YYYYMMDD per row, 0 if unknown
        self.by_country = by_country  # country code -> row numbers
        self.index = index
        self.vocab = set(index.vocab_dict) if index is not None else set()
        self.stem = _stemmer()
        self.exact = True  # built from a settled store: its ids may stand in for a `where`

    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> KeywordIndex:
        index = None
        if chunks:
            bm25s = _bm25s()
            corpus = [f"{c.record.title}\n{c.text}" for c in chunks]
            tokens = bm25s.tokenize(corpus, stopwords="en", stemmer=_stemmer(), show_progress=False)
            index = bm25s.BM25()
            index.index(tokens, show_progress=False)
        rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(chunks):
            for code in chunk.record.countries:
                rows.setdefault(code, []).append(row)
        published = np.array([c.record.published_ord for c in chunks], dtype=np.int64)
        return cls(
            [c.id for c in chunks],
            published,
            {code: np.array(r, dtype=np.int64) for code, r in rows.items()},
            index,
        )

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        # the "country_XX" keys never name savez's allow_pickle, which pyright can't know
        arrays = {f"country_{code}": rows for code, rows in self.by_country.items()}
        arrays |= {"ids": np.array(self.ids, dtype=str), "published": self.published}
        np.savez(folder / ROWS_FILE, **arrays)  # pyright: ignore[reportArgumentType]
        if self.index is not None:
            self.index.save(str(folder / "bm25"), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        with np.load(folder / ROWS_FILE) as rows:
            by_country = {
                k.removeprefix("country_"): rows[k] for k in rows.files if k.startswith("country_")
            }
            ids, published = rows["ids"].tolist(), rows["published"]
        index = None
        if ids:  # a missing bm25/ folder raises: the snapshot is rebuilt, not served empty
            index = _bm25s().BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
        return cls(ids, published, by_country, index)

    def mask(self, flt: SearchFilter) -> np.ndarray:
        keep = np.ones(len(self.ids), dtype=bool)
        if flt.countries:
            about = np.zeros(len(self.ids), dtype=bool)
            for code in flt.countries:
                about[self.by_country.get(code, [])] = True
            keep &= about
        if flt.start is not None:
            keep &= self.published >= date_ord(flt.start)
        if flt.end is not None:
            keep &= self.published <= date_ord(flt.end)
        return keep

    def allowed(self, flt: SearchFilter, limit: int) -> list[str] | None:
        """The ids of the chunks the filter keeps, or None when there are more than `limit`."""
        rows = np.flatnonzero(self.mask(flt))
        return None if len(rows) > limit else [self.ids[i] for i in rows]

    def search(
        self, query: str, k: int, flt: SearchFilter | None = None
    ) -> list[tuple[str, float]]:
        """Up to k (chunk id, BM25 score) with a positive score, best first, among the chunks
        the filter keeps."""
        if self.index is None:
            return []
        tokens = _bm25s().tokenize(
            [query], stopwords="en", stemmer=self.stem, return_ids=False, show_progress=False
        )[0]
        tokens = [t for t in tokens if t in self.vocab]
        if not tokens:
            return []
        mask = None
        if flt is not None and not flt.empty:
            mask = self.mask(flt).astype(np.float32)
            if not mask.any():
                return []
        k = min(k, len(self.ids))
        docs, scores = self.index.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0
        )
        return [(self.ids[i], float(s)) for i, s in zip(docs[0], scores[0], strict=True) if s > 0]


def open_index(store: ChunkStore, folder: Path) -> KeywordIndex:
    """The index of the store as it is now, loaded when saved for its generation."""
    return snapshot(
        store,
        folder,
        f"keyword-v{FORMAT}",
        lambda: KeywordIndex.build(store.all_chunks()),
        KeywordIndex.save,
        KeywordIndex.load,
    )
