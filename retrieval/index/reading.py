"""The chunks as readers see them: the read-only copy (index.frozen) of the store's current
generation when there is one, else the live Chroma store. Asked afresh on every call, so
another process's ingest shows at the next question."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from retrieval.index.filters import SearchFilter
from retrieval.index.frozen import KIND, FrozenStore
from retrieval.index.generation import GenerationFile
from retrieval.index.record import Chunk, ChunkRecord
from retrieval.index.snapshots import snapshot
from retrieval.index.store import ArticleState, ChunkStore


class _Generation:
    """What snapshot() needs of a store: its name and its generation, from the mirror file."""

    def __init__(self, name: str, mirror: GenerationFile) -> None:
        self.name, self.mirror = name, mirror

    def generation(self) -> str:
        return self.mirror.read()


class LiveChunks:
    """Reads of the chunk store (search, get, records, ...), served from the current copy."""

    def __init__(
        self,
        open_store: Callable[[], ChunkStore],
        name: Callable[[], str],
        folder: Path,
        mirror: GenerationFile | None,
    ) -> None:
        self._open_store = open_store  # opens Chroma: only when there is no usable copy
        self._name = name
        self.folder = folder
        self.mirror = mirror  # None: the store is a Chroma server, read it directly
        self._frozen: tuple[str, FrozenStore] | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._name()

    def current(self) -> ChunkStore | FrozenStore:
        if self.mirror is None:
            return self._open_store()
        generation = self.mirror.read()
        if not generation and not self.mirror.path.exists():
            # a store from before the mirror existed: record its generation once
            generation = self._open_store().generation()
            if generation:
                self.mirror.write(generation)
        if not generation:  # a change under way, or cut off: only the live store is true
            return self._open_store()
        with self._lock:
            if self._frozen is None or self._frozen[0] != generation:
                name = self._name()
                frozen = snapshot(
                    _Generation(name, self.mirror),
                    self.folder,
                    KIND,
                    lambda: FrozenStore.of(self._open_store(), name),
                    FrozenStore.save,
                    lambda folder: FrozenStore.load(folder, name),
                )
                frozen.generation = self.mirror.read
                self._frozen = (generation, frozen)
            return self._frozen[1]

    def generation(self) -> str:
        return self.current().generation()

    def count(self) -> int:
        return self.current().count()

    def records(self) -> list[tuple[str, ChunkRecord]]:
        return self.current().records()

    def articles(
        self, rows: Iterable[tuple[str, ChunkRecord]] | None = None
    ) -> dict[str, ArticleState]:
        return self.current().articles(rows)

    def all_chunks(self) -> list[Chunk]:
        return self.current().all_chunks()

    def article_chunks(self, article_id: str) -> list[Chunk]:
        return self.current().article_chunks(article_id)

    def search(
        self,
        vector: np.ndarray,
        k: int,
        flt: SearchFilter | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[Chunk]:
        return self.current().search(vector, k, flt, ids)

    def neighbour(self, article_id: str, position: int) -> Chunk | None:
        return self.current().neighbour(article_id, position)

    def get(self, ids: Sequence[str]) -> list[Chunk]:
        return self.current().get(ids)
