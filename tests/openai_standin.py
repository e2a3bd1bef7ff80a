"""A scripted OpenAI-compatible server on loopback: /v1/chat/completions, plain and SSE."""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from llm_fakes import fill


class QuietServer(ThreadingHTTPServer):
    """A client that gave up (a timeout test) is expected: no traceback on stderr for it."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Reply:
    """One scripted reply. `text` may name articles as {{phrase}} (see llm_fakes.fill)."""

    text: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before the first byte
    malformed: bool = False  # a 200 whose body is not an OpenAI response


class OpenAIStandIn:
    """Serves the script in order (the last reply repeats); records each request's JSON body."""

    def __init__(self, script: list[Reply]) -> None:
        self.script, self.requests = list(script), []
        self._lock = threading.Lock()
        self.server = QuietServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> OpenAIStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def next_reply(self, body: dict) -> Reply:
        with self._lock:
            self.requests.append(body)
            return self.script[min(len(self.requests), len(self.script)) - 1]

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet: pytest shows failures
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found"}})
                reply = standin.next_reply(body)
                time.sleep(reply.delay)
                if reply.status != 200:
                    return self._send(reply.status, {"error": {"message": "scripted failure"}})
                if reply.malformed:
                    return self._send(200, {"unexpected": True}, raw=b"{not json")
                prompt = "\n".join(str(m.get("content", "")) for m in body["messages"])
                text = fill(reply.text, prompt)
                if body.get("stream"):
                    return self._stream(body.get("model", "standin"), text)
                self._send(200, completion(body.get("model", "standin"), text))

            def _send(self, status: int, payload: dict, raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, model: str, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                pieces = [w + " " for w in text.split(" ")]
                pieces[-1] = pieces[-1][:-1]
                for i, piece in enumerate(pieces):
                    self._event(
                        chunk(
                            model,
                            {"role": "assistant", "content": piece}
                            if i == 0
                            else {"content": piece},
                            None,
                        )
                    )
                self._event(chunk(model, {}, "stop"))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload: dict) -> None:
                self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
                self.wfile.flush()

        return Handler


def completion(model: str, text: str) -> dict:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def chunk(model: str, delta: dict, finish: str | None) -> dict:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
