"""Engagements kept in the store, the country brief, and the `country` command and /country
(fake embedder: plumbing and what the user sees, not answer quality)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from rich.console import Console
from typer.testing import CliRunner

from bot.cli.chat import handle
from bot.cli.commands import app
from bot.cli.render import brief_lines, engagement_line
from retrieval.conversation import Conversation
from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder
from retrieval.index.record import ChunkRecord
from retrieval.text.sentences import split_sentences
from retrieval.types import Engagement


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def brief_json(*name: str) -> dict:
    result = run("country", *name, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def first_chunks(engine: Engine) -> list[ChunkRecord]:
    return [c.record for c in engine.store.all_chunks() if c.record.position == 0]


def verbatim(quote: str, knowledge) -> bool:
    text = " ".join(" ".join(p.read_text() for p in knowledge.glob("*.txt")).split())
    return all(" ".join(s.split()) in text for s in split_sentences(quote))


def test_engagements_ride_on_each_article_first_chunk(fake_engine):
    fake_engine.ingest()
    metas = first_chunks(fake_engine)
    assert len(metas) == 5 and all(isinstance(m.engagements, str) for m in metas)
    others = [c for c in fake_engine.store.all_chunks() if c.record.position > 0]
    assert all(c.record.engagements is None for c in others)
    oman = fake_engine.engagements("OM")
    assert [(e.kind, e.date_start) for e in oman] == [
        ("phone call", date(2025, 12, 3)),
        ("joint committee", date(2025, 11, 24)),
    ]
    assert len(fake_engine.engagements()) >= 10


def test_engagements_follow_their_article_through_changes(fake_engine, knowledge):
    fake_engine.ingest()
    assert fake_engine.engagements("JP")
    path = knowledge / "002_47edb2752374cd4b.txt"
    path.write_text(
        path.read_text() + "\nOn Thursday, Jaishankar also met Australian Foreign "
        "Minister Marise Payne in Tokyo.\n"
    )
    fake_engine.ingest()
    [au] = fake_engine.engagements("AU")
    assert (au.kind, au.date_start, au.place) == ("meeting", date(2020, 10, 1), "Tokyo")
    path.unlink()
    fake_engine.ingest()
    assert fake_engine.engagements("JP") == [] and fake_engine.engagements("AU") == []


def test_engagements_of_an_older_store_are_found_from_its_sentences(fake_engine):
    fake_engine.ingest()
    first = [c for c in fake_engine.store.all_chunks() if c.record.position == 0]
    expected = {e.quote for e in fake_engine.engagements()}
    stale = [
        replace(c.record, engagements=None, engagements_version=None).to_metadata() for c in first
    ]
    fake_engine.store.collection.update(ids=[c.id for c in first], metadatas=stale)
    again = Engine(fake_engine.settings, embedder=FakeEmbedder())
    assert {e.quote for e in again.engagements()} == expected


def test_a_first_chunk_left_by_a_crash_does_not_win(fake_engine):
    fake_engine.ingest()
    [chunk] = [
        c
        for c in fake_engine.store.all_chunks()
        if c.record.position == 0 and "OM" in c.record.countries
    ]
    old = replace(chunk.record, source_hash="older", engagements="[]")
    fake_engine.store.add(
        [replace(chunk, id="leftover", record=old)], FakeEmbedder().embed([chunk.text])
    )
    fresh = Engine(fake_engine.settings, embedder=FakeEmbedder())
    assert [e.kind for e in fresh.engagements("OM")] == ["phone call", "joint committee"]


def test_country_tags_include_engagement_partners_unless_curated(fake_engine, knowledge):
    (knowledge / "002_47edb2752374cd4b.meta.yaml").write_text(
        "source: Oneindia\npublished: 2020-10-07\n"
    )
    (knowledge / "extra.txt").write_text(
        "India, Singapore review ties\n\nSingapore's Foreign Minister Vivian Balakrishnan met "
        "External Affairs Minister S Jaishankar in New Delhi on Monday and discussed trade.\n"
    )
    fake_engine.ingest()
    by_name = {a.path.rsplit("/", 1)[-1]: a for a in fake_engine.sources()}
    assert "SG" in by_name["extra.txt"].countries
    assert by_name["004_048e5a57887d2b5b.txt"].countries == ["RU", "UZ", "KG", "BY"]


def test_country_json_oman_lists_the_call_and_the_committee(env, knowledge):
    brief = brief_json("Oman")
    assert (brief["country_code"], brief["country_name"], brief["articles"]) == ("OM", "Oman", 1)
    call, jmcc = brief["engagements"]
    assert (call["kind"], call["date_start"], call["date_end"]) == (
        "phone call",
        "2025-12-03",
        "2025-12-03",
    )
    assert any("Jaishankar" in p for p in call["participants"])
    assert any("Badr Albusaidi" in p for p in call["participants"])
    assert (jmcc["kind"], jmcc["date_start"], jmcc["date_end"], jmcc["place"]) == (
        "joint committee",
        "2025-11-24",
        "2025-11-30",
        "New Delhi",
    )
    assert "13th Joint Military Cooperation Committee" in jmcc["quote"]
    assert "Defence Secretary Rajesh Kumar Singh" in jmcc["participants"]
    cites = {c["n"]: c for c in brief["citations"]}
    for e in (call, jmcc):
        assert cites[e["citation"]]["quote"] == e["quote"] and verbatim(e["quote"], knowledge)


def test_country_russia_lists_the_lavrov_call_and_the_shoigu_meeting(env):
    found = {(e["kind"], e["date_start"]): e for e in brief_json("Russia")["engagements"]}
    lavrov = found[("phone call", "2022-01-04")]
    shoigu = found[("meeting", "2023-04-28")]
    assert any("Sergey Lavrov" in p for p in lavrov["participants"])
    assert any("Sergei Shoigu" in p for p in shoigu["participants"])
    dated = [e["date_start"] for e in found.values() if e["date_start"]]
    assert dated == sorted(dated, reverse=True)  # newest first


def test_every_name_of_the_united_states_gives_one_brief(env):
    briefs = [
        brief_json(*name)
        for name in (["US"], ["USA"], ["America"], ["United States"], ["United", "States"])
    ]
    assert all(b == briefs[0] for b in briefs) and briefs[0]["country_code"] == "US"


def test_unknown_country_exits_1_with_suggestions(env):
    result = run("country", "Atlantis")
    assert result.exit_code == 1
    assert "No country called 'Atlantis'" in result.stderr and "Did you mean" in result.stderr


def test_known_country_without_articles_says_so(env):
    brief = brief_json("Tuvalu")
    assert brief["articles"] == 0 and brief["engagements"] == []
    assert brief["message"] == "No articles about India and Tuvalu yet."


def test_country_screen_has_counts_timeline_and_sources(env):
    result = run("country", "Oman")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "India – Oman: 1 article, 2 engagements" in lines  # after the first run's ingest
    call = next(line for line in lines if "phone call" in line)
    assert "3 Dec 2025" in call and "S Jaishankar – Badr Albusaidi" in call and call.endswith("[1]")
    jmcc = next(line for line in lines if "joint committee" in line)
    assert "24–30 Nov 2025" in jmcc and "(New Delhi)" in jmcc and "[defence" in jmcc
    assert "Sources" in lines and any(line.startswith("[1][2] EAM Jaishankar") for line in lines)


def test_chat_country_command(fake_engine):
    fake_engine.ingest()
    console = Console(record=True, width=200)
    for line in ("/country Japan", "/country Atlantis", "/country"):
        assert handle(fake_engine, line, Conversation(), console)
    text = console.export_text()
    assert "India – Japan: 1 article, 1 engagement" in text and "(Tokyo)" in text
    assert "No country called 'Atlantis'" in text and "Which country?" in text


def test_country_names_and_suggestions(fake_engine):
    fake_engine.ingest()
    names = fake_engine.country_names()
    assert names[0] == ("RU", "Russia", 2) and ("OM", "Oman", 1) in names
    assert all(code != "IN" for code, _, _ in names)
    assert fake_engine.suggest_countries("om")[0] == ("OM", "Oman")
    assert fake_engine.suggest_countries("usa")[0] == ("US", "United States")
    assert fake_engine.suggest_countries("") == [(c, n) for c, n, _ in names]
    assert len(fake_engine.suggest_countries("a", limit=25)) == 25
    assert fake_engine.suggest_countries("Omman")[0] == ("OM", "Oman")


def test_engagement_line_dates():
    def line(**kw) -> str:
        return engagement_line(Engagement(kind="visit", article_id="a", quote="q", **kw))

    assert line().strip().startswith("date unknown")
    assert "Jul 2024" in line(
        date_start=date(2024, 7, 1), date_end=date(2024, 7, 31), date_precision="month"
    )
    assert "30 Jul – 2 Aug 2025" in line(
        date_start=date(2025, 7, 30), date_end=date(2025, 8, 2), date_precision="range"
    )


def test_a_long_brief_stays_on_one_screen(fake_engine):
    fake_engine.ingest()
    brief = fake_engine.country_brief("Russia")
    lines = brief_lines(brief.model_copy(update={"engagements": brief.engagements * 10}))
    assert len(lines) < 40 and any("more (--json lists all)" in line for line in lines)
