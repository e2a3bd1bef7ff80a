"""Country choices for slash-command autocomplete: at most 25, best-covered first when empty."""

from __future__ import annotations

import logging

from discord import app_commands

from bot.discord.client import BilateralBot
from bot.discord.limits import CHOICE_TEXT, CHOICES, clip

log = logging.getLogger(__name__)


async def country_choices(bot: BilateralBot, current: str) -> list[app_commands.Choice[str]]:
    """Empty input: the countries with most articles; else the engine's alias/fuzzy matches."""
    text = current.strip()[:CHOICE_TEXT]
    try:
        if not text:
            rows = await bot.run_lookup(bot.engine.country_names)
            labelled = [
                (f"{name} ({count} article{'' if count == 1 else 's'})", name)
                for _code, name, count in rows[:CHOICES]
            ]
        else:
            rows = await bot.run_lookup(bot.engine.suggest_countries, text, CHOICES)
            labelled = [(name, name) for _code, name in rows[:CHOICES]]
    except Exception:  # a failed lookup shows no choices; the user can still type a name
        log.warning("Country autocomplete failed for %r", text, exc_info=True)
        return []
    return [
        app_commands.Choice(name=clip(label, CHOICE_TEXT), value=clip(value, CHOICE_TEXT))
        for label, value in labelled
    ]
