"""What engagements are about: a general keyword table of bilateral topics."""

from __future__ import annotations

import re
from functools import lru_cache

_TABLE = {
    "defence": r"defen[cs]e|military|armed\s+forces|army|navy|air\s+force|weapons?|arms\b|missiles?"
    r"|warships?|fighter\s+jets?|interoperability|joint\s+exercises?",
    "trade": r"trade|commerce|commercial|tariffs?|exports?|imports?|free\s+trade|FTA|CEPA"
    r"|market\s+access|economic\s+(?:ties|cooperation|partnership)|economy",
    "investment": r"investments?|investors?",
    "energy": r"energy|oil|gas\b|LNG|crude|petroleum|renewables?|solar|hydrogen|power\s+sector",
    "nuclear": r"nuclear",
    "technology": r"technolog\w*|tech|digital|semiconductors?|artificial\s+intelligence"
    r"|(?-i:AI)|5G|quantum|innovation|R&D",
    "space": r"(?<!public\s)(?<!political\s)(?<!fiscal\s)\bspace\b(?!\s+for)|satellites?|ISRO",
    "maritime security": r"maritime|Indian\s+Ocean|sea\s+lanes|coast\s+guard|naval"
    r"|freedom\s+of\s+navigation|South\s+China\s+Sea",
    "Indo-Pacific": r"Indo-Pacific",
    "counter-terrorism": r"terror\w*|extremis\w*|radicali[sz]\w*",
    "regional security": r"regional\s+(?:peace\s+and\s+)?security|security\s+situation"
    r"|peace\s+and\s+security|security\s+developments",
    "UN reform": r"(?:UN|UNSC|United\s+Nations|Security\s+Council)\s+reforms?"
    r"|reforms?\s+of\s+the\s+(?:UN|United\s+Nations|Security\s+Council)"
    r"|reformed\s+multilateralism",
    "health": r"health\w*|pharma\w*|vaccines?|medical|medicines?|COVID|pandemic",
    "connectivity": r"connectivity|infrastructure|ports?\b|railways?|corridors?|INSTC|IMEC|shipping"
    r"|logistics|highways?",
    "critical minerals": r"critical\s+minerals|rare\s+earths?|lithium",
    "climate": r"climate|emissions|green\s+(?:energy|hydrogen|growth)|environment\w*",
    "education": r"education\w*|students?|universit(?:y|ies)|skill\s+development|skilling",
    "culture and tourism": r"cultur(?:e|al)|tourism|people-to-people",
    "agriculture": r"agricultur\w*|food\s+security|farm\w*|fertili[sz]ers?",
    "finance": r"financ(?:e|ial)|fintech|UPI|local\s+currenc\w+|payments?\s+systems?|banking",
    "manufacturing": r"manufactur\w*|Make\s+in\s+India|supply\s+chains?|co-develop\w*"
    r"|co-produc\w*|joint\s+(?:development|production)",
    "cyber security": r"cyber\w*",
    "development cooperation": r"development\s+(?:projects?|partnership|cooperation|assistance)"
    r"|lines?\s+of\s+credit|third\s+countr(?:y|ies)",
    "diaspora and mobility": r"diaspora|Indian\s+community|consular|visas?|mobility|migration",
}
# One pass over the text: each topic is a named group of one alternation.
_NAMES = {f"t{i}": topic for i, topic in enumerate(_TABLE)}
_ALL = re.compile(
    "|".join(rf"(?P<t{i}>\b(?:{pattern})\b)" for i, pattern in enumerate(_TABLE.values())), re.I
)
TOPICS = tuple(_TABLE)


def topics_in(text: str) -> list[str]:
    """Topics the text names, in the table's order."""
    return list(_topics(text))


@lru_cache(maxsize=4096)  # an article's events gather the same sentences again and again
def _topics(text: str) -> tuple[str, ...]:
    found = {_NAMES[m.lastgroup] for m in _ALL.finditer(text) if m.lastgroup}
    return tuple(topic for topic in TOPICS if topic in found)
