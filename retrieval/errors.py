"""The engine's failures by name, under one base class; each front end words them in one place."""

from __future__ import annotations

from collections.abc import Sequence


class BilateralError(Exception):
    """A failure the engine can name; its message is one line, written for the user."""


class UnknownCountry(BilateralError, LookupError):
    """No country goes by the name asked; `suggestions` are the names spelled most like it."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name.strip()
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No country called {self.name!r}.{hint}")


class NotAPartner(BilateralError, LookupError):
    """India asked for as a partner: it is one side of every engagement."""

    def __init__(self, name: str) -> None:
        self.name = name.strip()
        super().__init__(
            "India is one side of every engagement here; name its partner, "
            "e.g. 'Oman' or 'United States'."
        )


class BadInput(BilateralError, ValueError):
    """A question or file the engine cannot take: empty, too long, unreadable or malformed."""


class StoreUnavailable(BilateralError):
    """The vector store cannot be opened: a Chroma server out of reach, a data dir unusable."""


class EmbedderUnavailable(BilateralError):
    """The embedding model cannot be loaded or run; the message says what to set or install."""


class LLMUnavailable(BilateralError):
    """The chosen LLM cannot be set up: a package, key or model file missing, a bad spec."""


class SettingsError(BilateralError, ValueError):
    """A setting has a bad value; the message names it (as its environment variable)."""


class UnknownSource(BilateralError, LookupError):
    """No article or feed in the store comes from the path or URL named."""


class FetchFailed(BilateralError):
    """A web page or feed could not be fetched or read; `reason` is the short why."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"cannot fetch {url}: {reason}")
