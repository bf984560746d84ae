"""Name keys and name structure: when two surface forms are one name.

A *name key* is what two spellings of one name have in common: Unicode compatibility
forms, case, zero-width characters, hyphens and initials' dots are ignored, so
"Smith-Doe", "Smith Doe" and "SMITH\u200bDOE" share a key, while the text keeps what
was written. People's names are parsed by ``nameparser``, which knows particles and
suffixes ("von der Leyen", "King Jr.").

>>> name_key("Jane Smith-Doe")
'jane smith doe'
>>> name_key("U.N.")
'un'
>>> surname_key("Ursula von der Leyen")
'von der leyen'
>>> initials(("european", "union"))
'eu'
>>> is_abbreviation(("man", "utd"), ("manchester", "united"))
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from ..datacache import load_or_build, package_versions

__all__ = [
    "FUNCTION_WORDS",
    "ORG_HEADS",
    "abbreviates",
    "given_name_gender",
    "initials",
    "is_abbreviation",
    "is_name_form",
    "name_key",
    "singular_key",
    "surname_key",
]

# Zero-width characters, soft hyphens and bidi marks are invisible, so never part of a
# name; control characters separate words.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROLS = re.compile("[\u0000-\u001f\u007f-\u009f\u2028\u2029]")
_DASHES = re.compile("[-\u2010-\u2015\u2212]")
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc`]")
_SPACES = re.compile(r"\s+")
_DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")

#: Head nouns that end organization names ("... Council", "... University"): a closed
#: class of English nouns, so a list is the data.
ORG_HEADS = frozenset(
    """
    academy administration agency alliance association authority bank board bureau
    caucus center centre church club
    coalition college commission committee company conference congress corporation
    corp council court department foundation front fund group guard house inc
    institute institution league ltd llc ministry movement network office organization
    organisation parliament party plc police school senate service society tribunal
    union university
    airlines airways brothers bros holdings industries laboratories motors news
    pictures records studios systems technologies telecom wireless
    """.split()
)

#: Function words skipped by initials ("Bank of Acmeland" -> "BA"); a closed class
#: of English, so a list is the data.
FUNCTION_WORDS = frozenset("of the and for de la du des der den von van y et & on in at to".split())


@lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    """The comparison key of a name: NFKC, no invisible characters, casefolded.

    Hyphens and dashes become spaces and the dots of initials go ("U.S." -> "us").
    """
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROLS.sub(" ", _INVISIBLE.sub("", text))
    text = _APOSTROPHES.sub("'", text)
    text = _DASHES.sub(" ", text)
    words = []
    for word in _SPACES.split(text.strip()):
        if _DOTTED_INITIALS.match(word):
            word = word.replace(".", "")
        words.append(word)
    return " ".join(w for w in words if w).casefold()


def singular_key(key: str) -> str:
    """``key`` with a plain plural ending of its last word removed ("lib dems" -> "lib dem").

    >>> singular_key("liberal democrats")
    'liberal democrat'
    >>> singular_key("news")
    'news'
    """
    head, _, last = key.rpartition(" ")
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ews")):
        last = last[:-1]
    return f"{head} {last}" if head else last


@lru_cache(maxsize=65536)
def surname_key(text: str) -> str | None:
    """The name key of a person's surname, with particles and without suffixes.

    None when the name has no given name and surname ("Doe", "Acme Corp").

    >>> surname_key("Martin Luther King Jr.")
    'king'
    >>> surname_key("Doe") is None
    True
    """
    words = text.split()
    if len(words) == 1 and "," not in text:
        return None  # one word is never a given name and a surname
    if 1 < len(words) <= 4 and all(_plain_name_word(w) for w in words):
        # No title, particle, suffix or punctuation: what nameparser would say, without
        # its cost (about 1 ms a name, which dominated a warm rebuild's resolution).
        return name_key(words[-1])
    from nameparser import HumanName  # parses particles, titles and suffixes

    name = HumanName(text)
    if not name.first or not name.last:
        return None
    return name_key(name.last)


@cache
def _name_constants() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    words: set[str] = set()
    for group in ("titles", "suffix_acronyms", "suffix_not_acronyms", "prefixes",
                  "conjunctions", "first_name_titles"):  # fmt: skip
        words.update(str(w).lower() for w in getattr(CONSTANTS, group))
    return frozenset(words)


@lru_cache(maxsize=65536)
def is_name_form(text: str) -> bool:
    """Every word of ``text`` is capitalized or a particle of names ("de", "van"): a
    person's name, not a phrase about one.

    >>> is_name_form("Ursula von der Doe"), is_name_form("Diary of Jane Doe")
    (True, False)
    """
    from nameparser.config import CONSTANTS

    return all(w[:1].isupper() or w.lower() in CONSTANTS.prefixes for w in text.split())


def _plain_name_word(word: str) -> bool:
    """A capitalised word of letters that nameparser reads as a plain name part."""
    return (
        word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and word.lower() not in _name_constants()
    )


@cache
def _name_detector() -> Any:
    def build() -> Any:
        import gender_guesser.detector

        return gender_guesser.detector.Detector(case_sensitive=False)

    # Parsing its 40,000-name file takes 0.5 s per process; a pickle loads in 0.08 s.
    return load_or_build("given-names", package_versions(["gender-guesser"]), build)


@cache
def given_name_gender(word: str) -> str | None:
    """``"male"``/``"female"`` for a known given name, ``"unknown"`` if known but unisex.

    None when ``word`` is not a given name. Data: the gender-guesser package (about
    40,000 first names from many countries).

    >>> given_name_gender("Jane")
    'female'
    """
    if not word[:1].isupper() or not word.isalpha():
        return None
    answer = str(_name_detector().get_gender(word))
    if answer == "unknown":
        return None
    if answer in ("male", "mostly_male"):
        return "male"
    if answer in ("female", "mostly_female"):
        return "female"
    return "unknown"


def initials(tokens: tuple[str, ...]) -> str:
    """The first letters of the words of a name, function words left out."""
    return "".join(t[0] for t in tokens if t and t not in FUNCTION_WORDS and t[0].isalpha())


@lru_cache(maxsize=262144)
def abbreviates(short: str, long: str) -> bool:
    """``short`` is ``long`` or shortens it: "man" < "manchester" (a prefix), "utd" <
    "united" (its letters in order, same first letter), the two ways news shortens a
    word. Memoised: a corpus asks it of the same pairs of words over and over.

    >>> abbreviates("utd", "united"), abbreviates("u", "united")
    (True, False)
    """
    if short == long:
        return True
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0]:
        return False
    if long.startswith(short):
        return True
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


def is_abbreviation(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of ``short`` abbreviates the same word of ``long``, and one differs.

    >>> is_abbreviation(("lib", "dem"), ("liberal", "democrat"))
    True
    >>> is_abbreviation(("new", "york"), ("new", "york"))
    False
    """
    return (
        len(short) == len(long)
        and short != long
        and all(abbreviates(s, t) for s, t in zip(short, long, strict=True))
    )
