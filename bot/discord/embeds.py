"""fitted_embed: one embed built from any text, cut so that it keeps within every Discord limit."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot.discord.limits import (
    EMBED_DESCRIPTION,
    EMBED_FIELDS,
    EMBED_TITLE,
    EMBED_TOTAL,
    FIELD_NAME,
    FIELD_VALUE,
    FOOTER,
    clip,
    pack_lines,
    shorten,
    size,
)

SECTIONS_SHARE = 2400  # of the 6000 a message may hold, what lists (sources, timeline) may claim
NOTE_ROOM = 48  # kept free in each field for "…and N more"
SHORTENED = "\n\n*… shortened to fit Discord.*"


@dataclass
class Section:
    """A titled list shown as embed fields, e.g. the sources under an answer."""

    name: str
    lines: list[str]
    noun: str = "more"
    shown: int = field(default=0, init=False)


def fitted_embed(
    *,
    title: str = "",
    description: str = "",
    sections: list[Section] | None = None,
    footer: str = "",
    colour: discord.Colour | None = None,
) -> discord.Embed:
    """An embed within every limit: description cut at a sentence, lists ending '…and N more'."""
    sections = [s for s in sections or [] if s.lines]
    title = clip(title.strip(), EMBED_TITLE)
    footer = clip(footer.strip(), FOOTER)
    fixed = size(title) + size(footer)
    wanted = sum(size(s.name) + sum(size(line) + 1 for line in s.lines) for s in sections)
    room = min(EMBED_DESCRIPTION, EMBED_TOTAL - fixed - min(wanted, SECTIONS_SHARE))
    description = shorten(description.strip(), room, SHORTENED)
    embed = discord.Embed(title=title or None, description=description or None, colour=colour)
    budget = EMBED_TOTAL - fixed - size(description)
    for section in sections:
        budget = _add_section(embed, section, budget)
    if footer:
        embed.set_footer(text=footer)
    return embed


def _add_section(embed: discord.Embed, section: Section, budget: int) -> int:
    """Adds section's fields while they fit; returns what is left of the budget."""
    name = clip(section.name, FIELD_NAME - 10)
    chunks = pack_lines(section.lines, FIELD_VALUE - NOTE_ROOM)
    for i, (chunk, count) in enumerate(chunks):
        field_name = name if i == 0 else f"{name} (cont.)"
        cost = size(field_name) + size(chunk) + NOTE_ROOM
        if len(embed.fields) >= EMBED_FIELDS or cost > budget:
            break
        embed.add_field(name=field_name, value=chunk, inline=False)
        budget -= size(field_name) + size(chunk)
        section.shown += count
    left = len(section.lines) - section.shown
    if left:
        note = f"…and {left} {section.noun}"
        if section.shown:
            last = embed.fields[-1]
            embed.set_field_at(len(embed.fields) - 1, name=last.name, value=f"{last.value}\n{note}")
            budget -= size(note) + 1
        elif len(embed.fields) < EMBED_FIELDS and size(name) + size(note) <= budget:
            embed.add_field(name=name, value=note, inline=False)
            budget -= size(name) + size(note)
    return budget
