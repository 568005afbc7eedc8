"""Reference list of the communes of Khouribga province (Béni Mellal-Khénifra, Morocco).

The province has 31 communes: 6 municipalities (Khouribga, Oued Zem, Bejaad, Boujniba,
Boulanouare, Hattane) and 25 rural communes. Some official counts give 5 municipalities and
26 rural communes because Boulanouare is sometimes counted as rural.

Sources for the list of names:

* the commune/caïdat table of a provincial administration application (public SQL dump), which
  lists all 31 communes with their caïdat (Bni Khirane, Bni Bataou, Chougrane, Smaala, Lagfaf...);
* a public list of the communes of the Béni Mellal-Khénifra region (urban-planning filter form);
* the Barid Al-Maghrib postcodes of the province (25xxx), e.g. "Sebt Dechra Braksa",
  "Jemaa Oulad Aissa", "Arbaa Maadna", "Tleta Gnadiz", "Tachreft";
* INDH Khouribga's "présentation générale" page (31 communes in total).

"Tafrent" is not a commune of this province in any of these sources, so it is not listed.

Coordinates are approximate commune centres, in decimal degrees (WGS84):

* Khouribga, Oued Zem and Boujniba come from GeoNames (via the countries-states-cities
  database); Hattane, Oued Zem and Khouribga match the infoboxes on French Wikipedia.
  These are accurate to about 1 km.
* Bejaad and Boulanouare are estimated from well-known positions (Bejaad is about 30 km
  south-east of Oued Zem; Boulanouare is about 8 km west of Khouribga). These are accurate
  to about 5 km.
* Rural communes are placed from their caïdat and circle (Khouribga, Oued Zem, Bejaad) and
  their known position relative to those towns. These positions could not be checked against
  a gazetteer and may be off by 10-15 km. They are good enough for distance ranking inside the
  province, but not for mapping.

Arabic names follow common usage. The names of Oued Zem, Bejaad, El Foqra, Kasbat Troch,
Bni Smir, Bni Zrantel, Boukhrisse and Oulad Boughadi were checked in Arabic-language
administrative texts.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Literal

CommuneKind = Literal["urban", "rural"]


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune of Khouribga province.

    Attributes:
        key: Lowercase ASCII slug, unique, e.g. ``"oued_zem"``.
        name_fr: Official French (Latin-script) name.
        name_ar: Arabic name.
        kind: ``"urban"`` (municipality) or ``"rural"``.
        lat: Approximate latitude of the commune centre.
        lon: Approximate longitude of the commune centre.
    """

    key: str
    name_fr: str
    name_ar: str
    kind: CommuneKind
    lat: float
    lon: float


PROVINCE: dict[str, str | float] = {
    "key": "khouribga_province",
    "name_fr": "Province de Khouribga",
    "name_ar": "إقليم خريبكة",
    "lat": 32.9333,
    "lon": -6.6000,
}

KHOURIBGA_COMMUNES: tuple[Commune, ...] = (
    # Municipalities (GeoNames / Wikipedia, ~1 km; Bejaad and Boulanouare ~5 km).
    Commune("khouribga", "Khouribga", "خريبكة", "urban", 32.8811, -6.9063),
    Commune("oued_zem", "Oued Zem", "وادي زم", "urban", 32.8627, -6.5736),
    Commune("bejaad", "Bejaad", "أبي الجعد", "urban", 32.7667, -6.4000),
    Commune("boujniba", "Boujniba", "بوجنيبة", "urban", 32.9005, -6.7746),
    Commune("boulanouare", "Boulanouare", "بولنوار", "urban", 32.8550, -6.9900),
    Commune("hattane", "Hattane", "حطان", "urban", 32.8403, -6.8025),
    # Rural communes, grouped by caïdat (estimated centres, see module docstring).
    # Khouribga circle.
    Commune("el_foqra", "El Foqra", "الفقراء", "rural", 32.9400, -6.9500),
    Commune("mfassis", "M'Fassis", "امفاسيس", "rural", 32.9900, -6.9000),
    Commune("oulad_abdoune", "Oulad Abdoune", "أولاد عبدون", "rural", 32.8000, -6.9500),
    Commune("oulad_azzouz", "Oulad Azzouz", "أولاد عزوز", "rural", 32.8200, -7.0500),
    Commune("lagfaf", "Lagfaf", "الكفاف", "rural", 32.9500, -6.7800),
    Commune("bni_ykhlef", "Bni Ykhlef", "بني يخلف", "rural", 33.0500, -6.8500),
    Commune("bir_mezoui", "Bir Mezoui", "بئر مزوي", "rural", 32.9300, -6.6800),
    # Oued Zem circle: Bni Khirane, Smaala and Bni Smir caïdats.
    Commune("ait_ammar", "Ait Ammar", "آيت عمار", "rural", 33.1800, -6.6300),
    Commune("oulad_boughadi", "Oulad Boughadi", "أولاد بوغادي", "rural", 32.9800, -6.5000),
    Commune("oulad_ftata", "Oulad Ftata", "أولاد فتاتة", "rural", 33.0500, -6.5700),
    Commune("lagnadiz", "Lagnadiz", "الكناديز", "rural", 33.1000, -6.7000),
    Commune("bni_smir", "Bni Smir", "بني سمير", "rural", 32.9000, -6.5200),
    Commune("oulad_fennane", "Oulad Fennane", "أولاد فنان", "rural", 32.8000, -6.6500),
    Commune("maadna", "Maadna", "المعادنة", "rural", 32.7200, -6.7000),
    Commune("kasbat_troch", "Kasbat Troch", "قصبة الطرش", "rural", 32.7500, -6.6200),
    Commune("oulad_aissa", "Oulad Aissa", "أولاد عيسى", "rural", 32.7800, -6.7200),
    Commune("braksa", "Braksa", "براكسة", "rural", 32.7000, -6.7800),
    # Bejaad circle: Bni Bataou and Chougrane caïdats.
    Commune("bni_bataou", "Bni Bataou", "بني بتاو", "rural", 32.7200, -6.5500),
    Commune("bni_zrantel", "Bni Zrantel", "بني زرنتل", "rural", 32.6800, -6.4000),
    Commune("boukhrisse", "Boukhrisse", "بوخريص", "rural", 32.6300, -6.4800),
    Commune("oulad_gouaouch", "Oulad Gouaouch", "أولاد كواوش", "rural", 32.7700, -6.3000),
    Commune("chougrane", "Chougrane", "الشكران", "rural", 32.8000, -6.3000),
    Commune("rouached", "Rouached", "الرواشد", "rural", 32.7200, -6.2500),
    Commune("tachraft", "Tachraft", "تاشرافت", "rural", 32.9000, -6.2300),
    Commune("ain_kaicher", "Ain Kaicher", "عين قيشر", "rural", 32.8000, -6.1700),
)

# Alternative spellings seen in postal, administrative and everyday usage.
_ALIASES: dict[str, tuple[str, ...]] = {
    "khouribga": ("Khouribgua", "Khribga", "خريبگة"),
    "oued_zem": ("Oued-Zem", "Wad Zem", "Ouad Zem", "Oued Zam", "Oued Zem Al Wahda"),
    "bejaad": ("Boujad", "Bejaâd", "Boujaad", "Bouja'd", "Boujâad", "Abi Al Jaad", "بجعد"),
    "boujniba": ("Bou Jniba",),
    "boulanouare": ("Boulanouar", "Boulanoir", "Boulanouar Centre"),
    "hattane": ("Chaaba", "Chaâba", "الشعبة"),
    "el_foqra": ("El Fokra", "Lfokra", "Fokra", "Foqra"),
    "lagfaf": ("Gfaf", "Gueffaf", "Lgfaf"),
    "lagnadiz": ("Tleta Gnadiz", "Gnadiz", "Lagnadez"),
    "maadna": ("Maadane", "Arbaa Maadna", "Maadana"),
    "oulad_aissa": ("Jemaa Oulad Aissa",),
    "braksa": ("Sebt Dechra Braksa", "Brakssa"),
    "tachraft": ("Tachreft", "Tachrafat", "Tachrafte"),
    "boukhrisse": ("Boukhres", "Boukhraiss", "Boukhriss", "Boukhris"),
    "bni_bataou": ("Bni Bataw", "Beni Batao"),
    "bni_ykhlef": ("Beni Ikhlef", "Bni Yakhlef", "Beni Yekhlef", "Bni Ikhlef"),
    "kasbat_troch": ("Kasba Troch", "Kesbat Troch", "Troch"),
    "ain_kaicher": ("Ait Kaicher", "Ain Kaichar"),
}

# Arabic short vowels, shadda, sukun and tatweel are dropped before comparing.
_ARABIC_NOISE = {ord(c): None for c in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"}


def _normalize(text: str) -> str:
    """Fold a place name to a comparable form (no case, accents, spaces or punctuation)."""
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_ARABIC_NOISE)
    compact = "".join(ch for ch in folded if ch.isalnum())
    # "Ouled"/"Oulad" and "Beni"/"Bni" are used interchangeably in official documents.
    return compact.replace("ouled", "oulad").replace("beni", "bni")


def _build_index() -> dict[str, Commune]:
    index: dict[str, Commune] = {}
    for commune in KHOURIBGA_COMMUNES:
        spellings = (commune.key, commune.name_fr, commune.name_ar, *_ALIASES.get(commune.key, ()))
        for spelling in spellings:
            index.setdefault(_normalize(spelling), commune)
    return index


_INDEX: dict[str, Commune] = _build_index()
_BY_KEY: dict[str, Commune] = {c.key: c for c in KHOURIBGA_COMMUNES}


def find_commune(name: str) -> Commune | None:
    """Find a commune of the province by key, French name, Arabic name or known variant.

    Matching ignores case, accents, Arabic diacritics, spaces, hyphens, apostrophes and
    underscores, and treats "Ouled"/"Oulad" and "Beni"/"Bni" as equivalent.

    Args:
        name: A commune name as typed by a user or found in imported data.

    Returns:
        The matching commune, or None if the name is not a commune of the province.
    """
    if not name:
        return None
    return _INDEX.get(_normalize(name))


def commune_by_key(key: str) -> Commune:
    """Return the commune with the given key.

    Args:
        key: A commune key such as ``"oued_zem"``.

    Returns:
        The commune.

    Raises:
        KeyError: If no commune has that key.
    """
    return _BY_KEY[key]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres.

    Args:
        lat1: Latitude of the first point, in degrees.
        lon1: Longitude of the first point, in degrees.
        lat2: Latitude of the second point, in degrees.
        lon2: Longitude of the second point, in degrees.

    Returns:
        The distance in kilometres, using the mean Earth radius (6371.0088 km).
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
