"""The keyword side of hybrid search: BM25 (bm25s) over every chunk, built from the store."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from retrieval.filters import SearchFilter, date_ord
from retrieval.store import StoredChunk


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


class KeywordIndex:
    """BM25 over chunk text plus title; rebuilt when the store changes."""

    def __init__(self, chunks: Sequence[StoredChunk]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; its index builds are not news
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self._bm25s = bm25s
        self.chunks = list(chunks)
        self.stem = _stemmer()
        self.index = None
        if self.chunks:
            corpus = [f"{c.metadata.get('title', '')}\n{c.text}" for c in self.chunks]
            tokens = bm25s.tokenize(corpus, stopwords="en", stemmer=self.stem, show_progress=False)
            self.index = bm25s.BM25()
            self.index.index(tokens, show_progress=False)
            self.vocab = set(self.index.vocab_dict)
        # filters are evaluated as array masks: no Python loop over chunks per query
        self.published = np.array([int(c.metadata.get("published_ord") or 0) for c in self.chunks])
        self.by_country: dict[str, np.ndarray] = {}
        for row, chunk in enumerate(self.chunks):
            for code in chunk.metadata.get("countries") or ():
                self.by_country.setdefault(code, np.zeros(len(self.chunks), dtype=bool))[row] = True

    def mask(self, flt: SearchFilter) -> np.ndarray:
        keep = np.ones(len(self.chunks), dtype=bool)
        if flt.countries:
            keep &= np.any(
                [self.by_country.get(c, np.zeros(len(self.chunks), dtype=bool))
                 for c in flt.countries], axis=0)
        if flt.start is not None:
            keep &= self.published >= date_ord(flt.start)
        if flt.end is not None:
            keep &= self.published <= date_ord(flt.end)
        return keep

    def search(self, query: str, k: int, flt: SearchFilter | None = None) -> list[StoredChunk]:
        """Up to k chunks with a positive BM25 score, best first, among those the filter keeps."""
        if self.index is None:
            return []
        tokens = self._bm25s.tokenize(
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
        k = min(k, len(self.chunks))
        docs, scores = self.index.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0
        )
        return [
            StoredChunk(self.chunks[i].id, self.chunks[i].text, self.chunks[i].metadata, float(s))
            for i, s in zip(docs[0], scores[0], strict=True)
            if s > 0
        ]
