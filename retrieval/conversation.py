"""A conversation's state, kept by every front end and updated by the engine after each turn:
the subject of the last answered turn, which an elliptical follow-up inherits (as a prior)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Subject:
    """What the conversation is about: from the question that set it and from what was cited."""

    question: str  # the question that set the subject, as read (normalised)
    countries: tuple[str, ...] = ()  # named by it, or else the cited articles' partners
    start: date | None = None  # the time it named, if any
    end: date | None = None
    terms: tuple[str, ...] = ()  # its key terms: names, acronyms, rare corpus words
    articles: tuple[str, ...] = ()  # ids of the articles its answer cited, first first
    follow_ups: tuple[str, ...] = ()  # the follow-ups asked about it since, oldest first
    # the names in the article its answer cited first (lowercase): a name in it is not new
    vocabulary: frozenset[str] = frozenset()


@dataclass
class Conversation:
    """One conversation: a chat session, a Discord thread, DM or reply chain."""

    subject: Subject | None = None
    questions: list[str] = field(default_factory=list)  # as understood, oldest first
    max_questions: int = 6

    def remember(self, question: str, subject: Subject | None) -> None:
        self.questions = [*self.questions, question][-self.max_questions :]
        self.subject = subject

    def about_country(self, code: str, name: str) -> None:
        """A country's brief was shown (`/country`): what follows is about India and it."""
        question = f"India and {name}"
        self.remember(question, Subject(question=question, countries=(code,)))

    def reset(self) -> None:
        """Start afresh (`/new`)."""
        self.subject, self.questions = None, []
