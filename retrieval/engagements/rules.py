"""The words that report an engagement: trigger patterns per kind, clause edges, and the cues
that make a mention planned, cancelled, multilateral or a reference back to one already told."""

from __future__ import annotations

import re
from dataclasses import dataclass

PHONE, MEETING, VISIT, DIALOGUE = "phone call", "meeting", "visit", "dialogue"
COMMITTEE, SUMMIT, AGREEMENT, STATEMENT = "joint committee", "summit", "agreement", "statement"
EXERCISE = "exercise"
KINDS = (PHONE, MEETING, VISIT, DIALOGUE, COMMITTEE, SUMMIT, AGREEMENT, STATEMENT, EXERCISE)
# The words people use for each kind, in a question ("when did they last speak") or an
# option (`--kind calls`); "met" and "talks" are a meeting, and in a question any in-person kind.
KIND_WORDS = (
    (PHONE, r"\b(?:call(?:s|ed)?|phone\w*|spoke|speak|spoken|telephone\w*|dialled)\b"),
    (VISIT, r"\b(?:visit\w*|trip|travel\w*|toured?|went to|go to)\b"),
    (EXERCISE, r"\b(?:exercises?|drills?|war ?games?)\b"),
    (AGREEMENT, r"\b(?:sign\w*|agreements?|mous?|pacts?|deals?)\b"),
    (SUMMIT, r"\bsummits?\b"),
    (DIALOGUE, r"\b(?:dialogues?|2\+2|consultations?|rounds?)\b"),
    (COMMITTEE, r"\b(?:committees?|commissions?|jetco|jcm|jwg)\b"),
    (MEETING, r"\b(?:me(?:e)?t(?:s|ing|ings)?|talks?|talked|held talks|discuss\w*)\b"),
)
IN_PERSON = (MEETING, DIALOGUE, SUMMIT, COMMITTEE, VISIT)

# Which kinds may be two reports of one event ("held talks" ... "the strategic dialogue").
_SAME_EVENT = {
    PHONE: {PHONE},
    MEETING: {MEETING, VISIT, DIALOGUE, COMMITTEE, SUMMIT},
    VISIT: {VISIT, MEETING},
    DIALOGUE: {DIALOGUE, MEETING},
    COMMITTEE: {COMMITTEE, MEETING},
    SUMMIT: {SUMMIT, MEETING},
    AGREEMENT: {AGREEMENT},
    STATEMENT: {STATEMENT},
    EXERCISE: {EXERCISE},
}
# A merged event takes the most specific of these kinds when any report names it.
SPECIFIC = (COMMITTEE, DIALOGUE, SUMMIT)


def compatible(a: str, b: str) -> bool:
    return b in _SAME_EVENT[a] or a in _SAME_EVENT[b]


@dataclass(frozen=True)
class Trigger:
    kind: str
    start: int
    end: int
    noun: bool  # a noun can refer back ("the meeting"); a verb ("met") always reports anew
    weak: bool  # needs a date or a person beside it to stand as an event of its own


_MULTI = (
    r"SCO|G-?20|G-?7|BRICS|Quad|ASEAN|East\s+Asia|EAS|NATO|UN|United\s+Nations|COP\s*\d*"
    r"|BIMSTEC|SAARC|IBSA|CHOGM|APEC|Commonwealth|Nuclear\s+Security|Global\s+South"
    r"|AI\s+(?:Action|Impact|Safety)|Africa|Pacific\s+Islands?|Nordic|EU|European\s+Union"
    r"|Arab|GCC|Gulf|Central\s+Asia|IORA|CICA|Shanghai|Mekong|Indian\s+Ocean|Climate"
)
_SIGN = r"(?:sign(?:ed|s|ing)?|ink(?:ed|s|ing)?|seal(?:ed|s)?|conclud(?:ed|es)|exchang(?:ed|es))"
_DOCS = (
    r"(?:agreements?|pacts?|mous?|memorand(?:um|a)(?:\s+of\s+understanding)?|treat(?:y|ies)"
    r"|accords?|deals?|protocols?|letters?\s+of\s+intent|contracts?|conventions?"
    r"|roadmaps?|frameworks?|arrangements?|action\s+plans?)"
)
_DIALOGUE_TYPES = (
    r"strategic|security|ministerial|defen[cs]e\s+policy|maritime(?:\s+security)?"
    r"|economic|trade\s+policy|counter[- ]?terrorism|cyber|energy|foreign\s+office"
    r"|foreign\s+secretary[- ]level|political|intersessional|consular|space"
    r"|(?:FTA|free\s+trade|trade|CEPA|BTA)"
)

# (kind, pattern, noun, weak); earlier rows win where matches overlap.
_ROWS: list[tuple[str, str, bool, bool]] = [
    (
        COMMITTEE,
        r"\b(?:joint|inter-?\s?governmental|strategic\s+partnership)\s+"
        r"(?:[\w,&-]+\s+){0,7}?(?:committee|commission"
        r"|working\s+group|council|task\s+force|steering\s+group)\b(?:\s*\([A-Z]{2,6}\))?"
        r"(?:\s+(?:meeting|session))?",
        True,
        False,
    ),
    (
        COMMITTEE,
        r"(?-i:\b(?:JWG|JCM|JMCC|JDCC|IGC|JEC|JTC|JWGs)\b)(?:\s+(?:meeting|session))?",
        True,
        False,
    ),
    (
        STATEMENT,
        r"\bjoint\s+(?:statement|declaration|communiqu[eé]|vision\s+statement)\b",
        True,
        False,
    ),
    (
        DIALOGUE,
        r"\b2\s*\+\s*2\b(?:\s+(?:ministerial\s+)?(?:dialogue|meeting|talks|format))?",
        True,
        False,
    ),
    (
        DIALOGUE,
        rf"\b(?:{_DIALOGUE_TYPES})\s+(?:and\s+\w+\s+)?(?:dialogue|consultations|talks"
        r"|negotiations)\b",
        True,
        False,
    ),
    (DIALOGUE, r"\bround\s+of\s+(?:talks|negotiations|consultations)\b", True, False),
    # a joint exercise of the two countries' forces ("the 8th edition of ... Joint Military
    # Exercise", "bilateral naval exercise", "joint drill")
    (
        EXERCISE,
        r"\b(?:joint|bilateral|combined)\s+(?:[\w-]+\s+){0,2}?(?:exercises?|drills?|war\s?games)\b"
        r"|\b(?:military|naval|army|air|maritime|armed\s+forces)\s+(?:[\w-]+\s+)?exercises?\b",
        True,
        False,
    ),
    (EXERCISE, r"\b(?:the|this)\s+(?P<t>exercise|drill)\b", True, True),
    (
        DIALOGUE,
        r"\b(?:the|this|a|an|its|their)\s+(?:\w+\s+)?(?P<t>dialogue)\b|\bconsultations\b",
        True,
        True,
    ),
    # a summit is bilateral when said so ("annual", "India-Japan"); "a summit in Paris" may not be
    (
        SUMMIT,
        r"\b(?:(?:annual|bilateral|virtual|informal|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,2}?"
        r"|India\s*[-–]\s*\w+(?:\s\w+)?\s+|\w+\s*[-–]\s*India\s+)summit(?:[- ]level\s+"
        r"(?:talks|meeting))?(?:\s+meeting)?\b|\bsummit[- ]level\s+(?:talks|meeting)\b",
        True,
        False,
    ),
    (SUMMIT, r"\b(?:the|this|that)\s+(?P<t>summit)\b", True, True),
    (AGREEMENT, rf"\b{_SIGN}\b(?:\W+\w+){{0,7}}?\W+{_DOCS}\b", False, False),
    (
        AGREEMENT,
        rf"\b{_DOCS}\b(?:\W+\w+){{0,8}}?\W+(?:was|were|have\s+been|has\s+been|being)\s+"
        rf"{_SIGN}\b|\bexchange\s+of\s+(?:[\w-]+\s+){{0,3}}?{_DOCS}\b",
        False,
        False,
    ),
    (
        MEETING,
        r"\bcourtesy\s+call\b|\bcalled\s+on\b|\bvideo[- ]?conferenc\w*|\bvirtual\s+meeting\b"
        r"|\bhost(?:ed|s)\b",
        False,
        False,
    ),
    (
        PHONE,
        r"\b(?:tele)?phon(?:e|ic)\s+(?:call|conversation|talk|chat|discussion)s?\b"
        r"|\btelephonic(?:ally)?\b|\bvideo\s+call\b|\bdial(?:l?ed|s|ling)\b"
        r"|\b(?:spoke|speak|speaks|spoken|talked)\s+(?:over|on)\s+(?:the\s+)?(?:tele)?phone\b"
        r"|\bcalled\s+up\b|\b(?:received|made|had|held)\s+a\s+call\s+(?:from|to|with)\b",
        False,
        False,
    ),
    (PHONE, r"\b(?:spoke|speak|speaks|spoken|speaking|talked)\s+(?:to|with)\b", False, True),
    (PHONE, r"\bconversations?\b", True, True),
    (
        VISIT,
        r"\b(?:visit|visits|visited|visiting)\b|\b(?:trip|tour|stopover)\s+(?:to|of)\b"
        r"|\b(?:travell?ed|travels|arrived|arrives|landed|lands)\s+(?:to|in|at)\b",
        True,
        False,
    ),
    (
        MEETING,
        r"\b(?:met|meets|meet)\b(?!\s+(?:with\s+)?(?:the\s+)?(?:needs?|targets?|demands?"
        r"|goals?|protests?|criticism|resistance|opposition|deadlines?|expectations)\b)",
        False,
        False,
    ),
    (
        MEETING,
        r"\bmeetings?\b(?!\s+(?:the|its|their|his|her|our|targets?|demands?|needs?)\b)"
        r"|\btalks\b(?!\s+(?:about|of|up|to\s+(?:reporters|the\s+media|the\s+press))\b)",
        True,
        False,
    ),
    (MEETING, r"\bdiscussions\b", True, True),
]
_TRIGGERS = [(kind, re.compile(p, re.I), noun, weak) for kind, p, noun, weak in _ROWS]
# "the SCO summit", "the Quad foreign ministers' meeting": where bilateral talks happen, not them.
_GROUP_BEFORE = re.compile(rf"\b(?:{_MULTI})(?:[\s-]+[\w'’]+){{0,3}}[\s-]+$", re.I)
_GROUP_KINDS = (MEETING, SUMMIT, DIALOGUE, COMMITTEE)
_NOT_EVENT_BEFORE = re.compile(
    r"\b(?:peace|so-called|importance\s+of|need\s+for)\s+(?:\w+\s+)?$", re.I
)


# Every trigger holds one of these stems: most sentences are dismissed by this one search.
_ANY = re.compile(
    r"met|meet|talk|visit|call|phon|dial|spok|speak|conversation|summit|dialogue"
    r"|consultation|joint|governmental|partnership|sign|ink|seal|conclud|exchang|host"
    r"|travel|arriv|land|trip|tour|stopover|2\s*\+\s*2|round|discussion|conferenc"
    r"|exercise|drill|war\s?game"
    r"|JWG|JCM|JMCC|JDCC|IGC|JEC|JTC|agreement|mou|pact|treat|accord|deal|protocol",
    re.I,
)


def find_triggers(text: str) -> list[Trigger]:
    """Event words in reading order; a longer or earlier-listed pattern wins an overlap."""
    if not _ANY.search(text):
        return []
    found: list[Trigger] = []
    for kind, pattern, noun, weak in _TRIGGERS:
        for m in pattern.finditer(text):
            start, end = m.span("t") if "t" in pattern.groupindex and m["t"] else m.span()
            if any(start < t.end and t.start < end for t in found):
                continue
            before = text[max(0, start - 40) : start]
            if noun and kind in _GROUP_KINDS and _GROUP_BEFORE.search(before):
                continue
            if _NOT_EVENT_BEFORE.search(before):
                continue
            found.append(Trigger(kind, start, end, noun, weak))
    return sorted(found, key=lambda t: t.start)


# Clause edges: a subordinate event ("ahead of a planned meeting", "a day after talks among ...")
# or a second verb ("and discussed the follow-up to the summit") gets its own clause.
_EDGES = re.compile(
    r";\s*|,?\s+(?=(?:(?:a|one|two|three|few|several|some|\d+)\s+)?(?:days?|weeks?|months?)\s+"
    r"(?:after|before)\b)|(?<!\bdays)(?<!\bday)(?<!\bweeks)(?<!\bweek)(?<!\bmonths)(?<!\bmonth),?"
    r"\s+(?=(?:ahead\s+of|after|before|following|since|prior\s+to|in\s+the\s+run[- ]up\s+to"
    r"|(?:as\s+a\s+|in\s+)?follow[- ]up\s+to|even\s+as|while|whereas|but)\b)"
    r"|,?\s+(?=and\s+(?:also\s+)?(?:discussed|agreed|reviewed|reaffirmed|exchanged|expressed|noted"
    r"|said|underlined|emphasi[sz]ed|stressed|welcomed|deliberated|explored|covered|called"
    r"|invited|announced)\b)",
    re.I,
)


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _EDGES.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


_PLANNED_BEFORE = re.compile(
    r"(?:\b(?:will|would|shall|to\s+be|set\s+to|due\s+to|expected\s+to|likely\s+to|plans?\s+to"
    r"|planning\s+to|going\s+to|agreed\s+to|may|might|could|can)\s+(?:[\w'’+-]+\s+){0,3}"
    r"|\b(?:planned|planning|upcoming|forthcoming|proposed|scheduled|next|future|prospective"
    r"|possible|potential)\s+(?:[\w'’+-]+\s+){0,2}"
    r"|\b(?:ahead\s+of|prepar\w+\s+for|run[- ]up\s+to|invit\w+)\s+(?:[\w'’+-]+\s+){0,4}"
    r"|\bto\s+|\bto\s+(?:hold|have|pay|make|undertake|conduct|attend|host|sign|co-?chair|chair"
    r"|seek|explore)\s+(?:[\w'’+-]+\s+){0,2}|\b(?:not|no|never|without)\s+(?:\w+\s+)?)$",
    re.I,
)
_PLANNED_AFTER = re.compile(
    r"^(?:[^.;,]{0,25}?|[^.;]{0,40}?\b(?:which|that)\s+)\b(?:will|would\s+be|(?:is|are)\s+"
    r"(?:likely|expected|scheduled|set|slated|due|to\s+be)|to\s+be\s+held)\b",
    re.I,
)
# Anywhere before the event word in its clause: "preparations for ..., including a meeting of".
_PLANNED_EARLIER = re.compile(
    r"\b(?:prepar\w+\s+for|upcoming|forthcoming|proposed|planned"
    r"|(?:is|are)\s+(?:scheduled|expected|set|due|slated|likely)\s+to)\b",
    re.I,
)
_CALLED_OFF = re.compile(
    r"\b(?:postponed|put\s+off|cancell?ed|called\s+off|deferred|slotted"
    r"|rescheduled|shelved|scrapped|skipped|stalled|deadlocked|suspended"
    r"|broke\s+down|collapsed)\b",
    re.I,
)
_AMONG = re.compile(
    r"^\s*(?:among|between\s+(?:the\s+)?(?:leaders|ministers|members))\b"
    rf"|^\s*(?:[\w-]+\s+){{0,3}}?of\s+(?:the\s+)?(?:{_MULTI})\b",
    re.I,
)
_MULTI_WORDS = re.compile(r"\b(?:trilateral|multilateral|quadrilateral|plurilateral)\b", re.I)
_SEPARATE = re.compile(r"\b(?:separate|separately|respective|bilateral|each)\b", re.I)
_DETERMINER = re.compile(
    r"\b(?:the|this|that|these|those|his|her|their|its|such)\s+"
    r"(?:[\w'’+-]+\s+){0,3}$",
    re.I,
)


def planned(clause: str, start: int, end: int) -> bool:
    """Whether the event at [start, end) is still to come, was called off or did not happen."""
    return bool(
        _PLANNED_BEFORE.search(clause[max(0, start - 60) : start])
        or _PLANNED_EARLIER.search(clause, 0, start)
        or _PLANNED_AFTER.search(clause[end:])
        or _CALLED_OFF.search(clause)
    )


def multilateral(clause: str, trigger_end: int) -> bool:
    """'talks among the foreign ministers of the Quad', 'a trilateral meeting'."""
    return bool(_AMONG.search(clause[trigger_end:]) or _MULTI_WORDS.search(clause))


def separate(clause: str) -> bool:
    return bool(_SEPARATE.search(clause))


_PURPOSE = re.compile(r"\bfor\s+(?:the|a|an|their|his|her)?\s*(?:[\w'’+-]+\s+){0,4}$", re.I)


def purpose(clause: str, trigger: Trigger) -> bool:
    """'arrived in Moscow on Monday for the annual summit': the summit is what the visit is for."""
    return bool(_PURPOSE.search(clause[max(0, trigger.start - 50) : trigger.start]))


def refers_back(text: str, trigger: Trigger) -> bool:
    """'the meeting', 'this visit', 'his India visit': a noun that may name an event told before."""
    return trigger.noun and bool(
        _DETERMINER.search(text[max(0, trigger.start - 50) : trigger.start])
    )
