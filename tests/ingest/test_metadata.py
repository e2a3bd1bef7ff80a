"""Title, outlet and date come from what the text says, and are None where it says nothing."""

from datetime import date

import pytest
from paths import SEEDS

from retrieval.ingest.metadata import detect_metadata, lookup, parse_date


# What MANIFEST.md records, as far as each text supports it.
@pytest.mark.parametrize(
    ("name", "title", "source", "published"),
    [
        (
            "000_c8cbf1aefad89011.txt",
            "EAM Jaishankar, Omani counterpart discuss deepening bilateral cooperation",
            "Business Standard (ANI feed)",
            date(2025, 12, 4),
        ),
        (
            "001_7ecfe26781f484f4.txt",
            "Jaishankar reviews bilateral ties with US, Russia ahead of talks",
            "Hindustan Times",
            date(2022, 1, 5),
        ),
        # "Tokyo, Oct 07" has no year, so the date stays unknown
        (
            "002_47edb2752374cd4b.txt",
            "India, Japan hold strategic dialogue; focus on expanding collaboration in third countries",
            "Oneindia",
            None,
        ),
        # no outlet named and no date given
        (
            "003_2bc91d682c42a60a.txt",
            "Israel Calls India ‘Key Strategic Ally’, Seeks Deeper Defence Collaboration",
            None,
            None,
        ),
        (
            "004_048e5a57887d2b5b.txt",
            "SCO Summit 2023: India, Russia resolve to strengthen defence cooperation",
            "Business Standard (PTI feed)",
            date(2023, 4, 28),
        ),
    ],
)
def test_seeds_against_manifest(
    name: str, title: str, source: str | None, published: date | None
) -> None:
    found = detect_metadata((SEEDS / name).read_text(encoding="utf-8"))
    assert (found.title, found.source, found.published) == (title, source, published)


def test_first_published_wins_over_an_earlier_updated_line() -> None:
    raw = (
        "Last Updated : May 02 2023 | 9:10 AM IST\nIndia, Russia hold talks in New Delhi\n"
        "India and Russia held talks in New Delhi on Friday, officials said.\n"
        "First Published: Apr 28 2023 | 7:13 PM IST\n"
    )
    assert detect_metadata(raw).published == date(2023, 4, 28)


def test_published_wins_over_updated_and_collector() -> None:
    raw = (
        " date 2022-01-09 India, Oman sign MoU on maritime cooperation | Gulf News\n"
        "Gulf News Report\nPublished: January 05, 2022 14:30\n"
        "Last updated: January 06, 2022 10:00\n"
        "Dubai: India and Oman signed a memorandum of understanding on Tuesday.\n"
    )
    found = detect_metadata(raw)
    assert found.published == date(2022, 1, 5)
    assert found.title == "India, Oman sign MoU on maritime cooperation"  # outlet suffix removed
    assert found.source == "Gulf News"


def test_collector_date_wins_over_updated() -> None:
    raw = (
        " date 2022-01-05 India, Japan sign currency swap pact\nUpdated: 7 January 2022\n"
        "India and Japan signed a currency swap agreement on Wednesday, officials said.\n"
    )
    assert detect_metadata(raw).published == date(2022, 1, 5)


def test_dated_dateline_wins_over_updated() -> None:
    raw = (
        "India, Oman to begin talks on trade pact next month\nJane Doe\n"
        "NEW DELHI, December 04, 2025 18:09 IST\nUpdated - December 05, 2025 21:20 IST\n"
        "India and Oman will begin talks on a trade agreement next month, officials said.\n"
    )
    assert detect_metadata(raw).published == date(2025, 12, 4)


def test_ambiguous_numeric_date_is_unknown() -> None:
    raw = (
        "India, Oman to begin talks on trade pact next month\n"
        "First published on: 04-12-2025 at 10:15 IST\n"
        "India and Oman will begin talks on a trade agreement next month, officials said.\n"
    )
    assert detect_metadata(raw).published is None


def test_wire_copy_with_dateline() -> None:
    raw = (
        "World\nIndia, Japan sign currency swap pact\nBy Jane Doe and Taro Yamada\n"
        "3 minute read\nUpdated 5 January 2022\n"
        "TOKYO, Jan 5 (Reuters) - India and Japan signed a swap agreement on Wednesday.\n"
    )
    found = detect_metadata(raw)
    assert (found.title, found.source, found.published) == (
        "India, Japan sign currency swap pact",
        "Reuters",
        date(2022, 1, 5),
    )


def test_portal_running_agency_copy() -> None:
    raw = (
        "India, France Agree To Deepen Defence Ties\n"
        "India News | Press Trust of India | Updated: January 26, 2024 7:41 pm IST\n"
        "New Delhi: India and France on Friday agreed to deepen defence cooperation.\n"
        "(Except for the headline, this story has not been edited by NDTV staff and is "
        "published from a syndicated feed.)\n"
    )
    found = detect_metadata(raw)
    assert (found.outlet, found.agency) == ("NDTV", "PTI")
    assert found.source == "NDTV (PTI feed)"
    assert found.published == date(2024, 1, 26)


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        (
            "A headline about talks\nNew Delhi, Dec 4 (IANS) India and Maldives held talks.\n--IANS\n",
            "IANS",
        ),
        (
            "Russia, India discuss energy ties\nMOSCOW, December 4. /TASS/. Russia and India held talks "
            "on energy cooperation, the government said.\n",
            "TASS",
        ),
        (
            "India-UAE ties: Jaishankar meets counterpart\nTOI World Desk / TIMESOFINDIA.COM / "
            "Updated: Dec 4, 2025, 10:15 IST\nABU DHABI: The minister met his counterpart on Thursday.\n",
            "Times of India",
        ),
        (
            "Headline of the day here\nThe minister met his counterpart on Thursday in Tokyo.\n"
            "(With inputs from PTI)\n",
            "PTI",
        ),
        (
            "Headline of the day here\nThe minister met his counterpart on Thursday in Tokyo.\n"
            "Download The Mint App for the latest news.\n",
            "Mint",
        ),
    ],
)
def test_other_outlets(raw: str, source: str) -> None:
    assert detect_metadata(raw).source == source


def test_nothing_known_stays_none() -> None:
    raw = (
        "India and Oman held talks on Monday, officials said.\n"
        "Reuters had reported the plan on Dec 4 last year.\n"
    )  # body mentions are not credits
    found = detect_metadata(raw)
    assert (found.title, found.source, found.published) == (None, None, None)


@pytest.mark.parametrize(
    "teaser",
    [
        "Jaishankar posted on X about talks on Dec 4, 2025",  # "posted" is no date label here
        "AP Govt Signs MoU With Japan",  # Andhra Pradesh, not the Associated Press
    ],
)
def test_teasers_lend_no_date_or_agency(teaser: str) -> None:
    raw = f"Some headline for the story\n{teaser}\nIndia and Oman held talks, officials said.\n"
    found = detect_metadata(raw)
    assert (found.source, found.published) == (None, None)


def test_section_names_are_not_outlets() -> None:
    raw = (
        "Modi and Biden meet at the White House | World News\nA headline of the story\n"
        "India and the US held talks on Monday, officials said.\n"
    )
    assert detect_metadata(raw).source is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 04 2025 | 6:57 AM IST", date(2025, 12, 4)),
        ("Jan 05, 2022 12:47 AM IST", date(2022, 1, 5)),
        ("5 January 2022", date(2022, 1, 5)),
        ("2025-12-04T06:57:00+05:30", date(2025, 12, 4)),
        ("Thursday, December 04, 2025 | 07:00 AM IST", date(2025, 12, 4)),
        ("Oct 07", None),  # no year: never filled in from today
        ("Updated 2 hours ago", None),  # relative to the reader, not the article
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_lookup_aliases() -> None:
    assert lookup("Press Trust of India") == ("PTI", "agency")
    assert lookup("Hindustantimes") == ("Hindustan Times", "outlet")
    assert lookup("HT Correspondent") == ("Hindustan Times", "outlet")
    assert lookup("Some Blog") is None
