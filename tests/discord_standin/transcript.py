"""Runs one scripted session of the bot against the stand-in and prints it as a transcript.

    python -m tests.discord_standin.transcript [--engine MODULE:FACTORY]

FACTORY is called without arguments and must return an engine (default: the FakeEngine).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
import tempfile
from pathlib import Path

from bot.discord.client import BilateralBot
from bot.discord.limits import clip
from retrieval import DiscordSettings

from .fake_engine import FakeEngine
from .fixtures import start_bot
from .records import Call, InteractionHandle
from .server import StandIn


def render(message: dict) -> list[str]:
    """A bot message as indented text: content, embeds (title, text, fields, footer), buttons."""
    lines = [message["content"]] if message.get("content") else []
    for embed in message.get("embeds") or []:
        lines += [f"┃ {embed['title']}"] if embed.get("title") else []
        lines += [f"┃ {line}" for line in (embed.get("description") or "").splitlines()]
        for field in embed.get("fields") or []:
            lines += [f"┃ {field['name']}:"] + [f"┃   {v}" for v in field["value"].splitlines()]
        lines += [f"┃ — {embed['footer']['text']}"] if embed.get("footer") else []
    buttons = [c for row in message.get("components") or [] for c in row.get("components", [])]
    if buttons:
        lines.append(
            "  ".join(f"[{(b.get('emoji') or {}).get('name') or b.get('label')}]" for b in buttons)
        )
    if (message.get("flags") or 0) & 64:
        lines.append("(only you can see this)")
    return lines


class Transcript:
    def __init__(self, standin: StandIn) -> None:
        self.standin = standin

    def say(self, who: str, text: str) -> None:
        print(f"\n{who} › {text}")

    def bot(self, call: Call, note: str = "") -> None:
        print(f"Bilateral{f' ({note})' if note else ''} ›")
        for line in render(call.message):
            print(f"    {line}")

    async def slash(self, who: str, command: str, options: dict | None = None, **kw) -> Call:
        shown = " ".join(f"{k}:{clip(str(v), 60)}" for k, v in (options or {}).items())
        self.say(who, f"/{command} {shown}".strip())
        handle = await self.standin.send_slash(command, options or {}, **kw)
        return await self._answer(handle)

    async def _answer(self, handle: InteractionHandle) -> Call:
        first = await handle.callback()
        final = await handle.final()
        ms = lambda call: f"{(call.at - handle.sent_at) * 1000:.0f} ms"  # noqa: E731
        note = (
            f"deferred in {ms(first)}, answered in {ms(final)}" if final is not first else ms(final)
        )
        self.bot(final, note)
        return final


async def session(standin: StandIn, engine) -> None:
    world = standin.world
    asha, ravi, meera = (
        world.new_person(admin=True, name="asha"),
        world.new_person(name="ravi"),
        world.new_person(name="meera"),
    )
    t = Transcript(standin)
    await t.slash("ravi", "help", user=ravi)
    await t.slash("meera", "country", {"name": "Oman"}, user=meera)

    t.say("ravi", "/country name:ru…  (typing, autocomplete)")
    choices = (
        await (await standin.send_autocomplete("country", "name", "ru", user=ravi)).callback()
    ).json
    print("Bilateral › choices: " + ", ".join(c["name"] for c in choices["data"]["choices"]))

    t.say("ravi", "@Bilateral what did India and Russia discuss?")
    first = await standin.send_message("what did India and Russia discuss?", user=ravi)
    reply = await first.reply()
    t.bot(reply, "a reply to ravi")
    t.say("ravi", "↪ (replying to Bilateral) and defence?")
    follow = await standin.send_message(
        "and defence?", user=ravi, reply_to=reply.response, mention_bot=False
    )
    answered = await follow.reply()
    history = list(engine.asks[-1].history) if isinstance(engine, FakeEngine) else "?"
    t.bot(answered, f"a reply; the engine got history={history}")

    await t.slash("asha", "sources", {"country": "Russia"}, user=asha)
    await t.slash("meera", "ask", {"question": "Why? " * 120}, user=world.new_person(name="meera"))
    answer = await t.slash(
        "meera", "ask", {"question": "What did India and the US discuss?"}, user=meera
    )
    t.say("meera", "clicks 👍 under that answer")
    click = await standin.click(answer.response, "👍", user=meera)
    t.bot(await click.callback())
    t.say("asha", "@Bilateral @everyone what did India and Oman discuss?")
    everyone = await (
        await standin.send_message("@everyone what did India and Oman discuss?", user=asha)
    ).reply()
    t.bot(everyone, f"allowed_mentions={everyone.json['allowed_mentions']}")
    await t.slash("ravi", "reindex", user=world.new_person(name="ravi"))
    await t.slash("asha", "reindex", user=world.new_person(admin=True, name="asha"))
    await limits(standin, engine, t)


async def limits(standin: StandIn, engine, t: Transcript) -> None:
    """The default limits: a member who floods, twenty members at once, a long list in pages."""
    world = standin.world
    kiran = world.new_person(name="kiran")
    oman = {"question": "What did India and Oman discuss?"}
    t.say("kiran", "/ask question:What did India and Oman discuss?   (five times, at once)")
    for n, handle in enumerate(await standin.send_slash_burst([("ask", oman, kiran)] * 5), 1):
        first = await handle.callback()
        if first.json["type"] == 4:
            t.bot(first, f"to /ask #{n}")
        else:
            title = (await handle.final()).message["embeds"][0]["title"]
            print(f"Bilateral (to /ask #{n}) › answered: ┃ {title}")
    t.say("kiran", "@Bilateral and Japan?")
    t.bot(await (await standin.send_message("and Japan?", user=kiran)).reply(), "a reply")
    t.say("kiran", "@Bilateral and Japan??")
    again = await standin.send_message("and Japan??", user=kiran)
    reaction = await standin.recorder.wait_for(
        lambda c: c.kind == "reaction" and f"/messages/{again.id}/" in c.path, 5, "a reaction"
    )
    print(f"Bilateral › (reacts {reaction.json} to it)")

    t.say("twenty members", "/ask, /country and mentions, all at the same moment")
    members = [world.new_person() for _ in range(20)]
    if isinstance(engine, FakeEngine):
        engine.slow, engine.most_at_once = 0.2, 0
    slash = await standin.send_slash_burst(
        [("ask", oman, m) for m in members[:10]]
        + [("country", {"name": "Oman"}, m) for m in members[10:15]]
    )
    mentions = [await standin.send_message("India and Russia?", user=m) for m in members[15:]]
    done = await asyncio.gather(*(h.final(30) for h in slash), *(m.reply(30) for m in mentions))
    slowest = max(call.at for call in done) - min(h.sent_at for h in slash)
    together = f"; at most {engine.most_at_once} at once" if isinstance(engine, FakeEngine) else ""
    answered = sum(bool(call.message.get("embeds")) for call in done)
    print(f"Bilateral › {answered} of 20 answered, the last after {slowest:.1f} s{together}")

    if isinstance(engine, FakeEngine):
        engine.slow, engine.more_articles = 0, 21
    listing = await t.slash("asha", "sources", user=world.new_person(name="asha"))
    t.say("asha", "clicks Older ▶")
    older = listing.response["components"][0]["components"][1]["custom_id"]
    await (await standin.click(listing.response, older)).final()
    t.bot(Call("edited", "PATCH", "", json=listing.response), "the same message, edited")


async def main(engine_factory) -> None:
    with StandIn() as standin, tempfile.TemporaryDirectory() as data:
        settings = DiscordSettings(
            token=standin.token,
            guild_id=int(standin.world.guild_id),
            api_base=standin.api_base,
            feedback_db=Path(data) / "feedback.sqlite3",
        )
        engine = engine_factory()
        bot = BilateralBot(engine, settings, guild_ready_timeout=0.1)
        task = await start_bot(bot, standin.token)
        try:
            names = [c["name"] for c in standin.calls_of("sync")[-1].json]
            print(f"(bot connected to the stand-in at {standin.api_base})")
            print(f"(commands synced: /{', /'.join(names)})")
            await session(standin, engine)
        finally:
            await bot.close()
            await task
        unknown = standin.calls_of("unknown")
        if unknown:
            sys.exit(f"stand-in saw unknown routes: {[c.path for c in unknown]}")


def load(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default=None, help="MODULE:FACTORY returning an engine")
    args = parser.parse_args()
    asyncio.run(main(load(args.engine) if args.engine else FakeEngine))
