"""Answers go on while an ingest runs in the same process (the bot's feed refresh): only the
swap of the caches at its end takes the engine's lock."""

from __future__ import annotations

import threading

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder


class GatedEmbedder(FakeEmbedder):
    """Holds any batch that mentions `word` until `gate` opens (a long embedding run)."""

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word, self.gate, self.held = word, threading.Event(), threading.Event()

    def embed_with_spans(self, texts, spans, *, batch_size: int = 64, progress=None):
        if any(self.word in t for t in texts):
            self.held.set()
            assert self.gate.wait(30)
        return super().embed_with_spans(texts, spans, batch_size=batch_size, progress=progress)


def test_a_question_is_answered_while_another_thread_ingests(settings, web):
    embedder = GatedEmbedder("quantum")
    engine = Engine(settings, embedder=embedder)
    engine.ingest()
    writer = threading.Thread(target=engine.ingest, kwargs={"urls": [web.url("/finland.html")]})
    writer.start()
    try:
        assert embedder.held.wait(10)  # the ingest is under way, in the middle of embedding
        answered = []
        reader = threading.Thread(
            target=lambda: answered.append(engine.ask("What did India and Oman discuss?"))
        )
        reader.start()
        reader.join(10)
        assert answered and answered[0].citations, "the answer waited for the ingest"
        assert writer.is_alive()
    finally:
        embedder.gate.set()
        writer.join(30)
    assert web.url("/finland.html") in {a.url for a in engine.sources()}
