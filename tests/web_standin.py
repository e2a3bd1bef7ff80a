"""A stand-in web on 127.0.0.1 for the tests: pages, RSS and Atom feeds, and servers that
misbehave (slow, missing, huge, not HTML, redirecting), with ETag and Last-Modified.

`python -m web_standin [--port N]` (from tests/) serves tests/fixtures/web until Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml"}


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before the answer starts
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # a redirect's target
    length: bool = True  # send Content-Length (else the body ends when the connection closes)
    pace: float = 0.0  # seconds between two 64 KB pieces of the body (a trickle)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class WebStandIn:
    """Serves `resources` by path; everything else is a 404. Every request is recorded."""

    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def __enter__(self) -> WebStandIn:
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve_fixtures(self, folder: Path = FIXTURES) -> WebStandIn:
        for file in sorted(folder.iterdir()):
            if file.suffix in TYPES:
                self.resources[f"/{file.name}"] = Resource(file.read_bytes(), TYPES[file.suffix])
        return self

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)


def _handler(web: WebStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            request = Request(self.path, dict(self.headers.items()))
            web.record(request)
            found = web.resources.get(self.path)
            if found is None:
                request.status = 404
                self.send_error(404, "Not Found")
                return
            time.sleep(found.delay)
            if (found.etag and self.headers.get("If-None-Match") == found.etag) or (
                found.last_modified and self.headers.get("If-Modified-Since") == found.last_modified
            ):
                request.status = 304
                self.send_response(304)
                self.end_headers()
                return
            request.status = found.status
            self.send_response(found.status)
            self.send_header("Content-Type", found.content_type)
            for name, value in (
                ("ETag", found.etag),
                ("Last-Modified", found.last_modified),
                ("Location", found.location),
            ):
                if value:
                    self.send_header(name, value)
            if found.length:
                self.send_header("Content-Length", str(len(found.body)))
            self.end_headers()
            try:
                for start in range(0, len(found.body), 65536):
                    self.wfile.write(found.body[start : start + 65536])
                    self.wfile.flush()
                    time.sleep(found.pace)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (a size limit): fine

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with WebStandIn(port=args.port).serve_fixtures() as web:
        for path in sorted(web.resources):
            print(web.url(path), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
