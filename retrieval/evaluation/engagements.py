"""Engagement extraction scored on the labelled engagements of a development set: precision,
recall, exact dates and kinds, per set (the labels: eval/engagements/, eval/README.md)."""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel

from retrieval.engagements.rules import KINDS, compatible
from retrieval.entities.countries import CountryIndex
from retrieval.errors import BadInput
from retrieval.types import Engagement

# the labels' kinds in the extractor's words ("exercise" has none: found exercises are missed)
KIND = {
    "call": ("phone call",),
    "meeting": ("meeting",),
    "visit": ("visit",),
    "dialogue": ("dialogue", "joint committee"),
    "summit": ("summit",),
    "agreement": ("agreement",),
    "exercise": ("exercise",),
}


class EngagementScores(BaseModel):
    labelled: int  # engagements to find (background mentions are optional)
    found: int
    right: int
    precision: float
    recall: float
    exact_date: float  # of the right ones whose label has a date: the date found is inside it
    exact_kind: float  # of the right ones: the kind found is the labelled one


def _span(label: str | None) -> tuple[date, date] | None:
    """A label's date ('2025-04-05', '2023-10', '2022-03-30/2022-04-01') as a span."""
    if not label:
        return None
    text = str(label)
    if "/" in text:
        first, last = (_span(part) for part in text.split("/", 1))
        return (first[0], last[1]) if first and last else None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(
            parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]
        )
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _same(found: Engagement, label: dict, code: str | None) -> bool:
    if code is None or code not in found.countries:
        return False
    kinds = KIND.get(label["kind"], (label["kind"],))
    if not any(
        k == found.kind or (k in KINDS and found.kind in KINDS and compatible(k, found.kind))
        for k in kinds
    ):
        return False
    span = _span(label.get("date"))
    if span is None or found.date_start is None:
        return True  # undated on either side: the partner and the kind decide
    end = found.date_end or found.date_start
    return found.date_start <= span[1] and end >= span[0]


def load_labels(paths: list[Path]) -> dict[str, list[dict]]:
    """file name -> its labelled engagements."""
    files = [f for p in paths for f in (sorted(p.glob("*.yaml")) if p.is_dir() else [p])]
    labels: dict[str, list[dict]] = {}
    for path in files:
        try:
            for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                labels[item["file"]] = list(item.get("engagements") or [])
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise BadInput(f"cannot read the engagements in {path}: {exc}") from None
    return labels


def score_engagements(
    found: dict[str, list[Engagement]], labels: dict[str, list[dict]], index: CountryIndex
) -> EngagementScores:
    """found: file name -> the engagements extracted from it; every labelled file is scored
    (one with nothing found counts its labels missed)."""
    right = wrong = missed = labelled = dated = exact_dates = exact_kinds = 0
    for name, gold in labels.items():
        left = list(gold)
        for engagement in found.get(name, []):
            hit = next(
                (
                    g
                    for g in left
                    if _same(engagement, g, (index.lookup(str(g["partner"])) or _NONE).code)
                ),
                None,
            )
            if hit is None:
                wrong += 1
                continue
            left.remove(hit)
            if hit.get("background"):
                continue  # a background mention found: neither right nor wrong
            right += 1
            span = _span(hit.get("date"))
            if span is not None:
                dated += 1
                exact_dates += bool(
                    engagement.date_start and span[0] <= engagement.date_start <= span[1]
                )
            exact_kinds += engagement.kind == KIND.get(hit["kind"], (hit["kind"],))[0]
        missed += sum(1 for g in left if not g.get("background"))
        labelled += sum(1 for g in gold if not g.get("background"))
    return EngagementScores(
        labelled=labelled,
        found=right + wrong,
        right=right,
        precision=round(right / (right + wrong), 4) if right + wrong else 1.0,
        recall=round(right / (right + missed), 4) if right + missed else 1.0,
        exact_date=round(exact_dates / dated, 4) if dated else 1.0,
        exact_kind=round(exact_kinds / right, 4) if right else 1.0,
    )


class _Nothing:
    code = None


_NONE = _Nothing()
