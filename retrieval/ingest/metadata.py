"""Read an article's title, outlet and publication date from the furniture around its body."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from dateparser.date import DateDataParser
from pydantic import BaseModel

from retrieval.text.cleaning import COLLECTOR_DATE, CleanText, clean_text, is_stamp, is_widget

# Canonical name -> other spellings. Agencies supply copy; outlets publish it.
AGENCIES: dict[str, tuple[str, ...]] = {
    "PTI": ("Press Trust of India",),
    "ANI": ("Asian News International",),
    "IANS": ("Indo-Asian News Service",),
    "UNI": ("United News of India",),
    "Reuters": ("Thomson Reuters",),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "AP": ("Associated Press",),
    "Xinhua": ("Xinhua News Agency",),
    "TASS": ("ITAR-TASS",),
    "Kyodo": ("Kyodo News",),
    "Yonhap": ("Yonhap News Agency",),
    "Bloomberg": (),
    "WAM": ("Emirates News Agency",),
    "SPA": ("Saudi Press Agency",),
    "Bernama": (),
    "Anadolu": ("Anadolu Agency",),
    "RIA Novosti": ("RIA",),
}
OUTLETS: dict[str, tuple[str, ...]] = {
    "The Hindu": ("thehindu",),
    "Times of India": ("TOI", "timesofindia"),
    "Hindustan Times": ("HT", "hindustantimes"),
    "Indian Express": ("Express News Service", "indianexpress"),
    "NDTV": ("ndtv.com",),
    "WION": ("WION News",),
    "Business Standard": ("BS",),
    "Economic Times": ("ET", "economictimes"),
    "Mint": ("Livemint",),
    "Firstpost": (),
    "Financial Express": ("FE",),
    "India Today": (),
    "News18": (),
    "ThePrint": ("The Print",),
    "Deccan Herald": ("DH",),
    "The Tribune": (),
    "The Statesman": (),
    "Deccan Chronicle": (),
    "The Telegraph": ("Telegraph India",),
    "Moneycontrol": (),
    "Devdiscourse": (),
    "Zee News": (),
    "ABP Live": (),
    "Outlook": (),
    "The Week": (),
    "Gulf News": (),
    "Arab News": (),
    "Khaleej Times": (),
    "The National": (),
    "Al Jazeera": (),
    "Dawn": (),
    "The Japan Times": (),
    "Nikkei Asia": (),
    "South China Morning Post": ("SCMP",),
    "Global Times": (),
    "The Straits Times": (),
    "The Jerusalem Post": (),
    "The Times of Israel": (),
    "The Diplomat": (),
    "BBC": ("BBC News",),
    "CNN": (),
    "RT": (),
    "Sputnik": (),
}

# Patterns that name the publishing outlet outright.
_OUTLET_SAYS = [
    re.compile(r"(?:reworked|edited) by (?:the )?(.{2,40}?) (?:staff|team|desk)\b", re.I),
    re.compile(r"^(.{2,40}?) wants to (?:start )?send(?:ing)? you (?:push )?notifications", re.I),
    re.compile(r"^download (?:the )?(.{2,30}?) (?:news )?app\b", re.I),
    re.compile(r"^(.{2,30}?) app download$", re.I),
    re.compile(r"[|–—]\s*([A-Z][^|–—]{1,30}? News)$"),
]
_BYLINE = re.compile(r"^(?:by|--?|—)\s*(.+)$|^\(?with inputs from (.+?)\)?$", re.I)
_ROLE = re.compile(
    r"\b(?:correspondent|bureau|staff|desk|team|online|web|digital|reporters?|reports?|"
    r"newsroom|network)\b",
    re.I,
)
# Section names that also come before "News" ("| World News") and are not outlets.
_SECTIONS = frozenset(
    {
        "world",
        "india",
        "latest",
        "top",
        "breaking",
        "business",
        "national",
        "international",
        "local",
        "city",
        "global",
        "politics",
        "sports",
        "asia",
    }
)
_WIRE_DATELINE = re.compile(  # "TOKYO, Jan 5 (Reuters) -", "MOSCOW, December 4. /TASS/."
    r"^[^()/]{0,60}?(?:\(([A-Za-z][\w .-]{1,30})\)\s*(?:[-–—:]|\s[A-Z\"“])|/([A-Za-z]{2,12})/)"
)

_LABEL = re.compile(
    r"\b(first published|published|posted|last updated|updated|last modified|modified)"
    r"(?:\s+on)?\s*[:\-–—]?\s*(.*?)(?=\b(?:first published|published|posted|last updated|updated|"
    r"last modified|modified)\b|$)",
    re.I,
)
# Lower is better. A bare date stamp at the top ("NEW DELHI, December 04, 2025 18:09 IST") is
# usually the publication time, so it outranks an explicit "Updated", which only bounds it.
_RANK = {"first published": 0, "published": 1, "posted": 1, "collector": 2, "stamp": 3}
_UPDATED_RANK = 4
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.I)


class DetectedMetadata(BaseModel):
    """What the text itself says about the article; None where it says nothing."""

    title: str | None = None
    source: str | None = None
    published: date | None = None
    outlet: str | None = None
    agency: str | None = None


def _key(name: str) -> str:
    name = re.sub(r"^the\s+|\.(?:com|in|co\.in|co\.uk|net|org)$", "", name.strip().casefold())
    return re.sub(r"[^a-z0-9]", "", name)


@cache
def _table() -> dict[str, tuple[str, str]]:
    table = {}
    for kind, names in (("agency", AGENCIES), ("outlet", OUTLETS)):
        for canonical, aliases in names.items():
            for alias in (canonical, *aliases):
                table[_key(alias)] = (canonical, kind)
    return table


def lookup(name: str) -> tuple[str, str] | None:
    """(canonical name, "agency" | "outlet") for a name in the tables, else None."""
    return _table().get(_key(_ROLE.sub(" ", name)))


def _credit(line: str) -> tuple[str, str] | None:
    """Who a byline-like line credits: "By X", "(With inputs from X)", or "PTI New Delhi"."""
    m = _BYLINE.match(line)
    name = ((m.group(1) or m.group(2)) if m else line).strip(" ()")
    words = name.split()
    if len(words) > 6:
        return None
    for n in range(len(words), 0, -1):
        hit = lookup(" ".join(words[:n]))
        rest = words[n:]
        # Only an agency is followed by a dateline ("Press Trust of India New Delhi"), and not
        # a two-letter one: "AP" also abbreviates Andhra Pradesh.
        if hit and (
            not rest
            or (
                hit[1] == "agency"
                and len(rest) <= 3
                and len(words[0]) > 2
                and all(w[:1].isupper() for w in rest)
            )
        ):
            return hit
    return None


def find_source(dropped: list[str], paragraphs: list[str]) -> tuple[str | None, str | None]:
    """(outlet, agency) named by the furniture or by a wire dateline opening the body."""
    outlet = agency = None
    for pattern in _OUTLET_SAYS:
        for line in dropped:
            if outlet is None and (m := pattern.search(line)):
                named = m.group(1).strip()
                bare = re.sub(r"\s+News$", "", named)
                hit = lookup(named) or lookup(bare)
                if hit and hit[1] == "agency":
                    agency = agency or hit[0]
                elif hit or bare.casefold() not in _SECTIONS:
                    outlet = hit[0] if hit else bare
    for segment in (seg for line in dropped for seg in re.split(r"\s[|/]\s|\|", line)):
        if is_widget(segment):
            continue  # a share bar's "Print" is not the outlet ThePrint
        if hit := _credit(segment.strip()):
            if hit[1] == "agency" and agency is None:
                agency = hit[0]
            elif hit[1] == "outlet" and outlet is None:
                outlet = hit[0]
    for para in paragraphs[:2]:
        if agency is None and (m := _WIRE_DATELINE.match(para)):
            hit = lookup(m.group(1) or m.group(2))
            agency = hit[0] if hit and hit[1] == "agency" else None
    return outlet, agency


@cache
def _parser() -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["absolute-time"],  # never "2 hours ago"
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def parse_date(text: str, anywhere: bool = True) -> date | None:
    """The first full date (day, month and year) in a short stamp, else None.

    With anywhere=False the date must open the text, as it does after a "Published:" label.
    """
    text = _ISO_TIME.sub(r"\1", text)  # keep the date of "2025-12-04T06:57:00+05:30"
    for part in _TIME.sub(" ", text).split("|"):
        if (numeric := _NUMERIC_DATE.search(part)) and (
            int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]
        ):
            continue  # "04-12-2025" is day-month or month-day: unknown
        words = part.replace(",", ", ").split()[:8]
        # The widest run of words that dateparser reads as a full date ("NEW DELHI, Dec 4, 2025").
        for size in range(len(words), 0, -1):
            for at in range(len(words) - size + 1 if anywhere else 1):
                found = _parser().get_date_data(" ".join(words[at : at + size]).strip(" ,:-–—"))
                if found.date_obj:
                    return found.date_obj.date()
    return None


def find_published(raw: str, dropped: list[str]) -> date | None:
    """The first-published date; failing that published, collected, a bare stamp, then updated."""
    found: list[tuple[int, date]] = []
    first = raw.lstrip().splitlines()[0] if raw.strip() else ""
    if m := COLLECTOR_DATE.match(first):
        found.append((_RANK["collector"], date.fromisoformat(m.group(1))))
    for line in dropped:
        labels = list(_LABEL.finditer(line))
        for m in labels:
            if d := parse_date(m.group(2), anywhere=False):
                found.append((_RANK.get(m.group(1).casefold(), _UPDATED_RANK), d))
        if not labels and is_stamp(line) and (d := parse_date(line)):
            found.append((_RANK["stamp"], d))
    return min(found, key=lambda rd: rd[0])[1] if found else None


def split_title(title: str | None) -> tuple[str | None, str | None]:
    """A headline without a trailing "| Outlet", and that outlet when it is a known one."""
    if not title or not (m := re.match(r"^(.{10,}?)\s+[|–—-]\s+([^|–—-]{2,40})$", title)):
        return title, None
    hit = lookup(m.group(2))
    return (m.group(1), hit[0]) if hit and _key(hit[0]) == _key(m.group(2)) else (title, None)


def detect_metadata(raw: str, cleaned: CleanText | None = None) -> DetectedMetadata:
    """Title, outlet/agency and publication date as far as the raw text supports them."""
    cleaned = cleaned or clean_text(raw)
    title, titled_outlet = split_title(cleaned.title)
    dropped = [COLLECTOR_DATE.sub("", line) for line in cleaned.dropped]
    outlet, agency = find_source(dropped, cleaned.paragraphs)
    outlet = outlet or titled_outlet
    if outlet and agency and outlet != agency:
        source = f"{outlet} ({agency} feed)"
    else:
        source = outlet or agency
    published = find_published(raw, dropped)
    return DetectedMetadata(
        title=title, source=source, published=published, outlet=outlet, agency=agency
    )
