"""The keyword side of hybrid search: BM25 (bm25s) over every chunk, built from the store and
kept on disk under the store's generation, so a new process loads it instead of rebuilding."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrieval.filters import SearchFilter, date_ord
from retrieval.store import ChunkStore, StoredChunk

log = logging.getLogger(__name__)
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

    def __init__(self, ids: Sequence[str], published: np.ndarray,
                 by_country: dict[str, np.ndarray], index=None) -> None:
        self.ids = list(ids)
        self.published = published  # publication date as YYYYMMDD per row, 0 if unknown
        self.by_country = by_country  # country code -> row numbers
        self.index = index
        self.vocab = set(index.vocab_dict) if index is not None else set()
        self.stem = _stemmer()

    @classmethod
    def build(cls, chunks: Sequence[StoredChunk]) -> KeywordIndex:
        index = None
        if chunks:
            bm25s = _bm25s()
            corpus = [f"{c.metadata.get('title', '')}\n{c.text}" for c in chunks]
            tokens = bm25s.tokenize(corpus, stopwords="en", stemmer=_stemmer(),
                                    show_progress=False)
            index = bm25s.BM25()
            index.index(tokens, show_progress=False)
        rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(chunks):
            for code in chunk.metadata.get("countries") or ():
                rows.setdefault(code, []).append(row)
        published = np.array([int(c.metadata.get("published_ord") or 0) for c in chunks],
                             dtype=np.int64)
        return cls([c.id for c in chunks], published,
                   {code: np.array(r, dtype=np.int64) for code, r in rows.items()}, index)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        np.savez(folder / ROWS_FILE, ids=np.array(self.ids, dtype=str), published=self.published,
                 **{f"country_{code}": rows for code, rows in self.by_country.items()})
        if self.index is not None:
            self.index.save(str(folder / "bm25"), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        with np.load(folder / ROWS_FILE) as rows:
            by_country = {k.removeprefix("country_"): rows[k] for k in rows.files
                          if k.startswith("country_")}
            ids, published = rows["ids"].tolist(), rows["published"]
        index = None
        if (folder / "bm25").exists():
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

    def search(self, query: str, k: int, flt: SearchFilter | None = None
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


def open_index(store: ChunkStore, cache: Path) -> KeywordIndex:
    """The index of the store as it is now: loaded from `cache` when one was saved for this
    generation of the store, else built (and saved, when the store is not mid-change)."""
    generation = store.generation()
    folder = cache / f"{store.name}-v{FORMAT}-{generation}"
    if generation and folder.is_dir():
        try:
            return KeywordIndex.load(folder)
        except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
            log.warning("keyword index in %s is unusable (%s); rebuilding it", folder, exc)
    index = KeywordIndex.build(store.all_chunks())
    if generation and store.generation() == generation:  # unchanged while we read it
        try:
            _replace(folder, index)
        except OSError as exc:  # a read-only data dir still answers, only slower to start
            log.info("cannot keep the keyword index in %s: %s", cache, exc)
    return index


def _replace(folder: Path, index: KeywordIndex) -> None:
    """Write the index to `folder` whole (a rename), then drop this store's older ones."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".keyword-", dir=folder.parent))
    try:
        index.save(tmp / "index")
        try:
            (tmp / "index").rename(folder)
        except OSError:
            if not folder.is_dir():
                raise  # else another process saved the same generation first
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prefix = folder.name.rsplit("-", 1)[0] + "-"
    for old in folder.parent.glob(f"{prefix}*"):
        if old != folder and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    for left in folder.parent.glob(".keyword-*"):  # a writer killed mid-save
        if time.time() - left.stat().st_mtime > 3600:
            shutil.rmtree(left, ignore_errors=True)
