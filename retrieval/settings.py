"""The one settings object, read from the environment and `.env` at the entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from retrieval.errors import SettingsError

PACKAGED_MODEL = "all-MiniLM-L6-v2"
DISCORD_API = "https://discord.com/api/v10"
APP_NAME = "bilateral"


def default_data_dir() -> Path:
    """The user's data dir for this app: ~/.local/share/bilateral on Linux (XDG_DATA_HOME),
    ~/Library/Application Support/bilateral on macOS, %LOCALAPPDATA%\\bilateral on Windows."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


class DiscordSettings(BaseModel):
    """The Discord front end's settings (`bilateral bot`); plain data the engine never reads."""

    model_config = ConfigDict(frozen=True)

    token: SecretStr | None = Field(
        default=None,
        description="Bot token from the Discord developer portal; never logged or printed.",
    )
    guild_id: int | None = Field(
        default=None,
        description="Sync slash commands to this guild only (instant; for development). "
        "Unset: global sync.",
    )
    api_base: str = Field(
        default=DISCORD_API,
        description="Base URL of Discord's REST API; a compatible server's or a stand-in's.",
    )
    gateway_url: str | None = Field(
        default=None,
        description="Websocket gateway URL. Unset: Discord's own, or the one a non-Discord "
        "api_base announces on GET /gateway/bot.",
    )
    question_burst: int = Field(
        default=3,
        ge=1,
        description="Questions a member may ask back to back (a token bucket this deep); /ask, "
        "/country, /sources and mentions all draw on it.",
    )
    question_interval: float = Field(
        default=5.0,
        ge=0,
        description="Once the burst is spent, seconds per further question (the bucket's refill "
        "time for one question; 0 turns the per-member limit off).",
    )
    channel_answers: int = Field(
        default=2,
        ge=1,
        description="Answers worked on at once per channel; further questions wait their turn.",
    )
    channel_queue: int = Field(
        default=25,
        ge=0,
        description="Questions that may wait their turn in one channel; beyond that a new one "
        "is refused politely, saying when to retry.",
    )
    max_question_chars: int = Field(
        default=500, ge=10, description="Longer questions are refused politely."
    )
    feedback_db: Path = Field(
        default=Path("data/feedback.sqlite3"),
        description="SQLite file for the 👍/👎 votes on answers; unset: feedback.sqlite3 in the "
        "data dir.",
    )
    engine_workers: int = Field(
        default=2,
        ge=1,
        description="Threads that run engine calls, so the gateway is never blocked.",
    )
    feed_refresh_minutes: float = Field(
        default=60.0,
        ge=0,
        description="Minutes between the bot's background refreshes of the followed feeds "
        "(0 turns them off).",
    )


# The Discord settings' names in the environment: the ones they have always had
DISCORD_ENV = {
    "token": "DISCORD_TOKEN",
    "guild_id": "DISCORD_GUILD_ID",
    "api_base": "DISCORD_API_BASE",
    "gateway_url": "DISCORD_GATEWAY_URL",
    "question_burst": "BILATERAL_QUESTION_BURST",
    "question_interval": "BILATERAL_QUESTION_INTERVAL",
    "channel_answers": "BILATERAL_CHANNEL_ANSWERS",
    "channel_queue": "BILATERAL_CHANNEL_QUEUE",
    "max_question_chars": "BILATERAL_MAX_QUESTION_CHARS",
    "feedback_db": "BILATERAL_FEEDBACK_DB",
    "engine_workers": "BILATERAL_ENGINE_WORKERS",
    "feed_refresh_minutes": "BILATERAL_FEED_REFRESH_MINUTES",
}


class Settings(BaseSettings):
    """Everything configurable. Built once by a front end and passed down."""

    model_config = SettingsConfigDict(
        env_prefix="BILATERAL_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Where the vector store, caches and logs live; unset: the user's data dir "
        "(platformdirs), e.g. ~/.local/share/bilateral.",
    )
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
    onnx_quantize: Literal["off", "mixed", "full"] = Field(
        "mixed",
        description="int8 weights for the onnx encoder. mixed (the default): every projection but "
        "the feed-forward down-projection, ~1.45x faster encoding, vectors at cosine ~0.997 of "
        "full precision, answer quality unchanged on the development test half; full: every "
        "projection, ~1.6x, cosine ~0.994, a point of quality lost; off: full precision. Each "
        "kind of vector is stored apart from the others.",
    )
    chunk_size: int = Field(600, ge=100, le=4000, description="Target chunk length, characters.")
    top_k: int = Field(6, ge=1, le=50, description="Chunks retrieved per question.")
    tuning_file: Path | None = Field(
        None,
        description="JSON of fitted weights and thresholds (retrieval.tuning.Tuning); "
        "unset = the documented defaults.",
    )
    max_file_mb: float = Field(20.0, gt=0, description="Larger files are skipped at ingest.")
    fetch_timeout: float = Field(
        15.0, gt=0, description="Seconds a web page or feed may take to arrive, in all."
    )
    fetch_max_mb: float = Field(
        5.0, gt=0, description="Larger web pages and feeds are refused while they download."
    )
    collection: str = Field("bilateral", description="Chroma collection name prefix.")
    chroma_host: str | None = Field(
        None,
        validation_alias=AliasChoices("CHROMA_HOST", "chroma_host"),
        description="Chroma server host; unset = embedded store under the data dir.",
    )
    chroma_port: int = Field(
        8000,
        validation_alias=AliasChoices("CHROMA_PORT", "chroma_port"),
        ge=1,
        le=65535,
        description="Chroma server port.",
    )
    llm: str | None = Field(
        None, description="provider:model for generative answers; unset = extractive answers."
    )
    llm_base_url: str | None = Field(None, description="OpenAI-compatible server URL.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds before an LLM call falls back.")
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key"),
        description="Key for the openai provider.",
    )
    answer_log_mb: float = Field(
        5.0,
        ge=0,
        description="Size in MB at which answers.jsonl in the data dir (one line per answer: "
        "time, front end, question, refused, cited files, latency) is rotated; 0 = no log.",
    )
    answer_log_files: int = Field(
        3, ge=1, le=100, description="Rotated answer logs kept (answers.jsonl.1, .2, ...)."
    )
    discord: DiscordSettings = Field(
        default_factory=DiscordSettings,
        description="The Discord front end's settings, each under its own variable (DISCORD_ENV).",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        discord = DiscordEnv(settings_cls, env_settings, dotenv_settings)
        return init_settings, env_settings, dotenv_settings, discord, file_secret_settings

    @field_validator("onnx_quantize", mode="before")
    @classmethod
    def _quantize_from_yes_no(cls, value: Any) -> Any:
        """The setting was once yes/no: true meant every projection in int8, false none."""
        if isinstance(value, bool):
            return "full" if value else "off"
        if isinstance(value, str):
            yes_no = {"true": "full", "1": "full", "yes": "full", "false": "off", "0": "off"}
            return yes_no.get(value.strip().lower(), value.strip().lower())
        return value

    @field_validator("data_dir", "knowledge_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @model_validator(mode="after")
    def _feedback_in_data_dir(self) -> Settings:
        if "feedback_db" not in self.discord.model_fields_set:
            where = self.data_dir / "feedback.sqlite3"
            self.discord = self.discord.model_copy(update={"feedback_db": where})
        return self

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def web_dir(self) -> Path:
        """The managed folder of pages fetched from the web, one front-matter file each."""
        return self.data_dir / "web"

    @property
    def feeds_file(self) -> Path:
        return self.data_dir / "feeds.json"


class DiscordEnv(PydanticBaseSettingsSource):
    """The `discord` fields under their DISCORD_ENV names: the environment's, else `.env`'s."""

    def __init__(self, settings_cls: type[BaseSettings], *sources: Any) -> None:
        super().__init__(settings_cls)
        self.sources = sources  # pydantic-settings' env and dotenv sources, which read the files

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # abstract in the base class; __call__ does the work

    def __call__(self) -> dict[str, Any]:
        found = {}
        for field, env in DISCORD_ENV.items():
            for source in self.sources:
                value = source.env_vars.get(env if source.case_sensitive else env.lower())
                if value is not None:
                    found[field] = value
                    break
        return {"discord": found} if found else {}


def env_name(loc: tuple[int | str, ...]) -> str:
    """The environment variable a validation error's location stands for."""
    if len(loc) > 1 and loc[0] == "discord" and str(loc[1]) in DISCORD_ENV:
        return DISCORD_ENV[str(loc[1])]
    name = str(loc[0]) if loc else "settings"
    return name if name.isupper() else f"BILATERAL_{name.upper()}"


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning a validation error into one line naming the setting."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise SettingsError(
            f"bad setting {env_name(err['loc'])}: {err['msg']} (got {err.get('input')!r})"
        ) from None
