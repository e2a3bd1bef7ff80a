"""An article as ingest sees it, and reading one from each supported file type."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from retrieval.text.encoding import UndecodableText, decode_text
from retrieval.text.prose import why_not_article
from retrieval.tuning import DEFAULT, BodyTuning

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
SIDECAR = ".meta.yaml"
FIELDS = ("title", "source", "published", "url", "countries")


class SkipFile(ValueError):
    """This file (or JSONL line) cannot be ingested; the message is the one-line reason."""


@dataclass
class RawArticle:
    """Text as found plus whatever curated metadata came with it (front matter, sidecar, JSON)."""

    path: str
    key: str
    text: str
    meta: dict = field(default_factory=dict)
    is_html: bool = False

    @property
    def source_hash(self) -> str:
        blob = json.dumps([self.text, self.meta], sort_keys=True, default=str)
        return hashlib.sha1(blob.encode()).hexdigest()[:16]

    @property
    def article_id(self) -> str:
        return hashlib.sha1(self.key.encode()).hexdigest()[:16]


def read_text(path: Path, max_bytes: int) -> str:
    """The file as text, or SkipFile saying why not."""
    size = path.stat().st_size
    if size > max_bytes:
        raise SkipFile(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    data = path.read_bytes()
    if not data.strip():
        raise SkipFile("empty file")
    if b"\x00" in data[:8192]:
        raise SkipFile("binary file, not text")
    try:
        return decode_text(data)  # UTF-8, else Latin-1, Windows-1252 and the like, detected
    except UndecodableText as exc:
        raise SkipFile(str(exc)) from None


# what people write in a curated `published` when the page gives no date
_NO_DATE = {"unknown", "n/a", "na", "none", "null", "nil", "-", "?", "undated", "no date", "tbd"}


def parse_date(value) -> date | None:
    """A curated date: a YAML date, YYYY-MM-DD, or a full date as written ("18 November
    2023"); None for "unknown" and the like, and for what is no date (logged: the article is
    kept, dated from its own text when that has a date)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.casefold() in _NO_DATE:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    from retrieval.ingest.metadata import parse_date as read_stamp

    found = read_stamp(text, anywhere=False)
    if found is None:
        log.warning("published %r is not a date; the article's own date is used", text)
    return found


def clean_meta(meta: dict, where: str) -> dict:
    """Keep the known keys, checked; unknown keys are ignored."""
    if not isinstance(meta, dict):
        raise SkipFile(f"{where} is not a mapping of keys to values")
    out = {k: meta[k] for k in FIELDS if meta.get(k) not in (None, "", [])}
    if "published" in out:
        out["published"] = parse_date(out["published"])
        if out["published"] is None:
            del out["published"]  # as if not given: the text's own date, if any, is used
    countries = out.get("countries")
    if isinstance(countries, str):
        out["countries"] = [c.strip() for c in countries.split(",") if c.strip()]
    elif countries is not None and not isinstance(countries, list):
        raise SkipFile(f"{where}: countries must be a list of names")
    for key in ("title", "source", "url"):
        if key in out:
            out[key] = str(out[key]).strip()
    return out


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter between '---' lines, if the text starts with one."""
    if not text.startswith("---"):
        return {}, text
    import frontmatter

    try:
        post = frontmatter.loads(text)
    except Exception as exc:  # noqa: BLE001 - yaml raises many types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SkipFile(f"broken front matter: {first}") from None
    return clean_meta(dict(post.metadata), "front matter"), post.content


def read_sidecar(path: Path) -> dict:
    side = path.with_name(path.stem + SIDECAR)
    if not side.exists():
        return {}
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SkipFile(f"broken {side.name}: {str(exc).splitlines()[0]}") from None
    return clean_meta(data, side.name)


def read_html(
    text: str, body: BodyTuning = DEFAULT.body, url: str | None = None
) -> tuple[dict, str]:
    """Main text and metadata of a web page (fetched from `url`), through trafilatura;
    SkipFile with the reason for a page with no article body (nothing, navigation only, too
    short)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    # a Document or None: its annotation also allows the dict that only as_dict=True returns
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise SkipFile("no article text found in the HTML")
    reason = why_not_article(doc.text or "", body)
    if reason:
        raise SkipFile(reason)
    meta = {"title": doc.title, "source": doc.sitename, "url": doc.url}
    if doc.date:
        meta["published"] = doc.date
    try:
        meta = clean_meta(meta, "HTML metadata")
    except SkipFile:
        meta = clean_meta({k: v for k, v in meta.items() if k != "published"}, "HTML metadata")
    return meta, doc.text or ""


def read_jsonl(path: Path, text: str, shown: str) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """One article a line; a bad line is skipped with its reason, the rest are read."""
    articles, skipped = [], []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{shown}:{lineno}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise SkipFile("not a JSON object")
            body = obj.get("text")
            if not isinstance(body, str) or not body.strip():
                raise SkipFile("no text")
            meta = clean_meta(obj, "line")
        except json.JSONDecodeError as exc:
            skipped.append((where, f"invalid JSON ({exc.msg})"))
            continue
        except SkipFile as exc:
            skipped.append((where, str(exc)))
            continue
        key = f"{shown}#{meta.get('url') or meta.get('title') or lineno}"
        articles.append(RawArticle(path=where, key=key, text=body, meta=meta))
    return articles, skipped


def read_file(
    path: Path, shown: str, max_bytes: int, body: BodyTuning = DEFAULT.body
) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """The raw articles in one file and the (where, reason) of what had to be skipped."""
    text = read_text(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, text, shown)
    meta = read_sidecar(path)
    is_html = suffix in (".html", ".htm")
    if is_html:
        found, text = read_html(text, body)
        meta = {**found, **meta}
    else:
        front, text = split_front_matter(text)
        meta = {**meta, **front}
    if not text.strip():
        raise SkipFile("no text after the front matter")
    return [RawArticle(path=shown, key=shown, text=text, meta=meta, is_html=is_html)], []
