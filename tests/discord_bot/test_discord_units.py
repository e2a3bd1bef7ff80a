"""The bot's small parts, without Discord: cooldowns, memory, feedback, guards, settings."""

from __future__ import annotations

import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route
from discord_standin.fake_engine import FakeEngine

from bot.discord.conversations import Conversations
from bot.discord.cooldown import Cooldowns
from bot.discord.endpoints import use_api_base, use_gateway
from bot.discord.engine_port import EngineLike
from bot.discord.feedback_store import FeedbackStore, hash_user
from bot.discord.guards import refusal
from bot.discord.main import run_bot
from retrieval import DiscordSettings, SettingsError, load_settings
from retrieval.types import Answer, Citation


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_cooldown_is_per_user_and_expires():
    clock = Clock()
    cooldowns = Cooldowns(10, clock=clock)
    assert cooldowns.retry_after(1) == 0
    assert cooldowns.retry_after(2) == 0
    clock.now += 4
    assert cooldowns.retry_after(1) == pytest.approx(6)
    clock.now += 6
    assert cooldowns.retry_after(1) == 0
    assert Cooldowns(0).retry_after(1) == Cooldowns(0).retry_after(1) == 0


def test_cooldown_memory_is_bounded():
    cooldowns = Cooldowns(10, max_users=3)
    for user in range(10):
        cooldowns.retry_after(user)
    assert len(cooldowns._last) == 3


def test_guards_refuse_politely():
    settings = DiscordSettings(max_question_chars=20, cooldown_seconds=5)
    cooldowns = Cooldowns(5)
    assert "under 20" in refusal(settings, cooldowns, 1, "x" * 21)
    assert "e.g." in refusal(settings, cooldowns, 1, "   ")
    assert refusal(settings, cooldowns, 1, "Oman?") is None
    assert "ask again in 5 s" in refusal(settings, cooldowns, 1, "Oman?")


def test_conversations_follow_threads_and_reply_chains():
    memory = Conversations(turns=2)
    root = memory.key_for(channel_id=1, own_channel=False, message_id=10)
    assert root == 10 and memory.history(root) == []
    memory.add(root, "India and Russia?", "They met.", 10, 11)  # question 10, reply 11
    follow = memory.key_for(channel_id=1, own_channel=False, message_id=12, replies_to=[11])
    assert follow == root and memory.knows(11)
    memory.add(follow, "and defence?", "Also.", 12)
    memory.add(follow, "and trade?", "Yes.", 13)
    assert memory.history(root) == ["and defence?", "and trade?"]  # only the last 2 turns
    assert memory.key_for(channel_id=1, own_channel=False, message_id=20, replies_to=[99]) == 20
    assert memory.key_for(channel_id=5, own_channel=True, message_id=21, replies_to=[11]) == 5


def test_conversations_are_bounded():
    memory = Conversations(turns=1, max_conversations=3)
    for key in range(10):
        memory.add(key, f"q{key}", "a", key * 100, key * 100 + 1)
    assert len(memory._turns) == 3 and memory.history(9) == ["q9"] and memory.history(0) == []
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
        "BILATERAL_COOLDOWN_SECONDS": "2.5",
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
    assert (found.cooldown_seconds, found.max_question_chars, found.engine_workers) == (2.5, 99, 3)
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


def test_a_missing_token_stops_before_anything_starts(capsys):
    built = []
    with pytest.raises(SystemExit) as stopped:
        run_bot(lambda: built.append(1), DiscordSettings(token="   "))
    assert stopped.value.code == 2 and not built
    assert (
        capsys.readouterr().err == "bilateral bot: no Discord bot token is set (DISCORD_TOKEN).\n"
    )
