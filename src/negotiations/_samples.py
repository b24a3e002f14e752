"""Realistic sample texts in several scripts, for the Hypothesis strategies.

Kept apart from `negotiations.strategies` so the strategies read as logic, not data.
"""

# ruff: noqa: RUF001 - letters of other scripts that look Latin are the point of these samples
from __future__ import annotations

from typing import Final

__all__ = [
    "CHANNELS",
    "IDS",
    "MEETING_TITLES",
    "OUTLETS",
    "PARTY_NAMES",
    "PERSON_NAMES",
    "QUOTES",
    "RECORD_TITLES",
    "ROLES",
    "TIME_ZONES",
    "URL_HOSTS",
    "VENUES",
]

#: Ids as people write them: short slugs, dated ids, namespaced ids.
IDS: Final = (
    "ua",
    "ru",
    "tr",
    "us",
    "umerov",
    "fidan",
    "istanbul-2025-05-15",
    "meeting.2",
    "exchange:1000-for-1000",
    "stmt/umerov/1",
    "Q212",
    "round_3",
)

PARTY_NAMES: Final = (
    "Ukraine",
    "Україна",
    "Российская Федерация",
    "Türkiye",
    "Türkiye Cumhuriyeti",
    "United States",
    "المملكة العربية السعودية",
    "دولة قطر",
    "中华人民共和国",
    "日本国",
    "대한민국",
    "Ελληνική Δημοκρατία",
    "European Union",
    "United Nations",
    "International Committee of the Red Cross",
    "Organization for Security and Co-operation in Europe",
    "Confédération suisse",
    "ישראל",
)

PERSON_NAMES: Final = (
    "Olena Kovalenko",
    "Олена Коваленко",
    "Дмитрий Соколов",
    "Ayşe Yılmaz",
    "İsmail Çelik",
    "محمد العتيبي",
    "فاطمة الزهراء",
    "王伟",
    "李娜",
    "佐藤 花子",
    "김민준",
    "Nguyễn Văn An",
    "Γιώργος Παπαδόπουλος",
    "მარიამ ბერიძე",
    "José Álvarez",
    "Zoë Müller-Lüdenscheidt",
    "שרה כהן",
)

ROLES: Final = (
    "Minister of Defense",
    "Міністр оборони України",
    "Министр иностранных дел",
    "Dışişleri Bakanı",
    "وزير الخارجية",
    "外交部长",
    "Head of the Presidential Office",
    "Special Envoy",
    "Deputy Foreign Minister",
    "Interpreter",
)

MEETING_TITLES: Final = (
    "Direct talks in Istanbul",
    "Трёхсторонняя встреча",
    "İstanbul'da üçlü görüşme",
    "محادثات غير مباشرة",
    "伊斯坦布尔会谈",
    "Second round of talks",
    "Переговори на рівні лідерів",
)

RECORD_TITLES: Final = (
    "Istanbul talks, May 2025",
    "Переговоры в Стамбуле",
    "İstanbul müzakereleri",
    "مفاوضات الدوحة",
    "日内瓦会谈",
)

QUOTES: Final = (
    "We are ready for a ceasefire.",
    "Мы готовы к прекращению огня.",
    "Ми готові до припинення вогню.",
    "Ateşkese hazırız.",
    "نحن مستعدون لوقف إطلاق النار",
    "我们准备停火。",
    "1000 for 1000: that is our proposal.",
    "«Обмін тисяча на тисячу» узгоджено.",
    "The delegation was sent at a lower level.",
)

CHANNELS: Final = (
    "to journalists",
    "national telethon",
    "журналистам",
    "basın toplantısında",
    "في مؤتمر صحفي",
    "在记者会上",
    "on Telegram",
)

OUTLETS: Final = (
    "Ukrinform",
    "Укрінформ",
    "TASS",
    "ТАСС",
    "Anadolu Ajansı",
    "Al Jazeera",
    "الجزيرة",
    "新华社",
    "Reuters",
    "NHK",
)

URL_HOSTS: Final = (
    "www.ukrinform.net",
    "tass.ru",
    "www.aa.com.tr",
    "www.aljazeera.net",
    "www.xinhuanet.com",
    "www3.nhk.or.jp",
    "example.org",
)

#: IANA zones with awkward rules: half-hour and 45-minute offsets, DST changes at
#: midnight, negative DST, a 30-minute DST shift, the date line.
TIME_ZONES: Final = (
    "Europe/Istanbul",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Europe/Minsk",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Dublin",
    "Asia/Riyadh",
    "Asia/Qatar",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Beirut",
    "America/New_York",
    "America/St_Johns",
    "America/Havana",
    "America/Santiago",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "UTC",
)

#: (name, city, ISO country code, IANA zone) of plausible venues.
VENUES: Final = (
    ("Dolmabahçe Palace", "Istanbul", "TR", "Europe/Istanbul"),
    ("Çırağan Sarayı", "İstanbul", "TR", "Europe/Istanbul"),
    ("Palais des Nations", "Genève", "CH", "Europe/Zurich"),
    ("Дворец Независимости", "Минск", "BY", "Europe/Minsk"),
    ("قصر الدرعية", "الرياض", "SA", "Asia/Riyadh"),
    ("钓鱼台国宾馆", "北京", "CN", "Asia/Shanghai"),
    ("Sheraton Grand Doha", "الدوحة", "QA", "Asia/Qatar"),
    ("Hofburg", "Wien", "AT", "Europe/Vienna"),
    ("롯데호텔", "서울", "KR", "Asia/Seoul"),
)
