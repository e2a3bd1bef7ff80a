"""The stand-in's gateway websocket: HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, dispatch.

Frames are plain JSON text. discord.py asks for `compress=zstd-stream` (or zlib-stream) in the URL
but only decompresses binary frames (DiscordWebSocket.received_message), so text frames need none.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

from aiohttp import WSMsgType, web

from .world import World

log = logging.getLogger("standin.gateway")


class Gateway:
    """One bot session at a time; runs on the stand-in's own event loop."""

    def __init__(self, world: World, token: str, heartbeat_ms: int) -> None:
        self.world = world
        self.token = token
        self.heartbeat_ms = heartbeat_ms
        self.url = ""  # set by the server once it listens
        self.queries: list[dict] = []  # the query string of each connection
        self.identify: dict | None = None  # the last IDENTIFY, token redacted
        self.beats: list[float] = []  # when each client heartbeat arrived
        self.rtts: list[float] = []  # server-initiated heartbeat request -> client heartbeat
        self.ready = asyncio.Event()
        self.refuse_intents = 0  # intents not enabled in the "developer portal": close with 4014
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._probe_sent: float | None = None
        self._probe_task: asyncio.Task | None = None

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self.queries.append(dict(request.query))
        await self._send(ws, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}})
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                log.error("gateway: unexpected %s frame", msg.type)
                continue
            await self._receive(ws, json.loads(msg.data))
        if ws is self._ws:
            self._ws = None
            self.ready.clear()
        return ws

    async def _receive(self, ws: web.WebSocketResponse, payload: dict) -> None:
        op = payload.get("op")
        if op == 1:
            now = time.monotonic()
            self.beats.append(now)
            if self._probe_sent is not None:
                self.rtts.append(now - self._probe_sent)
                self._probe_sent = None
            await self._send(ws, {"op": 11})
        elif op == 2:
            data = dict(payload["d"])
            token_ok = data.pop("token", None) == self.token
            self.identify = {**data, "token_ok": token_ok}
            if not token_ok:
                await ws.close(code=4004, message=b"Authentication failed.")
                return
            if data.get("intents", 0) & self.refuse_intents:
                await ws.close(code=4014, message=b"Disallowed intent(s).")
                return
            self._ws, self._seq = ws, 0
            await self._dispatch(ws, "READY", self.world.ready(self.url))
            await self._dispatch(ws, "GUILD_CREATE", self.world.guild_create())
            self.ready.set()
        elif op == 6:
            await self._send(ws, {"op": 9, "d": False})  # no resuming: identify again
        else:
            log.info("gateway: op %s ignored", op)

    async def _send(self, ws: web.WebSocketResponse, payload: dict) -> None:
        await ws.send_str(json.dumps({"s": None, "t": None, **payload}))

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict) -> None:
        self._seq += 1
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def dispatch(self, event: str, data: dict) -> None:
        """Sends an event to the connected bot (waiting for it to have identified)."""
        await asyncio.wait_for(self.ready.wait(), 10)
        assert self._ws is not None
        await self._dispatch(self._ws, event, data)

    def start_probe(self, interval: float) -> None:
        """Asks the bot for a heartbeat (op 1) every interval s, timing its answer into rtts."""

        async def probe() -> None:
            while True:
                await asyncio.sleep(interval)
                if self._ws is not None and self._probe_sent is None:
                    self._probe_sent = time.monotonic()
                    await self._send(self._ws, {"op": 1, "d": self._seq})

        self._probe_task = asyncio.get_running_loop().create_task(probe())

    def stop_probe(self) -> None:
        if self._probe_task:
            self._probe_task.cancel()
        if self._probe_sent is not None:  # never answered: count how long it has waited
            self.rtts.append(time.monotonic() - self._probe_sent)
        self._probe_sent = None

    async def close(self) -> None:
        self.stop_probe()
        if self._ws is not None:
            await self._ws.close(code=1001)
