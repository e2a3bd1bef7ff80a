"""Opening Chroma: the client the settings name, the collection's name, and a collection that
can be reopened while threads use it (to see what another process wrote)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from retrieval.errors import StoreUnavailable
from retrieval.settings import Settings


def make_client(settings: Settings):
    """A Chroma client: HttpClient when CHROMA_HOST is set, else a persistent store on disk."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as exc:  # noqa: BLE001 - connection and disk errors alike
        where = (
            f"Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"the store in {settings.chroma_dir}"
        )
        raise StoreUnavailable(f"cannot open {where}: {exc}") from None


def collection_name(prefix: str, identity: str) -> str:
    """Vectors of different models never share a collection."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in identity.lower()).strip("-")
    return f"{prefix}-{slug}"[:60].strip("-")


class LiveCollection:
    """One Chroma collection shared by threads, which `reopen` replaces with a fresh client.

    Why: embedded Chroma (the Rust bindings behind PersistentClient) keeps each collection's
    vector index in process memory, loaded and caught up with the write log once, then updated
    only by this process's own writes. Counts, metadata and `get` read SQLite and see another
    process's ingest at once; a nearest-neighbour query does not, until the client is closed
    and opened again. A reopen waits for the calls in progress and holds back new ones meanwhile,
    so no call meets a closed client. (Two clients of one folder in one process share that
    memory: a reopen then refreshes it only once both have let go. A process has one engine.)
    """

    def __init__(self, client: Any, name: str, reopen: Callable[[], Any] | None = None) -> None:
        self.name = name
        self._reopen = reopen
        self._turn = threading.Condition()
        self._users = 0  # calls in progress
        self._closing = False
        self.client: Any = None  # None only after a reopen that failed to open
        self.collection: Any = None
        self._open(client)

    def _open(self, client: Any) -> None:
        self.client = client
        self.collection = client.get_or_create_collection(
            self.name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    @property
    def reopens(self) -> bool:
        """Whether `reopen` can open a new client (the engine made this one itself)."""
        return self._reopen is not None

    @property
    def closed(self) -> bool:
        """A reopen closed the client and failed to open a new one (the next one tries again)."""
        return self.collection is None

    @contextmanager
    def use(self) -> Iterator[Any]:
        """The collection for one call; never held across a yield to the caller's code."""
        with self._turn:
            while self._closing:
                self._turn.wait()
            self._users += 1
        try:
            if self.collection is None:
                raise StoreUnavailable(f"the store {self.name} could not be opened again")
            yield self.collection
        finally:
            with self._turn:
                self._users -= 1
                if not self._users:
                    self._turn.notify_all()

    def reopen(self) -> None:
        """Close the client and open a new one, whose queries see every process's writes."""
        if self._reopen is None:
            return
        with self._turn:
            while self._closing:
                self._turn.wait()
            self._closing = True
            while self._users:
                self._turn.wait()
        try:
            close = getattr(self.client, "close", None)
            if close is not None:
                close()  # the last client of a folder to close frees its in-memory index
            self.client = self.collection = None
            self._open(self._reopen())
        finally:
            with self._turn:
                self._closing = False
                self._turn.notify_all()
