"""End to end with the real engine (packaged model, knowledge/) behind the bot and the stand-in."""

from __future__ import annotations

import pytest

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def bot_engine(seeded_engine):
    return seeded_engine


async def test_ask_cites_the_oman_article(standin, discord_bot):
    handle = await standin.send_slash(
        "ask",
        {"question": "What did Jaishankar and Badr Albusaidi discuss?"},
        user=standin.world.new_person(),
    )
    deferred = await handle.deferred(3)
    assert deferred.at - handle.sent_at < 3
    final = await handle.final(30)
    embed = final.message["embeds"][0]
    assert "Badr Albusaidi" in embed["description"] and "[1]" in embed["description"]
    sources = " ".join(f["value"] for f in embed["fields"])
    assert "Omani counterpart" in sources and "Business Standard" in sources
    assert final.json["allowed_mentions"] == {"parse": []}


async def test_country_oman_and_autocomplete_from_the_knowledge_base(standin, discord_bot):
    handle = await standin.send_slash("country", {"name": "Oman"}, user=standin.world.new_person())
    assert (await handle.deferred(3)).json["type"] == 5
    final = await handle.final(30)
    text = str(final.message["embeds"])
    assert "Oman" in text and "Omani counterpart" in text
    fields = {f["name"]: f["value"] for f in final.message["embeds"][0]["fields"]}
    assert len(fields["Sources"].splitlines()) == 1  # the engine cites its one article twice
    choices = await (await standin.send_autocomplete("country", "name", "om")).callback(3)
    # Somalia matches too, but no article covers it
    assert choices.json["data"]["choices"] == [{"name": "Oman (1 article)", "value": "Oman"}]


async def test_mention_about_russia_then_a_follow_up_stays_on_russia(standin, discord_bot):
    person = standin.world.new_person()
    first = await standin.send_message("what did India and Russia discuss?", user=person)
    reply = await first.reply(30)
    sources = " ".join(f["value"] for f in reply.json["embeds"][0]["fields"])
    assert "Russia" in sources
    follow = await standin.send_message(
        "and defence?", user=person, reply_to=reply.response, mention_bot=False
    )
    second = await follow.reply(30)
    second_sources = " ".join(f["value"] for f in second.json["embeds"][0]["fields"])
    assert "Russia" in second_sources and "Oman" not in second_sources


def _cited(reply) -> str:
    return " ".join(f["value"] for f in reply.json["embeds"][0].get("fields", []))


async def test_in_a_dm_a_follow_up_is_resolved_and_a_new_subject_has_its_own_articles(
    standin, discord_bot
):
    person = standin.world.new_person()

    async def say(text: str):
        message = await standin.send_message(text, user=person, dm=True, mention_bot=False)
        return await message.reply(30)

    first = await say("What did Jaishankar discuss with Badr Albusaidi?")
    assert "Omani counterpart" in _cited(first)
    when = await say("when was that?")
    body = when.json["embeds"][0]["description"]
    assert body.startswith("*understood as: when was that? (following up: What did Jaishankar")
    assert "3 December 2025" in body and "Omani counterpart" in _cited(when)
    # a new subject that names a person and no country: its own article, nothing inherited
    baram = await say("who did amir baram meet")
    body = baram.json["embeds"][0]["description"]
    assert "understood as" not in body and "Baram" in body
    assert "Omani" not in _cited(baram)


async def test_in_a_thread_a_follow_up_is_resolved_and_a_new_subject_has_its_own_articles(
    standin, discord_bot
):
    thread = standin.world.thread_id

    async def say(text: str):
        message = await standin.send_message(
            text, user=standin.world.new_person(), channel_id=thread
        )
        return await message.reply(30)

    motegi = await say("where did jaishankar meet motegi")
    assert "Tokyo" in motegi.json["embeds"][0]["description"]
    agreed = await say("what did they agree")
    body = agreed.json["embeds"][0]["description"]
    assert "*understood as: what did they agree (following up: where did jaishankar" in body
    assert _cited(agreed) == _cited(motegi)
    shoigu = await say("what did rajnath singh and shoigu discuss")
    assert "understood as" not in shoigu.json["embeds"][0]["description"]
    assert "Shoigu" in shoigu.json["embeds"][0]["description"]
    assert _cited(shoigu) != _cited(motegi)


async def test_a_reply_to_an_ask_answer_continues_its_conversation(standin, discord_bot):
    person = standin.world.new_person()
    handle = await standin.send_slash(
        "ask", {"question": "What did Jaishankar discuss with Badr Albusaidi?"}, user=person
    )
    final = await handle.final(30)
    follow = await standin.send_message(
        "when was that?", user=person, reply_to=final.response, mention_bot=False
    )
    reply = await follow.reply(30)
    body = reply.json["embeds"][0]["description"]
    assert "understood as" in body and "3 December 2025" in body


async def test_a_reply_to_a_country_brief_is_about_that_country(standin, discord_bot):
    person = standin.world.new_person()
    handle = await standin.send_slash("country", {"name": "Japan"}, user=person)
    final = await handle.final(30)
    follow = await standin.send_message(
        "what did they talk about", user=person, reply_to=final.response, mention_bot=False
    )
    reply = await follow.reply(30)
    body = reply.json["embeds"][0]["description"]
    assert "*understood as: what did they talk about (following up: India and Japan)*" in body
    assert "Japan" in _cited(reply) or "Japanese" in body
