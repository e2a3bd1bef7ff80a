"""Scale benchmark: ingest, store size, memory and ask latency as the corpus grows, per backend.

    python bench/scale_bench.py [--sizes 1000,10000] [--asks 100]

Each measurement runs in its own process and data dir, on a synthetic corpus written to a temp
dir at bench time (never committed). CI runs it small (`--sizes 200`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TEMPLATES = [
    "What did India and {c} discuss about {t}?",
    "When did India's {r} meet the {c} side?",
    "Which agreements did India sign with {c}?",
    "What came of the India {c} {t} talks?",
]
ROLES = ["External Affairs Minister", "Defence Minister", "Prime Minister"]
TOPICS = ["defence", "trade", "energy", "maritime security", "space", "health"]


def questions(n: int) -> list[str]:
    from synthetic import countries

    rng, names = random.Random(3), countries()
    return [
        rng.choice(TEMPLATES).format(c=rng.choice(names), t=rng.choice(TOPICS), r=rng.choice(ROLES))
        for _ in range(n)
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds() -> float:
    """CPU time of this process, all threads: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tree_mb(path: Path, skip: str = "models") -> float:
    """Bytes on disk under path, less the cached model export (not part of the store)."""
    files = (p for p in path.rglob("*") if p.is_file() and skip not in p.relative_to(path).parts)
    return sum(p.stat().st_size for p in files) / 1e6


def engine_worker(corpus: Path, data: Path, embedder: str, int8: str, asks: int) -> dict:
    from synthetic import countries

    from retrieval.engine import Engine
    from retrieval.settings import Settings

    engine = Engine(
        Settings(data_dir=data, knowledge_dir=corpus, embedder=embedder, onnx_quantize=int8)
    )
    t0 = time.perf_counter()
    model = engine.embedder  # import + load of the backend, on top of the engine's imports
    load = time.perf_counter() - t0
    single = []
    for i in range(30):
        t0 = time.perf_counter()
        model._encode([f"What did India and country {i} discuss about trade?"])
        single.append((time.perf_counter() - t0) * 1000)
    cpu0 = cpu_seconds()
    first = engine.ingest()
    cpu = cpu_seconds() - cpu0
    again = engine.ingest()
    result = {
        "backend": type(model).__name__,
        "load_s": load,
        "encode_ms": statistics.median(single[5:]),
        "chunks": first.chunks_embedded,
        "ingest_s": first.seconds,
        "chunks_per_s": first.chunks_embedded / first.seconds,
        "chunks_per_cpu_s": first.chunks_embedded / cpu,
        "reingest_s": again.seconds,
        "reingest_pct": 100 * again.seconds / first.seconds,
        "store_mb": tree_mb(data),
    }
    qs = questions(asks)
    for q in qs[:5]:
        engine.ask(q)  # warm: keyword index, sentence vectors
    latencies = []
    for q in qs:
        t0 = time.perf_counter()
        engine.ask(q)
        latencies.append((time.perf_counter() - t0) * 1000)
    briefs = []
    for name in countries()[:40]:
        t0 = time.perf_counter()
        try:
            engine.country_brief(name)
        except LookupError:  # a territory the country index leaves out (no bilateral ties)
            continue
        briefs.append((time.perf_counter() - t0) * 1000)
    return result | {
        "ask_p50_ms": statistics.median(latencies),
        "ask_p95_ms": percentile(latencies, 0.95),
        "country_p50_ms": statistics.median(briefs[1:]),
        "country_p95_ms": percentile(briefs[1:], 0.95),
        "country_first_ms": briefs[0],
        "peak_rss_mb": peak_rss_mb(),
    }


def textbook_embeddings(model: str):
    """langchain-huggingface's HuggingFaceEmbeddings when installed; else the same calls it makes
    (newlines to spaces, SentenceTransformer.encode with its defaults, .tolist()), since its
    install downgrades huggingface_hub under transformers 5 and so is not a dependency."""
    try:
        from langchain_huggingface import HuggingFaceEmbeddings

        return HuggingFaceEmbeddings(model_name=model), "HuggingFaceEmbeddings"
    except ImportError:
        from langchain_core.embeddings import Embeddings
        from sentence_transformers import SentenceTransformer

        class SameAsHuggingFaceEmbeddings(Embeddings):
            def __init__(self) -> None:
                self.client = SentenceTransformer(model)

            def embed_documents(self, texts: list[str]) -> list[list[float]]:
                texts = [t.replace("\n", " ") for t in texts]
                return self.client.encode(texts, show_progress_bar=False).tolist()

            def embed_query(self, text: str) -> list[float]:
                return self.embed_documents([text])[0]

        return SameAsHuggingFaceEmbeddings(), "HuggingFaceEmbeddings' calls (package absent)"


def langchain_worker(corpus: Path, data: Path) -> dict:
    """The textbook pipeline on the same articles: split 1000/200, HuggingFaceEmbeddings, Chroma."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from retrieval.index.embedding import packaged_model_path

    docs = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            docs.append(Document(page_content=rec.pop("text"), metadata=rec))
    embeddings, kind = textbook_embeddings(str(packaged_model_path()))
    t0, cpu0 = time.perf_counter(), cpu_seconds()
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = splitter.split_documents(docs)
    Chroma.from_documents(chunks, embeddings, persist_directory=str(data))
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    return {
        "chunks": len(chunks),
        "ingest_s": seconds,
        "chunks_per_s": len(chunks) / seconds,
        "chunks_per_cpu_s": len(chunks) / cpu,
        "embeddings": kind,
        "articles_per_s": len(docs) / seconds,
        "store_mb": tree_mb(data),
        "peak_rss_mb": peak_rss_mb(),
    }


def export_worker(data: Path) -> dict:
    from retrieval.index.onnx_embedding import OnnxEmbedder
    from retrieval.settings import Settings

    t0 = time.perf_counter()
    OnnxEmbedder.maybe_create(Settings(data_dir=data, embedder="onnx", onnx_quantize="off"))
    t1 = time.perf_counter()
    OnnxEmbedder.maybe_create(Settings(data_dir=data, embedder="onnx", onnx_quantize="mixed"))
    t2 = time.perf_counter()
    OnnxEmbedder.maybe_create(Settings(data_dir=data, embedder="onnx", onnx_quantize="full"))
    return {"export_s": t1 - t0, "mixed_s": t2 - t1, "quantize_s": time.perf_counter() - t2}


def worker(kind: str, *args: str) -> dict | None:
    """Run one measurement in a fresh interpreter; None if it could not run (reason printed)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind, *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        print(f"  {kind}: not run: {done.stderr.strip().splitlines()[-1]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_asks(data: Path, corpus: Path, embedder: str, tries: int = 5) -> list[float]:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "BILATERAL_DATA_DIR": str(data),
        "BILATERAL_KNOWLEDGE_DIR": str(corpus),
        "BILATERAL_EMBEDDER": embedder,
    }
    exe = Path(sys.executable).with_name("bilateral")
    walls = []
    for question in questions(tries):
        t0 = time.perf_counter()
        subprocess.run(
            [str(exe), "ask", question], env=env, check=True, capture_output=True, cwd=data.parent
        )
        walls.append(time.perf_counter() - t0)
    return walls


BACKENDS = {  # name: (Settings.embedder, Settings.onnx_quantize); "onnx" is the default
    "onnx": ("onnx", "mixed"),
    "onnx-fp32": ("onnx", "off"),
    "onnx-int8": ("onnx", "full"),
    "sentence-transformers": ("sentence-transformers", "off"),
}


def run_size(
    work: Path, n: int, asks: int, export: Path, backends: list[str], st_limit: int
) -> dict:
    from synthetic import write_corpus

    corpus = write_corpus(work / f"corpus-{n}", n)
    print(f"\n== {n} synthetic articles")
    runs: dict = {}
    for name in [b for b in BACKENDS if b in backends]:
        embedder, int8 = BACKENDS[name]
        if embedder == "sentence-transformers" and n > st_limit:
            print(f"  {name:22} not run above {st_limit} articles (--st-limit)")
            runs[name] = None
            continue
        data = work / f"data-{n}-{name}"
        if embedder == "onnx" and export.exists():  # the one-time export is timed apart
            shutil.copytree(export, data / "models", copy_function=os.link)
        runs[name] = worker("engine", str(corpus), str(data), embedder, int8, str(asks))
        if runs[name]:
            r = runs[name]
            print(
                f"  {name:22} {r['chunks']} chunks in {r['ingest_s']:.1f} s = "
                f"{r['chunks_per_s']:.0f} chunks/s ({r['chunks_per_cpu_s']:.0f} per CPU s, "
                f"load {os.getloadavg()[0]:.1f}); re-ingest {r['reingest_s']:.2f} s "
                f"({r['reingest_pct']:.1f}%, goal <= 2%); store {r['store_mb']:.1f} MB; peak RSS "
                f"{r['peak_rss_mb']:.0f} MB (goal <= 1200 at 10,000 articles); ask p50 "
                f"{r['ask_p50_ms']:.0f} ms p95 {r['ask_p95_ms']:.0f} ms (goal <= 30 / 60 at 10,000 "
                f"articles); country p50 {r['country_p50_ms']:.1f} ms p95 "
                f"{r['country_p95_ms']:.1f} ms (first {r['country_first_ms']:.0f} ms); "
                f"model load {r['load_s']:.2f} s; one query {r['encode_ms']:.1f} ms"
            )
    runs["langchain"] = None
    if "langchain" in backends:
        runs["langchain"] = worker("langchain", str(corpus), str(work / f"data-{n}-langchain"))
    if runs["langchain"]:
        r = runs["langchain"]
        print(
            f"  {'langchain textbook':22} {r['chunks']} chunks (1000/200) in "
            f"{r['ingest_s']:.1f} s = {r['chunks_per_s']:.0f} chunks/s "
            f"({r['chunks_per_cpu_s']:.0f} per CPU s), "
            f"{r['articles_per_s']:.1f} articles/s; store {r['store_mb']:.1f} MB; "
            f"peak RSS {r['peak_rss_mb']:.0f} MB; with {r['embeddings']}"
        )
        for name in ("onnx", "onnx-fp32", "onnx-int8", "sentence-transformers"):
            if runs.get(name):
                ours = runs[name]
                print(
                    f"  {name:22} vs textbook: x{ours['chunks_per_s'] / r['chunks_per_s']:.2f} "
                    f"chunks/s (goal >= x1.50), x{(n / ours['ingest_s']) / r['articles_per_s']:.2f} "
                    "articles/s (same articles; our chunks are sentence-aligned and smaller)"
                )
    ours = runs.get("onnx")
    if ours:
        ours["articles_per_s"] = n / ours["ingest_s"]
        for embedder in ("onnx", "sentence-transformers"):
            if embedder not in backends:  # the torch cold start is timed when torch ingested
                continue
            walls = cold_asks(work / f"data-{n}-onnx", corpus, embedder)
            ours[f"cold_{embedder}_s"] = min(walls)
            goal = ", goal median <= 1.5 s at 100 articles" if embedder == "onnx" else ""
            print(
                f"  cold `bilateral ask`, {embedder:21} best {min(walls):.2f} s, "
                f"median {statistics.median(walls):.2f} s, worst {max(walls):.2f} s{goal}"
            )
    return runs


GROWTH = [
    ("onnx", "ingest_s", "s"),
    ("onnx", "chunks_per_s", "chunks/s"),
    ("onnx", "reingest_s", "s"),
    ("onnx", "store_mb", "MB"),
    ("onnx", "peak_rss_mb", "MB"),
    ("onnx", "ask_p50_ms", "ms"),
    ("onnx", "ask_p95_ms", "ms"),
    ("onnx", "country_p50_ms", "ms"),
    ("onnx", "country_p95_ms", "ms"),
    ("onnx", "cold_onnx_s", "s"),
    ("onnx", "cold_sentence-transformers_s", "s"),
    ("onnx", "chunks_per_cpu_s", "chunks/cpu-s"),
    ("onnx-fp32", "chunks_per_s", "chunks/s"),
    ("onnx-int8", "chunks_per_s", "chunks/s"),
    ("sentence-transformers", "chunks_per_s", "chunks/s"),
    ("langchain", "chunks_per_s", "chunks/s"),
]


def print_growth(results: dict[int, dict]) -> None:
    small, large = min(results), max(results)
    print(
        f"\n== growth from {small} to {large} articles (x{large / small:g}); wall times "
        f"count other load on the machine (now {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
        "cores)"
    )
    if small == large:
        print("  one size only: nothing to compare")
        return
    for run, key, unit in GROWTH:
        a, b = (results[small].get(run) or {}).get(key), (results[large].get(run) or {}).get(key)
        if a and b:
            print(f"  {run:22} {key:30} {a:10.2f} -> {b:10.2f} {unit:9} x{b / a:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, in articles")
    parser.add_argument("--asks", type=int, default=100, help="warm questions timed per size")
    parser.add_argument(
        "--backends",
        default=",".join([*BACKENDS, "langchain"]),
        help="which ingests to run (langchain = the textbook pipeline)",
    )
    parser.add_argument(
        "--st-limit",
        type=int,
        default=2000,
        help="largest size to ingest with sentence-transformers (slowest)",
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.asks < 1:
        parser.error("--asks must be at least 1")
    if args.worker:
        kind, *rest = args.worker
        if kind == "engine":
            corpus, data, embedder, int8, asks = rest
            out = engine_worker(Path(corpus), Path(data), embedder, int8, int(asks))
        elif kind == "langchain":
            out = langchain_worker(Path(rest[0]), Path(rest[1]))
        else:
            out = export_worker(Path(rest[0]))
        print(json.dumps(out))
        return

    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="bilateral-scale-"))
    try:
        prep = worker("export", str(work / "export"))
        if prep:
            print(
                f"one-time ONNX export {prep['export_s']:.1f} s, int8 quantisation: mixed "
                f"(the default) {prep['mixed_s']:.1f} s, full {prep['quantize_s']:.1f} s"
            )
        backends = args.backends.split(",")
        unknown = set(backends) - {*BACKENDS, "langchain"}
        if unknown:
            parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
        results = {
            n: run_size(work, n, args.asks, work / "export" / "models", backends, args.st_limit)
            for n in sizes
        }
        print_growth(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
