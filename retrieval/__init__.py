"""Bilateral's engine: ingest articles, store and search their chunks, answer with citations.

What front ends use is named here. The errors are light and imported at once; the engine, the
settings and the answer types load on first use, so that `import retrieval` stays cheap (the
CLI's `--help` must not load a model library).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from retrieval.errors import (
    BadInput,
    BilateralError,
    EmbedderUnavailable,
    FetchFailed,
    LLMUnavailable,
    NotAPartner,
    SettingsError,
    StoreUnavailable,
    UnknownCountry,
    UnknownSource,
)

if TYPE_CHECKING:
    from retrieval.answer_log import AnswerLog
    from retrieval.data_dir import check_data_dir
    from retrieval.engine import Engine
    from retrieval.settings import DiscordSettings, Settings, load_settings
    from retrieval.types import (
        Answer,
        ArticleInfo,
        Citation,
        CountryBrief,
        Engagement,
        FeedInfo,
        FeedReport,
        IngestReport,
        Removal,
        SourceCounts,
    )

    Brief = CountryBrief

# name -> (module, attribute), imported when first asked for
_LAZY = {
    "AnswerLog": ("retrieval.answer_log", "AnswerLog"),
    "check_data_dir": ("retrieval.data_dir", "check_data_dir"),
    "Engine": ("retrieval.engine", "Engine"),
    "Settings": ("retrieval.settings", "Settings"),
    "DiscordSettings": ("retrieval.settings", "DiscordSettings"),
    "load_settings": ("retrieval.settings", "load_settings"),
    **{
        name: ("retrieval.types", name)
        for name in (
            "Answer",
            "ArticleInfo",
            "Citation",
            "CountryBrief",
            "Engagement",
            "FeedInfo",
            "FeedReport",
            "IngestReport",
            "Removal",
            "SourceCounts",
        )
    },
    "Brief": ("retrieval.types", "CountryBrief"),
}

__all__ = [
    "Answer",
    "AnswerLog",
    "ArticleInfo",
    "BadInput",
    "BilateralError",
    "Brief",
    "Citation",
    "CountryBrief",
    "DiscordSettings",
    "EmbedderUnavailable",
    "Engagement",
    "Engine",
    "FeedInfo",
    "FeedReport",
    "FetchFailed",
    "IngestReport",
    "LLMUnavailable",
    "NotAPartner",
    "Removal",
    "Settings",
    "SettingsError",
    "SourceCounts",
    "StoreUnavailable",
    "UnknownCountry",
    "UnknownSource",
    "check_data_dir",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # once: later lookups do not come here
    return value
