"""`bilateral eval`: a QA file run through the engine, scored for retrieval, facts and citations."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from retrieval.errors import BadInput


class EvalItem(BaseModel):
    question: str
    any_of: list[list[str]] = Field(
        default_factory=list, description="Groups; one string of each must be in the answer."
    )
    files: list[str] = Field(default_factory=list, description="Expected among the citations.")
    kind: str = Field(
        "answerable",
        description="unanswerable, or what an answerable one asks: "
        "who, when, where, what, how_many, agreements, list, multi_part, ...",
    )
    style: Literal["channel", "formal"] | None = Field(None, description="How it is typed.")
    type: str | None = Field(None, description="timeline: answered from the engagement table.")

    @field_validator("any_of", mode="before")
    @classmethod
    def _strings(cls, groups):  # YAML reads a bare 2025 as a number
        return [[str(s) for s in g] for g in groups or []]

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


class EvalReport(BaseModel):
    questions: int
    answerable: int
    unanswerable: int
    hit_at_k: float
    mrr: float
    fact_accuracy: float
    citation_precision: float
    refusal_accuracy: float
    false_refusals: float
    failures: list[str] = Field(default_factory=list)


def load_items(path: Path) -> list[EvalItem]:
    """The QA file's items; a malformed file is one BadInput saying where."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BadInput(f"cannot read {path}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, list):
        raise BadInput(f"{path}: expected a list of items with a `question` each")
    items = []
    for i, raw in enumerate(data, 1):
        try:
            items.append(EvalItem.model_validate(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise BadInput(
                f"{path}: item {i}: {'.'.join(map(str, err['loc']))}: {err['msg']}"
            ) from None
    return items


def _matches(path: str, expected: list[str]) -> bool:
    return any(path == f or path.endswith("/" + f) for f in expected)


def _ratio(part: float, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def run_eval(engine, items: list[EvalItem]) -> EvalReport:
    answerable = [i for i in items if i.answerable]
    unanswerable = [i for i in items if i.kind == "unanswerable"]
    hits = rr = facts = refused_wrongly = 0.0
    cited = cited_right = 0
    failures: list[str] = []
    for item in answerable:
        ranked = engine.retrieve(item.question)
        rank = next((r for r, p in enumerate(ranked, 1) if _matches(p, item.files)), None)
        hits += rank is not None
        rr += 1 / rank if rank else 0
        answer = engine.ask(item.question)
        text = answer.answer.lower()
        fact = all(any(s.lower() in text for s in group) for group in item.any_of)
        cites_file = not item.files or any(_matches(c.path, item.files) for c in answer.citations)
        refused_wrongly += answer.refused
        cited += len(answer.citations)
        cited_right += (
            sum(_matches(c.path, item.files) for c in answer.citations)
            if item.files
            else len(answer.citations)
        )
        if answer.refused or not fact or not cites_file:
            why = "refused" if answer.refused else "fact missing" if not fact else "wrong source"
            failures.append(f"{why}: {item.question} -> {answer.answer[:200]}")
        else:
            facts += 1
    refused_right = 0
    for item in unanswerable:
        answer = engine.ask(item.question)
        if answer.refused and not answer.citations:
            refused_right += 1
        else:
            cited += len(answer.citations)
            failures.append(f"not refused: {item.question} -> {answer.answer[:200]}")
    return EvalReport(
        questions=len(items),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        hit_at_k=_ratio(hits, len(answerable)),
        mrr=_ratio(rr, len(answerable)),
        fact_accuracy=_ratio(facts, len(answerable)),
        citation_precision=_ratio(cited_right, cited) if cited else 1.0,
        refusal_accuracy=_ratio(refused_right, len(unanswerable)),
        false_refusals=_ratio(refused_wrongly, len(answerable)),
        failures=failures,
    )


QA_METRICS = (
    "hit_at_k",
    "mrr",
    "fact_accuracy",
    "citation_precision",
    "refusal_accuracy",
    "false_refusals",
)
QA_CEILINGS = {"false_refusals"}  # lower is better


def parse_qa_floors(specs: list[str]) -> dict[str, float]:
    """'fact_accuracy=0.9' ...; false_refusals is a ceiling. BadInput names a bad one."""
    floors: dict[str, float] = {}
    for spec in specs:
        metric, _, value = spec.partition("=")
        if metric not in QA_METRICS or not value:
            raise BadInput(
                f"bad floor {spec!r}: use METRIC=NUMBER with METRIC one of {', '.join(QA_METRICS)}"
            )
        try:
            floors[metric] = float(value)
        except ValueError:
            raise BadInput(f"bad floor {spec!r}: {value!r} is not a number") from None
    return floors


def missed_qa_floors(report: EvalReport, floors: dict[str, float]) -> list[str]:
    """One line per floor (or ceiling) the report misses."""
    missed = []
    for metric, bound in floors.items():
        value = getattr(report, metric)
        if (value > bound) if metric in QA_CEILINGS else (value < bound):
            word = "above" if metric in QA_CEILINGS else "below"
            missed.append(f"{metric} = {value:.3f} is {word} {bound:.3f}")
    return missed
