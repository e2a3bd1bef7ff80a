"""The one settings object, read from the environment and `.env` at the entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGED_MODEL = "all-MiniLM-L6-v2"


class SettingsError(ValueError):
    """A setting has a bad value; the message names it in one line."""


class Settings(BaseSettings):
    """Everything configurable. Built once by a front end and passed down."""

    model_config = SettingsConfigDict(
        env_prefix="BILATERAL_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(Path("data"), description="Where the vector store and caches live.")
    knowledge_dir: Path = Field(Path("knowledge"), description="The articles `ingest` reads.")
    embedding_model: str = Field(
        PACKAGED_MODEL,
        description="all-MiniLM-L6-v2 is the packaged offline model; any sentence-transformers "
        "name or local path works where it can be loaded.",
    )
    embedder: Literal["auto", "onnx", "sentence-transformers", "fake"] = Field(
        "auto",
        description="Encoder backend: onnx (fast, torch-free queries), sentence-transformers, or "
        "fake (deterministic hashing, for tests). auto = onnx where available.",
    )
    onnx_quantize: bool = Field(
        False,
        description="Run the onnx encoder with int8 weights: faster, vectors differ slightly, so "
        "they are stored apart from the full-precision ones.",
    )
    chunk_size: int = Field(600, ge=100, le=4000, description="Target chunk length, characters.")
    top_k: int = Field(6, ge=1, le=50, description="Chunks retrieved per question.")
    max_file_mb: float = Field(20.0, gt=0, description="Larger files are skipped at ingest.")
    collection: str = Field("bilateral", description="Chroma collection name prefix.")
    chroma_host: str | None = Field(
        None,
        validation_alias=AliasChoices("CHROMA_HOST", "chroma_host"),
        description="Chroma server host; unset = embedded store under the data dir.",
    )
    chroma_port: int = Field(
        8000, validation_alias=AliasChoices("CHROMA_PORT", "chroma_port"), ge=1, le=65535,
        description="Chroma server port.",
    )
    llm: str | None = Field(
        None, description="provider:model for generative answers; unset = extractive answers."
    )
    llm_base_url: str | None = Field(None, description="OpenAI-compatible server URL.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds before an LLM call falls back.")
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key"),
        description="Key for the openai provider.",
    )
    discord_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("DISCORD_TOKEN", "discord_token"),
        description="The Discord bot token.",
    )
    discord_guild_id: int | None = Field(
        None, validation_alias=AliasChoices("DISCORD_GUILD_ID", "discord_guild_id"),
        description="Sync slash commands to this guild only (development).",
    )
    discord_api_base: str = Field(
        "https://discord.com/api/v10",
        validation_alias=AliasChoices("DISCORD_API_BASE", "discord_api_base"),
        description="Discord REST base; point at a compatible server or stand-in.",
    )
    discord_gateway_url: str | None = Field(
        None, validation_alias=AliasChoices("DISCORD_GATEWAY_URL", "discord_gateway_url"),
        description="Gateway websocket URL; unset = the one Discord's REST API names.",
    )
    cooldown_seconds: float = Field(10.0, ge=0, description="Per-user wait between questions.")
    max_question_chars: int = Field(500, ge=10, description="Longer questions are refused.")

    @field_validator("data_dir", "knowledge_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"


def load_settings(**overrides) -> Settings:
    """Build the settings, turning a validation error into one line naming the setting."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "settings"
        env = name.upper() if name.isupper() else f"BILATERAL_{name.upper()}"
        raise SettingsError(f"bad setting {env}: {err['msg']} (got {err.get('input')!r})") from None
