"""Lists of names: an item's siblings are typing evidence (hand-built Docs, no model).

A line-up of invented people, tagged unevenly as the small model does, becomes people;
invented clubs the model calls PERSON, and countries, do not.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from entgraph.extract.mentions import extract_mentions
from entgraph.extract.sentences import SentenceIndex
from entgraph.records import Sentence

VOCAB = spacy.blank("en").vocab


def _mentions(words, ents, spaces=None):
    doc = Doc(VOCAB, words=words, spaces=spaces, ents=ents)
    doc[0].is_sent_start = True
    mentions, entities = extract_mentions(doc, SentenceIndex((Sentence(0, len(doc.text), 0),)))
    return mentions, {e.key: dict(e.evidence) for e in entities}


def test_every_name_of_a_line_up_is_a_person_whatever_the_model_said():
    # "Doe, Roe, Poe (Moe 72), J Bloggs, Kilroy." tagged PERSON, GPE, nothing, nothing,
    # PERSON on the surname only, ORG.
    words = ["Doe", ",", "Roe", ",", "Poe", "(", "Moe", "72", ")", ",", "J", "Bloggs", ","]
    words += ["Kilroy", ",", "Lee", "."]
    ents = ["B-PERSON", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O", "O", "B-PERSON"]
    ents += ["O", "B-ORG", "O", "B-PERSON", "O"]
    mentions, evidence = _mentions(words, ents)
    assert [(m.text, m.type) for m in mentions] == [
        ("Doe", "PERSON"),
        ("Roe", "PERSON"),
        ("Poe", "PERSON"),
        ("Moe", "PERSON"),
        ("J Bloggs", "PERSON"),  # the initial the model left out is part of the name
        ("Kilroy", "PERSON"),
        ("Lee", "PERSON"),
    ]
    assert evidence["name:roe"]["cue:list_person"] == 1
    assert "label:" not in evidence["name:poe"]  # no model label is made up


def test_a_list_the_model_read_as_one_name_is_its_items():
    words = ["Doe", ",", "Roe", ",", "J", "Poe", ",", "K", "Moe", ",", "L", "Kay", "."]
    ents = ["B-ORG", "I-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O"]
    ents += ["O", "B-PERSON", "O"]
    mentions, _ = _mentions(words, ents)
    assert [(m.text, m.type) for m in mentions] == [
        ("Doe", "PERSON"),
        ("Roe", "PERSON"),
        ("J Poe", "PERSON"),
        ("K Moe", "PERSON"),
        ("L Kay", "PERSON"),
    ]


def test_a_capital_a_in_a_line_up_is_an_initial():
    words = ["A", "Doe", ",", "B", "Roe", ",", "C", "Poe", "."]
    ents = ["O", "B-PERSON", "O", "O", "B-PERSON", "O", "O", "B-GPE", "O"]
    mentions, _ = _mentions(words, ents)
    assert [(m.text, m.type) for m in mentions] == [
        ("A Doe", "PERSON"),
        ("B Roe", "PERSON"),
        ("C Poe", "PERSON"),
    ]


def test_list_items_in_consecutive_list_sentences_are_one_list():
    # "J Doe, Roe, Kay. Subs: Poe, Moe." The second sentence has no person of its own.
    words = ["J", "Doe", ",", "Roe", ",", "Kay", ".", "Subs", ":", "Poe", ",", "Moe", "."]
    ents = ["O", "B-PERSON", "O", "B-PERSON", "O", "B-PERSON", "O", "O", "O", "O", "O"]
    ents += ["B-ORG", "O"]
    starts = [1, -1, -1, -1, -1, -1, -1, 1] + [-1] * 5
    doc = Doc(VOCAB, words=words, ents=ents, sent_starts=starts)
    mentions, _ = extract_mentions(doc, SentenceIndex((Sentence(0, len(doc.text), 0),)))
    people = [m.text for m in mentions if m.type == "PERSON"]
    assert people == ["J Doe", "Roe", "Kay", "Poe", "Moe"]


@pytest.mark.parametrize(
    "words, ents",
    [
        # Clubs the model calls PERSON: no item has a person's shape.
        (
            ["Acmeton", ",", "Zedville", ",", "Widgetford", "and", "Gizmoth", "."],
            ["B-PERSON", "O", "B-PERSON", "O", "O", "O", "B-ORG", "O"],
        ),
        # A club whose first word is in the given-name table is no person's shape.
        (
            ["Acmeton", ",", "Zedville", "and", "Jane", "Rovers", "."],
            ["B-PERSON", "O", "B-PERSON", "O", "B-ORG", "I-ORG", "O"],
        ),
        # "X and Y" is too short a list to tell.
        (["J", "Doe", "and", "Acmeton", "."], ["B-PERSON", "I-PERSON", "O", "B-ORG", "O"]),
        # Countries, one called PERSON by the model, after one person.
        (
            ["Jane", "Doe", ",", "France", ",", "Italy", "and", "Spain", "."],
            ["B-PERSON", "I-PERSON", "O", "B-PERSON", "O", "B-GPE", "O", "B-GPE", "O"],
        ),
    ],
)
def test_a_list_of_clubs_or_countries_gives_no_person_evidence(words, ents):
    mentions, evidence = _mentions(words, ents)
    assert not any(e.get("cue:list_person") for e in evidence.values())
    # No name the model left untagged is made up.
    tagged = {words[i] for i, e in enumerate(ents) if e != "O"}
    assert {m.text.split()[0] for m in mentions} <= tagged


def test_bracketed_countries_of_a_line_up_stay_countries():
    # "J Doe (France), K Roe (Italy), L Poe (Spain)"
    words = ["J", "Doe", "(", "France", ")", ",", "K", "Roe", "(", "Italy", ")", ","]
    words += ["L", "Poe", "(", "Spain", ")"]
    ents = ["O", "B-PERSON", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"]
    ents += ["O", "O", "O", "B-PERSON", "O"]
    mentions, _ = _mentions(words, ents)
    assert [(m.text, m.type) for m in mentions] == [
        ("J Doe", "PERSON"),
        ("France", "COUNTRY"),
        ("K Roe", "PERSON"),
        ("Italy", "COUNTRY"),
        ("L Poe", "PERSON"),
        ("Spain", "COUNTRY"),
    ]


def test_bracketed_names_without_a_number_are_not_taken_for_substitutes():
    # "Jane Doe (Acme), John Roe (Zedco), Bob Poe (Widget)": affiliations, not people.
    words = ["Jane", "Doe", "(", "Acme", ")", ",", "John", "Roe", "(", "Zedco", ")", ","]
    words += ["Bob", "Poe", "(", "Widget", ")", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "O", "B-PERSON", "I-PERSON", "O"]
    ents += ["B-ORG", "O", "O", "B-PERSON", "I-PERSON", "O", "B-ORG", "O", "O"]
    _, evidence = _mentions(words, ents)
    assert not evidence["name:acme"].get("cue:list_person")
    assert evidence["name:jane doe"]["cue:list_person"] == 1


def test_a_name_the_model_tagged_in_two_pieces_is_one_item():
    # "J Doe, K Roe, Jane Poe, L Moe": "Jane" and "Poe" tagged apart.
    words = ["J", "Doe", ",", "K", "Roe", ",", "Jane", "Poe", ",", "L", "Moe", "."]
    ents = ["O", "B-PERSON", "O", "O", "B-PERSON", "O", "B-PERSON", "B-GPE", "O", "O"]
    ents += ["B-PERSON", "O"]
    mentions, _ = _mentions(words, ents)
    assert [m.text for m in mentions] == ["J Doe", "K Roe", "Jane Poe", "L Moe"]


def test_an_organization_of_several_words_among_people_keeps_its_evidence():
    # Drivers and their cars: "J Doe, Acme Motors, K Roe, Zedco Cars, L Poe".
    words = ["J", "Doe", ",", "Acme", "Motors", ",", "K", "Roe", ",", "Zedco", "Cars", ","]
    words += ["L", "Poe", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O"]
    ents += ["B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O"]
    _, evidence = _mentions(words, ents)
    assert evidence["name:j doe"]["cue:list_person"] == 1
    assert not evidence["name:acme motors"].get("cue:list_person")
