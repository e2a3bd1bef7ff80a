"""End to end: the real BilateralBot against the Discord stand-in, with the fake engine."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3

import pytest
from discord_standin.fake_engine import FakeEngine
from discord_standin.limits_check import violations

from bot.discord.feedback_store import hash_user
from bot.discord.limits import embed_violations
from bot.discord.main import run_bot
from retrieval import DiscordSettings

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")

NONE = {"parse": []}


@pytest.fixture(autouse=True)
def _clean(standin, bot_fake_engine):
    """Fresh engine knobs; afterwards the stand-in must have seen no unknown or refused request."""
    bot_fake_engine.reset()
    yield
    assert not standin.calls_of("unknown"), [c.path for c in standin.calls_of("unknown")]
    refused = [c for c in standin.calls if c.status >= 400 and c.kind != "unauthorized"]
    assert not refused, [(c.kind, c.status, c.response) for c in refused]


async def test_sync_registers_every_command(standin, discord_bot):
    sync = standin.calls_of("sync")[-1]
    assert sync.path.endswith(f"/guilds/{standin.world.guild_id}/commands")
    commands = {c["name"]: c for c in sync.json}
    assert set(commands) == {"ask", "country", "sources", "help", "reindex"}
    assert all(c["description"] for c in commands.values())
    question = commands["ask"]["options"][0]
    assert (question["name"], question["type"], question["required"]) == ("question", 3, True)
    assert question["description"]
    assert commands["country"]["options"][0]["autocomplete"] is True
    assert commands["sources"]["options"][0].get("required", False) is False
    assert int(commands["reindex"]["default_member_permissions"]) == 1 << 5  # Manage Server
    intents = standin.gateway.identify["intents"]
    for bit in (0, 9, 12, 15):  # guilds, guild messages, DMs, message content
        assert intents & (1 << bit)
    assert standin.gateway.identify["token_ok"] and "token" not in standin.gateway.identify
    # discord.py asks for zstd/zlib compression but reads the stand-in's plain text frames
    query = standin.gateway.queries[-1]
    assert (query["v"], query["encoding"]) == ("10", "json") and "compress" in query


async def test_country_is_deferred_then_answered_with_a_cited_brief(standin, discord_bot):
    handle = await standin.send_slash("country", {"name": "Oman"}, user=standin.world.new_person())
    deferred = await handle.deferred(3)
    assert deferred.json["type"] == 5 and deferred.at - handle.sent_at < 3
    final = await handle.final()
    embed = final.message["embeds"][0]
    assert "Oman" in embed["title"]
    sources = next(f["value"] for f in embed["fields"] if f["name"] == "Sources")
    assert "Omani counterpart" in sources and "news.example/om/" in sources
    assert final.json["allowed_mentions"] == NONE


async def test_autocomplete_offers_only_covered_countries_with_counts(
    standin, discord_bot, bot_fake_engine
):
    async def choices(command: str, option: str, typed: str) -> list[dict]:
        answer = await (await standin.send_autocomplete(command, option, typed)).callback(3)
        assert answer.json["type"] == 8
        return answer.json["data"]["choices"]

    assert await choices("country", "name", "om") == [{"name": "Oman (1 article)", "value": "Oman"}]
    # the engine also knows Romania, France and Israel, but no article covers them
    assert [c["name"] for c in await choices("country", "name", "r")] == [
        "Russia (2 articles)",  # best match first: its name starts so
        "United States (1 article)",  # an alias ("america") has an r
    ]
    assert await choices("country", "name", "rom") == []  # Romania alone matches
    assert [c["name"] for c in await choices("sources", "country", "")] == [
        "Russia (2 articles)",  # most articles first
        "Japan (1 article)",
        "Oman (1 article)",
        "United States (1 article)",
    ]
    bot_fake_engine.crowded = True
    assert len(await choices("sources", "country", "")) == 25


async def test_mention_is_answered_and_follow_up_stays_on_topic(
    standin, discord_bot, bot_fake_engine
):
    person = standin.world.new_person()
    first = await standin.send_message("what did India and Russia discuss?", user=person)
    reply = await first.reply()
    assert reply.json["message_reference"]["message_id"] == int(first.id)
    sources = reply.json["embeds"][0]["fields"][0]["value"]
    assert "Russia" in sources and "Lavrov" in reply.json["embeds"][0]["description"]

    # a reply to the bot's answer, without mentioning it
    follow_up = await standin.send_message(
        "and defence?", user=person, reply_to=reply.response, mention_bot=False
    )
    second = await follow_up.reply()
    assert bot_fake_engine.asks[-1].history == ("what did India and Russia discuss?",)
    assert "Shoigu" in second.json["embeds"][0]["description"].split("[1]")[0]


async def test_everyone_in_a_question_pings_nobody(standin, discord_bot):
    message = await standin.send_message(
        "@everyone what did India and Oman discuss?", user=standin.world.new_person()
    )
    reply = await message.reply()
    assert reply.json["allowed_mentions"]["parse"] == []
    assert not reply.json["allowed_mentions"].get("replied_user")
    assert "@everyone" not in json.dumps(reply.json["embeds"])


async def test_twenty_slow_questions_at_once_keep_the_gateway_alive(
    standin, discord_bot, bot_fake_engine
):
    bot_fake_engine.slow = 1.0  # 20 x 1 s on the bot's 2 engine threads: about 10 s of work
    rtts_before, beats_before = len(standin.gateway.rtts), len(standin.gateway.beats)
    standin.heartbeat_probe(0.2)
    question = {"question": "What did India and Oman discuss?"}
    handles = await standin.send_slash_burst(
        [("ask", question, standin.world.new_person()) for _ in range(20)]
    )
    deferred = await asyncio.gather(*(h.deferred(3) for h in handles))
    assert all(d.json["type"] == 5 for d in deferred)
    assert max(d.at - h.sent_at for d, h in zip(deferred, handles, strict=True)) < 3
    finals = await asyncio.gather(*(h.final(30) for h in handles))
    standin.heartbeat_probe(None)
    await asyncio.sleep(0.05)
    assert all(f.ok and f.message["embeds"] for f in finals)
    assert len(bot_fake_engine.asks) == 20

    rtts = standin.gateway.rtts[rtts_before:]
    beats = standin.gateway.beats[beats_before:]
    gaps = [b - a for a, b in zip(beats, beats[1:], strict=False)]
    assert len(rtts) >= 20 and max(rtts) < 1.0, rtts  # the stand-in asked, the bot answered
    assert len(beats) >= 20 and max(gaps) < 1.0, gaps  # the bot's own beats, every 0.25 s
    assert discord_bot.latency < 1.0


async def test_an_answer_far_over_the_limits_arrives_within_them(
    standin, discord_bot, bot_fake_engine
):
    bot_fake_engine.huge = True
    handle = await standin.send_slash(
        "ask", {"question": "Everything?"}, user=standin.world.new_person()
    )
    final = await handle.final()
    assert final.ok
    assert violations(final.message) == []
    assert embed_violations(final.message["embeds"]) == []
    embed = final.message["embeds"][0]
    assert embed["description"].endswith("shortened to fit Discord.*")
    assert "more sources" in embed["fields"][-1]["value"]


async def test_reindex_needs_manage_server(standin, discord_bot, bot_fake_engine):
    refused = await standin.send_slash("reindex", user=standin.world.new_person())
    answer = await refused.callback(3)
    assert answer.json["type"] == 4 and answer.json["data"]["flags"] == 64
    assert "Manage Server" in answer.json["data"]["content"]
    assert bot_fake_engine.ingests == 0

    allowed = await standin.send_slash("reindex", user=standin.world.new_person(admin=True))
    deferred = await allowed.deferred(3)
    assert deferred.json["type"] == 5 and deferred.json["data"]["flags"] == 64
    final = await allowed.final()
    assert final.message["flags"] == 64 and final.message["content"].startswith("Reindexed")
    assert bot_fake_engine.ingests == 1


async def test_feedback_click_is_stored_and_acknowledged(standin, discord_bot, bot_settings):
    person = standin.world.new_person()
    asked = await standin.send_slash(
        "ask", {"question": "What did India and Oman discuss?"}, user=person
    )
    answer = (await asked.final()).response
    click = await standin.click(answer, "👎", user=person)
    ack = await click.callback(3)
    assert click.payload["data"]["custom_id"] == f"bilateral:feedback:down:{asked.id}"
    assert ack.json["type"] == 4 and ack.json["data"]["flags"] == 64
    with sqlite3.connect(bot_settings.feedback_db) as db:
        db.row_factory = sqlite3.Row
        row = db.execute(
            "SELECT * FROM votes WHERE message_id = ?", (int(answer["id"]),)
        ).fetchone()
    assert row["vote"] == "down" and row["question"] == "What did India and Oman discuss?"
    assert "Badr Albusaidi" in row["answer"]
    assert json.loads(row["citations"])[0]["article_id"] == "om-2025-12-04"
    assert row["user_hash"] == hash_user(int(person.id)) and person.id not in row["user_hash"]


async def test_a_rejected_token_exits_with_one_line(standin, discord_bot, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "MTIzNDU2.rejected-token.xyz"
    settings = DiscordSettings(token=secret, api_base=standin.api_base)
    with pytest.raises(SystemExit) as stopped:
        await asyncio.to_thread(run_bot, FakeEngine, settings)
    assert stopped.value.code == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "rejected the bot token" in err
    assert secret not in out + err + caplog.text
    assert secret not in repr(settings)
    assert standin.calls_of("unauthorized")
