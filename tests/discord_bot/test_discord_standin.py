"""The stand-in itself: Discord's answers as discord.py expects them, and its refusals."""

from __future__ import annotations

import json

import aiohttp
import pytest
from discord_standin.server import StandIn


@pytest.fixture
def server():
    with StandIn(token="t0ken") as standin:
        yield standin


async def test_json_multipart_and_loud_404s(server):
    auth = {"Authorization": "Bot t0ken"}
    async with aiohttp.ClientSession(headers=auth) as http:
        async with http.get(f"{server.api_base}/gateway/bot") as response:
            assert response.headers["Content-Type"] == "application/json"  # exactly
            assert (await response.json())["url"].startswith("ws://127.0.0.1:")
        form = aiohttp.FormData()
        form.add_field(
            "payload_json", json.dumps({"content": "hi"}), content_type="application/json"
        )
        form.add_field("files[0]", b"data", filename="notes.txt")
        channel = server.world.channel_id
        async with http.post(
            f"{server.api_base}/channels/{channel}/messages", data=form
        ) as response:
            assert response.status == 200
        [sent] = server.calls_of("channel_message")
        assert sent.json == {"content": "hi"} and sent.files == ["notes.txt"]
        async with http.get(f"{server.api_base}/guilds/1/audit-logs") as response:
            assert response.status == 404 and "no GET" in (await response.json())["message"]
        assert server.calls_of("unknown")[0].path.endswith("/guilds/1/audit-logs")
    async with (
        aiohttp.ClientSession() as http,  # no token
        http.get(f"{server.api_base}/users/@me") as response,
    ):
        assert response.status == 401


async def test_late_doubled_and_oversized_answers_are_refused(server):
    base = server.api_base
    late, twice, big = (server._build(2, {"name": "ask"}, None) for _ in range(3))
    server.rest.interactions[late.id]["created"] -= 3.5
    async with aiohttp.ClientSession() as http:

        async def callback(handle, body):
            url = f"{base}/interactions/{handle.id}/{handle.token}/callback"
            async with http.post(url, json=body) as response:
                return response.status, await response.json()

        assert (await callback(late, {"type": 5}))[1]["code"] == 10062
        assert (await callback(twice, {"type": 5}))[0] == 200
        assert (await callback(twice, {"type": 5}))[1]["code"] == 40060
        status, body = await callback(big, {"type": 4, "data": {"content": "x" * 2001}})
        assert status == 400 and body["errors"] == ["content: must be 2000 or fewer in length"]
