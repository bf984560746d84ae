"""Affiliations (issue 9): person -> organization or country, with the role text."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS

from entgraph.extract.affiliations import (
    AffiliationCue,
    extract_affiliations,
    find_affiliation_cues,
)
from entgraph.extract.sentences import SentenceIndex
from entgraph.records import Mention, Sentence


def affiliation_edges(graph):
    """(person label, organization label, role) of every affiliation edge."""
    return {
        (graph.nodes[u]["label"], graph.nodes[v]["label"], data.get("role", ""))
        for u, v, key, data in graph.edges(keys=True, data=True)
        if key == "affiliation"
    }


def gold_name(graph, node, gold):
    """The gold entity a node stands for, by its label or one of its aliases."""
    forms = {graph.nodes[node]["label"].casefold()}
    forms |= {a.casefold() for a in json.loads(graph.nodes[node]["aliases"])}
    for entity in gold["entities"]:
        if forms & {a.casefold() for a in entity["aliases"]}:
            return entity["name"]
    return None


# --- the seed article -------------------------------------------------------------


def test_seed_gives_the_gold_affiliations_with_roles_and_nothing_else(seed_result, gold):
    graph = seed_result.graph
    found = {
        (gold_name(graph, u, gold), gold_name(graph, v, gold), data.get("role"))
        for u, v, key, data in graph.edges(keys=True, data=True)
        if key == "affiliation"
    }
    expected = {(a["person"], a["organization"], a["role"]) for a in gold["affiliations"]}
    assert found == expected


def test_seed_affiliation_edges_carry_evidence_weight_and_person_roles(seed_result):
    graph = seed_result.graph
    edges = [
        (u, v, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if key == "affiliation"
    ]
    assert edges
    for u, v, data in edges:
        assert data["relation"] == "affiliation"
        assert data["weight"] == 1
        [sentence] = json.loads(data["evidence"])
        assert graph.nodes[u]["label"].split()[-1] in sentence
        assert data["role"] in json.loads(graph.nodes[u]["roles"])
        assert graph.nodes[u]["type"] == "PERSON"
        assert graph.nodes[v]["type"] in ("ORG", "COUNTRY")


def test_seed_cues_put_people_on_the_person_side_only(nlp, gold):
    """The mention typer votes PERSON for every person side: it must be a person."""
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    cues = find_affiliation_cues(nlp(text))
    people = {a["person"] for a in gold["affiliations"]}
    orgs = {a["organization"] for a in gold["affiliations"]}
    assert {text[c.person_start : c.person_end] for c in cues} == people
    assert {text[c.org_start : c.org_end] for c in cues} == orgs


# --- one sentence per pattern ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # appositive with a preposition
        (
            "Jane Doe, a senior fellow at the Brookings Institution, said the plan would fail.",
            ("Jane Doe", "Brookings Institution", "senior fellow"),
        ),
        (
            "Ann Lee, a spokeswoman for the Sierra Club, objected to the plan.",
            ("Ann Lee", "Sierra Club", "spokeswoman"),
        ),
        (
            "Tom Brown, the chief executive of Initech, said profits rose.",
            ("Tom Brown", "Initech", "chief executive"),
        ),
        (
            "Jane Doe, a professor of law at Yale University, said the ruling was sound.",
            ("Jane Doe", "Yale University", "professor of law"),
        ),
        # appositive with a possessive or a name modifier: "X, Y's spokesman"
        (
            "Mary Jones, the Sierra Club's spokeswoman, said the deal was off.",
            ("Mary Jones", "Sierra Club", "spokeswoman"),
        ),
        (
            "Jane Doe, a former CIA officer, said the report was wrong.",
            ("Jane Doe", "CIA", "former officer"),
        ),
        # the role before the name, set off by commas
        (
            "The Sierra Club's spokesman, John Smith, said the plan was dead.",
            ("John Smith", "Sierra Club", "spokesman"),
        ),
        # pre-modifying titles: "Y spokesman X", "Y's aide X", demonym or code -> country
        (
            "Acme spokesman John Smith declined to comment.",
            ("John Smith", "Acme", "spokesman"),
        ),
        (
            "Greenpeace's chief scientist John Smith said the data were clear.",
            ("John Smith", "Greenpeace", "chief scientist"),
        ),
        (
            "Senate Majority Leader Mitch McConnell blocked the bill.",
            ("Mitch McConnell", "Senate", "majority leader"),
        ),
        (
            "French President Emmanuel Macron met reporters on Monday.",
            ("Emmanuel Macron", "France", "president"),
        ),
        (
            "U.S. Ambassador John Emerson arrived in Berlin.",
            ("John Emerson", "United States", "ambassador"),
        ),
        (
            "U.S. Secretary of State John Kerry arrived in Geneva.",
            ("John Kerry", "United States", "secretary of state"),
        ),
        # "X of Y", with the title before the name as the role
        (
            "Jane Doe of the Heritage Foundation said the bill was flawed.",
            ("Jane Doe", "Heritage Foundation", ""),
        ),
        (
            "Prime Minister Theresa May of Britain met reporters.",
            ("Theresa May", "United Kingdom", "prime minister"),
        ),
        # relative clauses: "X, who heads Y", "X, who is Y's spokeswoman"
        (
            "John Smith, who heads the Federal Reserve, spoke on Monday.",
            ("John Smith", "Federal Reserve", "head"),
        ),
        (
            "Jane Doe, who is the spokeswoman for Acme Corp., said nothing.",
            ("Jane Doe", "Acme Corp.", "spokeswoman"),
        ),
    ],
)
def test_affiliation_patterns(build, sentence, expected):
    assert affiliation_edges(build(sentence).graph) == {expected}


@pytest.mark.parametrize(
    "sentence",
    [
        "The analysts wrote a report at the Pentagon.",
        "The minister held talks with Russia.",
        "Ann Lee met John Smith at Acme Corp. on Monday.",
        # a demonym with an occupation is a nationality, not an office
        "Jane Doe, a French lawyer, said the ruling was wrong.",
        # a person's campaign, adviser or spokeswoman is not an organization's
        "Trump campaign manager Kellyanne Conway said it was fine.",
        "Obama adviser David Axelrod disagreed.",
        "Donald Trump spoke. Trump spokeswoman Hope Hicks declined to comment.",
        # a US state is not a country, even when named like one
        "Senator Jane Doe of Texas spoke on Monday.",
        "Georgia Rep. John Lewis spoke on Monday.",
        # a correspondent's beat is not the employer
        "White House correspondent Julie Pace asked a question.",
        # the appositive belongs to the nearest name only
        "In a message to Clinton, Tanden, head of the Center for American Progress, "
        "recounted a dinner.",
        # not a named organization
        "Jane Doe, a former leader of the white supremacist group, spoke.",
    ],
)
def test_sentences_without_affiliation(build, sentence):
    assert affiliation_edges(build(sentence).graph) == set()


def test_an_affiliation_counts_its_sentences(build):
    text = (
        "Jane Doe, a senior fellow at the Acme Institute, spoke first.\n\n"
        "Later, Acme Institute fellow Jane Doe spoke again."
    )
    graph = build(text).graph
    [data] = [d for _, _, k, d in graph.edges(keys=True, data=True) if k == "affiliation"]
    assert data["weight"] == 2
    assert len(json.loads(data["evidence"])) == 2


# --- mapping cues onto mentions, without spaCy ------------------------------------


def mention(start, text, type_, key):
    return Mention(start, start + len(text), text, 0, 0, type_, type_, key, text)


INDEX = SentenceIndex((Sentence(0, 60, 0),))


@pytest.mark.parametrize(
    ("person", "org", "kept"),
    [
        (("Jane Doe", "PERSON", "person:jane doe"), ("Acme", "ORG", "org:acme"), True),
        (("Jane Doe", "PERSON", "person:jane doe"), ("Freedonian", "COUNTRY", "country:frd"), True),
        # the model still calls some people ORG; the name's shape decides
        (("Jane Doe", "ORG", "org:jane doe"), ("Acme", "ORG", "org:acme"), True),
        (("Acme Council", "ORG", "org:acme council"), ("Acme", "ORG", "org:acme"), False),
        # a person is not an organization, and nothing is its own employer
        (("Jane Doe", "PERSON", "person:jane doe"), ("Roe", "PERSON", "person:roe"), False),
        (("Jane Doe", "PERSON", "person:jane doe"), ("Doe", "PERSON", "person:jane doe"), False),
    ],
)
def test_extract_affiliations_checks_both_sides(person, org, kept):
    p = mention(0, *person)
    o = mention(30, *org)
    cue = AffiliationCue(p.start, p.end, o.start, o.end, "spokesman")
    found = extract_affiliations(INDEX, (p, o), (cue,))
    assert bool(found) is kept
    if kept:
        assert found[0].person_key == p.key and found[0].org_key == o.key


def test_extract_affiliations_needs_mentions_under_both_sides():
    p = mention(0, "Jane Doe", "PERSON", "person:jane doe")
    cue = AffiliationCue(0, 8, 30, 34, "spokesman")
    assert extract_affiliations(INDEX, (p,), (cue,)) == ()
