"""Sentence vectors beside the chunk store: each chunk's sentences' vectors (float16, one row a
sentence), in SQLite, keyed by chunk id. Written before their chunk and deleted after it, so a
stored chunk has them unless its store is older than this file (the answerer then encodes its
sentences at question time, as it did before)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

_SCHEMA = "CREATE TABLE IF NOT EXISTS sentences (chunk_id TEXT PRIMARY KEY, vectors BLOB)"
_PAGE = 500  # ids per statement: under SQLite's limit on bound parameters


class SentenceVectorStore:
    def __init__(self, path: Path, dim: int) -> None:
        self.path, self.dim = path, dim
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # ingest writes from its embedding thread

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")  # readers are not blocked by an ingest
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            self._db = db
        return self._db

    def put(self, ids: Sequence[str], vectors: Sequence[np.ndarray]) -> None:
        rows = [
            (cid, np.ascontiguousarray(vecs, dtype=np.float16).tobytes())
            for cid, vecs in zip(ids, vectors, strict=True)
        ]
        with self._lock, self.db:  # one transaction: all of them or none
            self.db.executemany("INSERT OR REPLACE INTO sentences VALUES (?, ?)", rows)

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._lock, self.db:
            for start in range(0, len(ids), _PAGE):
                part = ids[start : start + _PAGE]
                marks = ",".join("?" * len(part))
                self.db.execute(f"DELETE FROM sentences WHERE chunk_id IN ({marks})", part)

    def get(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors of those chunks that have them, as float32 (rows, dim)."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(ids), _PAGE):
                part = list(ids[start : start + _PAGE])
                marks = ",".join("?" * len(part))
                query = f"SELECT chunk_id, vectors FROM sentences WHERE chunk_id IN ({marks})"
                for cid, blob in self.db.execute(query, part):
                    found[cid] = self._array(blob)
        return found

    def _array(self, blob: bytes) -> np.ndarray:
        return np.frombuffer(blob, dtype=np.float16).reshape(-1, self.dim).astype(np.float32)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
