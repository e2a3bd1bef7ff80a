"""A synthetic corpus for benchmarks: templated engagements, made at bench time, never committed."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pycountry

OUTLETS = [
    "Wire Service A",
    "Daily Ledger",
    "The Morning Post",
    "Capital Times",
    "Asia Desk",
    "Global Courier",
    "Harbour Herald",
    "Evening Standard-Bearer",
    "Policy Review",
    "Northern Chronicle",
    "Gulf Bulletin",
    "Pacific Observer",
]
KINDS = [
    ("held a telephone conversation with", "phone call"),
    ("met", "meeting"),
    ("hosted", "visit"),
    ("co-chaired the joint commission meeting with", "joint commission"),
    ("held the annual strategic dialogue with", "dialogue"),
    ("signed an agreement on {topic} with", "agreement"),
]
TOPICS = [
    "defence",
    "trade",
    "energy",
    "maritime security",
    "counter-terrorism",
    "technology",
    "health",
    "education",
    "space",
    "agriculture",
    "climate",
    "connectivity",
]
ROLES = [
    "External Affairs Minister",
    "Defence Minister",
    "Commerce Minister",
    "Foreign Secretary",
    "National Security Advisor",
    "Prime Minister",
]
PLACES = ["New Delhi", "Mumbai", "the partner's capital", "the sidelines of a multilateral summit"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def countries(n: int = 100) -> list[str]:
    names = sorted(
        c.name
        for c in pycountry.countries
        if c.alpha_2 != "IN" and "," not in c.name and "(" not in c.name
    )
    return random.Random(7).sample(names, n)


def article(i: int, rng: random.Random, partners: list[str]) -> dict:
    partner = rng.choice(partners)
    published = date(2018, 1, 1) + timedelta(days=rng.randrange(365 * 8))
    verb, kind = rng.choice(KINDS)
    topics = rng.sample(TOPICS, 3)
    role = rng.choice(ROLES)
    sentences = [
        f"India's {role} {verb.format(topic=topics[0])} his {partner} counterpart on "
        f"{rng.choice(WEEKDAYS)} in {rng.choice(PLACES)}.",
        f"The two sides discussed {topics[0]}, {topics[1]} and {topics[2]}, officials said.",
        f"It was the {i % 20 + 1}th such {kind} between India and {partner} "
        f"(synthetic record {i}).",
    ]
    for j in range(rng.randrange(6, 16)):
        t = rng.choice(TOPICS)
        sentences.append(
            f"On {t}, both delegations reviewed progress on item {j} and agreed to meet again "
            f"before the end of the year, a statement from the ministry in {partner} said."
        )
    body = "\n\n".join(" ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3))
    return {
        "title": f"India, {partner} hold {kind} on {topics[0]} (synthetic {i})",
        "text": body,
        "published": published.isoformat(),
        "url": f"https://synthetic.invalid/{i}",
        "source": rng.choice(OUTLETS),
    }


def write_corpus(folder: Path, n: int, per_file: int = 500, seed: int = 1) -> Path:
    """n synthetic articles as JSONL files of `per_file` lines each, under folder."""
    rng = random.Random(seed)
    partners = countries()
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, per_file):
        path = folder / f"synthetic_{start // per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(start, min(n, start + per_file)):
                fh.write(json.dumps(article(i, rng, partners)) + "\n")
    return folder
