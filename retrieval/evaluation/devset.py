"""Named evaluation sets (calibration, test, seeds), each answered from its own corpus and
scored the way a user judges an answer: is the fact there, is the right article cited, is every
quote verbatim, are unanswerable questions refused and answerable ones not, how long is it."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from retrieval.errors import BadInput
from retrieval.evaluation.conversations import (
    ConversationScores,
    TurnResult,
    load_conversations,
    run_conversations,
    score_conversations,
)
from retrieval.evaluation.engagements import EngagementScores, load_labels, score_engagements
from retrieval.evaluation.qa import EvalItem, load_items
from retrieval.settings import Settings

METRICS = (
    "fact",
    "cited",
    "verbatim",
    "refused_unanswerable",
    "refused_answerable",
    "median_chars",
    # conversations (a set that has them): follow-ups against the same questions in full, new
    # subjects against the same turns asked alone, unanswerable follow-ups refused
    "follow_up_ratio",
    "new_subject_gap",
    "refused_unanswerable_follow_ups",
    # engagement extraction (a set with labelled engagements)
    "engagement_precision",
    "engagement_recall",
)


class EvalSet(BaseModel):
    name: str
    questions: list[Path]
    corpus: Path
    conversations: list[Path] = Field(default_factory=list)
    engagements: list[Path] = Field(default_factory=list)


class ItemResult(BaseModel):
    question: str
    kind: str
    answer: str
    refused: bool
    fact: bool = False
    cited: bool = False
    verbatim: bool = True
    files: list[str] = Field(default_factory=list)
    confidence: float | None = None  # the abstention model's, when it had a say


class ReliabilityBin(BaseModel):
    """Answers whose confidence fell in [low, high): how many, and how many held."""

    low: float
    high: float
    answers: int
    mean_confidence: float
    held: float  # share that were right: answerable and the fact in the answer


class SetReport(BaseModel):
    name: str
    questions: int
    answerable: int
    unanswerable: int
    fact: float
    cited: float
    verbatim: float
    refused_unanswerable: float
    refused_answerable: float
    median_chars: float
    results: list[ItemResult] = Field(default_factory=list)
    reliability: list[ReliabilityBin] = Field(default_factory=list)
    conversations: ConversationScores | None = None
    turns: list[TurnResult] = Field(default_factory=list)
    engagements: EngagementScores | None = None

    def metric(self, name: str) -> float | None:
        """A floor's metric: the report's own, its conversations' or its engagements' (None
        when the set has none of those)."""
        if name.startswith("engagement_"):
            part, name = self.engagements, name.removeprefix("engagement_")
        else:
            part = self if name in type(self).model_fields else self.conversations
        return None if part is None else getattr(part, name)


def load_sets(path: Path) -> dict[str, EvalSet]:
    """eval/sets.yaml: name -> questions (files or folders) and corpus, relative to the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        base = path.parent
        return {
            name: EvalSet(
                name=name,
                questions=[base / q for q in _listed(spec["questions"])],
                corpus=base / spec["corpus"],
                conversations=[base / c for c in _listed(spec.get("conversations", []))],
                engagements=[base / e for e in _listed(spec.get("engagements", []))],
            )
            for name, spec in raw.items()
        }
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise BadInput(f"cannot read the sets in {path}: {exc}") from None


def set_settings(base: Settings, eval_set: EvalSet) -> Settings:
    """The settings of an engine that answers a set: a store of its own under the data dir
    (eval/NAME), filled from the set's corpus."""
    return base.model_copy(
        update={
            "data_dir": base.data_dir / "eval" / eval_set.name,
            "knowledge_dir": eval_set.corpus,
        }
    )


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def question_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    return out


def load_questions(paths: list[Path]) -> list[EvalItem]:
    return [item for f in question_files(paths) for item in load_items(f)]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold().strip()


def _matches(path: str, expected: list[str]) -> bool:
    return any(path == f or path.endswith("/" + f) for f in expected)


class Scorer:
    """Scores answers against items; quotes are checked against the corpus files' own text."""

    def __init__(self, corpus: Path) -> None:
        self.texts = {
            p.name: _norm(p.read_text(encoding="utf-8", errors="replace"))
            for p in corpus.rglob("*")
            if p.is_file()
        }

    def verbatim(self, quote: str, path: str) -> bool:
        text = self.texts.get(Path(path).name)
        return text is not None and _norm(quote) in text

    def score(self, item: EvalItem, answer) -> ItemResult:
        files = [c.path for c in answer.citations]
        result = ItemResult(
            question=item.question,
            kind=item.kind,
            answer=answer.answer,
            refused=answer.refused,
            files=files,
            confidence=answer.confidence,
        )
        result.verbatim = all(self.verbatim(c.quote, c.path) for c in answer.citations)
        if item.kind == "unanswerable" or answer.refused:
            return result
        text = answer.answer.casefold()
        result.fact = all(
            any(s.casefold() in text for s in map(str, group)) for group in item.any_of
        )
        result.cited = not item.files or any(_matches(f, item.files) for f in files)
        return result


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 1.0


def reliability(results: list[ItemResult], bins: int = 5) -> list[ReliabilityBin]:
    """The reliability curve of the answers given: per confidence bin, the share that held."""
    given = [r for r in results if not r.refused and r.confidence is not None]
    curve = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [
            r
            for r in given
            if low <= (r.confidence or 0.0) < high or (i == bins - 1 and r.confidence == 1.0)
        ]
        if inside:
            curve.append(
                ReliabilityBin(
                    low=low,
                    high=high,
                    answers=len(inside),
                    mean_confidence=round(statistics.fmean(r.confidence or 0.0 for r in inside), 3),
                    held=_share([r.kind != "unanswerable" and r.fact for r in inside]),
                )
            )
    return curve


def summarise(name: str, results: list[ItemResult]) -> SetReport:
    ans = [r for r in results if r.kind != "unanswerable"]
    una = [r for r in results if r.kind == "unanswerable"]
    lengths = [len(r.answer) for r in ans if not r.refused]
    return SetReport(
        name=name,
        questions=len(results),
        answerable=len(ans),
        unanswerable=len(una),
        fact=_share([r.fact for r in ans]),
        cited=_share([r.cited for r in ans]),
        verbatim=_share([r.verbatim for r in results if not r.refused]),
        refused_unanswerable=_share([r.refused for r in una]),
        refused_answerable=_share([r.refused for r in ans]),
        median_chars=float(statistics.median(lengths)) if lengths else 0.0,
        results=results,
        reliability=reliability(results),
    )


def run_set(engine, eval_set: EvalSet) -> SetReport:
    """Every question of the set asked alone of an engine whose store holds the set's corpus;
    then its conversations, turn by turn."""
    scorer = Scorer(eval_set.corpus)
    results = [
        scorer.score(item, engine.ask(item.question)) for item in load_questions(eval_set.questions)
    ]
    report = summarise(eval_set.name, results)
    if eval_set.conversations:
        turns = run_conversations(engine, load_conversations(eval_set.conversations), scorer)
        report.conversations, report.turns = score_conversations(turns), turns
    if eval_set.engagements:
        catalogue = engine.catalogue()
        found = {
            Path(info.path).name: catalogue.by_article.get(aid, [])
            for aid, info in catalogue.articles.items()
        }
        labels = load_labels(eval_set.engagements)
        report.engagements = score_engagements(found, labels, engine.countries)
    return report


def parse_floors(specs: list[str]) -> dict[tuple[str | None, str], float]:
    """'fact=0.8' (every set) or 'test.fact=0.85' (one set); refused_answerable is a ceiling."""
    floors: dict[tuple[str | None, str], float] = {}
    for spec in specs:
        key, _, value = spec.partition("=")
        set_name, _, metric = key.rpartition(".")
        if metric not in METRICS or not value:
            raise BadInput(
                f"bad floor {spec!r}: use METRIC=NUMBER or SET.METRIC=NUMBER with "
                f"METRIC one of {', '.join(METRICS)}"
            )
        try:
            floors[(set_name or None, metric)] = float(value)
        except ValueError:
            raise BadInput(f"bad floor {spec!r}: {value!r} is not a number") from None
    return floors


CEILINGS = {"refused_answerable", "median_chars", "new_subject_gap"}  # lower is better


def missed_floors(report: SetReport, floors: dict[tuple[str | None, str], float]) -> list[str]:
    missed = []
    for (set_name, metric), bound in floors.items():
        if set_name not in (None, report.name):
            continue
        value = report.metric(metric)
        if value is None:  # a set without them misses only a floor named for it
            if set_name is not None:
                missed.append(f"{report.name}.{metric}: the set has nothing to measure it on")
            continue
        if (value > bound) if metric in CEILINGS else (value < bound):
            word = "above" if metric in CEILINGS else "below"
            missed.append(f"{report.name}.{metric} = {value:.3f} is {word} {bound:.3f}")
    return missed
