"""People's names the model tagged wrong or not at all, on hand-built Docs (no model).

Titles that stand only before a name, nationalities and teams glued to a name, and
names no person has (a number in it, a term defined in brackets, a conjunction).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from entgraph.extract.mentions import extract_mentions
from entgraph.extract.sentences import SentenceIndex
from entgraph.records import Sentence

VOCAB = spacy.blank("en").vocab


def _mentions(words, ents):
    doc = Doc(VOCAB, words=words, ents=ents)
    doc[0].is_sent_start = True
    mentions, entities = extract_mentions(doc, SentenceIndex((Sentence(0, len(doc.text), 0),)))
    return mentions, {e.key: dict(e.evidence) for e in entities}


def test_a_name_after_a_peerage_or_honorific_is_a_person_the_model_missed():
    words = ["He", "met", "Baroness", "Kilroy", "and", "Lord", "Roe", "Poe", "today", "."]
    mentions, _ = _mentions(words, ["O"] * len(words))
    assert [(m.text, m.type) for m in mentions] == [("Kilroy", "PERSON"), ("Roe Poe", "PERSON")]


@pytest.mark.parametrize(
    "words",
    [
        ["He", "met", "the", "Lord", "Mayor", "today", "."],  # an office, not a name
        ["He", "met", "Lord", "and", "Lady", "of", "the", "manor", "."],
    ],
)
def test_a_title_before_no_name_makes_no_person(words):
    mentions, _ = _mentions(words, ["O"] * len(words))
    assert mentions == ()


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # A nationality the model took into the name.
        (["the", "French", "Kilroy", "won"], ["O", "B-PERSON", "I-PERSON", "O"], "Kilroy"),
        # A team's name glued before a given name and a surname.
        (
            ["fellow", "Acmes", "Jane", "Kilroy", "won"],
            ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"],
            "Jane Kilroy",
        ),
        # A given name that is also a country's name stays.
        (["the", "Jordan", "Kilroy", "won"], ["O", "B-PERSON", "I-PERSON", "O"], "Jordan Kilroy"),
        # Two given names stay.
        (
            ["the", "Jane", "Mary", "Kilroy", "won"],
            ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"],
            "Jane Mary Kilroy",
        ),
    ],
)
def test_a_word_before_a_persons_name_that_is_no_name_is_dropped(words, ents, expected):
    mentions, _ = _mentions(words, ents)
    assert [m.text for m in mentions] == [expected]


@pytest.mark.parametrize("label, expected", [("PERSON", "OTHER"), ("ORG", "ORG")])
def test_a_name_with_a_number_is_no_person(label, expected):
    # A band or a score the model called a person is no node; "Acme 4" the channel
    # stays an organization.
    words = ["fans", "of", "Acme", "5", "cheered", "."]
    mentions, _ = _mentions(words, ["O", "O", f"B-{label}", f"I-{label}", "O", "O"])
    assert [(m.text, m.type) for m in mentions] == [("Acme 5", expected)]


def test_an_abbreviation_of_the_words_before_it_is_a_term():
    words = ["two", "gigabytes", "per", "second", "(", "Gbps", ")", "."]
    mentions, evidence = _mentions(words, ["O"] * 5 + ["B-PERSON", "O", "O"])
    assert evidence["name:gbps"]["cue:defined_term"] == 1
    assert [m.type for m in mentions] == ["OTHER"]


def test_a_name_with_a_conjunction_has_no_given_name():
    words = ["films", "Jane", "and", "Acme", "flopped", "."]
    _, evidence = _mentions(words, ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"])
    assert "cue:given_name" not in evidence["name:jane and acme"]


@pytest.mark.parametrize(
    "words",
    [
        ["Jane", "Doe", "Foundation"],  # an organization's head
        ["Jane", "Doe", "Lecture"],  # an event's head
        ["Jane", "News"],
    ],
)
def test_a_given_name_before_a_head_noun_is_no_persons(words):
    doc = Doc(VOCAB, words=["the", *words, "said"])
    span = doc[1 : 1 + len(words)]
    from entgraph.extract.evidence import entity_evidence

    assert "cue:given_name" not in entity_evidence(doc, [(0, span, True, False)])[0]


def test_a_nationality_introduces_a_name_the_model_missed():
    # "the Acmelandish ..." is invented, so a real demonym: "French".
    words = ["the", "French", "Jane", "Kilroy", "won"]
    heads = [3, 3, 3, 4, 4]
    deps = ["det", "amod", "compound", "nsubj", "ROOT"]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, ents=["O"] * 5)
    mentions, _ = extract_mentions(doc, SentenceIndex((Sentence(0, len(doc.text), 0),)))
    assert [(m.text, m.type) for m in mentions if m.type == "PERSON"] == [("Jane Kilroy", "PERSON")]


def test_a_dj_is_a_title():
    words = ["with", "DJ", "Jane", "Kilroy", "."]
    mentions, _ = _mentions(words, ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"])
    assert [(m.text, m.type) for m in mentions] == [("Jane Kilroy", "PERSON")]
