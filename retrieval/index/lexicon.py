"""General English, as the packaged encoder's wordpiece vocabulary spells it: a word it holds
whole ('desert', 'prince', 'tehran') is ordinary or well known; one it must cut into pieces
('jaishankar', 'tileuberdi', 'kazind') names a person, place or event. Case says the same in
formal text, but not in a channel, where everything is typed in lowercase."""

from __future__ import annotations

import functools

import Stemmer


@functools.cache
def english_words() -> frozenset[str]:
    """The whole words of the packaged model's vocab.txt (empty if it is not installed)."""
    from retrieval.index.embedding import packaged_model_path

    path = packaged_model_path()
    vocab = path / "vocab.txt" if path is not None else None
    if vocab is None or not vocab.exists():
        return frozenset()
    words = vocab.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.isalpha() and w.islower() and len(w) >= 2)


@functools.cache
def english_stems() -> frozenset[str]:
    stemmer = Stemmer.Stemmer("english")
    return frozenset(stemmer.stemWords(list(english_words())))


@functools.lru_cache(maxsize=4096)
def misspelt_word(word: str, min_ratio: float) -> bool:
    """A word of general English typed with a slip ('frm', 'durin', 'indias', 'formalised')."""
    from rapidfuzz import fuzz, process

    return (
        process.extractOne(word, english_words(), scorer=fuzz.ratio, score_cutoff=min_ratio)
        is not None
    )
