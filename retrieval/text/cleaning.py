"""Separate an article's body lines from site furniture, keeping every body line verbatim."""

from __future__ import annotations

import calendar
import re

from pydantic import BaseModel, Field

# The collector prefixes a text with " date YYYY-MM-DD"; the outlet never wrote it.
COLLECTOR_DATE = re.compile(r"^date (\d{4}-\d{2}-\d{2})\b\s*")

_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_CONTINUES = re.compile(r"[:;,]$")
_BULLET = re.compile(r"^(?:[-•*–·▪●■]\s|\d{1,2}[.)]\s)")
_LATIN_WORD = re.compile(r"[A-Za-z]+")

# Furniture recognisable from the line alone, whatever its length.
_ALWAYS = re.compile(
    "|".join(
        [
            r"syndicated (?:news )?feed",
            r"auto-generated from",
            r"wire agency feed",
            r"(?:has not been|was not|have been) (?:edited|reworked) by",
            r"reworked by (?:the )?.{1,40} staff",
            r"^\(?disclaimer\b",
            r"^\(?with inputs from\b",
            r"wants to (?:start )?send(?:ing)? you (?:push )?notifications",
            r"^(?:topics|tags|keywords)\s*:",
            # photo captions and credits
            r"\((?:\w+ )?(?:photos?|images?|pics?|pictures?)\b[^)]*\)$",
            r"^(?:photos?|images?|pics?|pictures?|file photo|representational (?:image|photo))\s*"
            r"(?:credit|source|courtesy)?s?\s*[:|]",
            r"\|\s*(?:photos?|images?|pictures?)\s*(?:credit|source|courtesy)?\s*:",
            r"^file (?:photo|image|picture) of\b",
            r"\b(?:file|representative|representational) (?:photo|image|picture)\.?\)?$",
            r"^[—–-]\s*.{1,60}\(@\w+\)",  # the signature line of an embedded post
            r"^(?:copyright\b|©)",
            r"\ball rights reserved\b",
            r"^catch all the\b.{0,80}\bnews\b",
        ]
    ),
    re.I,
)

# Furniture words that only mean furniture in a short line (a body sentence may use them).
_SHORT = re.compile(
    "|".join(
        [
            r"\b(?:allow|enable|clear|block|push|turn on|turn off|manage)\b.{0,40}\bnotifications?\b",
            r"\bnotifications?\b.{0,40}\b(?:settings|inbox|allow|enable|subscribe)\b",
            r"^notifications?\b",
            r"\bsettings(?: x)?$",
            r"^for (?:quick|daily|instant|breaking|latest) (?:alerts|news|updates)\b",
            r"^get (?:instant|latest|breaking|daily|the latest)\b.{0,30}\b(?:updates|alerts|news)$",
            r"\bapp download$",
            r"^download (?:the )?.{0,30}\bapp\b",
            r"^(?:click|tap) (?:here|allow)\b",
            r"\bsubscribe to (?:our|the)\b",
            r"^sign (?:in|up)\b",
            r"^subscribe(?: now)?\b",
            r"^(?:read|save|bookmark)(?: (?:it|for))? later$",
            r"^follow us\b",
            r"^(?:[\w&'-]+ ){0,2}news$",  # section labels, "Google X News" buttons
            r"^\d+\s*min(?:ute)?s? read\b",
            r"^(?:also read|read also|also see|also watch|read more|must read|related|recommended|"
            r"trending|watch)\b\s*[:|-]",
            r"story continues below",
            r"scroll to continue",
            r"^continue reading\b",
            r"^read (?:this )?(?:story |article )?in \w+$",
            r"^our standards\b",
            r"\bfor representational purposes?\b",
            r"^home\s*[/>›»]",
            r"^(?:[^/>›»]{1,30}\s[/>›»]\s){2,}",  # breadcrumbs
            r"^-{1,2}\s*[a-z]{2,6}$",
            r"^[a-z]{1,4}(?:/[a-z]{1,4})+$",  # "--IANS", staff initials "ab/rs"
        ]
    ),
    re.I,
)

# Bylines: "By Staff Writer", "ByHT Correspondent", "Reporting by X; Editing by Y".
_BYLINE = re.compile(
    r"^By\s?[A-Z]|(?i:^(?:written|edited|reported|posted|published|compiled|curated|authored|"
    r"reporting|writing|editing|additional reporting) by\b)"
)
_WIDGET = re.compile(
    r"^(?:close|x|×|✕|\||enable|done|cancel|ok|okay|menu|search|skip|next|previous|prev|more|"
    r"less|share|print|email|comments?|loading\.*|show more|see more|view more|load more|"
    r"back to top|home|advertisement|sponsored)$",
    re.I,
)
_SOCIAL = frozenset(
    {
        "share",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "telegram",
        "email",
        "mail",
        "copy",
        "link",
        "print",
        "reddit",
        "pinterest",
        "koo",
        "comments",
        "comment",
        "follow",
        "us",
        "on",
    }
)
# A line introducing another story: it and the teaser line after it are furniture.
_TEASER_MARKER = re.compile(
    r"^(?:recommended(?: videos?| stories| for you)?|also read|read also|also watch|watch video|"
    r"related (?:stories|news|articles|videos)|more stories|top stories|trending(?: now)?|"
    r"you may also like|don't miss|must read|watch)\s*:?$",
    re.I,
)

_NAMES = [
    n
    for n in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
    if n
] + ["Sept"]
_DATE_WORD = re.compile(r"\b(?:" + "|".join(_NAMES) + r")\b\.?", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.I)
_LABELLED_DATE = re.compile(
    r"\b(?:published|updated|posted|modified)\b(?:\s+on)?\s*:?\s*(?:\d|" + "|".join(_NAMES) + ")",
    re.I,
)
_STAMP_WORDS = re.compile(
    r"\b(?:first|last|published|updated|posted|modified|on|at|min|mins|read|hrs|am|pm|"
    r"ist|gmt|utc|est|edt|pst|bst|cet|jst|msk|gst|pkt)\b",
    re.I,
)


class CleanText(BaseModel):
    """An article's body lines, verbatim, and what was taken away."""

    title: str | None = Field(None, description="The headline, kept out of the paragraphs.")
    paragraphs: list[str] = Field(default_factory=list, description="Body lines, stripped only.")
    dropped: list[str] = Field(default_factory=list, description="Furniture lines removed.")


def _words(line: str) -> int:
    return len(line.split())


def is_stamp(line: str) -> bool:
    """A date/time line ("Last Updated : Dec 04 2025 | 6:57 AM IST", "Tokyo, Oct 07:")."""
    if _words(line) > 14 or not (
        _DATE_WORD.search(line) or _TIME.search(line) or re.search(r"\d{4}-\d{2}-\d{2}", line)
    ):
        return False
    rest = _STAMP_WORDS.sub(" ", _TIME.sub(" ", _DATE_WORD.sub(" ", line)))
    left = len(_LATIN_WORD.findall(rest))
    return left == 0 or (left <= 2 and not _TERMINAL.search(line))


def is_widget(line: str) -> bool:
    """A lone button or share-bar word ("Print", "Share", "Close")."""
    return bool(_WIDGET.match(line.strip())) or line.strip().casefold() in _SOCIAL


def is_furniture(line: str) -> bool:
    """Whether a stripped line is site furniture, judged without its neighbours."""
    if _ALWAYS.search(line) or _WIDGET.match(line) or is_stamp(line):
        return True
    words = line.split()
    if len(words) <= 20 and _LABELLED_DATE.search(line) and not _TERMINAL.search(line):
        return True  # a byline or section label carrying the date
    if len(words) <= 15 and (_SHORT.search(line) or _TEASER_MARKER.match(line)):
        return True
    if all(w.strip("|:•·,").lower() in _SOCIAL for w in words):
        return True  # a share bar
    if _TERMINAL.search(line):
        return False
    return (len(words) <= 15 and bool(_BYLINE.match(line))) or (
        len(words) <= 8 and not _LATIN_WORD.search(line)
    )  # no English words at all


def is_doubled(line: str) -> bool:
    """A teaser scraped twice into one line: "FooFoo" or "Foo Foo"."""
    half = len(line) // 2
    if half < 10:
        return False
    return line[:half] == line[half:] or line[:half].strip() == line[half + 1 :].strip()


def _sentence_like(line: str, min_words: int) -> bool:
    return bool(_TERMINAL.search(line)) and _words(line) >= min_words


def _norm(line: str) -> str:
    return " ".join(line.casefold().split())


def _is_title_copy(line: str, title_key: str) -> bool:
    key = _norm(line)
    if key == title_key:
        return True
    # "Headline | Outlet" or "Headline - Outlet"
    tail = key[len(title_key) :].strip() if key.startswith(title_key) else ""
    return bool(tail) and tail[0] in "|-–—:" and _words(tail) <= 6


def _keep_in_body(line: str) -> bool:
    """Inside the body: sentences, list items and long or continuing lines stay."""
    if _sentence_like(line, 2) or _CONTINUES.search(line) or _BULLET.match(line):
        return True
    if _words(line) >= 25:
        return True  # too long for a headline: a paragraph that lost its full stop
    return line[:1].islower() and _words(line) >= 3


_WRAP_WIDTH = 100  # hard-wrapped text is cut at 72-80 characters, rarely past 100


def unwrap(raw: str) -> str:
    """Hard-wrapped text (lines cut at a fixed width mid-sentence, as many .md and .txt files
    are) with each paragraph (a run of lines between blank ones) joined back into one line;
    text whose lines are its paragraphs, as pages are, unchanged."""
    lines = raw.splitlines()
    long = [ln.strip() for ln in lines if len(ln.strip()) >= 30]
    if len(long) < 3:
        return raw
    widths = sorted(len(ln) for ln in long)
    # lines cut mid-sentence: long, no end mark, text on the next line
    cut = [
        i
        for i, ln in enumerate(lines[:-1])
        if len(ln.strip()) >= 30
        and not (_TERMINAL.search(ln.strip()) or _BULLET.match(ln.strip()))
        and lines[i + 1].strip()
    ]
    # a headline or a label runs on into a capitalised line; a cut sentence often does not
    running = sum(1 for i in cut if lines[i + 1].strip()[:1].islower())
    # and a wrapped paragraph fills its lines to about the width, save the last
    inner = [ln.strip() for i, ln in enumerate(lines[:-1]) if ln.strip() and lines[i + 1].strip()]
    top = widths[-1] if len(widths) < 20 else widths[int(0.95 * (len(widths) - 1))]
    filled = sum(1 for ln in inner if len(ln) >= 0.75 * top)
    regular = len(inner) >= 3 and filled >= 0.8 * len(inner)
    if (
        widths[int(0.9 * (len(widths) - 1))] > _WRAP_WIDTH
        or len(cut) < max(2, 0.5 * len(long))
        or not (regular or running >= 0.4 * len(cut))
    ):
        return raw
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip() and not (_BULLET.match(line.strip()) and block):
            block.append(line.strip())
            continue
        if block:
            out.append(_joined(block))
        block = [line.strip()] if line.strip() else []  # a list item starts its own line
        if not line.strip():
            out.append("")
    return "\n".join(out)


def _joined(lines: list[str]) -> str:
    """Lines of one paragraph as one: a space between them, none after a hyphen that ends a
    line between letters ("military-to-" + "military")."""
    text = lines[0]
    for line in lines[1:]:
        glue = "" if re.search(r"[A-Za-z]-$", text) and line[:1].isalpha() else " "
        text += glue + line
    return text


def clean_text(raw: str) -> CleanText:
    """Split raw page text into title, verbatim body lines and dropped furniture."""
    lines = [ln.strip() for ln in unwrap(raw).splitlines()]
    lines = [ln for ln in lines if ln]
    dropped: list[str] = []
    collector = None  # the first line, when the collector's date prefixes it
    if lines and (m := COLLECTOR_DATE.match(lines[0])):
        collector, lines[0] = lines[0], lines[0][m.end() :]
        if not lines[0]:
            lines.pop(0)
            dropped.append(collector)
            collector = None

    furniture = [is_furniture(ln) or is_doubled(ln) for ln in lines]
    for i, line in enumerate(lines[:-1]):
        teaser = lines[i + 1]
        # Headlines may end in "?" or "!", rarely in a full stop; a body paragraph does.
        if _TEASER_MARKER.match(line) and not (teaser.endswith(".") and _words(teaser) >= 6):
            furniture[i + 1] = True

    title = title_at = None
    for i, line in enumerate(lines):
        if furniture[i] or _words(line) < 3:
            continue  # furniture, or a section label such as "World"
        if _words(line) <= 35 and not line.rstrip("\"'”’").endswith("."):
            title, title_at = line, i
        break
    title_key = _norm(title) if title else None
    is_title = [bool(title_key) and _is_title_copy(ln, title_key) for ln in lines]

    start = (title_at or 0) + (title is not None)
    # The body starts at the first real sentence; a trailing ellipsis marks a cut-off teaser.
    body_at = next(
        (
            i
            for i in range(start, len(lines))
            if not furniture[i]
            and not is_title[i]
            and _sentence_like(lines[i], 6)
            and not lines[i].endswith(("...", "…"))
        ),
        len(lines),
    )

    paragraphs: list[str] = []
    for i, line in enumerate(lines):
        keep = (
            i >= body_at
            and not furniture[i]
            and not is_title[i]
            and _keep_in_body(line)
            and line not in paragraphs
        )
        if keep:
            paragraphs.append(line)
        if i == 0 and collector:
            # Report the collector's date alone if body followed it, else the whole line.
            dropped.append(collector[: len(collector) - len(line)].strip() if keep else collector)
        elif not keep:
            dropped.append(line)
    return CleanText(title=title, paragraphs=paragraphs, dropped=dropped)
