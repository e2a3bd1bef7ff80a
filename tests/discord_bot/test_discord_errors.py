"""What a Discord user reads when something fails: one mapping, tested without Discord."""

from __future__ import annotations

from discord import app_commands

from bot.discord.errors import SORRY, words_for
from bot.discord.limits import CONTENT
from retrieval.errors import (
    BadInput,
    EmbedderUnavailable,
    LLMUnavailable,
    NotAPartner,
    SettingsError,
    StoreUnavailable,
    UnknownCountry,
)


def test_the_users_own_mistakes_are_said_in_the_engines_words_and_not_logged():
    assert words_for(UnknownCountry("Atlantis", ["Albania", "Mali"])) == (
        "No country called 'Atlantis'. Did you mean: Albania, Mali?",
        False,
    )
    text, logged = words_for(NotAPartner("India"))
    assert text.startswith("India is one side of every engagement") and not logged
    assert words_for(BadInput("That question is empty.")) == ("That question is empty.", False)
    assert words_for(app_commands.NoPrivateMessage()) == (
        "That command only works in a server.",
        False,
    )
    text, _ = words_for(UnknownCountry("x" * 3000))
    assert len(text) <= CONTENT


def test_the_operators_failures_get_a_sentence_and_go_to_the_log():
    secret = "cannot open the store in /srv/private/chroma: disk I/O error"
    text, logged = words_for(StoreUnavailable(secret))
    assert logged and "try again" in text and "/srv/private" not in text
    for error in (
        EmbedderUnavailable("cannot load model"),
        SettingsError("bad setting X"),
        LLMUnavailable("BILATERAL_LLM=openai:… needs OPENAI_API_KEY"),
    ):
        text, logged = words_for(error)
        assert logged and "operator" in text and str(error) not in text


def test_anything_else_is_a_bug_sorry_and_logged():
    # a bare LookupError (or its KeyError) is a bug now: the engine's own failures have names
    for bug in (LookupError("unknown country 'Atlantis'"), KeyError("title"), RuntimeError()):
        assert words_for(bug) == (SORRY, True)
