"""A brief's timeline as a picture: dated engagements per quarter, stacked by kind (matplotlib,
drawn off-screen to PNG bytes, so no display is needed)."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

from retrieval.engagements.rules import KINDS
from retrieval.types import CountryBrief


def quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (year, q) = [], first
    while (year, q) <= last:
        out.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def counts(brief: CountryBrief) -> tuple[list[tuple[int, int]], dict[str, list[int]]]:
    """Every quarter from the first dated engagement to the last (empty ones too: gaps are
    news), and per kind how many engagements began in each."""
    dated = [e for e in brief.engagements if e.date_start]
    if not dated:
        return [], {}
    per = Counter((e.kind, quarter(e.date_start)) for e in dated if e.date_start)
    span = quarters_between(
        min(quarter(e.date_start) for e in dated if e.date_start),
        max(quarter(e.date_start) for e in dated if e.date_start),
    )
    kinds = sorted({kind for kind, _ in per}, key=lambda k: -sum(per[k, q] for q in span))
    return span, {k: [per[k, q] for q in span] for k in kinds}


def chart_png(brief: CountryBrief) -> bytes | None:
    """The PNG, or None when no engagement is dated (nothing to draw)."""
    span, by_kind = counts(brief)
    if not span:
        return None
    import matplotlib

    matplotlib.use("Agg")  # off-screen: a server, a pipe, CI
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(max(6.0, min(16.0, 0.35 * len(span) + 3)), 4.0), dpi=100)
    ax = fig.subplots()
    x = range(len(span))
    bottom = [0] * len(span)
    colours = matplotlib.colormaps["tab10"]
    for kind, values in by_kind.items():
        colour = colours(KINDS.index(kind) % 10 if kind in KINDS else 9)  # one colour a kind
        ax.bar(x, values, bottom=bottom, label=kind, width=0.6, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xlim(-0.8, max(len(span) - 0.2, 2.2))  # a lone quarter is a bar, not a wall
    labels = [f"{y} Q{q}" for y, q in span]
    step = max(1, len(span) // 16)  # at most ~16 labels, so they stay legible
    ax.set_xticks(list(x)[::step], labels[::step], rotation=45, ha="right", fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("engagements")
    scope = f" ({brief.scope})" if brief.scope else ""
    ax.set_title(f"India – {brief.country_name}: engagements per quarter{scope}", fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
