"""Every number that decides behaviour, named, typed and documented in one place.

Built once by the engine (the defaults, or a JSON file of fitted values named by
`BILATERAL_TUNING_FILE`) and passed down. Like a scikit-learn estimator's constructor arguments,
these are parameters: fitted values come in as a file, never as edits inline. Budgets for speed
(batch sizes) stay beside the code they pace.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from retrieval.errors import SettingsError


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RetrievalTuning(_Part):
    rrf_k: int = Field(
        default=60, description="Reciprocal-rank fusion constant: rank counts, not score."
    )
    pool_factor: int = Field(
        default=3, description="Each ranker returns pool_factor x k chunks to fuse."
    )
    per_article: int = Field(
        default=2, description="Chunks of one article in the top k while others wait."
    )
    prior_weight: float = Field(
        default=2.0,
        description="Weight in the fusion of the rankings kept to the question's countries and "
        "time, beside the unfiltered ones (weight 1): a prior, never a filter.",
    )


class AnswerTuning(_Part):
    max_chars: int = Field(
        default=450,
        description="Length budget of an answer that wants a date, place, person or number.",
    )
    max_chars_room: int = Field(
        default=700,
        description="Length budget of an answer about what was discussed or signed, or a list.",
    )
    max_sentences: int = Field(default=4, description="Sentences quoted at most.")
    max_sentences_room: int = Field(
        default=6, description="Sentences quoted at most when the answer wants room."
    )
    min_score: float = Field(
        default=0.30, description="Below it the best sentence is unrelated: refuse."
    )
    min_score_general: float = Field(
        default=0.15,
        description="The floor for questions about a whole relationship or a scoped topic.",
    )
    relative_floor: float = Field(
        default=0.4,
        description="Sentences of the answering article join the best one at this share of "
        "its score.",
    )
    relative_floor_other: float = Field(
        default=0.6, description="Sentences of other articles join at this share of it."
    )
    shortlist: int = Field(
        default=20,
        description="Sentences scored by meaning per question (from the vectors stored at "
        "ingest; encoded at question time only for a store that has none).",
    )
    dense_weight: float = Field(
        default=0.5,
        description="Share of meaning (cosine) in a sentence score; the rest is words in common.",
    )
    type_bonus: float = Field(
        default=0.06, description="For a sentence holding the asked type (place...)."
    )
    topic_bonus: float = Field(
        default=0.08, description="For a sentence on the question's own topic."
    )
    rank_penalty: float = Field(
        default=0.01, description="Per rank of the chunk the sentence comes from."
    )
    context_bonus: float = Field(
        default=0.1,
        description="For a follow-up's sentence from the article its subject's answer cited.",
    )
    rank_prior: float = Field(default=0.3, description="Weight of chunk rank when shortlisting.")
    when_bonus: float = Field(
        default=0.1, description="For a dated sentence when the question asks when."
    )
    complete_articles: int = Field(
        default=3,
        description="Best-ranked articles that bring in their chunk holding a name the "
        "question asks about, when their retrieved chunks lack it.",
    )
    when_pool: int = Field(
        default=8, description="Best sentences checked for a date on a when-question."
    )
    near_duplicate: float = Field(
        default=0.7, description="Shared-word share above which two sentences say the same thing."
    )
    key_idf: float = Field(
        default=0.0,
        description="A lowercase name-like question word (not general English) this rare in "
        "the corpus (ln chunks/df) is a key term an answer must hold.",
    )
    unknown_words_key: bool = Field(
        default=True,
        description="A question word the corpus lacks (and no misspelling of one) must be held.",
    )
    spelling_ratio: float = Field(
        default=85,
        description="rapidfuzz ratio at which a question word is a corpus word misspelt.",
    )
    fuzzy_name: int = Field(
        default=82, description="rapidfuzz ratio at which a name matches a misspelling."
    )


class _Logistic(_Part):
    """A logistic model's parameters: one weight per feature and an intercept."""

    weights: tuple[float, ...]
    bias: float

    def probability(self, values: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


class AbstentionTuning(_Logistic):
    """A logistic model over answer/abstention.py's FEATURES: below `threshold`, refuse.
    Fitted on the calibration half by `python scripts/fit_abstention.py`."""

    # fitted on the calibration half (2026-12-05); the threshold stays 0 because the answers
    # the vetoes and the key terms already withhold use up the false-refusal budget (4 %)
    weights: tuple[float, ...] = Field(
        default=(0.6716, 0.4017, -0.5492, 1.1458, 0.3076, -1.5084, 0.0, 0.0),
        description="One per feature, in FEATURES order.",
    )
    bias: float = Field(default=-0.8278, description="The model's intercept.")
    threshold: float = Field(
        default=0.0, description="Confidence below which an answer is withheld (0: never)."
    )
    vetoes: tuple[str, ...] = Field(
        default=("type_missing",),
        description="Yes/no features that withhold an answer on their own when they hold "
        "(chosen by the calibration half, like the weights).",
    )


class FollowUpTuning(_Logistic):
    """A logistic model over answer/followup.py's FEATURES: at or above `threshold`, a turn of
    a conversation stands alone; below, it is a follow-up and inherits the slots it lacks.
    Fitted on the calibration conversations by `python scripts/fit_followup.py`."""

    # fitted on the calibration conversations (2026-12-05)
    weights: tuple[float, ...] = Field(
        default=(-0.1672, -0.7107, 1.9777, 0.9256, -0.7452, -0.2848, 2.9471, -0.6233),
        description="One per feature, in FEATURES order.",
    )
    bias: float = Field(default=-1.1804, description="The model's intercept.")
    threshold: float = Field(
        default=0.4791,
        description="Probability of standing alone at which a turn inherits nothing.",
    )
    articles: int = Field(
        default=1, description="Cited articles of the subject a follow-up favours (first first)."
    )


class CitationTuning(_Part):
    min_cos: float = Field(
        default=0.5, description="An LLM claim's cosine to its cited sentence, at least."
    )
    min_coverage: float = Field(
        default=0.6, description="Share of a claim's words its source must hold."
    )
    min_terms: int = Field(
        default=2, description="A claim with fewer content words states nothing."
    )
    min_topic: float = Field(
        default=0.2,
        description="Share of key terms the sources must hold for an LLM answer to be attempted.",
    )


class EngagementTuning(_Part):
    elaboration_reach: int = Field(
        default=6, description="Sentences after an event still about it."
    )
    future_date_weight: float = Field(
        default=4.0,
        description="A date written without a year takes the year that puts it nearest the "
        "publication, a day after it counting this many days before (text/date_rules.py).",
    )
    visit_gap_days: int = Field(
        default=3, description="Reports this many days apart are one visit."
    )


class BodyTuning(_Part):
    min_chars: int = Field(
        default=200,
        description="Characters of prose a web page needs to be an article (a wire brief has ~300).",
    )
    min_words: int = Field(
        default=8, description="Words a line needs, ending like a sentence, to count as prose."
    )


class Tuning(_Part):
    """The whole tuning object."""

    retrieval: RetrievalTuning = RetrievalTuning()
    answer: AnswerTuning = AnswerTuning()
    abstention: AbstentionTuning = AbstentionTuning()
    followup: FollowUpTuning = FollowUpTuning()
    citations: CitationTuning = CitationTuning()
    engagements: EngagementTuning = EngagementTuning()
    body: BodyTuning = BodyTuning()

    @classmethod
    def load(cls, path: Path | None = None) -> Tuning:
        """The defaults, overridden by a JSON file of fitted values when one is given; a file
        that cannot be read or does not fit is a SettingsError naming it."""
        if path is None:
            return cls()
        try:
            return cls.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValidationError is one
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SettingsError(f"bad setting BILATERAL_TUNING_FILE ({path}): {first}") from None


DEFAULT = Tuning()
