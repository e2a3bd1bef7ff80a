"""Where discord.py connects: Discord itself, or a stand-in at settings.api_base (tests, staging).

discord.py has two process-wide switches for this, class attributes it reads on every use:
`discord.http.Route.BASE` (every REST URL, interaction webhooks included, is `Route.BASE + path`;
the library's own `_set_api_version` sets it the same way) and `DiscordWebSocket.DEFAULT_GATEWAY`
(the websocket a plain `Client` connects to; only `AutoShardedClient` asks `GET /gateway/bot`).
So one process talks to one Discord at a time.
"""

from __future__ import annotations

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route

from retrieval import DiscordSettings
from retrieval.settings import DISCORD_API


def use_api_base(api_base: str) -> None:
    """Send every REST call to api_base (e.g. http://127.0.0.1:PORT/api/v10)."""
    Route.BASE = api_base.rstrip("/")


async def use_gateway(http: HTTPClient, settings: DiscordSettings) -> None:
    """Connect the websocket to settings.gateway_url, or to the URL a non-Discord API announces."""
    if settings.gateway_url:
        url = settings.gateway_url
    elif settings.api_base.rstrip("/") != DISCORD_API:
        _shards, url, _limits = await http.get_bot_gateway()
    else:
        return  # discord.py's default, Discord's own gateway
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
