"""Asking a question, and `bilateral --help`, never import torch once the ONNX export exists;
a process that only asks imports neither Chroma nor LangChain's tracing nor scipy (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

from retrieval.index.onnx_embedding import OnnxEmbedder
from retrieval.settings import Settings

pytestmark = pytest.mark.slow

HEAVY = ("torch", "transformers", "sentence_transformers")

ARTICLES = {
    "oman.txt": (
        "EAM Jaishankar and Omani Foreign Minister Badr Albusaidi discussed maritime "
        "security, trade and energy cooperation in a phone call on Wednesday."
    ),
    "japan.txt": (
        "India and Japan held their annual strategic dialogue in Tokyo, covering "
        "defence technology, semiconductors and connectivity in the Indo-Pacific."
    ),
}
SIDECAR = "source: Test Wire\npublished: 2025-01-0{day}\n"

ASK = """
import json, sys
from pathlib import Path
from retrieval.engine import Engine
from retrieval.settings import Settings

data, knowledge = Path(sys.argv[1]), Path(sys.argv[2])
engine = Engine(Settings(data_dir=data, knowledge_dir=knowledge, embedder="auto"))
report = engine.ingest([knowledge])
answer = engine.ask("What did Jaishankar and Albusaidi discuss?")
print(json.dumps({
    "heavy": [m for m in HEAVY if m in sys.modules],
    "embedder": type(engine.embedder).__name__,
    "chunks": report.chunks_embedded,
    "answer": answer.answer,
}))
"""

ASK_ONLY = """
import json, sys
from pathlib import Path
from retrieval.engine import Engine
from retrieval.settings import Settings

data, knowledge = Path(sys.argv[1]), Path(sys.argv[2])
engine = Engine(Settings(data_dir=data, knowledge_dir=knowledge, embedder="auto"))
engine.ensure_ingested()
answer = engine.ask("What did Jaishankar and Albusaidi discuss?")
print(json.dumps({
    "loaded": [m for m in HEAVY + COLD if m in sys.modules],
    "answer": answer.answer,
}))
"""

# what a question in a new process must not load: each costs a cold question 0.1-1.1 s
COLD = ("chromadb", "langsmith", "langchain_core.tracers", "bm25s", "scipy", "dateparser")

HELP = """
import json, sys
from typer.testing import CliRunner
from bot.cli.commands import app

result = CliRunner().invoke(app, ["--help"])
assert result.exit_code == 0, result.output
print(json.dumps([m for m in HEAVY if m in sys.modules]))
"""


def run_python(code: str, *args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILATERAL_")}
    env.update(HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    code = f"HEAVY = {HEAVY!r}\nCOLD = {COLD!r}\n{code}"
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_ask_with_a_cached_export_stays_torch_free(tmp_path):
    data = tmp_path / "data"
    assert OnnxEmbedder.maybe_create(Settings(data_dir=data, embedder="onnx")) is not None
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    for day, (name, text) in enumerate(ARTICLES.items(), start=1):
        (knowledge / name).write_text(text, encoding="utf-8")
        (knowledge / name).with_suffix(".meta.yaml").write_text(SIDECAR.format(day=day))

    result = json.loads(run_python(ASK, str(data), str(knowledge), cwd=tmp_path))

    assert result["embedder"] == "OnnxEmbedder"
    assert result["chunks"] >= 2
    assert "maritime" in result["answer"].lower()
    assert result["heavy"] == []

    asked = json.loads(run_python(ASK_ONLY, str(data), str(knowledge), cwd=tmp_path))
    assert asked["answer"] == result["answer"]
    assert asked["loaded"] == []


def test_cli_help_imports_no_model_library(tmp_path):
    assert json.loads(run_python(HELP, cwd=tmp_path)) == []
