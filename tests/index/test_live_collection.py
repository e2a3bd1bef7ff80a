"""The store follows other processes' writes: its vectors are reopened when the generation
moves, and a reopen never pulls the client from under a call in progress."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from retrieval.engine import Engine
from retrieval.index.chroma import LiveCollection
from retrieval.index.embedding import FakeEmbedder

# the other process: same settings, its own Chroma; removes one article or adds one
OTHER = """
import sys
from dataclasses import replace
from pathlib import Path
from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder
from retrieval.index.record import Chunk
from retrieval.settings import Settings

engine = Engine(Settings(data_dir=Path(sys.argv[1]), embedder="fake"), embedder=FakeEmbedder())
store = engine.store
if sys.argv[2] == "remove":
    store.delete([cid for cid, rec in store.records() if rec.article_id == sys.argv[3]])
else:
    [(cid, rec)] = store.records()[:1]
    text = "Saffron and clove talks in Zanzibar between India and Tanzania."
    store.add([Chunk("zanzibar-1-0", replace(rec, article_id="zanzibar"), (text,))],
              FakeEmbedder().embed([text]))
store.finish_change()
"""


def other_process(settings, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", OTHER, str(settings.data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def nearest(engine: Engine, text: str, k: int = 3) -> list[str]:
    return [c.id for c in engine.store.search(FakeEmbedder().embed_query(text), k)]


def test_searches_see_another_process_adding_and_removing(settings):
    engine = Engine(settings, embedder=FakeEmbedder())
    engine.ingest()
    oman = nearest(engine, "Jaishankar Badr Albusaidi Oman")[0]
    other_process(settings, "add")
    engine.store.follow()
    assert nearest(engine, "Saffron and clove talks in Zanzibar")[0] == "zanzibar-1-0"
    article = oman.split("-", 1)[0]
    other_process(settings, "remove", article)
    # before the next question looks: the removed chunks are passed over, never an error
    assert all(cid.split("-", 1)[0] != article for cid in nearest(engine, "Albusaidi", 30))
    engine.store.follow()
    assert all(cid.split("-", 1)[0] != article for cid in nearest(engine, "Albusaidi", 30))
    assert oman not in {c.id for c in engine.store.all_chunks()}


def test_an_own_ingest_does_not_reopen(settings, knowledge, monkeypatch):
    engine = Engine(settings, embedder=FakeEmbedder())
    engine.ingest()
    reopened = []
    monkeypatch.setattr(engine.store.live, "reopen", lambda: reopened.append(1))
    (knowledge / "extra.md").write_text("India and Peru held talks on lithium in Lima.\n")
    engine.ingest()
    engine.ask("What did India and Peru discuss?")
    assert reopened == []


class SlowCollection:
    """A collection whose `count` takes a while, as a query in progress does."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = threading.Event()

    def count(self) -> int:
        self.started.set()
        time.sleep(0.3)
        return 1


class Client:
    def __init__(self) -> None:
        self.closed = False
        self.collection = SlowCollection("c")

    def get_or_create_collection(self, name, **kwargs):
        return self.collection

    def close(self) -> None:
        self.closed = True


def test_a_reopen_waits_for_the_call_in_progress_and_the_next_call_gets_the_new_client():
    first, second = Client(), Client()
    live = LiveCollection(first, "c", reopen=lambda: second)
    seen_closed = []

    def call() -> None:
        with live.use() as collection:
            collection.count()
            seen_closed.append(first.closed)

    worker = threading.Thread(target=call)
    worker.start()
    assert first.collection.started.wait(5)
    live.reopen()  # waits for `call` to finish
    worker.join(5)
    assert seen_closed == [False] and first.closed
    with live.use() as collection:
        assert collection is second.collection
