"""The same engine against a real Chroma server (`chroma run` on localhost) via CHROMA_HOST."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder
from retrieval.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    proc = subprocess.Popen(
        [
            exe,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma run did not start listening within 60 s")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_ask_through_a_chroma_server(chroma_server, knowledge, tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(chroma_server))
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge, embedder="fake")
    assert settings.chroma_host == "127.0.0.1"
    engine = Engine(settings, embedder=FakeEmbedder())
    first = engine.ingest()
    assert first.added == 5 and first.chunks_total > 5
    assert not (tmp_path / "data" / "chroma").exists()  # nothing went to the embedded store
    again = Engine(settings, embedder=FakeEmbedder()).ingest()
    assert again.chunks_embedded == 0 and again.unchanged == 5
    answer = engine.ask("What did Jaishankar and Badr Albusaidi discuss?")
    assert not answer.refused
    assert any(c.path.endswith("000_c8cbf1aefad89011.txt") for c in answer.citations)


def test_unreachable_server_is_one_clear_error(tmp_path, monkeypatch):
    from retrieval.errors import StoreUnavailable

    settings = Settings(
        data_dir=tmp_path / "d", chroma_host="127.0.0.1", chroma_port=free_port(), embedder="fake"
    )
    with pytest.raises(StoreUnavailable, match="Chroma server at 127.0.0.1"):
        Engine(settings, embedder=FakeEmbedder()).store.count()
