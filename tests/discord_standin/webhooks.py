"""Interaction endpoints: callbacks, follow-ups and @original, as Discord checks them.

A callback after 3 s gets 404 Unknown interaction, a second one 400 already acknowledged, a message
over a limit 400 Invalid Form Body: so a late, doubled or oversized answer fails the tests.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads as p
from .limits_check import violations

if TYPE_CHECKING:
    from .rest import Rest

EPHEMERAL, LOADING = 64, 128


def reply(data: Any, status: int = 200) -> web.Response:
    """JSON with exactly `Content-Type: application/json` (discord.py compares the whole header)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    return reply({"code": code, "message": message, **extra}, status)


async def read_body(request: web.Request) -> tuple[Any, list[str]]:
    """JSON body, or multipart with payload_json (discord.py's form when files are attached)."""
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        files = [getattr(v, "filename", k) for k, v in form.items() if hasattr(v, "file")]
        return json.loads(form.get("payload_json") or "{}"), files
    text = await request.text()
    return (json.loads(text) if text else None), []


class Webhooks:
    """Mixed into Rest."""

    def _store(self: Rest, channel_id: str, body: dict, **extra: Any) -> dict:
        keep = ("content", "embeds", "components", "flags", "message_reference")
        fields = {k: body[k] for k in keep if k in body}
        ref = (body.get("message_reference") or {}).get("message_id")
        if ref is not None and str(ref) in self.messages:
            fields["referenced_message"] = self.messages[str(ref)]
        data = p.message(
            channel_id,
            self.world.bot.user,
            guild_id=self._guild_of(channel_id),
            **{**fields, **extra},
        )
        self.messages[data["id"]] = data
        return data

    def _made_by(self: Rest, state: dict) -> dict:
        """What Discord adds to a message sent in answer to an interaction."""
        metadata = {"id": state["id"], "type": state["type"], "user": state["user"]}
        return {
            "webhook_id": self.world.app_id,
            "application_id": self.world.app_id,
            "interaction_metadata": metadata,
        }

    def _guild_of(self: Rest, channel_id: str) -> str | None:
        world = self.world
        guild_channels = (world.channel_id, world.thread_id, world.no_embeds_id)
        return world.guild_id if channel_id in guild_channels else None

    async def callback(self, request: web.Request) -> web.Response:
        iid, token = request.match_info["iid"], request.match_info["token"]
        body, files = await read_body(request)
        state = self.interactions.get(iid)
        kw = {"interaction_id": iid, "token": token, "files": files}
        if state is None or state["token"] != token:
            self.record(request, "callback", body, status=404, **kw)
            return error(404, 10062, "Unknown interaction")
        if time.monotonic() - state["created"] > self.callback_deadline:
            self.record(request, "callback", body, status=404, **kw)
            return error(404, 10062, "Unknown interaction")  # what Discord says when 3 s passed
        if state["acked"]:
            self.record(request, "callback", body, status=400, **kw)
            return error(400, 40060, "Interaction has already been acknowledged.")
        if problems := violations((body or {}).get("data") or {}):
            self.record(request, "callback", body, status=400, **kw)
            return error(400, 50035, "Invalid Form Body", errors=problems)
        state["acked"] = True
        kind, data = body["type"], (body.get("data") or {})
        result: dict = {"interaction": {"id": iid, "type": state["type"]}}
        if kind in (4, 5):
            flags = (data.get("flags") or 0) | (LOADING if kind == 5 else 0)
            original = self._store(
                state["channel_id"],
                {**data, "flags": flags},
                **self._made_by(state),
            )
            state["original"] = original
            result["interaction"].update(
                response_message_id=original["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(flags & EPHEMERAL),
            )
            result["resource"] = {"type": kind, "message": original}
        elif kind == 7 and state.get("original") is not None:  # a component updates its message
            state["original"].update({k: v for k, v in data.items() if k != "allowed_mentions"})
        self.record(request, "callback", body, response=result, **kw)
        return reply(result)

    def _interaction_by_token(self, token: str) -> dict | None:
        return next((s for s in self.interactions.values() if s["token"] == token), None)

    async def followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body, files = await read_body(request)
        state = self._interaction_by_token(token)
        kw = {"token": token, "files": files}
        if state is None or not state["acked"]:
            self.record(request, "followup", body, status=404, **kw)
            return error(404, 10015, "Unknown Webhook")
        if problems := violations(body or {}):
            self.record(request, "followup", body, status=400, **kw)
            return error(400, 50035, "Invalid Form Body", errors=problems)
        data = self._store(
            state["channel_id"],
            body,
            **self._made_by(state),
        )
        self.record(request, "followup", body, response=data, interaction_id=state["id"], **kw)
        return reply(data)

    async def webhook_message(self, request: web.Request) -> web.Response:
        token, mid = request.match_info["token"], request.match_info["mid"]
        state = self._interaction_by_token(token)
        original = state and state.get("original")
        target = original if mid == "@original" else self.messages.get(mid)
        if state is None or target is None:
            self.record(request, "other", status=404, token=token)
            return error(404, 10008, "Unknown Message")
        if request.method == "GET":
            return reply(target)
        if request.method == "DELETE":
            self.record(request, "delete", token=token)
            return web.Response(status=204)
        body, files = await read_body(request)
        if problems := violations(body or {}):
            self.record(request, "edit_original", body, status=400, token=token)
            return error(400, 50035, "Invalid Form Body", errors=problems)
        target.update({k: v for k, v in (body or {}).items() if k != "allowed_mentions"})
        target["flags"] = (target.get("flags") or 0) & ~LOADING
        self.record(
            request,
            "edit_original",
            body,
            response=target,
            token=token,
            interaction_id=state["id"],
            files=files,
        )
        return reply(target)
