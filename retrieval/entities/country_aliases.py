"""Country names, abbreviations and demonyms that pycountry does not carry."""

from __future__ import annotations

HOME = "IN"

# Codes pycountry lists that are not places a country can have relations with.
EXCLUDED = frozenset({"AQ", "BV", "GS", "HM", "TF", "UM"})

# Not in ISO 3166-1 (XK is the code the EU and IMF use).
EXTRA_COUNTRIES = {"XK": "Kosovo"}

# Display names where ISO's short name is formal ("Russian Federation") or has no common form.
SHORT_NAMES = {
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "VA": "Vatican City",
}


def _table(text: str) -> dict[str, tuple[str, ...]]:
    rows = (line.split(" ", 1) for line in text.strip().splitlines())
    return {code: tuple(a.strip() for a in rest.split(",")) for code, rest in rows}


# Other names (matched case-insensitively, like ISO's). "Congo" alone is taken as DR Congo,
# the one news mostly means.
NAMES = _table("""
AG Antigua
BA Bosnia
BQ Bonaire
CD Congo, Democratic Republic of Congo, Congo-Kinshasa
CG Republic of Congo, Congo-Brazzaville
CI Ivory Coast
CV Cape Verde
GB Britain, Great Britain, England, Scotland, Wales, Northern Ireland
IN Bharat
KN Saint Kitts
KR Korea
LA Lao PDR
LK Lanka
MK Macedonia
MM Burma
MO Macau
NL Holland
ST Sao Tome
SZ Swaziland
TL East Timor
TR Turkey
TW Chinese Taipei, Republic of China
TT Trinidad
US America
VA Vatican, Holy See
VC Saint Vincent
XK Republic of Kosovo
""")

# Matched in their exact case only, so that "us" and "Us" are not the United States.
ABBREVIATIONS = _table("""
AE UAE, U.A.E.
BA BiH
CD DRC
CN PRC
GB UK, U.K.
KP DPRK
KR ROK
NZ NZ
PK Pak
SA KSA
US US, U.S., USA, U.S.A.
""")

# ... and of those, the ones that are ordinary words when written in lower case.
WORD_ABBREVIATIONS = frozenset({"US"})

# Combining forms that name a country only when hyphenated to another ("Indo-US", "Sino-Indian";
# not "Indo-Pacific").
PREFIXES = {
    "Indo": "IN",
    "Sino": "CN",
    "Russo": "RU",
    "Franco": "FR",
    "Italo": "IT",
    "Greco": "GR",
    "Bangla": "BD",
}

# Demonyms a rule cannot make. A country listed here gets exactly these; the others get the
# regular form of their names (India -> Indian, Kenya -> Kenyan, Mali -> Malian).
DEMONYMS = _table("""
AE Emirati
AF Afghan
AR Argentine, Argentinian
AZ Azerbaijani, Azeri
BB Barbadian, Bajan
BD Bangladeshi
BE Belgian
BF Burkinabe
BH Bahraini
BJ Beninese
BM Bermudian, Bermudan
BR Brazilian
BS Bahamian
BT Bhutanese
BW Botswanan, Motswana, Batswana
BY Belarusian, Belarussian
BZ Belizean
CA Canadian
CD Congolese
CH Swiss
CI Ivorian
CL Chilean
CM Cameroonian
CN Chinese
CV Cape Verdean, Cabo Verdean
CY Cypriot
CZ Czech
DE German
DK Danish, Dane
DO Dominican
EC Ecuadorian, Ecuadorean
EG Egyptian
ES Spanish, Spaniard
FI Finnish, Finn
FO Faroese
FR French
GA Gabonese
GB British, Briton, Scottish, Welsh
GD Grenadian
GH Ghanaian
GL Greenlandic, Greenlander
GR Greek
GW Bissau-Guinean
GY Guyanese
HN Honduran
HR Croatian, Croat
HU Hungarian
IE Irish
IL Israeli
IQ Iraqi
IR Iranian
IS Icelandic, Icelander
IT Italian
JO Jordanian
JP Japanese
KG Kyrgyz, Kyrgyzstani, Kirghiz
KI I-Kiribati
KM Comorian
KN Kittitian, Nevisian
KW Kuwaiti
KZ Kazakh, Kazakhstani
LA Laotian, Lao
LB Lebanese
LI Liechtensteiner
LS Basotho, Mosotho
LU Luxembourgish, Luxembourger
MA Moroccan
MC Monegasque
MD Moldovan
ME Montenegrin
MG Malagasy
MH Marshallese
MM Burmese
MT Maltese
MU Mauritian
MV Maldivian
MX Mexican
MZ Mozambican
NE Nigerien
NL Dutch
NO Norwegian
NP Nepali, Nepalese
NR Nauruan
NZ New Zealander
OM Omani
PA Panamanian
PE Peruvian
PH Filipino, Filipina, Philippine
PK Pakistani
PL Polish
PR Puerto Rican
PS Palestinian
PT Portuguese
PW Palauan
PY Paraguayan
QA Qatari
RS Serbian, Serb
SA Saudi, Saudi Arabian
SB Solomon Islander
SC Seychellois
SD Sudanese
SE Swedish, Swede
SG Singaporean
SI Slovenian, Slovene
SK Slovak, Slovakian
SL Sierra Leonean
SM Sammarinese
SN Senegalese
SO Somali, Somalian
SR Surinamese
SS South Sudanese
ST Sao Tomean
SV Salvadoran, Salvadorean
SZ Swazi, Emaswati
TD Chadian
TG Togolese
TH Thai
TJ Tajik, Tajikistani
TL Timorese, East Timorese
TM Turkmen, Turkmenistani
TR Turkish, Turk
TT Trinidadian, Tobagonian
TV Tuvaluan
TW Taiwanese
UA Ukrainian
US American
UY Uruguayan
UZ Uzbek, Uzbekistani
VC Vincentian
VN Vietnamese
VU Ni-Vanuatu
XK Kosovar, Kosovan
YE Yemeni
ZW Zimbabwean
""")

# Phrases that contain a country word but name a region, sea or US state; matching them first
# keeps "Indian Ocean" from yielding India and "Latin American" from yielding the US.
BLOCKED = (
    "Indian Ocean",
    "West Indian",
    "American Indian",
    "Native American",
    "African American",
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Pan American",
    "Pan-American",
    "South China Sea",
    "East China Sea",
    "Sea of Japan",
    "Gulf of Oman",
    "Gulf of Mexico",
    "Gulf of Guinea",
    "Gulf of Thailand",
    "New Mexico",
    "New Jersey",
    "New England",
    "New Guinea",
    "New South Wales",
    "British Columbia",
    "Niger Delta",
)

# Names that are everyday words in lower case ("polish the draft", "a guinea pig"): only these
# need a capital. Questions are often typed in lower case, so "china" or "turkey" must still count.
NEEDS_CAPITAL = frozenset({"dane", "guernsey", "guinea", "jersey", "polish", "reunion", "swede"})
