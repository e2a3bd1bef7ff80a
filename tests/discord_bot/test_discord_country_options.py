"""End to end: /country narrowed by since/until/kind, with its chart attached and shown."""

from __future__ import annotations

import pytest

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(autouse=True)
def _clean(standin, bot_fake_engine):
    bot_fake_engine.reset()
    yield
    assert not standin.calls_of("unknown"), [c.path for c in standin.calls_of("unknown")]


async def test_the_options_are_registered_and_optional(standin, discord_bot):
    options = {o["name"]: o for o in standin.command("country")["options"]}
    assert set(options) == {"name", "since", "until", "kind"}
    assert options["name"]["required"] and not options["since"].get("required")
    assert {c["value"] for c in options["kind"]["choices"]} >= {"phone call", "visit", "summit"}


async def test_the_brief_comes_with_its_chart(standin, discord_bot):
    handle = await standin.send_slash("country", {"name": "Oman"}, user=standin.world.new_person())
    final = await handle.final()
    assert final.files == ["timeline.png"]
    assert final.message["embeds"][0]["image"]["url"] == "attachment://timeline.png"


async def test_a_period_and_a_kind_narrow_the_timeline(standin, discord_bot):
    handle = await standin.send_slash(
        "country",
        {"name": "Oman", "since": "2001", "until": "2002", "kind": "visit"},
        user=standin.world.new_person(),
    )
    final = await handle.final()
    embed = final.message["embeds"][0]
    assert (
        "Showing visits from 1 January 2001 to 31 December 2002 (2 outside)" in embed["description"]
    )
    assert final.files == []  # nothing dated in it: nothing to draw


async def test_a_date_it_cannot_read_is_said_plainly(standin, discord_bot):
    handle = await standin.send_slash(
        "country", {"name": "Oman", "since": "someday"}, user=standin.world.new_person()
    )
    final = await handle.final()
    assert "'someday' is not a date I can read" in final.message["content"]


async def test_a_chart_that_cannot_be_drawn_leaves_the_brief(standin, discord_bot, monkeypatch):
    import bot.discord.cogs.country as cog

    def broken(brief):
        raise RuntimeError("no backend")

    monkeypatch.setattr(cog, "chart_png", broken)
    handle = await standin.send_slash("country", {"name": "Oman"}, user=standin.world.new_person())
    final = await handle.final()
    assert "Oman" in final.message["embeds"][0]["title"] and final.files == []
