"""Engine benchmark: ingest rate against raw encode, warm `ask` latency, cold `bilateral ask`.

    python bench/engine_bench.py [--articles N] [--asks N]

Prints one figure a line. CI runs it small (`--articles 40 --asks 20`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUESTIONS = [
    "What did Jaishankar and Badr Albusaidi discuss?",
    "Who co-chaired the Joint Military Cooperation Committee meeting?",
    "What did India and Russia discuss about defence?",
    "What did Jaishankar and Blinken talk about?",
    "Which areas did the India Japan strategic dialogue cover?",
    "Which Indian officials did the Israeli defence director general meet?",
    "What did India and Brazil discuss?",
    "what did jaishanker and lavrov dicuss",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles to ingest")
    parser.add_argument("--asks", type=int, default=200, help="warm questions to time")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from synthetic import write_corpus

    from retrieval.engine import Engine
    from retrieval.ingest.articles import read_file
    from retrieval.ingest.chunking import chunk_article
    from retrieval.ingest.prepare import prepare
    from retrieval.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    corpus = write_corpus(work / "corpus", args.articles)
    settings = Settings(data_dir=work / "data", knowledge_dir=corpus)
    engine = Engine(settings)
    embedder = engine.embedder
    print(f"embedder: {type(embedder).__name__} ({embedder.identity})")

    # the chunks ingest will embed, to time the raw encoder on exactly the same texts
    texts = []
    for path in sorted(corpus.glob("*.jsonl")):
        raws, _ = read_file(path, str(path), 10**9)
        for raw in raws:
            texts += [c.embed_text for c in chunk_article(prepare(raw, engine.countries), 600)]
    embedder.embed(texts[:64])  # warm up
    t0 = time.perf_counter()
    embedder.embed(texts)
    encode_rate = len(texts) / (time.perf_counter() - t0)

    report = engine.ingest()
    ingest_rate = report.chunks_embedded / report.seconds
    print(f"chunks: {report.chunks_embedded} from {report.added} articles")
    print(f"raw encode: {encode_rate:.1f} chunks/s")
    print(f"ingest: {ingest_rate:.1f} chunks/s ({report.seconds:.2f} s)")
    print(f"ingest / raw encode: {ingest_rate / encode_rate:.2f} (aim >= 0.85)")
    again = engine.ingest()
    print(
        f"re-ingest unchanged: {again.seconds:.2f} s, {again.chunks_embedded} chunks embedded "
        f"({100 * again.seconds / report.seconds:.1f}% of the first)"
    )

    seeds = Engine(
        Settings(data_dir=work / "seeds", knowledge_dir=ROOT / "knowledge"), embedder=embedder
    )
    seeds.ingest()
    for q in QUESTIONS:
        seeds.ask(q)  # warm: model, keyword index, sentence vectors
    latencies = []
    for i in range(args.asks):
        t0 = time.perf_counter()
        seeds.ask(QUESTIONS[i % len(QUESTIONS)])
        latencies.append((time.perf_counter() - t0) * 1000)
    print(
        f"warm ask on the seeds: p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms (aim p50 <= 50 ms)"
    )

    models = work / "data" / "models"  # the encoder exported once for this machine, shared
    if models.exists() and not (work / "seeds" / "models").exists():
        (work / "seeds" / "models").symlink_to(models, target_is_directory=True)
    env = {
        **os.environ,
        "BILATERAL_DATA_DIR": str(work / "seeds"),
        "BILATERAL_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    exe = Path(sys.executable).with_name("bilateral")
    walls = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(
            [str(exe), "ask", QUESTIONS[0]], env=env, check=True, capture_output=True, cwd=work
        )
        walls.append(time.perf_counter() - t0)
    print(
        f"cold `bilateral ask`: {statistics.median(walls):.2f} s median of 5, "
        f"{min(walls):.2f} s best (goal median <= 1.5 s; load {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
