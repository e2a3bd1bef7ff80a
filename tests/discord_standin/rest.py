"""The stand-in's REST API under /api/v10: the routes discord.py 2.x uses, recorded as Calls."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from . import payloads as p
from .limits_check import violations
from .records import Call, Recorder
from .webhooks import Webhooks, error, read_body, reply
from .world import World

log = logging.getLogger("standin.rest")
API = "/api/v10"


class Rest(Webhooks):
    def __init__(self, world: World, recorder: Recorder, token: str, gateway_url: str) -> None:
        self.world, self.recorder, self.token = world, recorder, token
        self.gateway_url = gateway_url
        self.commands: dict[str, list[dict]] = {}  # "global" or guild id -> registered commands
        self.interactions: dict[str, dict] = {}  # id -> {token, created, acked, original}
        self.messages: dict[str, dict] = {}
        self.callback_deadline = 3.0

    def routes(self) -> list[web.RouteDef]:
        r, a = web, API
        return [
            r.get(a + "/gateway/bot", self.gateway_bot),
            r.get(a + "/gateway", self.gateway_bot),
            r.get(a + "/users/@me", self.users_me),
            r.get(a + "/oauth2/applications/@me", self.app_info),
            r.put(a + "/applications/{app}/commands", self.put_commands),
            r.get(a + "/applications/{app}/commands", self.get_commands),
            r.put(a + "/applications/{app}/guilds/{guild}/commands", self.put_commands),
            r.get(a + "/applications/{app}/guilds/{guild}/commands", self.get_commands),
            r.post(a + "/interactions/{iid}/{token}/callback", self.callback),
            r.post(a + "/webhooks/{app}/{token}", self.followup),
            r.route("*", a + "/webhooks/{app}/{token}/messages/{mid}", self.webhook_message),
            r.post(a + "/channels/{cid}/messages", self.channel_message),
            r.get(a + "/channels/{cid}/messages/{mid}", self.get_message),
            r.post(a + "/channels/{cid}/typing", self.typing),
            r.put(a + "/channels/{cid}/messages/{mid}/reactions/{emoji}/@me", self.react),
            r.post(a + "/channels/{cid}/threads", self.thread),
            r.post(a + "/channels/{cid}/messages/{mid}/threads", self.thread),
            r.get(a + "/channels/{cid}", self.get_channel),
            r.route("*", "/{tail:.*}", self.unknown),
        ]

    @web.middleware
    async def auth(self, request: web.Request, handler) -> web.StreamResponse:
        """Bot routes need `Authorization: Bot <token>`; interaction webhooks carry their own."""
        path = request.path
        if path.startswith((API + "/webhooks", API + "/interactions", "/gateway")):
            return await handler(request)
        if request.headers.get("Authorization") != f"Bot {self.token}":
            self.recorder.add(Call("unauthorized", request.method, path, status=401))
            return error(401, 0, "401: Unauthorized")
        return await handler(request)

    def record(self, request: web.Request, kind: str, body: Any = None, **kw: Any) -> Call:
        return self.recorder.add(
            Call(kind, request.method, request.path, json=body, query=dict(request.query), **kw)
        )

    async def gateway_bot(self, request: web.Request) -> web.Response:
        self.record(request, "gateway_bot")
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return reply({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def users_me(self, request: web.Request) -> web.Response:
        self.record(request, "login")
        return reply(self.world.bot.user)

    async def app_info(self, request: web.Request) -> web.Response:
        self.record(request, "app_info")
        return reply(self.world.app_info())

    async def put_commands(self, request: web.Request) -> web.Response:
        body, _ = await read_body(request)
        scope = request.match_info.get("guild", "global")
        registered = []
        for command in body:
            extra = {} if scope == "global" else {"guild_id": scope}
            registered.append(
                {
                    **command,
                    "id": p.snowflake(),
                    "application_id": self.world.app_id,
                    "version": p.snowflake(),
                    "type": command.get("type", 1),
                    **extra,
                }
            )
        self.commands[scope] = registered
        self.record(request, "sync", body, response=registered)
        return reply(registered)

    async def get_commands(self, request: web.Request) -> web.Response:
        return reply(self.commands.get(request.match_info.get("guild", "global"), []))

    async def channel_message(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        body, files = await read_body(request)
        if problems := violations(body or {}):
            self.record(request, "channel_message", body, status=400, channel_id=cid)
            return error(400, 50035, "Invalid Form Body", errors=problems)
        data = self._store(cid, body or {})
        self.record(request, "channel_message", body, response=data, channel_id=cid, files=files)
        return reply(data)

    async def get_message(self, request: web.Request) -> web.Response:
        message = self.messages.get(request.match_info["mid"])
        return reply(message) if message else error(404, 10008, "Unknown Message")

    async def typing(self, request: web.Request) -> web.Response:
        self.record(request, "typing", channel_id=request.match_info["cid"])
        return web.Response(status=204)  # no body, so no content type: discord.py reads ""

    async def react(self, request: web.Request) -> web.Response:
        """The bot reacts to a message: recorded with the emoji (URL-decoded) as its json."""
        mid, emoji = request.match_info["mid"], request.match_info["emoji"]
        if mid not in self.messages:
            self.record(
                request, "reaction", emoji, status=404, channel_id=request.match_info["cid"]
            )
            return error(404, 10008, "Unknown Message")
        self.record(request, "reaction", emoji, channel_id=request.match_info["cid"])
        return web.Response(status=204)

    async def thread(self, request: web.Request) -> web.Response:
        body, _ = await read_body(request)
        cid = request.match_info["cid"]
        data = p.thread_channel(
            p.snowflake(),
            self.world.guild_id,
            cid,
            (body or {}).get("name", "thread"),
            self.world.bot.id,
        )
        self.record(request, "thread", body, response=data, channel_id=cid)
        return reply(data, 201)

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self.world.channel(request.match_info["cid"])
        return reply(channel) if channel else error(404, 10003, "Unknown Channel")

    async def unknown(self, request: web.Request) -> web.Response:
        body = await request.read()
        log.error(
            "STAND-IN: no route for %s %s (body %d bytes)", request.method, request.path, len(body)
        )
        self.record(request, "unknown", status=404)
        return error(404, 0, f"404: Not Found (stand-in has no {request.method} {request.path})")
