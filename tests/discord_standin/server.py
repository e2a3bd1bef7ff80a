"""StandIn: a local Discord for discord.py 2.x (REST + gateway) on 127.0.0.1, in its own thread.

Running on its own event loop makes it an outside observer, like Discord: if the bot blocks its
loop, the stand-in still sends heartbeat requests on time and sees the late answers.
"""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from .gateway import Gateway
from .records import Call, Recorder
from .rest import API, Rest
from .users import Users
from .world import World

OPTION_TYPES = {str: 3, int: 4, bool: 5, float: 10}
# shaped like a real one (three base64url parts joined by dots), as the bot checks it is
TOKEN = "c3RhbmRpbg.Ym90.c3RhbmQtaW4tYm90LXRva2VuLWZvci10ZXN0cw"


class StandIn(Users):
    def __init__(self, *, token: str = TOKEN, heartbeat_ms: int = 250) -> None:
        self.token = token
        self.world = World()
        self.recorder = Recorder()
        self.gateway = Gateway(self.world, token, heartbeat_ms)
        self.rest = Rest(self.world, self.recorder, token, "")
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    # lifecycle (blocking; call from anywhere but the stand-in's own thread)
    def start(self) -> StandIn:
        started = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(started,), daemon=True, name="discord-standin"
        )
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the Discord stand-in did not start")
        return self

    def _serve(self, started: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._listen())
        started.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    async def _listen(self) -> None:
        app = web.Application(middlewares=[self.rest.auth])
        app.router.add_get("/gateway", self.gateway.handle)
        app.add_routes(self.rest.routes())
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self.gateway.url = self.rest.gateway_url = f"ws://127.0.0.1:{self.port}/gateway"

    def stop(self) -> None:
        if self._loop and self._loop.is_running():
            asyncio.run_coroutine_threadsafe(self.gateway.close(), self._loop).result(5)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    def _on_loop(self, coro) -> asyncio.Future:
        return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop))

    # what the bot did
    @property
    def calls(self) -> list[Call]:
        return self.recorder.where(lambda c: True)

    def calls_of(self, kind: str) -> list[Call]:
        return self.recorder.where(lambda c: c.kind == kind)

    def command(self, name: str) -> dict:
        for commands in self.rest.commands.values():
            for command in commands:
                if command["name"] == name:
                    return command
        raise AssertionError(f"/{name} was never registered; registered: {self.rest.commands}")

    def heartbeat_probe(self, interval: float | None) -> None:
        """Starts (every interval s) or stops (None) asking for heartbeats; see gateway.rtts."""
        if interval is None:
            self._loop.call_soon_threadsafe(self.gateway.stop_probe)
        else:
            self._loop.call_soon_threadsafe(self.gateway.start_probe, interval)
