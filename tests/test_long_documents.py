"""Long documents cost in proportion to their length, at every stage.

Speed is measured by ``benchmarks/long_documents.py``; here the *work* is counted
(Python-level function calls, which cProfile counts exactly), so the tests are
deterministic: extracting a text eight times as long must take at most about eight times
as many calls, on ordinary news and on text made almost entirely of reported speech.
"""

from __future__ import annotations

import cProfile
import pstats

import pytest

from entgraph.extract import extract_document
from entgraph.records import Document

NEWS = (
    "Jane Doe met John Roe of Acme Corp in Paris on Monday.\n\n"
    "The talks, which lasted three hours, covered trade and energy. "
    'Ann Lee said the mood was good. "We are very close to a deal," she said.\n\n'
)
SPEECH = (
    "Jane Doe said that the plan would cost more than expected. "
    "John Roe told reporters that Acme Corp would not pay for it. "
    '"We have been clear from the start," Ann Lee said. '
    "According to Bob Stone, the talks will go on next week.\n\n"
    '"This is a paragraph quoted in full, as reports often do," said Mary Major.\n\n'
)


def _calls(nlp, text: str) -> int:
    doc = nlp(text)
    profile = cProfile.Profile()
    profile.enable()
    extract_document(doc, Document(id="d", text=text))
    profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("unit", [NEWS, SPEECH], ids=["news", "reported-speech"])
def test_extraction_work_grows_linearly_with_document_length(nlp, unit):
    _calls(nlp, unit)  # one-time set-up (lookup tables) is not per-character work
    short, long = _calls(nlp, unit * 10), _calls(nlp, unit * 80)
    # Linear work gives 8x; the square of the length would give 64x.
    assert long / short < 8 * 1.5


GIVEN = ["Jane", "John", "Ann", "Bob", "Mary", "Tom", "Lisa", "Paul"]
GIVEN += ["Sara", "Mark", "Emma", "Carl", "Nina", "Hugo", "Rosa", "Ivan"]
SURNAMES = ["Doe", "Roe", "Lee", "Stone", "Major", "Green", "Park", "Hunt", "Wells", "Fox"]
SURNAMES += ["Cole", "Reed", "Hart", "Lane", "Moss", "Price", "Webb", "Ward", "Shaw", "Dunn"]


def _many_names(n: int) -> str:
    """A text naming ``n`` different people (a long document names ever more)."""
    names = [f"{GIVEN[i % 16]} {SURNAMES[(i // 16) % 20]}" for i in range(n)]
    return " ".join(
        f"{a} met {b} in Paris. {a.split()[1]} said it went well."
        for a, b in zip(names[0::2], names[1::2], strict=True)
    )


def test_extraction_work_grows_linearly_with_the_number_of_names(nlp):
    _calls(nlp, _many_names(4))
    short, long = _calls(nlp, _many_names(40)), _calls(nlp, _many_names(320))
    assert long / short < 8 * 1.5


def _reported_speech(n: int) -> str:
    """``n`` quotes of eight women, each followed by speakers found by the rare paths:
    a role nobody was introduced with ("the minister") and a pronoun that fits none of
    the speakers before ("he"). The same eight names, so only the quotes grow."""
    women = [f"{GIVEN[2 * (i % 8)]} {SURNAMES[i % 8]}" for i in range(n)]
    return "".join(
        f"{name} said that the plan would cost more than expected. "
        "The minister said that the talks had failed. "
        "Later he said that nobody would pay for it." + ("\n\n" if i % 3 == 2 else " ")
        for i, name in enumerate(women)
    )


def test_speakers_found_by_role_or_pronoun_cost_linear_work(nlp):
    # Each role or pronoun speaker looks at the people near it, not at every person or
    # every earlier speaker of the document.
    _calls(nlp, _reported_speech(4))
    short, long = _calls(nlp, _reported_speech(20)), _calls(nlp, _reported_speech(320))
    # Linear work gives 16x; when each of them looked at every earlier person and speaker,
    # 18.7x.
    assert long / short < 16 * 1.1
