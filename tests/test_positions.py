"""Token positions read from spaCy's arrays are those a loop over the tokens finds."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LOWER, ORTH
from spacy.tokens import Doc

from entgraph.extract.positions import sentence_start_positions, word_positions

NLP = spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He said she left. HE did, and so did he.", {"he", "she"}),
        ("Jane Doe of Acme, of all people.", {"of"}),
        ("No match here.", {"zzz"}),
        ("", {"he"}),
        ("Said, says, saying and said.", {"said", "says"}),
    ],
)
def test_word_positions_find_what_a_token_loop_finds(text, words):
    doc = NLP(text)
    expected = [t.i for t in doc if t.lower_ in words]
    assert word_positions(doc, LOWER, frozenset(words)) == expected
    assert word_positions(doc, ORTH, frozenset(words)) == [t.i for t in doc if t.text in words]


def test_positions_by_dependency_label_and_sentence_start():
    words = ["Ann", "Lee", "left", ".", "Bob", "stayed"]
    doc = Doc(NLP.vocab, words=words, heads=[1, 2, 2, 2, 5, 5],
              deps=["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT"],
              sent_starts=[True, False, False, False, True, False])  # fmt: skip
    assert word_positions(doc, DEP, frozenset({"nsubj"})) == [1, 4]
    assert sentence_start_positions(doc) == [t.i for t in doc if t.is_sent_start] == [0, 4]
