"""Country choices for slash-command autocomplete: only countries the articles cover, with their
article counts, best match first, at most 25."""

from __future__ import annotations

import logging

from discord import app_commands

from bot.discord.client import BilateralBot
from bot.discord.engine_port import EngineLike
from bot.discord.limits import CHOICE_TEXT, CHOICES, clip

log = logging.getLogger(__name__)

EVERY_MATCH = 1000  # ask the engine for all its matches: the uncovered ones are dropped here


def covered_matches(engine: EngineLike, text: str) -> list[tuple[str, int]]:
    """(name, articles) of the covered countries that match text, best first; for no text, the
    best covered first. Blocking: run it off the event loop."""
    covered = engine.country_names()  # (code, name, articles), most articles first
    if not text:
        return [(name, count) for _code, name, count in covered]
    counts = {code: (name, count) for code, name, count in covered}
    found: dict[str, tuple[str, int]] = {}
    for code, _name in engine.suggest_countries(text, EVERY_MATCH):
        if code in counts:
            found.setdefault(code, counts[code])
    return list(found.values())


def choice_label(name: str, articles: int) -> str:
    """`Oman (3 articles)`, within Discord's 100 characters."""
    count = f" ({articles} article{'' if articles == 1 else 's'})"
    return clip(name, CHOICE_TEXT - len(count)) + count


async def country_choices(bot: BilateralBot, current: str) -> list[app_commands.Choice[str]]:
    text = current.strip()[:CHOICE_TEXT]
    try:
        rows = await bot.run_lookup(covered_matches, bot.engine, text)
    except Exception:  # a failed lookup shows no choices; the user can still type a name
        log.warning("Country autocomplete failed for %r", text, exc_info=True)
        return []
    return [
        app_commands.Choice(name=choice_label(name, count), value=clip(name, CHOICE_TEXT))
        for name, count in rows[:CHOICES]
    ]
