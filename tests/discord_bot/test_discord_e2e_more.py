"""End to end, the rest: refusals, failures, DMs, threads, fallbacks, /sources and /help."""

from __future__ import annotations

import asyncio
import logging

import pytest
from discord_standin.fake_engine import FakeEngine

from bot.discord.main import run_bot
from retrieval import DiscordSettings

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(autouse=True)
def _clean(standin, bot_fake_engine):
    bot_fake_engine.reset()
    yield
    assert not standin.calls_of("unknown"), [c.path for c in standin.calls_of("unknown")]
    assert not [c for c in standin.calls if c.status >= 400], "the stand-in refused a request"


async def test_too_long_is_refused_politely(standin, discord_bot, bot_fake_engine):
    long = await standin.send_slash(
        "ask", {"question": "why? " * 200}, user=standin.world.new_person()
    )
    refused = (await long.callback()).json
    assert refused["data"]["flags"] == 64 and "keep it under 500" in refused["data"]["content"]
    assert not bot_fake_engine.asks


async def test_an_engine_failure_is_one_sentence_and_a_logged_trace(
    standin, discord_bot, bot_fake_engine, caplog
):
    bot_fake_engine.fail = True
    handle = await standin.send_slash("ask", {"question": "Oman?"}, user=standin.world.new_person())
    final = await handle.final()
    assert final.message["content"].startswith("Sorry, something went wrong")
    assert "Traceback" not in str(final.message) and "RuntimeError" not in str(final.message)
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info)
    assert "the fake engine was told to fail" in str(
        failure.exc_info[1].__cause__ or failure.exc_info[1]
    )

    message = await standin.send_message("Oman?", user=standin.world.new_person())
    reply = await message.reply()
    assert reply.json["content"].startswith("Sorry, something went wrong")


async def test_an_unknown_country_gets_the_engines_suggestions(standin, discord_bot):
    handle = await standin.send_slash("country", {"name": "Omn"}, user=standin.world.new_person())
    final = await handle.final()
    assert "Did you mean: Oman" in final.message["content"]


async def test_an_unknown_country_for_sources_is_said_plainly(standin, discord_bot):
    handle = await standin.send_slash("sources", {"country": "Atlantis"})
    final = await handle.final()
    assert final.message["content"] == "No country called 'Atlantis'."


async def test_country_falls_back_to_ask_without_briefs(standin, discord_bot, bot_fake_engine):
    class NoBriefs:  # an engine that cannot brief: everything but country_brief
        def __getattr__(self, name):
            if name == "country_brief":
                raise AttributeError(name)
            return getattr(bot_fake_engine, name)

    discord_bot.engine = NoBriefs()
    try:
        handle = await standin.send_slash(
            "country", {"name": "Oman"}, user=standin.world.new_person()
        )
        embed = (await handle.final()).message["embeds"][0]
    finally:
        discord_bot.engine = bot_fake_engine
    assert embed["title"] == "What has India done with Oman?"
    assert bot_fake_engine.asks[-1].country == "Oman"


async def test_sources_lists_articles_with_outlet_date_and_link(standin, discord_bot):
    handle = await standin.send_slash(
        "sources", {"country": "Russia"}, user=standin.world.new_person()
    )
    embed = (await handle.final()).message["embeds"][0]
    listed = embed["description"]
    assert "[SCO Summit 2023" in listed and "(https://news.example/ru/sco-singh-shoigu)" in listed
    assert "Business Standard (PTI), 28 Apr 2023" in listed
    assert "Jaishankar reviews bilateral ties" in listed and "Oman" not in listed


async def test_help_is_ephemeral(standin, discord_bot):
    answer = await (await standin.send_slash("help")).callback()
    assert answer.json["type"] == 4 and answer.json["data"]["flags"] == 64
    assert "/ask" in answer.json["data"]["embeds"][0]["description"]


async def test_a_dm_is_answered_and_remembers_its_topic(standin, discord_bot, bot_fake_engine):
    person = standin.world.new_person()
    first = await standin.send_message("What about Japan?", user=person, dm=True, mention_bot=False)
    reply = await first.reply()
    assert reply.channel_id == standin.world.dm_channels[person.id]
    assert "Motegi" in reply.json["embeds"][0]["description"]
    await (
        await standin.send_message("anything else?", user=person, dm=True, mention_bot=False)
    ).reply()
    assert bot_fake_engine.asks[-1].history == ("What about Japan?",)


async def test_a_thread_is_one_conversation(standin, discord_bot, bot_fake_engine):
    thread = standin.world.thread_id
    first = await standin.send_message(
        "India and the US?", user=standin.world.new_person(), channel_id=thread
    )
    await first.reply()
    second = await standin.send_message(
        "and after that?", user=standin.world.new_person(), channel_id=thread
    )
    reply = await second.reply()
    assert bot_fake_engine.asks[-1].history == ("India and the US?",)
    assert "Blinken" in reply.json["embeds"][0]["description"]


async def test_a_new_question_in_a_channel_starts_afresh(standin, discord_bot, bot_fake_engine):
    await (await standin.send_message("India and Oman?", user=standin.world.new_person())).reply()
    await (await standin.send_message("and defence?", user=standin.world.new_person())).reply()
    assert bot_fake_engine.asks[-1].history == ()


async def test_without_embed_links_the_answer_is_plain_text(standin, discord_bot, bot_fake_engine):
    bot_fake_engine.huge = True
    message = await standin.send_message(
        "Everything?", user=standin.world.new_person(), channel_id=standin.world.no_embeds_id
    )
    reply = await message.reply()
    here = standin.world.no_embeds_id
    await standin.recorder.wait_for(  # the last piece says the answer was cut
        lambda c: c.channel_id == here and "shortened" in (c.json or {}).get("content", ""),
        5,
        "the last plain-text piece",
    )
    sent = [c for c in standin.calls_of("channel_message") if c.channel_id == here]
    assert not reply.json.get("embeds") and 2 <= len(sent) <= 3
    assert all(len(c.json["content"]) <= 2000 for c in sent)
    assert "@everyone" not in reply.json["content"]  # neutralised in plain text too


async def test_a_refused_message_content_intent_exits_with_one_line(standin, discord_bot, capsys):
    settings = DiscordSettings(token=standin.token, api_base=standin.api_base, guild_id=1)
    standin.gateway.refuse_intents = 1 << 15  # message content, not enabled in the portal
    try:
        with pytest.raises(SystemExit) as stopped:
            await asyncio.to_thread(run_bot, FakeEngine, settings)
    finally:
        standin.gateway.refuse_intents = 0
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Message Content intent" in err


async def test_feedback_on_a_reply_finds_its_answer(standin, discord_bot, bot_settings):
    person = standin.world.new_person()
    reply = await (await standin.send_message("India and Oman?", user=person)).reply()
    click = await standin.click(reply.response, "👍", user=person)
    assert (await click.callback()).json["data"]["flags"] == 64
    votes = [
        v for v in discord_bot.feedback.votes() if v["message_id"] == int(reply.response["id"])
    ]
    assert votes[0]["vote"] == "up" and '"article_id": "om-2025-12-04"' in votes[0]["citations"]
