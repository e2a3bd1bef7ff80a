"""The chunk store: one Chroma collection, embedded on disk or on a Chroma server."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from retrieval.index.chroma import LiveCollection
from retrieval.index.filters import SearchFilter
from retrieval.index.generation import GenerationFile
from retrieval.index.record import Chunk, ChunkRecord
from retrieval.index.sentence_store import SentenceVectorStore

if TYPE_CHECKING:  # chromadb is imported only when a store opens
    from chromadb.api.types import Include

_BATCH = 2000  # Chroma caps the rows one call may carry; stay well under it
# Collection metadata naming the store's current content: a fresh token after every change that
# finished, "" while one is under way (or was cut off by a crash). Caches keyed by it (the
# keyword index) are valid exactly while it stays the same.
GENERATION_KEY = "bilateral_generation"


class ChunkReader(Protocol):
    """What readers ask of the chunks: the live store and its read-only copies alike."""

    @property
    def name(self) -> str: ...

    def generation(self) -> str: ...
    def count(self) -> int: ...
    def records(self) -> list[tuple[str, ChunkRecord]]: ...
    def all_chunks(self) -> list[Chunk]: ...
    def article_chunks(self, article_id: str) -> list[Chunk]: ...


class StaleIds(LookupError):
    """A search named chunks the store no longer holds (another process changed it)."""


@dataclass
class ArticleState:
    """What the store holds of one article: enough to tell whether a file changed."""

    article_id: str
    path: str
    source_hash: str
    expected: int
    record: ChunkRecord
    ids: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return len(self.ids) == self.expected


class ChunkStore:
    """Chunks with their vectors and article metadata; the store is the source of truth."""

    def __init__(
        self,
        client,
        name: str,
        reopen: Callable[[], Any] | None = None,
        mirror: GenerationFile | None = None,
        sentences: SentenceVectorStore | None = None,
    ) -> None:
        """`reopen` makes a new client for the same store (see `follow`); `mirror` is where
        readers that do not open Chroma learn the generation; `sentences` keeps the vectors of
        each chunk's sentences."""
        self.live = LiveCollection(client, name, reopen)
        self.name = name
        self.mirror = mirror
        self.sentences = sentences
        self._changing = False
        # the generation the vectors this process searches are known to be current with
        self._current = self.generation()

    @property
    def client(self):
        return self.live.client

    @property
    def collection(self):
        return self.live.collection

    def count(self) -> int:
        with self.live.use() as collection:
            return collection.count()

    def generation(self) -> str:
        """The token of the store's content as it is now (another process may have changed it);
        "" when a change is under way or was never finished."""
        with self.live.use():
            metadata = self.live.client.get_collection(self.name).metadata or {}
        return str(metadata.get(GENERATION_KEY) or "")

    def follow(self) -> str:
        """The generation, after making sure searches see it: when another process changed the
        store since this one's vectors were loaded, the client is reopened (LiveCollection says
        why). Called once per question or listing; costs one metadata read when nothing changed."""
        if self.live.closed:
            self._reload()
        generation = self.generation()
        if generation != self._current and not self._changing and self.live.reopens:
            self._reload()
            generation = self.generation()
        return generation

    def _reload(self) -> None:
        self.live.reopen()
        self._current = self.generation()

    def finish_change(self) -> str:
        """A new token if this store changed since the last one (or has none); the token."""
        current = self.generation()
        if self._changing or not current:
            current = uuid.uuid4().hex
            with self.live.use() as collection:
                collection.modify(metadata={GENERATION_KEY: current})
            if self._changing:  # its own writes brought this process's vectors up to date
                self._current = current
            self._changing = False
        if self.mirror is not None and self.mirror.read() != current:
            self.mirror.write(current)  # after the store: readers trust only finished content
        return current

    def _begin_change(self) -> None:
        """Before the first write: caches of the old content stop being trusted, even if the
        writer dies before finish_change."""
        if not self._changing:
            if self.mirror is not None:
                self.mirror.write("")  # before the store: no reader trusts a copy from now on
            # the distance is fixed at creation; metadata no longer needs to carry it
            with self.live.use() as collection:
                collection.modify(metadata={GENERATION_KEY: ""})
            self._changing = True

    def add(
        self,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        sentence_vectors: Sequence[np.ndarray] | None = None,
    ) -> None:
        """Chunks with their vectors, and their sentences' vectors (first: a chunk stored is
        a chunk whose sentences need no encoding)."""
        self._begin_change()
        if self.sentences is not None and sentence_vectors is not None:
            self.sentences.put([c.id for c in chunks], sentence_vectors)
        for start in range(0, len(chunks), _BATCH):
            end = start + _BATCH
            part = chunks[start:end]
            with self.live.use() as collection:
                collection.upsert(
                    ids=[c.id for c in part],
                    documents=[c.text for c in part],
                    metadatas=[c.record.to_metadata() for c in part],  # type: ignore[misc]
                    embeddings=vectors[start:end],
                )

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self._begin_change()
        for start in range(0, len(ids), _BATCH):
            with self.live.use() as collection:
                collection.delete(ids=ids[start : start + _BATCH])
        if self.sentences is not None and ids:
            self.sentences.delete(ids)  # after their chunks: never a chunk without them

    def records(self) -> list[tuple[str, ChunkRecord]]:
        """(id, record) of every chunk: one pass, no vectors, no text."""
        return [
            (cid, ChunkRecord.from_metadata(meta))
            for cid, meta, _ in self._scan(include=["metadatas"])
        ]

    def articles(
        self, rows: Iterable[tuple[str, ChunkRecord]] | None = None
    ) -> dict[str, ArticleState]:
        """Every article in the store, from its chunks' records (`rows`, else read now)."""
        return articles_of(rows if rows is not None else self.records())

    def dump(self) -> tuple[list[str], list[str], list[dict], np.ndarray]:
        """Ids, texts, metadata and vectors of every chunk (for a read-only copy)."""
        ids, texts, metas, vectors = [], [], [], []
        offset, page = 0, 5000
        while True:
            with self.live.use() as collection:
                got = collection.get(
                    include=["metadatas", "documents", "embeddings"], limit=page, offset=offset
                )
            ids += got["ids"]
            texts += got["documents"] or []
            metas += [dict(m) for m in got["metadatas"] or []]
            if len(got["ids"]):
                vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
            if len(got["ids"]) < page:
                break
            offset += page
        matrix = np.concatenate(vectors) if vectors else np.zeros((0, 1), dtype=np.float32)
        return ids, texts, metas, matrix

    def all_chunks(self) -> list[Chunk]:
        """Every chunk's text and record, for the keyword index."""
        return [
            Chunk.from_store(cid, doc, meta)
            for cid, meta, doc in self._scan(include=["metadatas", "documents"])
        ]

    def article_chunks(self, article_id: str) -> list[Chunk]:
        """One article's chunks in order."""
        with self.live.use() as collection:
            got = collection.get(
                where={"article_id": article_id}, include=["metadatas", "documents"]
            )
        chunks = [
            Chunk.from_store(cid, doc, meta)
            for cid, doc, meta in zip(
                got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True
            )
        ]
        return sorted(chunks, key=lambda c: c.record.position)

    def _scan(self, include: Include):
        """(id, metadata, document or None) of every chunk, a page at a time."""
        offset, page = 0, 5000
        while True:
            with self.live.use() as collection:  # not held while the caller has the rows
                got = collection.get(include=include, limit=page, offset=offset)
            docs = got.get("documents") or [None] * len(got["ids"])
            yield from zip(got["ids"], got["metadatas"], docs, strict=True)
            if len(got["ids"]) < page:
                return
            offset += page

    def search(
        self,
        vector: np.ndarray,
        k: int,
        flt: SearchFilter | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[Chunk]:
        """The k nearest chunks (score = cosine similarity), optionally filtered by metadata
        (`flt`) or to the given chunks (`ids`: much faster than a filter for a few thousand;
        StaleIds if one of them is no longer stored)."""
        if ids is not None and not ids:
            return []
        where = flt.where() if flt is not None and ids is None else None
        try:
            with self.live.use() as collection:
                got = collection.query(
                    query_embeddings=[vector],
                    n_results=k,
                    where=where or None,
                    ids=list(ids) if ids is not None else None,
                    include=["metadatas", "documents", "distances"],
                )
        except Exception as exc:
            if ids is None:
                raise
            raise StaleIds(str(exc)) from exc  # Chroma does not skip unknown ids
        return [
            Chunk.from_store(cid, doc, meta, 1.0 - float(dist))
            for cid, doc, meta, dist in zip(
                got["ids"][0],
                got["documents"][0],
                got["metadatas"][0],
                got["distances"][0],
                strict=True,
            )
            if meta is not None  # deleted by another process since the vectors were loaded
        ]

    def neighbour(self, article_id: str, position: int) -> Chunk | None:
        """The chunk at `position` in an article, if there is one."""
        with self.live.use() as collection:
            got = collection.get(
                where={"$and": [{"article_id": article_id}, {"position": position}]},
                include=["metadatas", "documents"],
                limit=1,
            )
        if not got["ids"]:
            return None
        return Chunk.from_store(got["ids"][0], got["documents"][0], got["metadatas"][0])

    def get(self, ids: Sequence[str]) -> list[Chunk]:
        if not ids:
            return []
        with self.live.use() as collection:
            got = collection.get(ids=list(ids), include=["metadatas", "documents"])
        by_id = {
            cid: Chunk.from_store(cid, doc, meta)
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }
        return [by_id[i] for i in ids if i in by_id]


def articles_of(rows: Iterable[tuple[str, ChunkRecord]]) -> dict[str, ArticleState]:
    """Every article of some chunks, from their (id, record) rows."""
    states: dict[str, ArticleState] = {}
    for cid, rec in rows:
        aid = rec.article_id
        state = states.get(aid)
        if state is None:
            state = states[aid] = ArticleState(aid, rec.path, rec.source_hash, rec.n_chunks, rec)
        elif rec.source_hash != state.source_hash:
            state.source_hash = "mixed"  # a half-finished update: never "unchanged"
        state.ids.add(cid)
    return states


def group_by_article(chunks: Iterable[Chunk]) -> dict[str, list[Chunk]]:
    out: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        out[chunk.article_id].append(chunk)
    return out
