"""Names and roles in a sentence: runs of capitalised words that can be a person's name, and
the role written before one ("Oman's Secretary General of Defence, ...")."""

from __future__ import annotations

import re

from retrieval.entities.cities import CITIES
from retrieval.entities.countries import CountryMention
from retrieval.vocabulary import NOT_NAME_WORDS as NOT_NAMES

TOKEN = re.compile(r"[^\W\d_][\w'’.]*(?<!\.)|\S")
POSSESSIVE = re.compile(r"['’]s?$")
# Words of a role or title; the HEAD ones make a run of them a role ("Defence Secretary").
HEADS = frozenset(
    """minister secretary president premier chancellor advisor adviser ambassador
envoy commissioner chief director general admiral marshal commander king queen prince sultan
emir sheikh governor speaker counterpart spokesperson spokesman chairman chairperson chair head
mayor eam nsa pm fm dg cds coas mos gen lt maj colonel col brigadier lieutenant dr mr mrs ms shri
smt excellency consul leader representative minster secretary-general director-general
vice-president deputy""".split()
)
ROLE_WORDS = HEADS | frozenset(
    """vice prime high crown foreign external affairs defence defense
home finance commerce industry trade energy petroleum ministry national security state under
joint permanent principal army navy naval air staff major rear res retd hon cabinet union armed
forces economic economy cooperation development interior justice health education agriculture
science technology culture tourism transport railways shipping ports power coal mines oil gas
environment climate labour water housing information broadcasting communications digital
investment planning parliamentary international relations overseas military political senior
acting first second lord special ministers secretaries representatives leaders officials
envoys ambassadors presidents""".split()
)
_PARTICLES = frozenset("bin bint ibn al el de da di del der van von le la dos du abu".split())
_INDIAN_ROLE = re.compile(
    r"\b(?:external\s+affairs|EAM|union\s+minister|MoS|chief\s+minister"
    r"|lok\s+sabha|rajya\s+sabha|raksha\s+mantri)\b",
    re.I,
)


def bare_word(word: str) -> str:
    return POSSESSIVE.sub("", word).rstrip(".")


def name_runs(tokens: list[re.Match[str]], mentions: list[CountryMention]) -> list[tuple[int, int]]:
    """Runs of capitalised words (initials and 'bin', 'Al' inside) that could be a name."""
    taken = [m.span for m in mentions]
    runs, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _name_word(tokens, j, j > i):
            if j > i and tokens[j].start() - tokens[j - 1].end() > 1:
                break
            j += 1
        while j > i and not _full_word(tokens[j - 1].group()):
            j -= 1  # a name ends on a word, not an initial or a particle
        if j > i:
            if not any(a < tokens[j - 1].end() and tokens[i].start() < b for a, b in taken):
                runs.append((i, j - 1))  # "Israel's" is a country, not a person
            i = j
        else:
            i += 1
    return runs


def _full_word(word: str) -> bool:
    bare = POSSESSIVE.sub("", word)
    return len(bare) > 1 and bare[0].isupper() and bare.casefold() not in _PARTICLES


def _name_word(tokens: list[re.Match[str]], j: int, inside: bool) -> bool:
    word = tokens[j].group()
    if word == ".":  # "S. Jaishankar"
        return inside and len(tokens[j - 1].group()) == 1
    if not word[0].isupper():  # most words: decided without the work below
        return inside and word in _PARTICLES
    bare = POSSESSIVE.sub("", word).rstrip(".")
    folded = bare.casefold()
    if not bare or not bare[0].isalpha():
        return False
    if inside and folded in _PARTICLES:
        return True
    if not bare[0].isupper() or folded in ROLE_WORDS or folded in NOT_NAMES:
        return False
    return not (len(bare) > 1 and bare.isupper())  # acronyms: "SCO", "US", "JMCC"


def role_start(tokens: list[re.Match[str]], first: int, mentions: list[CountryMention]) -> int:
    """Walk left from a name over role words, 'of', countries and appositive commas."""

    def roleish(tok: re.Match[str] | None) -> bool:
        if tok is None:
            return False
        folded = POSSESSIVE.sub("", tok.group()).casefold().rstrip(".")
        return folded in ROLE_WORDS or any(m.span[0] <= tok.start() < m.span[1] for m in mentions)

    start, k = first, first - 1
    while k >= 0:
        word, left = tokens[k].group(), tokens[k - 1] if k else None
        if roleish(tokens[k]) or (word.isupper() and 1 < len(word) <= 5 and start == k + 1 < first):
            start = k  # a role word, a country, or an acronym before one ("SCO Secretary General")
        elif not (
            word in "()"
            or (word.casefold() in ("of", "for", "the", ",", ".") and roleish(left))
            or (word.isupper() and left is not None and left.group() == "(")
        ):
            break
        k -= 1
    while start < first and tokens[start].group() in ",()":
        start += 1
    return start


def city_before(sentence: str, at: int) -> int | None:
    """Where a city named just before a role starts ('Abu Dhabi Crown Prince')."""
    head = sentence[:at].rstrip()
    for city in CITIES:
        if head.endswith(city) and (len(head) == len(city) or not head[-len(city) - 1].isalnum()):
            return len(head) - len(city)
    return None


def has_head(role: str) -> bool:
    return any(w.casefold().rstrip(".") in HEADS for w in re.findall(r"[\w-]+", role))


def country_of(role: str, mentions: list[CountryMention], start: int, end: int) -> str | None:
    inside = [m for m in mentions if start <= m.span[0] < end]
    foreign = [m.country.code for m in inside if not m.home]
    if foreign:
        return foreign[0]
    if inside or _INDIAN_ROLE.search(role):
        return "IN"
    city = next((c for c in CITIES if c in role and re.search(rf"\b{re.escape(c)}\b", role)), None)
    return CITIES[city] if city else None  # "Abu Dhabi Crown Prince"
