"""Adversarial inputs for the formatting tests, and a check against both readings of the limits."""

from __future__ import annotations

from datetime import date

from bot.discord.limits import embed_violations
from retrieval.types import Citation

from .limits_check import violations

NASTY = "**bold** _it_ [x](javascript:alert(1)) ](y) `c` > q ~~s~~ ||sp|| @everyone <@1> # h 😀 "


def fits(embeds) -> bool:
    dicts = [e.to_dict() for e in embeds]
    assert embed_violations(dicts) == []
    assert violations({"embeds": dicts}) == []  # the stand-in's own reading of Discord's rules
    return True


def cite(
    n: int,
    title: str = "India and Oman talk",
    url: str | None = "https://x.example/a",
    source: str | None = "The Hindu",
) -> Citation:
    return Citation(
        n=n,
        article_id=f"a{n}",
        title=title,
        source=source,
        published=date(2025, 12, 3),
        url=url,
        path=f"{n}.txt",
        quote="q",
    )
