"""Capitals and major cities, and the country each is in, for texts that name only the city."""

from __future__ import annotations

_CITIES = """
AE Abu Dhabi, Dubai|AF Kabul|AM Yerevan|AO Luanda|AR Buenos Aires|AT Vienna|AU Canberra, Sydney,
Melbourne, Perth|AZ Baku|BD Dhaka|BE Brussels|BG Sofia|BH Manama|BN Bandar Seri Begawan|BR Brasilia,
Rio de Janeiro, Sao Paulo|BT Thimphu|BW Gaborone|BY Minsk|CA Ottawa, Toronto|CH Bern, Geneva, Davos|
CL Santiago|CN Beijing, Shanghai|CO Bogota|CU Havana|CY Nicosia|CZ Prague|DE Berlin, Munich|
DJ Djibouti|DK Copenhagen|DZ Algiers|EG Cairo, Sharm el-Sheikh|ES Madrid|ET Addis Ababa|FI Helsinki|
FJ Suva|FR Paris|GB London|GE Tbilisi|GH Accra|GR Athens|GY Georgetown|HR Zagreb|HU Budapest|
ID Jakarta, Bali|IE Dublin|IL Jerusalem, Tel Aviv|IN New Delhi, Delhi, Mumbai, Bengaluru, Chennai,
Kolkata, Hyderabad, Ahmedabad, Gandhinagar, Goa, Pune, Varanasi|IQ Baghdad|IR Tehran|IT Rome|
JM Kingston|JO Amman|JP Tokyo, Osaka, Hiroshima|KE Nairobi|KG Bishkek|KH Phnom Penh|KR Seoul|
KW Kuwait City|KZ Astana, Almaty|LA Vientiane|LK Colombo|LY Tripoli|MA Rabat|MG Antananarivo|
MM Naypyitaw, Nay Pyi Taw, Yangon|MN Ulaanbaatar|MT Valletta|MU Port Louis|MV Male, Malé|
MX Mexico City|MY Kuala Lumpur|MZ Maputo|NA Windhoek|NG Abuja, Lagos|NL The Hague, Amsterdam|
NO Oslo|NP Kathmandu|NZ Wellington|OM Muscat|PE Lima|PG Port Moresby|PH Manila|PK Islamabad|
PL Warsaw|PT Lisbon|QA Doha|RO Bucharest|RS Belgrade|RU Moscow, St Petersburg, Kazan, Vladivostok,
Sochi|RW Kigali|SA Riyadh, Jeddah|SD Khartoum|SE Stockholm|SG Singapore|SN Dakar|SO Mogadishu|
SR Paramaribo|TH Bangkok|TJ Dushanbe|TM Ashgabat|TN Tunis|TR Ankara, Istanbul|TT Port of Spain|
TW Taipei|TZ Dodoma, Dar es Salaam|UA Kyiv, Kiev|UG Kampala|US Washington, New York|UZ Tashkent,
Samarkand|VE Caracas|VN Hanoi, Ho Chi Minh City|ZA Pretoria, Johannesburg, Cape Town|ZM Lusaka|
ZW Harare
"""
CITIES: dict[str, str] = {
    city.strip(): row.split(" ", 1)[0]
    for row in (r.strip() for r in " ".join(_CITIES.split("\n")).split("|"))
    for city in row.split(" ", 1)[1].split(",")
}
