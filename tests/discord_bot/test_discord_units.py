"""The bot's small parts, without Discord: rate limits, memory, feedback, guards, settings."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route
from discord_standin.fake_engine import FakeEngine

from bot.discord.buckets import LISTING, QUESTION, MemberBuckets
from bot.discord.channel_gate import FIRST_GUESS, ChannelGate, Ticket
from bot.discord.client import BilateralBot
from bot.discord.conversations import Conversations
from bot.discord.endpoints import use_api_base, use_gateway
from bot.discord.engine_port import EngineLike
from bot.discord.feedback_store import FeedbackStore, hash_user
from bot.discord.guards import Refusal, admission
from bot.discord.main import run_bot
from retrieval import DiscordSettings, SettingsError, load_settings
from retrieval.types import Answer, Citation


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_member_has_a_burst_then_one_question_per_interval():
    clock = Clock()
    buckets = MemberBuckets(3, 5, clock=clock)
    assert [buckets.take(1) for _ in range(3)] == [0, 0, 0]
    assert buckets.take(1) == pytest.approx(5)  # refused: nothing taken
    assert buckets.take(2) == 0  # each member has a bucket of their own
    clock.now += 2
    assert buckets.take(1) == pytest.approx(3)
    clock.now += 3
    assert buckets.take(1) == 0 and buckets.take(1) == pytest.approx(5)
    clock.now += 3600  # a long pause fills the bucket, never past the burst
    assert [buckets.take(1) for _ in range(4)] == [0, 0, 0, pytest.approx(5)]


def test_listings_cost_half_and_a_command_not_run_is_given_back():
    buckets = MemberBuckets(3, 5, clock=Clock())
    assert [buckets.take(1, LISTING) for _ in range(6)] == [0] * 6
    assert buckets.take(1, LISTING) == pytest.approx(2.5)
    buckets.give_back(1, QUESTION)
    assert buckets.take(1, QUESTION) == 0


def test_an_interval_of_zero_turns_the_member_limit_off():
    buckets = MemberBuckets(1, 0)
    assert all(buckets.take(1) == 0 for _ in range(100))


def test_bucket_memory_is_bounded():
    buckets = MemberBuckets(3, 5, max_members=3)
    for member in range(10):
        buckets.take(member)
    assert len(buckets._buckets) == 3


def test_a_refusal_is_told_once_per_wait():
    clock = Clock()
    buckets = MemberBuckets(3, 5, clock=clock)
    assert buckets.first_notice(1, 4) and not buckets.first_notice(1, 4)
    assert buckets.first_notice(2, 4)  # someone else
    clock.now += 4
    assert buckets.first_notice(1, 4)


async def test_a_channel_answers_n_at_once_and_lines_up_the_rest():
    gate = ChannelGate(2, 1)
    tickets = [gate.enter(7) for _ in range(3)]
    assert all(tickets) and gate.enter(7) is None  # 2 slots and 1 place in line: full
    elsewhere = gate.enter(8)
    assert elsewhere is not None  # another channel has its own line
    elsewhere.cancel()
    running = most = 0

    async def answer(ticket):
        nonlocal running, most
        async with ticket:
            running += 1
            most = max(most, running)
            await asyncio.sleep(0.02)
            running -= 1

    await asyncio.gather(*(answer(t) for t in tickets))
    assert most == 2 and gate.busy(7) == 0 and not gate._channels  # idle channels forgotten
    assert gate.retry_after() < FIRST_GUESS  # answers are timed: 0.02 s pulls the guess down


async def test_a_question_cancelled_while_waiting_gives_its_place_up():
    gate = ChannelGate(1, 1)
    first, second = gate.enter(7), gate.enter(7)
    async with first:
        waiting = asyncio.create_task(second.__aenter__())
        await asyncio.sleep(0.01)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert gate.busy(7) == 1
    assert gate.busy(7) == 0


def test_guards_refuse_politely_and_say_when():
    settings = DiscordSettings(max_question_chars=20, question_burst=3, question_interval=5)
    bot = SimpleNamespace(
        settings=settings, buckets=MemberBuckets(3, 5, clock=Clock()), gate=ChannelGate(1, 0)
    )
    too_long = admission(bot, 1, 9, "x" * 21, QUESTION)
    assert isinstance(too_long, Refusal) and "under 20" in too_long.text and not too_long.wait
    assert "e.g." in admission(bot, 1, 9, "   ", QUESTION).text
    tickets = [admission(bot, 1, channel, "Oman?", QUESTION) for channel in (1, 2, 3)]
    assert all(isinstance(t, Ticket) for t in tickets)
    flood = admission(bot, 1, 4, "Oman?", QUESTION)
    assert flood.text == (
        "You're asking quickly: you can ask again in 5 s "
        "(up to 3 questions in a row, then one every 5 s)."
    )
    full = admission(bot, 2, 1, "Oman?", QUESTION)  # channel 1's one slot is taken
    assert isinstance(full, Refusal) and full.wait == FIRST_GUESS
    assert full.text == "This channel has 1 question on the go already; please ask again in 2 s."
    assert bot.buckets.take(2, 3) == 0  # the refused question cost member 2 nothing
    assert admission(bot, 2, 5, None, LISTING)  # no text to check: /sources


def test_conversations_follow_threads_and_reply_chains():
    memory = Conversations(turns=2)
    root = memory.key_for(channel_id=1, own_channel=False, message_id=10)
    assert root == 10 and memory.history(root) == []
    memory.get(root).remember("India and Russia?", None)  # as the engine does
    memory.add(root, 10, 11)  # question 10, reply 11
    follow = memory.key_for(channel_id=1, own_channel=False, message_id=12, replies_to=[11])
    assert follow == root and memory.knows(11) and memory.get(follow) is memory.get(root)
    memory.get(follow).remember("and defence?", None)
    memory.get(follow).remember("and trade?", None)
    assert memory.history(root) == ["and defence?", "and trade?"]  # only the last 2 turns
    assert memory.key_for(channel_id=1, own_channel=False, message_id=20, replies_to=[99]) == 20
    assert memory.key_for(channel_id=5, own_channel=True, message_id=21, replies_to=[11]) == 5
    fresh = memory.start(root)  # a new /ask in that place
    assert fresh.questions == [] and memory.get(root) is fresh


def test_conversations_are_bounded():
    memory = Conversations(turns=1, max_conversations=3)
    for key in range(10):
        memory.get(key).remember(f"q{key}", None)
        memory.add(key, key * 100, key * 100 + 1)
    assert len(memory._states) == 3 and memory.history(9) == ["q9"] and memory.history(0) == []
    assert len(memory._chain) <= 6


def test_feedback_store_keeps_answer_vote_and_a_hashed_user(tmp_path):
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")
    citation = Citation(n=1, article_id="om", title="t", path="p", quote="q")
    store.remember(555, Answer(question="Oman?", answer="Talks. [1]", citations=[citation]))
    store.record(9555, 555, 42, "up")  # a vote on message 9555, the answer to interaction 555
    store.record(9555, 555, 42, "down")  # a second click replaces the first
    store.record(9777, 777, 43, "up", fallback=("Q from the embed", "A from the embed"))
    up_then_down, unknown = store.votes()
    assert (up_then_down["vote"], up_then_down["question"]) == ("down", "Oman?")
    assert '"article_id": "om"' in up_then_down["citations"]
    assert up_then_down["user_hash"] == hash_user(42) and len(up_then_down["user_hash"]) == 64
    assert (unknown["question"], unknown["citations"]) == ("Q from the embed", "[]")
    store.close()


def test_settings_never_show_the_token():
    settings = DiscordSettings(token="very-secret-token")
    assert "very-secret-token" not in repr(settings) + str(settings.model_dump())
    assert settings.api_base == "https://discord.com/api/v10" and settings.engine_workers == 2


def test_the_discord_settings_keep_their_environment_names(tmp_path, monkeypatch):
    for name, value in {
        "DISCORD_TOKEN": "from-env",
        "DISCORD_GUILD_ID": "7",
        "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",
        "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gw",
        "BILATERAL_QUESTION_BURST": "4",
        "BILATERAL_QUESTION_INTERVAL": "2.5",
        "BILATERAL_CHANNEL_ANSWERS": "5",
        "BILATERAL_CHANNEL_QUEUE": "0",
        "BILATERAL_MAX_QUESTION_CHARS": "99",
    }.items():
        monkeypatch.setenv(name, value)
    (tmp_path / ".env").write_text("DISCORD_GUILD_ID=8\nBILATERAL_ENGINE_WORKERS=3\n")  # cwd
    found = load_settings(data_dir=tmp_path / "data").discord
    assert found.token.get_secret_value() == "from-env" and found.guild_id == 7  # env beats .env
    assert (found.api_base, found.gateway_url) == (
        "http://127.0.0.1:9/api/v10",
        "ws://127.0.0.1:9/gw",
    )
    assert (found.question_burst, found.question_interval) == (4, 2.5)
    assert (found.channel_answers, found.channel_queue) == (5, 0)
    assert (found.max_question_chars, found.engine_workers) == (99, 3)
    assert found.feedback_db == tmp_path / "data" / "feedback.sqlite3"  # beside the engine's data
    monkeypatch.setenv("BILATERAL_MAX_QUESTION_CHARS", "3")
    with pytest.raises(SettingsError, match="^bad setting BILATERAL_MAX_QUESTION_CHARS: "):
        load_settings()


def test_the_fake_engine_fits_the_port():
    assert isinstance(FakeEngine(), EngineLike)


async def test_endpoints_point_discord_py_elsewhere():
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    try:
        use_api_base("http://127.0.0.1:9/api/v10/")
        assert Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        await use_gateway(None, DiscordSettings(gateway_url="ws://127.0.0.1:9/gateway"))
        pointed = DiscordWebSocket.DEFAULT_GATEWAY
        assert pointed == yarl.URL("ws://127.0.0.1:9/gateway")
        DiscordWebSocket.DEFAULT_GATEWAY = gateway
        await use_gateway(None, DiscordSettings())  # Discord itself: discord.py's default stays
        assert DiscordWebSocket.DEFAULT_GATEWAY is gateway
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def test_a_missing_or_malformed_token_stops_before_anything_starts(capsys):
    built = []
    for token, said in [
        (
            None,
            "DISCORD_TOKEN is not set; set it to the bot's token from the Discord developer "
            "portal (Bot > Reset Token).",
        ),
        ("   ", "DISCORD_TOKEN is not set"),
        ("Bot MTIz.NDU2.Nzg5", "DISCORD_TOKEN starts with 'Bot '; set it to the token alone."),
        ("1234567890123456789", "DISCORD_TOKEN is not a bot token (three parts joined by dots)"),
        ('"MTIz.NDU2.Nzg5"', "DISCORD_TOKEN is not a bot token"),
    ]:
        with pytest.raises(SystemExit) as stopped:
            run_bot(lambda: built.append(1), DiscordSettings(token=token))
        err = capsys.readouterr().err
        assert stopped.value.code == 1 and not built
        assert err.startswith(f"bilateral bot: {said}") and err.count("\n") == 1, err
        assert "BotSettings" not in err and "DiscordSettings" not in err
        assert not (token or "").strip() or token.strip() not in err  # never quoted back


def test_unreachable_discord_is_one_line(capsys):
    settings = DiscordSettings(token="MTIz.NDU2.Nzg5", api_base="http://127.0.0.1:9/api/v10")
    with pytest.raises(SystemExit) as stopped:
        run_bot(FakeEngine, settings)
    err = capsys.readouterr().err
    assert stopped.value.code == 1 and err.count("\n") == 1
    assert err.startswith("bilateral bot: cannot reach Discord at http://127.0.0.1:9/api/v10: ")


def test_no_voice_warnings_when_the_bot_is_built(caplog, monkeypatch, tmp_path):
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)  # as in a fresh process
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True)
    caplog.set_level(logging.DEBUG)
    BilateralBot(FakeEngine(), DiscordSettings(feedback_db=tmp_path / "f.sqlite3"))
    assert not [r for r in caplog.records if "voice" in r.getMessage().lower()], caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
