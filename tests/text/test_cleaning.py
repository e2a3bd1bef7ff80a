"""Cleaning keeps every body line verbatim and drops the furniture, line by line."""

import pytest
from paths import SEEDS

from retrieval.text.cleaning import clean_text, is_doubled, is_furniture, unwrap

# Per seed: the title, then the opening of every non-empty line, in file order, kept or dropped.
SEED_LINES: dict[str, tuple[str, list[str], list[str]]] = {
    "000_c8cbf1aefad89011.txt": (
        "EAM Jaishankar, Omani counterpart discuss deepening bilateral cooperation",
        [
            "External Affairs Minister S Jaishankar had a telephonic",
            "In a post on X, S Jaishankar said,",
            "Omani Foreign Affairs Minister also reaffirmed",
            '"Pleased to speak with my colleague',
            "Last week, Defence Secretary Rajesh Kumar Singh",
            "Both sides reviewed ongoing defence engagements",
            "Officials from both countries appreciated",
            "A major focus of the meeting was",
            "According to the Ministry of Defence, the discussions",
            "India and Oman share a long-standing",
        ],
        [
            # collector date, date stamp and a "read in Hindi" link
            "date 2025-12-04 Thursday, December 04, 2025",
            "EAM Jaishankar, Omani counterpart discuss",  # the title, twice
            "External Affairs Minister (EAM) S Jaishankar on Wednesday",  # cut-off teaser
            "A good conversation with Badr Albusaidi of Oman this",  # photo caption
            "ANI",
            "Last Updated : Dec 04 2025",
            "(Only the headline and picture",
            "First Published: Dec 04 2025",
        ],
    ),
    "001_7ecfe26781f484f4.txt": (
        "Jaishankar reviews bilateral ties with US, Russia ahead of talks",
        [
            "External affairs minister S Jaishankar has reviewed",
            "Jaishankar tweeted on Tuesday",
            "The conversation came ahead of a planned 2+2",
            "Jaishankar said in another tweet",
            "A statement issued by the Russian embassy",
            "The two ministers also",
            "They discussed preparations for upcoming",
            "Jaishankar and Lavrov also agreed",
        ],
        [
            "date 2022-01-05 Hindustantimes wants to start sending you push notifications",
            "India News",
            "Jaishankar reviews bilateral ties with US, Russia ahead of talks",
            "Published on Jan 05, 2022",
            "ByHT Correspondent",
            "New Delhi",
        ],
    ),
    "002_47edb2752374cd4b.txt": (
        "India, Japan hold strategic dialogue; focus on expanding collaboration in third countries",
        [
            "Tokyo, Oct 07: External Affairs Minister",
            "In the talks held under the framework",
            "The external affairs minister tweeted",
            "The security dialogue took place",
            "Last month, Jaishankar had said",
            "The ties between the two countries",
            "Cooperation in the Indo-Pacific also",
        ],
        [
            "For Quick Alerts",
            "ALLOW NOTIFICATIONS",
            "For Daily Alerts",
            "Oneindia App Download",
            "India, Japan hold strategic dialogue;",
            "|",
            "Google Oneindia News",
            "S Jaishankar",  # a caption name among the paragraphs
            "On Quad meet, China says it opposes exclusive cliquesOn Quad",  # teaser, doubled
            "Recommended Video",
            "Shaheen Bagh case:",
            "Get Instant News Updates",
            "Enable",
            "x",
            "Notification Settings X",
            "Time Settings",
            "Done",
            "Clear Notification X",
            "Do you want to clear all the notifications",
            "Settings X",
            "X",
        ],
    ),
    "003_2bc91d682c42a60a.txt": (
        "Israel Calls India ‘Key Strategic Ally’, Seeks Deeper Defence Collaboration",
        [
            "The Indian defence ministry said that the two sides agreed",  # the standfirst
            "Terming India a 'key strategic ally'",
            "A statement from the Israeli Defence Ministry",
            "Baram's New Delhi visit on July 22-23",
            "Discussions centred on expanding",
            "“India is a key strategic ally of Israel",
            "“Baram shared insights",
            "Operation Rising Lion was launched",
            "Baram also engaged with Indian defence companies",
            "Baram returned to Israel on Thursday.",
            "In New Delhi, the Indian defence ministry said",
            "The two sides also reviewed the progress",
            "This visit by the DG",
        ],
        ["Israel Calls India ‘Key Strategic Ally’"],
    ),
    "004_048e5a57887d2b5b.txt": (
        "SCO Summit 2023: India, Russia resolve to strengthen defence cooperation",
        [
            "Defence Minister Rajnath Singh and his Russian counterpart",
            "Singh and Shoigu held extensive talks",
            "An Indian readout of the meeting",
            "It said Singh and Shoigu discussed matters",
            '"They expressed satisfaction',
            '"They acknowledged the unique',
            "The ministry said Singh and Shoigu discussed wide-ranging issues of bilateral defence "
            "cooperation.",
            '"The two ministers discussed wide-ranging',
            '"They also discussed the Russian defence',
            "In a tweet, Singh described",
            "Shoigu's visit to India came days after",
            "During his India visit, Manturov",
            "Singh also held separate bilateral meetings",
            "He also held talks with Belarusian",
            '"The entire gamut of defence cooperation',
            '"Issues of mutual interest',
            "Singh also met SCO Secretary General",
            "The defence minister informed Ming",
        ],
        [
            "date 2023-04-28 close",
            "SCO Summit 2023: India, Russia resolve",
            # the standfirst: no full stop, and the body repeats it as a sentence
            "The ministry said Singh and Shoigu discussed wide-ranging issues of bilateral defence "
            "cooperation" + "\n",
            "Press Trust of India New Delhi",
            "Amit Shah chairs SCO meet",  # another story's headline
            "2 min read Last Updated",
            "(Only the headline and picture",
            "Topics : India Russia",
            "First Published: Apr 28 2023",
        ],
    ),
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _matching(lines: list[str], opening: str) -> list[str]:
    """The lines an opening names; a trailing newline in it means "this whole line"."""
    if opening.endswith("\n"):
        return [line for line in lines if line == opening[:-1]]
    return [line for line in lines if line.startswith(opening)]


@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_seed_line_by_line(name: str) -> None:
    raw = (SEEDS / name).read_text(encoding="utf-8")
    title, keep, drop = SEED_LINES[name]
    lines = _lines(raw)
    cleaned = clean_text(raw)

    kept = []
    for opening in keep:
        found = _matching(lines, opening)
        assert len(found) == 1, f"{opening!r} should name exactly one line"
        kept.append(found[0])
    assert cleaned.paragraphs == kept

    dropped = []
    for opening in drop:
        found = _matching(lines, opening)
        assert found, f"no line opens with {opening!r}"
        for line in found:
            assert line not in cleaned.paragraphs
            assert line in cleaned.dropped
        dropped += found
    # Every line of the seed is accounted for, and nothing is both kept and dropped.
    assert sorted(kept + dropped) == sorted(lines)
    assert cleaned.title == title


@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_seed_paragraphs_are_verbatim(name: str) -> None:
    raw = (SEEDS / name).read_text(encoding="utf-8")
    for paragraph in clean_text(raw).paragraphs:
        assert any(paragraph in line for line in raw.splitlines())


# Other outlets' furniture, so the heuristics are not fitted to the seeds alone.
WIRE_ON_PORTAL = """Trending
Menu
India, France Agree To Deepen Defence Ties During Macron Visit
India News | Press Trust of India | Updated: January 26, 2024 7:41 pm IST
New Delhi: India and France on Friday agreed to deepen defence cooperation, officials said.
The two sides reviewed the roadmap. Mr. Macron also met Dr. S. Jaishankar.
Advertisement
"We have a shared vision," the Prime Minister said.
Read Also: Modi to visit Paris next month
(Except for the headline, this story has not been edited by NDTV staff and is published from a \
syndicated feed.)
Follow us on
Share on Facebook Twitter WhatsApp
"""

WIRE_DIRECT = """World
India, Japan sign currency swap pact
By Jane Doe and Taro Yamada
3 minute read
Updated 5 January 2022
TOKYO, Jan 5 (Reuters) - India and Japan signed a $75 billion currency swap agreement on \
Wednesday, the finance ministry said.
The deal, first agreed in Oct. 2018, is part of a push to deepen economic ties.
Reporting by Jane Doe; Editing by John Roe
Our Standards: The Thomson Reuters Trust Principles.
"""

PORTAL_WITH_TEASERS = """TOI World Desk / TIMESOFINDIA.COM / Updated: Dec 4, 2025, 10:15 IST
India-UAE ties: Jaishankar meets Emirati counterpart in Abu Dhabi
ABU DHABI: External affairs minister S. Jaishankar on Thursday met his UAE counterpart.
They discussed trade, energy and the India-Middle East-Europe Economic Corridor.
Story continues below this ad
The two leaders also reviewed the trade agreement signed in Feb. 2022.
India-UAE tiesIndia-UAE ties
ALSO READ
Modi to attend summit in Dubai next week
(PTI Photo)
Jaishankar with his counterpart in Abu Dhabi. (PTI Photo)
Photo: Reuters
Download The Times Of India News App for Latest World News.
"""

GULF_STYLE = """India, Oman sign MoU on maritime cooperation | Gulf News
Gulf News Report
Published: January 05, 2022 14:30
Last updated: January 06, 2022 10:00
Dubai: India and Oman signed a memorandum of understanding on maritime cooperation on Tuesday.
Key points of the agreement:
- Joint patrols in the Arabian Sea
- Information sharing on shipping
Image Credit: Supplied
Officials said the pact would be reviewed after five years.
"""

AGENCY_TAIL = """India, Maldives hold talks on security
New Delhi, Dec 4 (IANS) India and Maldives on Thursday held talks on maritime security.
The meeting covered a wide range of issues including coastal surveillance and the hydrography \
cooperation that Male had earlier pulled out of after a review of all its agreements with partners
--IANS
ab/rs
"""

NEWSPAPER_SITE = """India, Oman to begin talks on trade pact next month
The agreement is expected to cut tariffs on key exports
Jane Doe
NEW DELHI, December 04, 2025 18:09 IST
Updated - December 05, 2025 21:20 IST
File photo of the Indian and Omani flags. | Photo Credit: Getty Images
India and Oman will begin talks on a trade agreement next month, officials said on Thursday.
Trade talks
The two sides had earlier held a round of consultations in Muscat in 2024.
“We are confident of an early conclusion,” an official said.
5:42 PM
Copyright© 2025, Some Publishing Ltd. or its affiliated companies. All rights reserved.
"""

BUSINESS_SITE = """Home / Politics / India, Japan agree to boost semiconductor ties
India, Japan agree to boost semiconductor ties
Livemint
2 min read . Updated: 05 Jan 2022, 10:15 PM IST
Written By Jane Doe
India and Japan on Wednesday agreed to boost cooperation in semiconductors, officials said.
This story has been published from a wire agency feed without modifications to the text. Only \
the headline has been changed.
Catch all the Business News, Market News, Breaking News Events and Latest News Updates on Live \
Mint. Download The Mint News App to get Daily Market Updates.
"""


@pytest.mark.parametrize(
    ("raw", "title", "kept"),
    [
        (
            WIRE_ON_PORTAL,
            "India, France Agree To Deepen Defence Ties During Macron Visit",
            ["New Delhi: India and France", "The two sides reviewed", '"We have a shared vision,"'],
        ),
        (
            WIRE_DIRECT,
            "India, Japan sign currency swap pact",
            ["TOKYO, Jan 5 (Reuters) - India", "The deal, first agreed"],
        ),
        (
            PORTAL_WITH_TEASERS,
            "India-UAE ties: Jaishankar meets Emirati counterpart in Abu Dhabi",
            [
                "ABU DHABI: External affairs",
                "They discussed trade",
                "The two leaders also reviewed",
            ],
        ),
        (
            GULF_STYLE,
            "India, Oman sign MoU on maritime cooperation | Gulf News",
            [
                "Dubai: India and Oman",
                "Key points of the agreement:",
                "- Joint patrols",
                "- Information sharing",
                "Officials said the pact",
            ],
        ),
        (
            AGENCY_TAIL,
            "India, Maldives hold talks on security",
            ["New Delhi, Dec 4 (IANS)", "The meeting covered a wide range"],
        ),  # long, lost its stop
        (
            NEWSPAPER_SITE,
            "India, Oman to begin talks on trade pact next month",
            ["India and Oman will begin", "The two sides had earlier", "“We are confident"],
        ),
        (
            BUSINESS_SITE,
            "India, Japan agree to boost semiconductor ties",
            ["India and Japan on Wednesday agreed"],
        ),
    ],
)
def test_other_outlets(raw: str, title: str, kept: list[str]) -> None:
    cleaned = clean_text(raw)
    assert cleaned.title == title
    assert len(cleaned.paragraphs) == len(kept)
    for paragraph, opening in zip(cleaned.paragraphs, kept, strict=True):
        assert paragraph.startswith(opening)
    assert sorted(cleaned.paragraphs + cleaned.dropped) == sorted(_lines(raw))


def test_collector_date_before_body_keeps_the_body() -> None:
    raw = (
        " date 2024-01-05 India and Japan on Friday signed a defence technology pact.\n"
        "More followed.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.title is None  # the text opens with its body
    assert cleaned.paragraphs == [
        "India and Japan on Friday signed a defence technology pact.",
        "More followed.",
    ]
    assert cleaned.dropped == ["date 2024-01-05"]


def test_no_title_and_nothing_but_body() -> None:
    raw = "India and Oman held talks on Monday in Muscat.\n\nThey agreed to meet again.\n"
    assert clean_text(raw).paragraphs == [
        "India and Oman held talks on Monday in Muscat.",
        "They agreed to meet again.",
    ]


def test_duplicate_paragraph_is_kept_once() -> None:
    raw = "Title of the story here\nIndia and Oman held talks on Monday.\n" * 2
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == ["India and Oman held talks on Monday."]


@pytest.mark.parametrize(
    "line",
    [
        "Get Instant News Updates",
        "ALLOW NOTIFICATIONS",
        "Notification Settings X",
        "close",
        "|",
        "Updated: 5 January 2022",
        "Published on Jan 05, 2022 12:47 AM IST",
        "4 min read",
        "Topics : India Oman Defence",
        "Share on WhatsApp Facebook",
        "Photo Credit: ANI",
        "(With inputs from PTI)",
        "By Staff Reporter",
        "Thursday, December 04, 2025 | 07:00 AM IST",
        "Edited By: Jane Doe",
        "Also Read | India, Oman to hold naval drill",
        "This story has been published from a wire agency feed without modifications to the text.",
        "Prime Minister with the visiting President in New Delhi on Monday. (Image: X/@PMOIndia)",
    ],
)
def test_generic_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The government issued a notification on Monday.",
        "By 2030, India and Japan aim to double their trade.",
        "India and Japan signed the agreement on December 4, 2025.",
        "Jaishankar posted the statement on X and Facebook after the meeting.",
        "Updates on the talks will follow, officials said.",
    ],
)
def test_body_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_doubled_teaser() -> None:
    assert is_doubled("Modi meets Biden at the White HouseModi meets Biden at the White House")
    assert not is_doubled("India and India-Japan ties")


WRAPPED = """India and Peru held the fifth round of talks on a free trade agreement in
Lima on Friday, officials said. The two sides reviewed progress on goods,
services and investment chapters.

Commerce Secretary Sunil Barthwal led the Indian delegation, while Peru's
Vice Minister of Foreign Trade Ana Cecilia Gervasi headed her side. They
agreed to meet again in New Delhi in June.
"""


def test_hard_wrapped_paragraphs_are_joined_back_whole():
    paragraphs = clean_text(WRAPPED).paragraphs
    assert paragraphs == [
        "India and Peru held the fifth round of talks on a free trade agreement in Lima on "
        "Friday, officials said. The two sides reviewed progress on goods, services and "
        "investment chapters.",
        "Commerce Secretary Sunil Barthwal led the Indian delegation, while Peru's Vice "
        "Minister of Foreign Trade Ana Cecilia Gervasi headed her side. They agreed to meet "
        "again in New Delhi in June.",
    ]


def test_a_page_whose_lines_are_paragraphs_is_not_joined():
    page = (
        "For Quick Alerts\nALLOW NOTIFICATIONS\nIndia, Japan hold strategic dialogue\n"
        "Tokyo, Oct 07: External Affairs Minister S Jaishankar on Wednesday held wide-ranging "
        "talks with his Japanese counterpart Toshimitsu Motegi on a range of issues.\n"
        "The two ministers reviewed the progress of the bilateral relationship in the new era.\n"
    )
    assert unwrap(page) == page
