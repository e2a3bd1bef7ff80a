"""A web page as an article file: fetched, its main text extracted with trafilatura, saved in
the managed folder with front matter (title, url, published, source) that ingest reads."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from retrieval.errors import FetchFailed
from retrieval.ingest.articles import SkipFile, read_html
from retrieval.tuning import BodyTuning
from retrieval.types import SkippedFile
from retrieval.web.atomic import write_atomically
from retrieval.web.fetch import Fetcher


@dataclass(frozen=True)
class Hints:
    """What a feed says about an item, used where the page itself says nothing."""

    title: str | None = None
    published: date | None = None


def outlet_of(url: str) -> str:
    """The site's host as its outlet when the page names none: 'www.example.com' -> example.com."""
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


def outlet(named: str | None, url: str) -> str:
    """The site name the page gives, else its host (trafilatura's fallback is the address)."""
    parts = urlsplit(url)
    addresses = {parts.netloc.lower(), (parts.hostname or "").lower()}
    if not named or named.lower() in addresses | {f"www.{a}" for a in addresses}:
        return outlet_of(url)
    return named


def page_file(folder: Path, url: str) -> Path:
    """Where the page of `url` is kept: readable (host and path words) and unique (a hash)."""
    parts = urlsplit(url)
    words = re.findall(r"[a-z0-9]+", f"{parts.hostname or ''} {parts.path}".lower())
    stem = "-".join(w for w in words if w not in ("html", "htm", "php", "aspx"))[:60].strip("-")
    digest = hashlib.sha1(url.encode()).hexdigest()[:8]
    return folder / f"{stem or 'page'}-{digest}.md"


def article_file(meta: dict, text: str) -> str:
    """The saved form: YAML front matter, then the paragraphs, a blank line between them."""
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n" + "\n\n".join(text.splitlines()) + "\n"


class WebPages:
    """Fetches pages into the managed folder; a re-fetch of an unchanged page writes nothing."""

    def __init__(self, fetcher: Fetcher, folder: Path, body: BodyTuning) -> None:
        self.fetcher, self.folder, self.body = fetcher, folder, body

    def fetch(self, url: str, hints: Hints | None = None) -> Path:
        """The saved file of the article at `url`; FetchFailed when it cannot be fetched,
        SkipFile when the page holds no article (with the reason)."""
        url = url.strip()
        got = self.fetcher.page(url)
        found, text = read_html(got.text(), self.body, url=got.url)
        hints = hints or Hints()
        title = found.get("title") or hints.title
        meta = {
            "title": title,
            "url": url,  # the citation link: the address asked for, as the user knows it
            "published": found.get("published") or hints.published,
            "source": outlet(found.get("source"), got.url),
        }
        meta = {key: value for key, value in meta.items() if value}
        headline = " ".join((title or "").split()).casefold()
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and " ".join(line.split()).casefold() != headline
        ]
        if not lines:
            raise SkipFile("no article text on the page")
        path = page_file(self.folder, url)
        content = article_file(meta, "\n".join(lines))
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            write_atomically(path, content)
        return path

    def fetch_all(self, urls: Sequence[str]) -> tuple[dict[str, Path], list[SkippedFile]]:
        """{url: saved file} of the pages fetched, and why each of the others was not."""
        saved, failed = {}, []
        for url in urls:
            try:
                saved[url] = self.fetch(url)
            except FetchFailed as exc:
                failed.append(SkippedFile(path=url, reason=exc.reason))
            except SkipFile as exc:
                failed.append(SkippedFile(path=url, reason=str(exc)))
        return saved, failed
