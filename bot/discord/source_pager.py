"""◀ ▶ buttons under a /sources list: each names the page it shows and the country, so a click
re-reads the list and works after a restart too (matched by pattern, no view kept per list)."""

from __future__ import annotations

import logging
import re
from typing import Any, cast

import discord

from bot.discord.client import BilateralBot
from bot.discord.errors import NO_MENTIONS, tell, words_for
from bot.discord.source_pages import sources_page

log = logging.getLogger(__name__)

PREFIX = "bilateral:sources:"
TEMPLATE = PREFIX + r"(?P<page>[0-9]+):(?P<country>.*)"
COUNTRY_ROOM = 100 - len(PREFIX) - 6  # a custom_id holds 100 characters; 6 for the page


class PageButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
    """Shows page `page` of the articles (about `country`, '' for all) in the message it is on."""

    def __init__(self, page: int, country: str, *, label: str = "", disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or str(page),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{PREFIX}{page}:{country}",
                disabled=disabled,
            )
        )
        self.page = page
        self.country = country

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PageButton:
        return cls(int(match["page"]), match["country"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = cast(BilateralBot, interaction.client)
        country = self.country or None
        try:
            await interaction.response.defer()  # the list's message is edited, not answered
            articles = await bot.run_lookup(bot.engine.sources, country)
            embed, page, pages = sources_page(articles, country, self.page)
            await interaction.edit_original_response(
                embeds=[embed], view=pager_view(page, pages, country), allowed_mentions=NO_MENTIONS
            )
        except Exception as exc:  # discord.py would only log it; the user gets a sentence too
            text, worth_logging = words_for(exc)
            if worth_logging:
                log.exception("Turning a /sources page failed")
            await tell(interaction, text)


def pager_view(page: int, pages: int, country: str | None) -> discord.ui.View:
    """◀ and ▶ for a list of more than one page (an empty view for one page, which removes
    buttons from a message that had them)."""
    view = discord.ui.View(timeout=None)
    if pages > 1:
        where = (country or "")[:COUNTRY_ROOM]
        view.add_item(PageButton(page - 1, where, label="◀ Newer", disabled=page <= 1))
        view.add_item(PageButton(page + 1, where, label="Older ▶", disabled=page >= pages))
    return view
