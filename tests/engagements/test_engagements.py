"""Engagement extraction: precision and recall on the hand-labelled seeds, and rules on sentences
written like other outlets' reports of other countries."""

from __future__ import annotations

import time
from datetime import date

import pytest
import yaml
from paths import ROOT

from retrieval.engagements.extract import (
    article_countries,
    extract_engagements,
    extract_from_sentences,
    from_json,
    to_json,
)
from retrieval.entities.countries import default_index
from retrieval.ingest.articles import read_file
from retrieval.ingest.prepare import prepare
from retrieval.text.sentences import split_sentences
from retrieval.types import Engagement

GOLD = ROOT / "tests" / "eval" / "engagements.yaml"


def seed_articles():
    index = default_index()
    out = {}
    for path in sorted((ROOT / "knowledge").glob("*.txt")):
        raws, _ = read_file(path, str(path), 10**8)
        out[path.name] = prepare(raws[0], index)
    return out


def _matches(found: Engagement, gold: dict) -> bool:
    kinds = gold["kind"] if isinstance(gold["kind"], list) else [gold["kind"]]
    if gold["partner"] not in found.countries or found.kind not in kinds:
        return False
    if gold["date"] is None:
        return found.date_start is None
    first, last = gold["date"]
    return (
        found.date_start is not None
        and first <= found.date_start <= (found.date_end or found.date_start) <= last
    )


def score(predicted: list[Engagement], gold: list[dict]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives); optional gold counts neither way."""
    left = list(gold)
    tp = fp = 0
    for found in predicted:
        hit = next((g for g in left if _matches(found, g)), None)
        if hit is None:
            fp += 1
            continue
        left.remove(hit)
        tp += 0 if hit.get("optional") else 1
    fn = sum(1 for g in left if not g.get("optional"))
    return tp, fp, fn


def test_seed_engagements_precision_and_recall():
    labelled = yaml.safe_load(GOLD.read_text())
    articles = seed_articles()
    assert {item["file"] for item in labelled} == set(articles)
    tp = fp = fn = 0
    started = time.perf_counter()
    for item in labelled:
        found = extract_engagements(articles[item["file"]])
        a, b, c = score(found, item["engagements"])
        tp, fp, fn = tp + a, fp + b, fn + c
    ms = (time.perf_counter() - started) * 1000 / len(labelled)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(
        f"\nengagements: precision {precision:.3f}, recall {recall:.3f} "
        f"({tp} right, {fp} wrong, {fn} missed), {ms:.1f} ms/article"
    )
    assert precision >= 0.9 and recall >= 0.9


def test_every_quote_is_verbatim_article_text():
    for article in seed_articles().values():
        text = " ".join(" ".join(article.paragraphs).split())
        for e in extract_engagements(article):
            for sentence in (s for p in [e.quote] for s in split_sentences(p)):
                assert " ".join(sentence.split()) in text


def extract(text: str, published: str | None = "2024-03-14", countries=()) -> list[Engagement]:
    sentences = [s for p in text.split("\n") for s in split_sentences(p)]
    day = date.fromisoformat(published) if published else None
    return extract_from_sentences("a1", day, sentences, countries)


def test_talks_in_a_capital_with_a_weekday():
    [e] = extract(
        "Prime Minister Narendra Modi held talks with French President Emmanuel Macron "
        "in Paris on Tuesday, focusing on defence, space and civil nuclear cooperation.",
        "2023-07-14",
    )
    assert (e.kind, e.countries, e.place) == ("meeting", ["FR"], "Paris")
    assert e.date_start == e.date_end == date(2023, 7, 11) and e.date_text == "on Tuesday"
    assert e.participants == ["Prime Minister Narendra Modi", "French President Emmanuel Macron"]
    assert e.names == ["Narendra Modi", "Emmanuel Macron"]
    assert {"defence", "space", "nuclear"} <= set(e.topics)


def test_an_agreement_without_date_or_people():
    [e] = extract("India and Australia signed an agreement on critical minerals.")
    assert (e.kind, e.countries, e.date_start) == ("agreement", ["AU"], None)
    assert e.topics == ["critical minerals"]


def test_a_joint_military_exercise_is_an_engagement():
    [e] = extract(
        "The 8th edition of the India-Kazakhstan Joint Military Exercise, KAZIND-2024, "
        "commenced on Monday at the Surya Foreign Training Node in Auli.",
        "2024-10-01",
    )
    assert (e.kind, e.countries, e.date_start) == ("exercise", ["KZ"], date(2024, 9, 30))
    [naval] = extract("India and Saudi Arabia held their first bilateral naval exercise in 2021.")
    assert (naval.kind, naval.countries) == ("exercise", ["SA"])


def test_a_joint_commission_last_month():
    [e] = extract("The 5th India-Vietnam Joint Commission meeting was held in Hanoi last month.")
    assert (e.kind, e.countries, e.place) == ("joint committee", ["VN"], "Hanoi")
    assert (e.date_start, e.date_end, e.date_precision) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        "month",
    )


def test_last_week_is_a_range_and_a_counterpart_names_the_partner():
    [e] = extract(
        "Last week, Foreign Secretary Vikram Misri held Foreign Office Consultations "
        "with his Nepalese counterpart in Kathmandu."
    )
    assert (e.kind, e.countries, e.place) == ("dialogue", ["NP"], "Kathmandu")
    assert (e.date_start, e.date_end) == (date(2024, 3, 4), date(2024, 3, 10))


def test_a_call_told_twice_is_one_engagement_dated_by_either_sentence():
    text = (
        "External Affairs Minister S. Jaishankar had a phone call with his Saudi counterpart "
        "Prince Faisal bin Farhan.\nJaishankar said the conversation on Sunday was useful."
    )
    [e] = extract(text)
    assert (e.kind, e.countries, e.date_start) == ("phone call", ["SA"], date(2024, 3, 10))
    assert e.names == ["S. Jaishankar", "Faisal bin Farhan"]
    assert e.quote.startswith("External Affairs Minister") and e.quote.endswith("useful.")


def test_a_dateline_is_the_report_not_the_event():
    [e] = extract(
        "NEW DELHI, May 4 (Reuters) - Chancellor Olaf Scholz hosted Prime Minister "
        "Narendra Modi in Berlin on Monday for talks on green energy.",
        "2022-05-04",
    )
    assert (e.countries, e.date_start, e.place) == (["DE"], date(2022, 5, 2), "Berlin")


def test_unknown_date_stays_unknown():
    found = extract(
        "Singh also held separate bilateral meetings with his Egyptian counterpart, "
        "General Mohamed Zaki, and Kenya's Defence Cabinet Secretary Aden Duale."
    )
    assert [e.countries for e in found] == [["EG"], ["KE"]]
    assert all(e.date_start is None and e.date_text is None for e in found)


def test_separate_meetings_are_one_engagement_per_country():
    found = extract(
        "Defence Minister Rajnath Singh held separate bilateral meetings with his "
        "Egyptian counterpart General Mohamed Zaki and Kenya's Defence Cabinet "
        "Secretary Aden Duale."
    )
    assert [e.countries for e in found] == [["EG"], ["KE"]]
    assert found[0].names == ["Rajnath Singh", "Mohamed Zaki"]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Secretary Vikram Misri will visit Dhaka next week for Foreign Office Consultations.",
        "India and Japan will hold their annual summit in Tokyo later this year.",
        "The talks, initially slated for June, were postponed.",
        "China and Pakistan held talks in Beijing on Monday.",
        "Foreign ministers of the Quad met in Tokyo on Tuesday, among them India, the US, Japan "
        "and Australia.",
        "India and Brazil stressed the importance of regular high-level dialogue.",
        "The two sides discussed preparations for an upcoming meeting of the joint commission.",
    ],
)
def test_planned_multilateral_and_third_country_events_are_not_engagements(text):
    assert extract(text) == []


def test_the_sidelines_of_a_multilateral_summit_are_a_place():
    [e] = extract(
        "Jaishankar met his Chinese counterpart Wang Yi on the sidelines of the SCO "
        "summit in Astana on Thursday.",
        "2024-07-05",
    )
    assert (e.kind, e.countries, e.date_start) == ("meeting", ["CN"], date(2024, 7, 4))
    assert e.place == "Astana, sidelines of the SCO summit"


def test_the_two_sides_are_the_partner_the_article_is_about():
    found = extract(
        "India and Egypt on Thursday elevated their ties to a strategic partnership."
        "\nThe two sides also signed three MoUs on agriculture and health."
    )
    assert [(e.kind, e.countries) for e in found] == [("agreement", ["EG"])]


def test_a_person_named_once_with_a_role_is_known_later():
    found = extract(
        "Russian President Vladimir Putin thanked India for its stand.\n"
        "Modi and Putin held a telephone conversation on Friday.",
        "2024-08-07",
    )
    [e] = found
    assert (e.kind, e.countries, e.date_start) == ("phone call", ["RU"], date(2024, 8, 2))
    assert "Russian President Vladimir Putin" in e.participants


def test_without_a_publication_date_only_dates_with_a_year_count():
    [e] = extract(
        "Ukraine's President Volodymyr Zelensky met Prime Minister Narendra Modi in "
        "Kyiv on August 23, 2024.",
        None,
    )
    assert e.date_start == date(2024, 8, 23)
    [e] = extract("Modi met Zelensky in Kyiv on Friday.", None)
    assert e.date_start is None


def test_a_visit_told_day_by_day_is_one_visit_spanning_the_days():
    found = extract(
        "Prime Minister Narendra Modi and French President Emmanuel Macron on "
        "Wednesday visited a nuclear research facility in southern France.\n"
        "Modi arrived in Marseille on Tuesday night after a summit in Paris.",
        "2025-02-14",
    )
    [e] = found
    assert (e.kind, e.countries, e.date_start, e.date_end) == (
        "visit",
        ["FR"],
        date(2025, 2, 11),
        date(2025, 2, 12),
    )


def test_a_visit_for_a_summit_is_the_summit():
    [e] = extract(
        "Japanese Prime Minister Fumio Kishida visited India on March 19-20 for the "
        "14th India-Japan Annual Summit.\nThe two sides also signed six agreements, "
        "including on cybersecurity and clean energy.",
        "2022-03-22",
    )[:1]
    assert (e.kind, e.countries, e.date_start, e.date_end) == (
        "summit",
        ["JP"],
        date(2022, 3, 19),
        date(2022, 3, 20),
    )


def test_others_bilateral_events_and_earlier_ones_of_the_same_partner():
    found = extract(
        "Maldivian Foreign Minister Moosa Zameer visited New Delhi in May and held "
        "talks with External Affairs Minister S Jaishankar.\nChina and the Maldives "
        "signed 20 agreements during President Mohamed Muizzu's state visit to "
        "Beijing in January.",
        "2024-06-03",
    )
    assert [(e.kind, e.countries, e.date_start) for e in found] == [
        ("visit", ["MV"], date(2024, 5, 1))
    ]


def test_a_city_before_a_role_names_the_country():
    [e] = extract(
        "Abu Dhabi Crown Prince Sheikh Khaled bin Mohamed bin Zayed Al Nahyan arrived "
        "in New Delhi on Sunday on his first official visit to India.",
        "2024-09-10",
    )
    assert (e.kind, e.countries, e.place, e.date_start) == (
        "visit",
        ["AE"],
        "New Delhi",
        date(2024, 9, 8),
    )


def test_article_countries_add_engagement_partners():
    article = seed_articles()["002_47edb2752374cd4b.txt"]
    extra = Engagement(kind="visit", countries=["IN", "SG"], article_id="x", quote="q")
    assert article_countries(article, [extra]) == ["JP", "SG"]


def test_engagements_round_trip_through_json():
    found = extract_engagements(seed_articles()["000_c8cbf1aefad89011.txt"])
    again = from_json(to_json(found), found[0].article_id)
    assert again == found
