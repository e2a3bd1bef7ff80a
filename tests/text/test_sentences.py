"""Sentences are verbatim pieces of their paragraph, not broken after initials or abbreviations."""

import pytest
from paths import SEEDS

from retrieval.text import sentences as splitter
from retrieval.text.cleaning import clean_text
from retrieval.text.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "External Affairs Minister S. Jaishankar met him. They spoke at length.",
            ["External Affairs Minister S. Jaishankar met him.", "They spoke at length."],
        ),
        ("He met Lt. Gen. Manoj Pande. He left.", ["He met Lt. Gen. Manoj Pande.", "He left."]),
        (
            "Maj Gen (Res) Amir Baram visited. He met Dr. Rao.",
            ["Maj Gen (Res) Amir Baram visited.", "He met Dr. Rao."],
        ),
        (
            "The talks were held on Dec. 4 in Delhi. Both sides agreed.",
            ["The talks were held on Dec. 4 in Delhi.", "Both sides agreed."],
        ),
        (
            "The U.S. and India signed it. U.S. President Joe Biden said so.",
            ["The U.S. and India signed it.", "U.S. President Joe Biden said so."],
        ),
        (
            "He went to the U.S. The next day he left.",
            ["He went to the U.S.", "The next day he left."],
        ),
        (
            "He lives at No. 10 Downing Street. It cost Rs. 500 crore.",
            ["He lives at No. 10 Downing Street.", "It cost Rs. 500 crore."],
        ),
        (
            "It was approx. 500 km away. It was approx. forty kilometres.",
            ["It was approx. 500 km away.", "It was approx. forty kilometres."],
        ),
        (
            "PM Shri. Modi met Sh. Rajnath Singh. Smt. Nirmala Sitharaman spoke.",
            ["PM Shri. Modi met Sh. Rajnath Singh.", "Smt. Nirmala Sitharaman spoke."],
        ),
        (
            "A. P. J. Abdul Kalam was President. He was born in 1931.",
            ["A. P. J. Abdul Kalam was President.", "He was born in 1931."],
        ),
        (
            "Talks were held at 10 a.m. The PM then flew out.",
            ["Talks were held at 10 a.m.", "The PM then flew out."],
        ),
        ("He said, “We will go.” Then he left.", ["He said, “We will go.”", "Then he left."]),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        (
            "India and Oman share a long-standing strategic partnership",
            ["India and Oman share a long-standing strategic partnership"],
        ),
    ],
)
def test_split(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_spans_rebuild_the_paragraph() -> None:
    paragraph = "  First one.  Second one by Dr. X. Y. Zed!   Third?  "
    spans = sentence_spans(paragraph)
    assert [paragraph[a:b] for a, b in spans] == split_sentences(paragraph)
    rebuilt = "".join(
        paragraph[a:b] + paragraph[b:nxt]
        for (a, b), nxt in zip(spans, [s for s, _ in spans[1:]] + [spans[-1][1]], strict=True)
    )
    assert rebuilt == paragraph.strip()


@pytest.mark.parametrize("paragraph", ["", "   ", "\u00a0"])
def test_blank(paragraph: str) -> None:
    assert split_sentences(paragraph) == []


def test_seed_sentences_are_verbatim_and_complete() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in clean_text(path.read_text(encoding="utf-8")).paragraphs:
            sentences = split_sentences(paragraph)
            assert sentences and all(s in paragraph for s in sentences)
            assert "".join(sentences).replace(" ", "") == paragraph.replace(" ", "")


def test_seed_paragraph_with_several_sentences() -> None:
    raw = (SEEDS / "000_c8cbf1aefad89011.txt").read_text(encoding="utf-8")
    paragraph = next(p for p in clean_text(raw).paragraphs if p.startswith("A major focus"))
    assert [s.split()[0] for s in split_sentences(paragraph)] == ["A", "Both", "They"]


PLAIN = (
    "India and Oman held talks in Muscat on Monday. The two sides reviewed defence ties! "
    "Would they meet again? Officials said a date would be fixed soon."
)
NOT_PLAIN = [
    "Gen. Pande met his counterpart. They spoke for an hour.",  # a title
    "Trade reached 12.5 billion. Both sides welcomed it.",  # a number
    "He visited the U.S. Then he flew home.",  # initials
    "She said “we agreed. We will meet.” Then she left.",  # quotes
    "Talks went on… Then they ended.",  # an ellipsis
    "They met in Delhi. and talked.",  # no capital after the stop
]


def test_plain_paragraphs_skip_pysbd_with_the_same_ends():
    end = len(PLAIN)
    assert splitter._plain_ends(PLAIN, end) == splitter._pysbd_ends(PLAIN)
    assert len(split_sentences(PLAIN)) == 4
    for text in NOT_PLAIN:
        assert splitter._plain_ends(text, len(text)) is None, text
