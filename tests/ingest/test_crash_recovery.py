"""kill -9 during an ingest, then a re-run, leaves exactly what one clean ingest leaves."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder
from retrieval.settings import Settings

KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from retrieval.index.embedding import FakeEmbedder
    from retrieval.engine import Engine
    from retrieval.settings import Settings

    engine = Engine(Settings(data_dir=Path(sys.argv[1]), knowledge_dir=Path(sys.argv[2]),
                             embedder="fake"), embedder=FakeEmbedder())
    store = engine.store
    real_add, calls = store.add, []
    def add_then_die(*args, **kwargs):
        real_add(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    store.add = add_then_die
    engine.ingest()
    print("finished without being killed")
""")


def write_corpus(folder, n: int, variant: str = "") -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        sentences = " ".join(
            f"Officials of India and partner {i} reviewed topic {j} of their cooperation{variant}."
            for j in range(40)
        )
        (folder / f"article_{i:03d}.txt").write_text(f"Talks number {i}\n\n{sentences}\n")


def state(data_dir, knowledge) -> dict[str, str]:
    engine = Engine(
        Settings(data_dir=data_dir, knowledge_dir=knowledge, embedder="fake"),
        embedder=FakeEmbedder(),
    )
    return {c.id: c.text for c in engine.store.all_chunks()}


def ingest(data_dir, knowledge):
    engine = Engine(
        Settings(data_dir=data_dir, knowledge_dir=knowledge, embedder="fake"),
        embedder=FakeEmbedder(),
    )
    return engine.ingest()


def killed_ingest(data_dir, knowledge) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(data_dir), str(knowledge)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -9, proc.stdout + proc.stderr


def test_kill_9_during_first_ingest_is_repaired(tmp_path):
    knowledge = tmp_path / "k"
    write_corpus(knowledge, 60)
    killed_ingest(tmp_path / "crashed", knowledge)
    partial = state(tmp_path / "crashed", knowledge)
    assert partial, "the kill should land after some chunks were written"
    report = ingest(tmp_path / "crashed", knowledge)
    assert report.ok
    assert report.chunks_embedded < report.chunks_total  # what survived was not embedded again
    ingest(tmp_path / "clean", knowledge)
    assert state(tmp_path / "crashed", knowledge) == state(tmp_path / "clean", knowledge)


def test_kill_9_during_an_update_is_repaired(tmp_path):
    knowledge = tmp_path / "k"
    write_corpus(knowledge, 60)
    ingest(tmp_path / "crashed", knowledge)
    write_corpus(knowledge, 60, variant=" in depth")
    killed_ingest(tmp_path / "crashed", knowledge)
    ingest(tmp_path / "crashed", knowledge)
    ingest(tmp_path / "clean", knowledge)
    repaired = state(tmp_path / "crashed", knowledge)
    assert repaired == state(tmp_path / "clean", knowledge)
    assert all("in depth" in text for text in repaired.values() if "reviewed" in text)
