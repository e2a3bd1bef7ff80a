"""A first run as a new user has it: the data goes to the user's data dir, the one-time model
export is announced in one line, and no progress bar strays onto the terminal or a log."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from retrieval.index.onnx_embedding import PREPARING

pytestmark = pytest.mark.slow

QUESTION = "What did Jaishankar and Badr Albusaidi discuss?"


def bilateral(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )


def test_a_first_run_says_it_prepares_the_model_and_draws_no_progress_bars(tmp_path, knowledge):
    # no BILATERAL_DATA_DIR and the real (default) encoder, as a new user runs it
    env = {"BILATERAL_KNOWLEDGE_DIR": str(knowledge), "XDG_DATA_HOME": str(tmp_path / "share")}
    first = bilateral("ask", QUESTION, **env)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert lines[0] == PREPARING  # before the wait, not after it
    assert lines[1].startswith("The store is empty; ingesting")
    assert lines[2].startswith("5 added, 0 updated") and len(lines) == 3  # no bar, no blank line
    assert "000_c8cbf1aefad89011.txt" in first.stdout
    data = tmp_path / "share" / "bilateral"
    assert {"chroma", "models", "answers.jsonl"} <= {p.name for p in data.iterdir()}
    again = bilateral("ask", QUESTION, **env)
    assert again.returncode == 0 and again.stderr == ""  # prepared once
    # torch's full-precision vectors are not the default int8 ones: a store of their own,
    # filled once, quietly (no "Loading weights" bar); the full-precision ONNX run shares it
    torch = bilateral("ask", QUESTION, BILATERAL_EMBEDDER="sentence-transformers", **env)
    assert torch.returncode == 0, torch.stderr
    assert [line.split(";")[0] for line in torch.stderr.splitlines()] == [
        "The store is empty",
        "5 added, 0 updated, 0 unchanged, 0 skipped, 0 removed",
    ]
    exact = bilateral("ask", QUESTION, BILATERAL_ONNX_QUANTIZE="off", **env)
    assert exact.returncode == 0 and exact.stderr == ""  # the same vectors, the same store
