"""BotSettings: everything the Discord bot is configured with, built once at the entry point."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr

DISCORD_API = "https://discord.com/api/v10"


class BotSettings(BaseModel):
    """Settings of the Discord front end (the engine has its own)."""

    model_config = ConfigDict(frozen=True)

    token: SecretStr | None = Field(
        None, description="Bot token from the Discord developer portal; never logged or printed."
    )
    guild_id: int | None = Field(
        None,
        description="Sync slash commands to this guild only (instant; for testing). "
        "Unset: global sync.",
    )
    api_base: str = Field(
        DISCORD_API, description="Base URL of Discord's REST API; a local stand-in's in tests."
    )
    gateway_url: str | None = Field(
        None,
        description="Websocket gateway URL. Unset: Discord's own, or the one a non-Discord "
        "api_base announces on GET /gateway/bot.",
    )
    cooldown_seconds: float = Field(
        10.0, ge=0, description="Seconds a user waits between two questions (0 turns it off)."
    )
    max_question_chars: int = Field(500, ge=1, description="Longer questions are refused politely.")
    feedback_db: Path = Field(
        Path("data/feedback.sqlite3"), description="SQLite file for the 👍/👎 votes on answers."
    )
    engine_workers: int = Field(
        2, ge=1, description="Threads that run engine calls, so the gateway is never blocked."
    )
