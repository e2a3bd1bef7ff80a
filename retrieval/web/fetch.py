"""Fetching a page or feed over HTTP(S) with httpx: a deadline, a size limit, redirects
followed, conditional requests, and every failure as one short reason (FetchFailed)."""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass

import httpx

from retrieval.errors import FetchFailed
from retrieval.text.encoding import UndecodableText, decode_text

USER_AGENT = "bilateral/0.1 (news article reader)"
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """A response read whole: the body of a 200, or nothing for a 304 (not modified)."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the charset the server named, else UTF-8 or the one detected."""
        if self.charset:
            try:
                return self.body.decode(self.charset, errors="replace")
            except LookupError:  # a charset Python does not know: detect it instead
                pass
        try:
            return decode_text(self.body)
        except UndecodableText as exc:
            raise FetchFailed(self.url, str(exc)) from None


class Fetcher:
    """One httpx client, shared by every fetch of a command (connections are reused)."""

    def __init__(
        self,
        timeout: float,
        max_bytes: int,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout, self.max_bytes = timeout, max_bytes
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )

    def page(self, url: str) -> Fetched:
        """An HTML page; FetchFailed for anything else."""
        got = self.get(url)
        if got.content_type and got.content_type not in HTML_TYPES:
            raise FetchFailed(url, f"not an HTML page ({got.content_type})")
        return got

    def get(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Fetched:
        """GET `url`, conditionally when an ETag or Last-Modified from before is given."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            return self._get(url, headers)
        except FetchFailed:
            raise
        except httpx.TimeoutException:
            raise FetchFailed(url, f"timed out after {self.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchFailed(url, f"more than {MAX_REDIRECTS} redirects") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise FetchFailed(url, "not an http:// or https:// URL") from None
        except httpx.ConnectError as exc:
            raise FetchFailed(url, _connect_reason(exc)) from None
        except httpx.HTTPError as exc:  # the server broke off, a bad response
            raise FetchFailed(url, f"network error ({type(exc).__name__}: {exc})") from None

    def _get(self, url: str, headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.timeout
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304 and headers:
                return Fetched(str(response.url), 304)
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                raise FetchFailed(url, f"the server answered {response.status_code} {phrase}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchFailed(url, self._too_large(int(declared)))
            body = bytearray()
            for chunk in response.iter_bytes(_CHUNK):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchFailed(url, self._too_large(None))
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline passed")
            kind, _, _ = response.headers.get("Content-Type", "").partition(";")
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                body=bytes(body),
                content_type=kind.strip().lower(),
                charset=response.charset_encoding,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )

    def _too_large(self, size: int | None) -> str:
        limit = f"{self.max_bytes / 1e6:g} MB"
        if size is None:
            return f"too large (more than the {limit} limit)"
        return f"too large ({size / 1e6:.1f} MB; the limit is {limit})"

    def close(self) -> None:
        self.client.close()


def _connect_reason(exc: httpx.ConnectError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == (
            errno.ECONNREFUSED
        ):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    if "name" in text.lower() and ("resolve" in text.lower() or "known" in text.lower()):
        return "unknown host"
    return f"cannot connect ({text or type(exc).__name__})"
