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
