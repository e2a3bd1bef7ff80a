"""The country brief: India and one partner, as a dated timeline of engagements (one event told
by several articles shown once), recurring themes, and the citations behind both."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from retrieval.engagements.rules import compatible
from retrieval.engagements.scope import BriefScope
from retrieval.types import ArticleInfo, Citation, CountryBrief, Engagement, Theme

CHECKED = "engagement: verbatim sentence of the article"


def _surnames(e: Engagement) -> set[str]:
    return {name.split()[-1].casefold() for name in e.names if name.split()}


def same_event(a: Engagement, b: Engagement) -> bool:
    """Two articles' reports of one event: same partners, kinds that fit, overlapping dates,
    and the same people where both name any."""
    if a.date_start is None or b.date_start is None or set(a.countries) != set(b.countries):
        return False
    if not compatible(a.kind, b.kind):
        return False
    if a.date_start > (b.date_end or b.date_start) or b.date_start > (a.date_end or a.date_start):
        return False
    mine, theirs = _surnames(a), _surnames(b)
    return not mine or not theirs or bool(mine & theirs)


def _richness(e: Engagement) -> tuple:
    narrow = (e.date_end - e.date_start).days if e.date_start and e.date_end else 9999
    return (-narrow, len(e.participants), bool(e.place), len(e.topics))


def timeline(
    engagements: list[Engagement], articles: dict[str, ArticleInfo]
) -> list[list[Engagement]]:
    """Events newest first (undated last, by article date); each a group of reports, best first."""

    def published(e: Engagement) -> date:
        info = articles.get(e.article_id)
        return info.published if info and info.published else date.min

    groups: list[list[Engagement]] = []
    for e in engagements:
        home = next(
            (
                g
                for g in groups
                if g[0].article_id != e.article_id and any(same_event(e, other) for other in g)
            ),
            None,
        )
        if home is None:
            groups.append([e])
        else:
            home.append(e)
    for g in groups:
        g.sort(key=_richness, reverse=True)
    dated = sorted(
        (g for g in groups if g[0].date_start),
        reverse=True,
        key=lambda g: (g[0].date_start, published(g[0])),
    )
    undated = sorted(
        (g for g in groups if not g[0].date_start), reverse=True, key=lambda g: published(g[0])
    )
    return dated + undated


def engagement_citation(n: int, e: Engagement, info: ArticleInfo) -> Citation:
    """The citation of the article that reports an engagement, quoting its sentence."""
    return Citation(
        n=n,
        article_id=e.article_id,
        title=info.title,
        source=info.source,
        published=info.published,
        url=info.url,
        path=info.path,
        quote=e.quote,
        checked=CHECKED,
    )


def build_brief(
    code: str,
    name: str,
    about: list[ArticleInfo],
    engagements: list[Engagement],
    articles: dict[str, ArticleInfo],
    scope: BriefScope | None = None,
) -> CountryBrief:
    """The brief from the articles about the country and the engagements with it (those the
    scope keeps, if one is given)."""
    brief = CountryBrief(country_code=code, country_name=name, articles=len(about), message=None)
    if not about:
        brief.message = f"No articles about India and {name} yet."
        return brief
    known = [e for e in engagements if e.article_id in articles]
    if scope is not None and not scope.empty:
        kept = [e for e in known if scope.keeps(e)]
        brief.scope, brief.outside, known = scope.describe(), len(known) - len(kept), kept
    topic_events: dict[str, list[int]] = defaultdict(list)
    topic_articles: dict[str, set[str]] = defaultdict(set)
    for group in timeline(known, articles):
        number = len(brief.citations) + 1
        first = group[0].model_copy(update={"citation": number})
        also, topics = [], list(first.topics)
        for e in group:
            brief.citations.append(
                engagement_citation(len(brief.citations) + 1, e, articles[e.article_id])
            )
            if e is not group[0]:
                also.append(brief.citations[-1].n)
            topics += [t for t in e.topics if t not in topics]
            for t in e.topics:
                topic_articles[t].add(e.article_id)
        brief.engagements.append(first.model_copy(update={"also": also, "topics": topics}))
        for t in topics:
            topic_events[t].append(number)
    recurring = [
        t for t, cited in topic_events.items() if len(cited) >= 2 or len(topic_articles[t]) >= 2
    ]
    recurring.sort(key=lambda t: (-len(topic_events[t]), t))
    brief.themes = [Theme(name=t, citations=topic_events[t]) for t in recurring]
    if not brief.engagements and brief.scope:
        brief.message = (
            f"No {brief.scope} between India and {name} in the articles "
            f"({_count(brief.outside, 'engagement')} outside that)."
        )
    elif not brief.engagements:
        noun = "article mentions" if len(about) == 1 else "articles mention"
        brief.message = (
            f"{len(about)} {noun} {name}, but I found no call, meeting, visit or "
            "agreement with India in them."
        )
    return brief


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
