"""End to end with the limits a server gets by default (a burst of 3 questions, then one every
5 s; 2 answers at once per channel): one member's ordinary use, a member who floods, twenty
members at once, a full channel; a brief without repeated articles; /sources in pages."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.discord.channel_gate import ChannelGate
from retrieval import DiscordSettings

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")

OMAN = {"question": "What did India and Oman discuss?"}


@pytest.fixture(scope="module")
def bot_settings(standin, tmp_path_factory) -> DiscordSettings:
    """The default limits, and more engine threads than a channel may use at once, so that
    what holds a channel to two answers is the channel's cap."""
    return DiscordSettings(
        token=standin.token,
        guild_id=int(standin.world.guild_id),
        api_base=standin.api_base,
        engine_workers=6,
        feedback_db=tmp_path_factory.mktemp("bot-data") / "feedback.sqlite3",
    )


@pytest.fixture(autouse=True)
def _clean(standin, bot_fake_engine):
    bot_fake_engine.reset()
    yield
    assert not standin.calls_of("unknown"), [c.path for c in standin.calls_of("unknown")]
    refused = [c for c in standin.calls if c.status >= 400]
    assert not refused, [(c.kind, c.status, c.response) for c in refused]


def said(standin) -> str:
    """Everything the bot has written so far, as text."""
    return " ".join(str(c.message) for c in standin.calls)


async def test_country_then_ask_then_a_mention_from_one_member_are_all_answered(
    standin, discord_bot, bot_fake_engine
):
    member = standin.world.new_person()
    brief = await standin.send_slash("country", {"name": "Russia"}, user=member)
    assert (await brief.final()).message["embeds"][0]["title"] == "India – Russia"
    asked = await standin.send_slash("ask", OMAN, user=member)
    assert "Badr Albusaidi" in (await asked.final()).message["embeds"][0]["description"]
    mention = await standin.send_message("and what about Japan?", user=member)
    reply = await mention.reply()
    assert "Motegi" in reply.json["embeds"][0]["description"]
    assert "asking quickly" not in said(standin) and "One question at a time" not in said(standin)
    assert len(bot_fake_engine.asks) == 3


async def test_a_member_who_floods_is_told_when_to_ask_again(standin, discord_bot, bot_fake_engine):
    member = standin.world.new_person()
    handles = await standin.send_slash_burst([("ask", OMAN, member)] * 5)
    first = [await h.callback() for h in handles]
    answered = [h for h, call in zip(handles, first, strict=True) if call.json["type"] == 5]
    refused = [call.json["data"] for call in first if call.json["type"] == 4]
    assert len(answered) == 3 and len(refused) == 2  # the burst, then the wait
    for notice in refused:
        assert notice["flags"] == 64  # ephemeral: only the member sees it
        assert re.fullmatch(
            r"You're asking quickly: you can ask again in [1-5] s "
            r"\(up to 3 questions in a row, then one every 5 s\)\.",
            notice["content"],
        )
    await asyncio.gather(*(h.final() for h in answered))

    # a mention can't be answered ephemerally: a short reply that says when...
    notice = await (await standin.send_message("and Japan?", user=member)).reply()
    wait = int(re.search(r"ask again in (\d) s", notice.json["content"])[1])
    assert notice.json["allowed_mentions"]["parse"] == [] and not notice.json.get("embeds")
    # ...and a member who keeps going within that wait gets a reaction, not another reply
    again = await standin.send_message("and Japan??", user=member)
    reaction = await standin.recorder.wait_for(
        lambda c: c.kind == "reaction" and f"/messages/{again.id}/" in c.path, 5, "a reaction"
    )
    assert reaction.json == "⏳"
    assert len(bot_fake_engine.asks) == 3
    # and the wait it gave is true
    await asyncio.sleep(wait)
    answered_again = await (await standin.send_message("and Japan?!", user=member)).reply()
    assert "Motegi" in answered_again.json["embeds"][0]["description"]


async def test_twenty_members_at_once_are_all_answered_two_at_a_time(
    standin, discord_bot, bot_fake_engine
):
    bot_fake_engine.slow = 0.2
    members = [standin.world.new_person() for _ in range(20)]
    commands = [("ask", OMAN, m) for m in members[:10]]
    commands += [("country", {"name": "Oman"}, m) for m in members[10:15]]
    slash = await standin.send_slash_burst(commands)
    mentions = [
        await standin.send_message("What did India and Russia discuss?", user=m)
        for m in members[15:]
    ]
    deferred = await asyncio.gather(*(h.deferred(3) for h in slash))
    assert all(d.json["type"] == 5 for d in deferred)  # each waits its turn, deferred at once
    finals = await asyncio.gather(*(h.final(30) for h in slash))
    replies = await asyncio.gather(*(m.reply(30) for m in mentions))
    assert all(f.ok and f.message["embeds"] for f in finals)
    assert all(r.json["embeds"] for r in replies)
    assert len(bot_fake_engine.asks) == 20
    assert bot_fake_engine.most_at_once == 2  # the channel's cap, with 6 engine threads free


async def test_a_busy_channel_does_not_hold_up_another(standin, discord_bot, bot_fake_engine):
    bot_fake_engine.slow = 0.4
    busy = await standin.send_slash_burst(
        [("ask", OMAN, standin.world.new_person()) for _ in range(8)]  # 4 rounds of 2
    )
    elsewhere = await standin.send_slash(
        "ask", OMAN, user=standin.world.new_person(), channel_id=standin.world.thread_id
    )
    other = await elsewhere.final(30)
    last = max([await h.final(30) for h in busy], key=lambda call: call.at)
    assert other.at < last.at - 0.5


async def test_a_full_channel_refuses_politely_and_costs_nothing(
    standin, discord_bot, bot_fake_engine, monkeypatch
):
    monkeypatch.setattr(discord_bot, "gate", ChannelGate(1, 1))  # 1 answer, 1 in line
    bot_fake_engine.slow = 0.3
    members = [standin.world.new_person() for _ in range(4)]
    handles = await standin.send_slash_burst([("ask", OMAN, m) for m in members])
    first = [(await h.callback()).json for h in handles]
    assert [call["type"] for call in first] == [5, 5, 4, 4]
    for call in first[2:]:
        assert call["data"]["flags"] == 64
        assert call["data"]["content"] == (
            "This channel has 2 questions on the go already; please ask again in 2 s."
        )
    await asyncio.gather(*(h.final() for h in handles[:2]))
    assert len(bot_fake_engine.asks) == 2
    # the refused members lost nothing from their bucket: three questions in a row still pass
    bot_fake_engine.slow = 0
    monkeypatch.setattr(discord_bot, "gate", ChannelGate(3, 0))
    again = await standin.send_slash_burst([("ask", OMAN, members[3])] * 3)
    assert [(await h.callback()).json["type"] for h in again] == [5, 5, 5]
    await asyncio.gather(*(h.final() for h in again))


async def test_a_brief_lists_each_article_once(standin, discord_bot):
    handle = await standin.send_slash(
        "country", {"name": "Russia"}, user=standin.world.new_person()
    )
    embed = (await handle.final()).message["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    sources = fields["Sources"].splitlines()  # the engine cited each article twice
    assert len(sources) == 2
    assert sources[0].startswith("[1] Jaishankar reviews bilateral ties with US, Russia")
    assert sources[1].startswith("[2] [SCO Summit 2023: India, Russia resolve")
    timeline = fields["Timeline"].splitlines()
    assert len(timeline) == 4 and all(line.endswith(("[1]", "[2]")) for line in timeline)
    assert fields["Themes"] == "bilateral cooperation [1]"


async def test_sources_pages_through_many_articles(standin, discord_bot, bot_fake_engine):
    bot_fake_engine.more_articles = 41  # 45 articles: 5 pages of 10
    member = standin.world.new_person()
    message = (await (await standin.send_slash("sources", user=member)).final()).response
    numbers: list[int] = []
    for page in range(1, 6):
        embed = message["embeds"][0]
        assert embed["footer"]["text"].startswith(f"Page {page} of 5")
        numbers += [int(n) for n in re.findall(r"^(\d+)\. ", embed["description"], re.M)]
        newer, older = message["components"][0]["components"]
        assert (newer["label"], older["label"]) == ("◀ Newer", "Older ▶")
        assert bool(newer.get("disabled")) == (page == 1)
        assert bool(older.get("disabled")) == (page == 5)
        if page < 5:
            click = await standin.click(message, older["custom_id"], user=member)
            assert (await click.callback()).json["type"] == 6  # the message is updated
            await click.final()
    assert numbers == list(range(1, 46))  # every article once, in order, across the pages

    last = await (await standin.send_slash("sources", {"page": 99}, user=member)).final()
    assert last.message["embeds"][0]["footer"]["text"].startswith("Page 5 of 5")
    about = (
        await (await standin.send_slash("sources", {"country": "Russia"}, user=member)).final()
    ).response
    older = about["components"][0]["components"][1]
    click = await standin.click(about, older["custom_id"], user=standin.world.new_person())
    await click.final()
    embed = about["embeds"][0]
    assert embed["title"] == "Sources about India and Russia"
    assert embed["footer"]["text"].startswith("Page 2 of 5")  # 2 + 41 articles about Russia
