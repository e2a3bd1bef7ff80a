"""The keyword side of hybrid search: BM25 over every chunk, built from the store by bm25s;
saved and loaded as a snapshot of the store's generation (retrieval.index.snapshots).

Questions are scored from the saved arrays with numpy alone (`Bm25Scores`): bm25s and the
scipy it imports cost a third of a second of every cold question, and its scoring is a sum of
precomputed columns."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from retrieval.index.filters import SearchFilter, filter_mask
from retrieval.index.record import Chunk
from retrieval.index.snapshots import snapshot
from retrieval.index.store import ChunkReader

FORMAT = 2  # part of the folder name: bump when what is saved changes
ROWS_FILE = "rows.npz"
BM25_FILES = ("data", "indices", "indptr")  # bm25s's CSC arrays: <name>.csc.index.npy
TOKEN = re.compile(r"(?u)\b\w\w+\b")  # bm25s's default token pattern


def _bm25s():
    import bm25s

    # bm25s sets its own logger to DEBUG on import; its index builds are not news
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@dataclass
class Bm25Scores:
    """A built bm25s index as arrays: per token, the rows holding it and their BM25 parts."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    vocab: dict[str, int]  # stem -> token id
    stopwords: frozenset[str]
    rows: int

    @classmethod
    def of(cls, index, stopwords: Sequence[str], rows: int) -> Bm25Scores:
        scores = index.scores
        return cls(
            np.asarray(scores["data"]),
            np.asarray(scores["indices"]),
            np.asarray(scores["indptr"]),
            dict(index.vocab_dict),
            frozenset(stopwords),
            rows,
        )

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        for name in BM25_FILES:
            np.save(folder / f"{name}.csc.index.npy", getattr(self, name))
        meta = {"vocab": self.vocab, "stopwords": sorted(self.stopwords), "rows": self.rows}
        (folder / "vocab.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Bm25Scores:
        meta = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        data, indices, indptr = (
            np.load(folder / f"{name}.csc.index.npy", mmap_mode="r") for name in BM25_FILES
        )
        return cls(
            data, indices, indptr, meta["vocab"], frozenset(meta["stopwords"]), int(meta["rows"])
        )

    def tokens(self, text: str, stem) -> list[int]:
        """The token ids of a query, tokenised as bm25s tokenised the corpus."""
        words = (w for w in TOKEN.findall(text.lower()) if w not in self.stopwords)
        ids = (self.vocab.get(stem.stemWord(w)) for w in words)
        return [i for i in ids if i is not None]

    def scores(self, token_ids: Sequence[int]) -> np.ndarray:
        out = np.zeros(self.rows, dtype=np.float32)
        for t in token_ids:
            start, end = int(self.indptr[t]), int(self.indptr[t + 1])
            out[self.indices[start:end]] += self.data[start:end]
        return out


class KeywordIndex:
    """BM25 over chunk text plus title; rows are chunk ids, filters are array masks."""

    def __init__(
        self,
        ids: Sequence[str],
        published: np.ndarray,
        by_country: dict[str, np.ndarray],
        bm25: Bm25Scores | None = None,
    ) -> None:
        self.ids = list(ids)
        self.published = published  # publication date as YYYYMMDD per row, 0 if unknown
        self.by_country = by_country  # country code -> row numbers
        self.bm25 = bm25
        self.vocab = set(bm25.vocab) if bm25 is not None else set()
        self.stem = _stemmer()
        self.exact = True  # built from a settled store: its ids may stand in for a `where`

    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> KeywordIndex:
        bm25 = None
        if chunks:
            bm25s = _bm25s()
            from bm25s.stopwords import STOPWORDS_EN

            corpus = [f"{c.record.title}\n{c.text}" for c in chunks]
            tokens = bm25s.tokenize(corpus, stopwords="en", stemmer=_stemmer(), show_progress=False)
            index = bm25s.BM25()
            index.index(tokens, show_progress=False)
            bm25 = Bm25Scores.of(index, STOPWORDS_EN, len(chunks))
        rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(chunks):
            for code in chunk.record.countries:
                rows.setdefault(code, []).append(row)
        published = np.array([c.record.published_ord for c in chunks], dtype=np.int64)
        return cls(
            [c.id for c in chunks],
            published,
            {code: np.array(r, dtype=np.int64) for code, r in rows.items()},
            bm25,
        )

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        # the "country_XX" keys never name savez's allow_pickle, which pyright can't know
        arrays = {f"country_{code}": rows for code, rows in self.by_country.items()}
        arrays |= {"ids": np.array(self.ids, dtype=str), "published": self.published}
        np.savez(folder / ROWS_FILE, **arrays)  # pyright: ignore[reportArgumentType]
        if self.bm25 is not None:
            self.bm25.save(folder / "bm25")

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        with np.load(folder / ROWS_FILE) as rows:
            by_country = {
                k.removeprefix("country_"): rows[k] for k in rows.files if k.startswith("country_")
            }
            ids, published = rows["ids"].tolist(), rows["published"]
        bm25 = None
        if ids:  # a missing bm25/ folder raises: the snapshot is rebuilt, not served empty
            bm25 = Bm25Scores.load(folder / "bm25")
        return cls(ids, published, by_country, bm25)

    @cached_property
    def by_article(self) -> dict[str, list[int]]:
        """Article id -> row numbers (chunk ids start with their article's id)."""
        rows: dict[str, list[int]] = {}
        for row, cid in enumerate(self.ids):
            rows.setdefault(cid.split("-", 1)[0], []).append(row)
        return rows

    @property
    def rows(self) -> int:
        return len(self.ids)

    def doc_freq(self, word: str) -> int:
        """How many chunks hold the word, stemmed as the index stems (0: none, or a stop word)."""
        if self.bm25 is None:
            return 0
        token = self.bm25.vocab.get(self.stem.stemWord(word.lower()))
        if token is None:
            return 0
        return int(self.bm25.indptr[token + 1] - self.bm25.indptr[token])

    def spelling(self, word: str, min_ratio: float) -> str | None:
        """The indexed stem a word not in the index is a misspelling of ('jaishenkar'), if any."""
        if self.bm25 is None or len(word) < 5:
            return None
        from rapidfuzz import fuzz, process

        found = process.extractOne(
            self.stem.stemWord(word.lower()),
            self.bm25.vocab.keys(),
            scorer=fuzz.ratio,
            score_cutoff=min_ratio,
        )
        return found[0] if found else None

    def mask(self, flt: SearchFilter) -> np.ndarray:
        return filter_mask(self.published, self.by_country, flt, self.by_article)

    def allowed(self, flt: SearchFilter, limit: int) -> list[str] | None:
        """The ids of the chunks the filter keeps, or None when there are more than `limit`."""
        rows = np.flatnonzero(self.mask(flt))
        return None if len(rows) > limit else [self.ids[i] for i in rows]

    def search(
        self, query: str, k: int, flt: SearchFilter | None = None
    ) -> list[tuple[str, float]]:
        """Up to k (chunk id, BM25 score) with a positive score, best first, among the chunks
        the filter keeps."""
        if self.bm25 is None:
            return []
        tokens = self.bm25.tokens(query, self.stem)
        if not tokens:
            return []
        scores = self.bm25.scores(tokens)
        if flt is not None and not flt.empty:
            scores *= self.mask(flt)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]


def open_index(store: ChunkReader, folder: Path) -> KeywordIndex:
    """The index of the store as it is now, loaded when saved for its generation."""
    return snapshot(
        store,
        folder,
        f"keyword-v{FORMAT}",
        lambda: KeywordIndex.build(store.all_chunks()),
        KeywordIndex.save,
        KeywordIndex.load,
    )
