"""Country recognition: names, abbreviations, demonyms, false positives, fuzzy look-up."""

from __future__ import annotations

import pytest

from retrieval.entities.countries import CountryIndex, default_index, partner_countries, partners

# The 193 UN member states (ISO alpha-2).
_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE
GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR
LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM
PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK
SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM ZW
"""
UN_MEMBERS = _MEMBERS.split()
# Members whose only demonym is ambiguous: "Dominican" (Dominican Republic), "Congolese"
# (DR Congo), "Central African" (a region as often as the republic).
NO_DEMONYM = {"DM", "CG", "CF"}


@pytest.fixture(scope="module")
def index() -> CountryIndex:
    return CountryIndex()


def codes(index: CountryIndex, text: str, **kw) -> list[str]:
    return [m.country.code for m in index.find_in_text(text, **kw)]


def test_every_un_member_is_known_with_a_demonym(index):
    assert len(set(UN_MEMBERS)) == 193
    for code in UN_MEMBERS:
        country = index.get(code)
        assert country is not None, code
        assert country.demonyms or code in NO_DEMONYM, code


def test_every_alias_round_trips(index):
    for country in index.countries:
        for alias in country.aliases:
            assert index.lookup(alias) == country, alias
            text = f"Officials of {alias} met on Monday."
            assert codes(index, text) == [country.code], alias


@pytest.mark.parametrize(
    "name, code, short",
    [
        ("UAE", "AE", "United Arab Emirates"),
        ("US", "US", "United States"),
        ("Russia", "RU", "Russia"),
        ("Korea, Republic of", "KR", "South Korea"),
        ("Iran", "IR", "Iran"),
        ("Viet Nam", "VN", "Vietnam"),
        ("Syrian Arab Republic", "SY", "Syria"),
        ("Brunei Darussalam", "BN", "Brunei"),
        ("Türkiye", "TR", "Türkiye"),
        ("Turkey", "TR", "Türkiye"),
        ("Czech Republic", "CZ", "Czechia"),
        ("Ivory Coast", "CI", "Côte d'Ivoire"),
        ("Burma", "MM", "Myanmar"),
        ("Swaziland", "SZ", "Eswatini"),
        ("Macedonia", "MK", "North Macedonia"),
        ("Holland", "NL", "Netherlands"),
        ("the Gambia", "GM", "Gambia"),
        ("England", "GB", "United Kingdom"),
        ("America", "US", "United States"),
        ("Kosovo", "XK", "Kosovo"),
        ("Lao People's Democratic Republic", "LA", "Laos"),
        ("OM", "OM", "Oman"),
        ("IND", "IN", "India"),
    ],
)
def test_lookup_names_short_names(index, name, code, short):
    country = index.lookup(name)
    assert country is not None and country.code == code and country.name == short


def test_lookup_is_exact_only(index):
    assert index.lookup("omani").code == "OM"
    assert index.lookup("SULTANATE OF OMAN").code == "OM"
    assert index.lookup("Omman") is None
    assert index.lookup("Indo") is None  # a combining form, not a name
    assert index.lookup("can") is None and index.lookup("CAN").code == "CA"


@pytest.mark.parametrize(
    "typo, code",
    [
        ("Omman", "OM"),
        ("Rusia", "RU"),
        ("Austrailia", "AU"),
        ("Isreal", "IL"),
        ("Phillipines", "PH"),
        ("Kazakstan", "KZ"),
        ("Kyrgystan", "KG"),
        ("Bangaldesh", "BD"),
        ("Untied States", "US"),
        ("Korea South", "KR"),
        ("Veitnam", "VN"),
        ("Nigria", "NG"),
    ],
)
def test_fuzzy_suggest_and_resolve(index, typo, code):
    assert index.suggest(typo)[0].code == code
    assert index.resolve(typo).code == code


def test_resolve_refuses_to_guess(index):
    assert index.resolve("Xyzzyland") is None
    assert index.resolve("Ira") is None  # too short to tell Iran from Iraq
    assert len(index.suggest("Omman", limit=3)) == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talks with the Sultanate of Oman and the Russian Federation", ["OM", "RU"]),
        ("The Republic of Korea, the DPRK and North Korea", ["KR", "KP", "KP"]),
        ("The US, the U.S., the USA, the UK and the UAE", ["US", "US", "US", "GB", "AE"]),
        ("ROK, KSA, PRC and DPRK officials", ["KR", "SA", "CN", "KP"]),
        ("Britain, Great Britain and England", ["GB", "GB", "GB"]),
        ("Türkiye, formerly Turkey; Czechia or the Czech Republic", ["TR", "TR", "CZ", "CZ"]),
        ("Côte d'Ivoire (Ivory Coast) and Myanmar (Burma)", ["CI", "CI", "MM", "MM"]),
        ("Eswatini, North Macedonia and Holland", ["SZ", "MK", "NL"]),
        (
            "St. Lucia, St Kitts and Nevis, Guinea-Bissau, Papua New Guinea",
            ["LC", "KN", "GW", "PG"],
        ),
        ("Timor-Leste, Trinidad and Tobago, Bosnia and Herzegovina", ["TL", "TT", "BA"]),
        ("People's Republic of China and Chinese Taipei", ["CN", "TW"]),
        ("Korea alone", ["KR"]),
    ],
)
def test_names_formal_names_abbreviations(index, text, expected):
    assert codes(index, text) == expected


@pytest.mark.parametrize(
    "demonym, code",
    [
        ("Omani", "OM"),
        ("American", "US"),
        ("British", "GB"),
        ("Emirati", "AE"),
        ("Saudi", "SA"),
        ("Japanese", "JP"),
        ("Israeli", "IL"),
        ("Uzbek", "UZ"),
        ("Kyrgyz", "KG"),
        ("Belarusian", "BY"),
        ("Chinese", "CN"),
        ("French", "FR"),
        ("German", "DE"),
        ("Australian", "AU"),
        ("Sri Lankan", "LK"),
        ("Bangladeshi", "BD"),
        ("Maldivian", "MV"),
        ("Nepali", "NP"),
        ("Bhutanese", "BT"),
        ("Afghan", "AF"),
        ("Pakistani", "PK"),
        ("Qatari", "QA"),
        ("Kuwaiti", "KW"),
        ("Bahraini", "BH"),
        ("Egyptian", "EG"),
        ("Iranian", "IR"),
        ("Iraqi", "IQ"),
        ("Singaporean", "SG"),
        ("Indonesian", "ID"),
        ("Vietnamese", "VN"),
        ("Filipino", "PH"),
        ("South Korean", "KR"),
        ("North Korean", "KP"),
        ("Brazilian", "BR"),
        ("South African", "ZA"),
        ("Canadian", "CA"),
        ("Mexican", "MX"),
        ("Argentine", "AR"),
        ("Nigerian", "NG"),
        ("Kenyan", "KE"),
        ("Ethiopian", "ET"),
        ("Italian", "IT"),
        ("Spanish", "ES"),
        ("Dutch", "NL"),
        ("Greek", "GR"),
        ("Polish", "PL"),
        ("Ukrainian", "UA"),
        ("Armenian", "AM"),
        ("Kazakh", "KZ"),
        ("Tajik", "TJ"),
        ("Turkmen", "TM"),
        ("Mongolian", "MN"),
        ("Burmese", "MM"),
        ("Thai", "TH"),
        ("Malaysian", "MY"),
        ("Cypriot", "CY"),
        ("Danish", "DK"),
        ("Norwegian", "NO"),
        ("Swedish", "SE"),
        ("Finnish", "FI"),
        ("Ghanaian", "GH"),
        ("Ivorian", "CI"),
        ("Malian", "ML"),
        ("Chilean", "CL"),
        ("Peruvian", "PE"),
        ("Fijian", "FJ"),
        ("Nigerien", "NE"),
        ("Swiss", "CH"),
        ("Turkish", "TR"),
        ("Russian", "RU"),
        ("Tanzanian", "TZ"),
        ("Mauritian", "MU"),
    ],
)
def test_demonyms(index, demonym, code):
    assert codes(index, f"His {demonym} counterpart spoke to him.") == [code]


def test_plural_demonyms(index):
    text = "the Saudis, Americans, Israelis and South Koreans"
    assert codes(index, text) == ["SA", "US", "IL", "KR"]


@pytest.mark.parametrize(
    "text",
    [
        "Cooperation in the Indian Ocean and the Indo-Pacific",
        "the Indian Ocean Region",
        "security in the Gulf region",
        "Tell us what they told us",
        "Let us see",
        "Latin America, South America, North America and Central America",
        "Latin American and North American markets",
        "a US$ 5 billion deal",
        "polish the draft; a guinea pig in a jersey at the reunion",
        "the South China Sea and the East China Sea",
        "New Mexico and New Jersey",
        "see www.bbc.co.uk and mea.gov.in",
        "write to press@uae.example",
    ],
)
def test_false_positives(index, text):
    assert codes(index, text) == []


def test_hyphenated_pairs(index):
    assert codes(index, "India-Japan ties") == ["IN", "JP"]
    assert codes(index, "India–Oman talks") == ["IN", "OM"]
    assert codes(index, "the Indo-US deal and Sino-Indian border") == ["IN", "US", "CN", "IN"]
    assert codes(index, "Indo-Pak talks") == ["IN", "PK"]
    assert codes(index, "U.S.-India ties") == ["US", "IN"]


def test_lower_case_questions(index):
    assert codes(index, "what did india and oman discuss") == ["IN", "OM"]
    assert codes(index, "india china and india turkey talks") == ["IN", "CN", "IN", "TR"]
    assert codes(index, "what did the polish minister say") == []
    assert codes(index, "what did the polish minister say", any_case=True) == ["PL"]
    assert codes(index, "tell us about it", any_case=True) == []


def test_mentions_carry_surface_span_kind_and_home(index):
    text = "India's minister met his Omani counterpart and U.S. officials."
    mentions = index.find_in_text(text)
    assert [(m.surface, m.kind, m.home) for m in mentions] == [
        ("India", "name", True),
        ("Omani", "demonym", False),
        ("U.S.", "abbreviation", False),
    ]
    assert all(text[m.span[0] : m.span[1]] == m.surface for m in mentions)
    assert [m.country.code for m in partners(mentions)] == ["OM", "US"]


def test_partner_countries_by_frequency_then_first_mention():
    text = (
        "India and Kenya held talks. Ghana's minister joined. The Ghanaian side and the "
        "Indian side agreed. Kenya and Peru were also there; Ghana will host the next round."
    )
    assert partner_countries(text) == ["GH", "KE", "PE"]
    assert partner_countries("India's Indian Ocean policy") == []


def test_callers_without_an_index_share_one():
    default_index.cache_clear()
    first = default_index()
    assert default_index() is first
    assert first.get("om") is not None and first.get("om") == CountryIndex().get("OM")
