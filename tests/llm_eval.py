"""The question suite through a real LLM: how often its answer survives the check, and how precise.

    BILATERAL_LLM=openai:smollm2 BILATERAL_LLM_BASE_URL=http://127.0.0.1:8765/v1 \
        python tests/llm_eval.py [--out report.json]

Ingests knowledge/ into a temporary store, asks every question of tests/eval/questions.yaml, and
prints: answers by mode (checked LLM answer, refusal, extractive fallback), the citation precision
of the final answers (a citation is right when its quote comes from an expected file), cited
answers to unanswerable questions, and the same precision for the model's raw, unchecked [n].
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from langchain_core.language_models import SimpleChatModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.answer.llm.citation_check import MARKER  # noqa: E402
from retrieval.answer.llm.prompt import number_sources  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.settings import load_settings  # noqa: E402
from retrieval.types import Answer  # noqa: E402

SUITE = ROOT / "tests" / "eval" / "questions.yaml"


class ReplayChatModel(SimpleChatModel):
    """Answers each question with the draft a real model wrote for it before."""

    drafts: dict[str, str]

    @property
    def _llm_type(self) -> str:
        return "replay"

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        asked = re.search(
            r"<<<QUESTION>>>\n(.*?)\n<<<END QUESTION>>>", str(messages[-1].content), re.S
        )
        return self.drafts.get(asked.group(1) if asked else "", "Not in the articles.")


def raw_citations(draft: str, sources) -> list[str | None]:
    """The file each [n] of the unchecked draft points at (None: no such source)."""
    files = {s.n: Path(s.meta["path"]).name for s in sources}
    return [
        files.get(int(n))
        for m in MARKER.finditer(draft)
        for n in re.split(r"\s*[,;]\s*", m.group(1))
    ]


def run(engine: Engine, items: list[dict]) -> dict:
    rows = []
    for item in items:
        plan = engine.plan(item["question"])
        sources = number_sources(engine.retriever.invoke(plan.search_text, flt=plan.filter))
        *pieces, answer = engine.ask_stream(item["question"])
        assert isinstance(answer, Answer)
        draft = "".join(pieces)
        rows.append(
            {
                "question": item["question"],
                "expected": item.get("files", []),
                "unanswerable": item.get("kind") == "unanswerable",
                "draft": draft,
                "raw": raw_citations(draft, sources),
                "mode": answer.mode,
                "notice": answer.notice,
                "refused": answer.refused,
                "answer": answer.answer,
                "cited": [Path(c.path).name for c in answer.citations],
                "checked": [c.checked for c in answer.citations],
            }
        )
    return {"summary": summarise(rows, engine.settings.llm or "extractive"), "rows": rows}


def precision(rows: list[dict], key: str) -> tuple[int, int]:
    right = total = 0
    for row in rows:
        for f in row[key]:
            total += 1
            right += not row["unanswerable"] and f in row["expected"]
    return right, total


def summarise(rows: list[dict], mode: str) -> dict:
    kinds = Counter(
        "llm refusal"
        if r["mode"] == mode and r["refused"]
        else "llm answer (checked)"
        if r["mode"] == mode
        else "extractive fallback"
        for r in rows
    )
    right, total = precision(rows, "cited")
    llm_right, llm_total = precision([r for r in rows if r["mode"] == mode], "cited")
    raw_right, raw_total = precision(rows, "raw")
    return {
        "questions": len(rows),
        "answers": dict(kinds),
        "citation_precision": round(right / total, 3) if total else 1.0,
        "citations": total,
        "llm_citation_precision": round(llm_right / llm_total, 3) if llm_total else None,
        "llm_citations": llm_total,
        "raw_draft_citation_precision": round(raw_right / raw_total, 3) if raw_total else None,
        "raw_draft_citations": raw_total,
        "unanswerable_with_citations": sum(1 for r in rows if r["unanswerable"] and r["cited"]),
        "notices": dict(Counter((r["notice"] or "").split(";")[0] for r in rows if r["notice"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="Write every row as JSON here.")
    parser.add_argument("--limit", type=int, help="Only the first N questions.")
    parser.add_argument(
        "--replay",
        type=Path,
        help="A report written by --out: its drafts again, no model needed (to tune the check).",
    )
    args = parser.parse_args()
    items = yaml.safe_load(SUITE.read_text(encoding="utf-8"))[: args.limit]
    overrides, factories = {}, None
    if args.replay:
        rows = json.loads(args.replay.read_text(encoding="utf-8"))["rows"]
        drafts = {r["question"]: r["draft"] for r in rows}
        overrides["llm"] = "replay:" + args.replay.name
        factories = {"replay": lambda name, settings: ReplayChatModel(drafts=drafts)}
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine(
            load_settings(data_dir=Path(tmp), knowledge_dir=ROOT / "knowledge", **overrides),
            llm_factories=factories,
        )
        engine.ingest()
        report = run(engine, items)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report["summary"], indent=1))


if __name__ == "__main__":
    main()
