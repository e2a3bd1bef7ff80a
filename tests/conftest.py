"""Shared fixtures: every test gets its own data dir; the real model loads once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder, SentenceTransformerEmbedder
from retrieval.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No test reads the developer's .env or data dir, or reaches a hub."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # the default data dir is the user's (platformdirs): under the test's own folder here
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    for var in ("BILATERAL_DATA_DIR", "BILATERAL_KNOWLEDGE_DIR", "CHROMA_HOST", "BILATERAL_LLM"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def knowledge(tmp_path) -> Path:
    """A private copy of knowledge/ that a test may change."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.fixture
def env(tmp_path, knowledge, monkeypatch):
    """The environment a command-line test runs in: private data, the fake embedder."""
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BILATERAL_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("BILATERAL_EMBEDDER", "fake")
    return tmp_path


@pytest.fixture
def settings(tmp_path, knowledge) -> Settings:
    return Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge, embedder="fake")


@pytest.fixture
def fake_engine(settings) -> Engine:
    return Engine(settings, embedder=FakeEmbedder())


@pytest.fixture(scope="session")
def real_embedder():
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def seeded_engine(tmp_path_factory, real_embedder) -> Engine:
    """The real model over knowledge/, ingested once for the whole session (read-only use)."""
    base = tmp_path_factory.mktemp("seeded")
    engine = Engine(
        Settings(data_dir=base / "data", knowledge_dir=KNOWLEDGE), embedder=real_embedder
    )
    report = engine.ingest()
    assert report.ok, report.skipped
    return engine


@pytest.fixture
def web():
    """The stand-in web on 127.0.0.1, serving tests/fixtures/web (pages, RSS, Atom)."""
    from web_standin import WebStandIn

    with WebStandIn().serve_fixtures() as server:
        yield server
