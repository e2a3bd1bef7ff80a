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
