"""Quotes, speakers and quotation edges: one literal sentence per row, and the seed gold."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from test_seed import node_by_alias

from entgraph.extract.quote_marks import find_quote_spans
from entgraph.extract.sentences import paragraph_starts

SEED_ID = "000_64eb7f0f1c374fea.txt"


def quotes_of(build, text):
    """(quote text, kind, speaker as written, speaker label) for every quote of ``text``."""
    result = build(text)
    labels = {n: d["label"] for n, d in result.graph.nodes(data=True)}
    out = []
    for q in result.records[0].quotes:
        node = result.node_of.get(q.speaker_key) if q.speaker_key else None
        out.append((q.text, q.kind, q.speaker_text, labels.get(node) if node else None))
    return out


def find(quotes, text):
    hits = [q for q in quotes if q[0] == text]
    assert hits, f"no quote {text!r} in {quotes}"
    return hits[0]


# -- quote marks on plain text --------------------------------------------------------

MARK_CASES = [
    ('He said "yes." Then "no".', ["yes.", "no"]),
    ("He said “yes.” Then “no”.", ["yes.", "no"]),
    ("A stray ” closing mark, then “a real one.”", ["a real one."]),
    ("An “unclosed quote runs to the end.", []),
    ("Two “openings “and one close.”", ["and one close."]),
    ('Straight "primarily" in a sentence.', ["primarily"]),
    ("“First paragraph,\n\n“second paragraph.”", ["First paragraph,\n\n“second paragraph."]),
    ("“Left open.\n\nNo continuation here, “but a quote.”", ["but a quote."]),
    ("It’s a 5’ wall, isn’t it?", []),
]


@pytest.mark.parametrize(("text", "expected"), MARK_CASES)
def test_quote_marks_balance_and_never_abort(text, expected):
    spans = find_quote_spans(text, paragraph_starts(text))
    assert [text[s.start : s.end] for s in spans] == expected


# -- layouts and speaker forms ---------------------------------------------------------

LAYOUTS = [
    # (sentence, quote text, kind, speaker as written, speaker label)
    (
        "“We will not raise taxes,” Maria Sanchez said.",
        "We will not raise taxes,",
        "direct",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "“We will not raise taxes,” said Maria Sanchez.",
        "We will not raise taxes,",
        "direct",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        'Maria Sanchez said: "We will not raise taxes."',
        "We will not raise taxes.",
        "direct",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "Maria Sanchez, a senior fellow at the Bellmont Institute, said that “the plan is dead.”",
        "the plan is dead.",
        "partial",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "''We will not raise taxes,'' Maria Sanchez said.",
        "We will not raise taxes,",
        "direct",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "Maria Sanchez said the plan depends “primarily” on the budget.",
        "the plan depends “primarily” on the budget",
        "reported",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "Maria Sanchez called the budget “a disgrace to the country” on Monday.",
        "a disgrace to the country",
        "partial",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "“The plan is dead. We will vote against it,” Maria Sanchez told reporters.",
        "The plan is dead. We will vote against it,",
        "direct",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "Maria Sanchez said the budget would pass next week.",
        "the budget would pass next week",
        "reported",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "Maria Sanchez told reporters that the budget would pass next week.",
        "that the budget would pass next week",
        "reported",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "Maria Sanchez stressed that the budget would pass next week.",
        "that the budget would pass next week",
        "reported",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "According to Maria Sanchez, the budget will pass next week.",
        "the budget will pass next week",
        "reported",
        "Maria Sanchez",
        "Maria Sanchez",
    ),
    (
        "The Treasury Department said the budget would pass next week.",
        "the budget would pass next week",
        "reported",
        "The Treasury Department",
        "Treasury Department",
    ),
]


@pytest.mark.parametrize(("text", "quote", "kind", "speaker", "label"), LAYOUTS)
def test_quote_layouts_and_speakers(build, text, quote, kind, speaker, label):
    got = find(quotes_of(build, text), quote)
    assert got[1:] == (kind, speaker, label)


PRONOUNS_AND_CONTINUATIONS = [
    # (text, quote text, speaker as written, speaker label)
    (
        "Maria Sanchez spoke at the town hall. “We will win,” she said.",
        "We will win,",
        "she",
        "Maria Sanchez",
    ),
    (
        "Mr. Tom Baker met Mrs. Ann Olsen. “The deal is done,” she said.",
        "The deal is done,",
        "she",
        "Ann Olsen",
    ),
    (
        "Tom Baker took offense when Ann Olsen called. He said the deal was off the table.",
        "the deal was off the table",
        "He",
        "Tom Baker",
    ),
    (
        "The Treasury Department released its figures. It said the budget would pass soon.",
        "the budget would pass soon",
        "It",
        "Treasury Department",
    ),
    (
        "Ann Olsen answered first. “You know, it happens,” Tom Baker went on.",
        "You know, it happens,",
        "Tom Baker",
        "Tom Baker",
    ),
    (
        "LIMA — Former minister Tom Baker said the deal was off the table.",
        "the deal was off the table",
        "Former minister Tom Baker",
        "Tom Baker",
    ),
    (
        "“The deal is done,” Tom Baker said. “We signed it today.”",
        "We signed it today.",
        "Tom Baker",
        "Tom Baker",
    ),
    (
        "“The deal is done,” Tom Baker said.\n\n“We signed it today.”",
        "We signed it today.",
        "Tom Baker",
        "Tom Baker",
    ),
    (
        "“The deal is done,\n\n“and we signed it today,” Tom Baker said.",
        "The deal is done, and we signed it today,",
        "Tom Baker",
        "Tom Baker",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker", "label"), PRONOUNS_AND_CONTINUATIONS)
def test_pronoun_and_continuation_speakers(build, text, quote, speaker, label):
    got = find(quotes_of(build, text), quote)
    assert got[2:] == (speaker, label)


def test_multi_paragraph_quote_text_has_no_continuation_mark(build):
    text = "“The deal is done,\n\n“and we signed it today,” Tom Baker said."
    (quote,) = [q for q in build(text).records[0].quotes if q.kind != "reported"]
    assert quote.text == "The deal is done, and we signed it today,"


ROLES = [
    # A role description resolves when the document introduces someone with it.
    (
        "Peruvian President Ana Quispe met farmers on Monday. "
        "The Peruvian president said the harvest was the best in years.",
        "The Peruvian president",
        "Ana Quispe",
    ),
    (
        "Ministry spokesman Tom Baker spoke first. "
        "The ministry's spokesman said the harvest was the best in years.",
        "The ministry's spokesman",
        "Tom Baker",
    ),
    # Nobody in the document holds the role: the speaker stays unresolved, text kept.
    (
        "The harvest was late. A ministry spokesman said the harvest was the best in years.",
        "A ministry spokesman",
        None,
    ),
]


@pytest.mark.parametrize(("text", "speaker", "label"), ROLES)
def test_role_descriptions_resolve_only_when_the_document_supports_it(build, text, speaker, label):
    got = find(quotes_of(build, text), "the harvest was the best in years")
    assert got[2:] == (speaker, label)


BROKEN = [
    # Stray or unbalanced marks: the document still gives its other quotes.
    "A stray ” mark. “The harvest was good,” Tom Baker said.",
    "An unclosed “mark here.\n\nAt noon “The harvest was good,” Tom Baker said.",
    'Odd "marks" everywhere" and "more. “The harvest was good,” Tom Baker said.',
    "“The harvest was good,” Tom Baker said. “Never closed",
]


@pytest.mark.parametrize("text", BROKEN)
def test_broken_marks_drop_only_their_own_quote(build, text):
    got = find(quotes_of(build, text), "The harvest was good,")
    assert got[3] == "Tom Baker"


def test_scare_quotes_and_titles_without_a_speaker_are_not_quotes(build):
    quotes = quotes_of(build, "The film “Night Train” opened on a rainy Friday.")
    assert quotes == []


def test_quotes_table_lines_up_with_the_text(build):
    text = "“We will win,” Maria Sanchez said. She said the vote would be close."
    result = build(text)
    rows = result.quote_rows()
    assert rows
    for row in rows:
        assert text[row["start"] : row["end"]].replace("\n", " ") == row["text"]
        assert row["kind"] in ("direct", "partial", "reported", "belief")


# -- the seed article against its gold -----------------------------------------------


def _aliases(G, node):
    data = G.nodes[node]
    return {data["label"].casefold(), *(a.casefold() for a in json.loads(data["aliases"]))}


def _gold_speaker_matches(G, node, gold, name):
    entity = next(e for e in gold["entities"] if e["name"] == name)
    return node is not None and bool(_aliases(G, node) & {a.casefold() for a in entity["aliases"]})


def _gold_node(G, gold, name):
    """The node of gold entity ``name``: the one carrying any of its gold aliases."""
    entity = next(e for e in gold["entities"] if e["name"] == name)
    for alias in entity["aliases"]:
        node, _ = node_by_alias(G, alias)
        if node is not None:
            return node
    return None


def test_seed_gold_quotes_are_found_with_their_speakers(seed_result, gold):
    G = seed_result.graph
    rec = next(r for r in seed_result.records if r.document_id == SEED_ID)
    text = (SEEDS / SEED_ID).read_text(encoding="utf-8")
    for item in gold["quotes"]:
        wanted = item["text"].replace("'", "’")
        # A quote in marks is a record of its own, or a fragment of a reported quote.
        hits = [q for q in rec.quotes if q.text.replace("'", "’") == wanted]
        hits += [
            q
            for q in rec.quotes
            for s, e in q.fragments
            if text[s:e].replace("'", "’") == wanted and q.start <= s and e <= q.end
        ]
        assert hits, f"gold quote not found: {item['text']!r}"
        q = hits[0]
        assert text[q.start : q.end] == q.text
        node = seed_result.node_of.get(q.speaker_key) if q.speaker_key else None
        assert _gold_speaker_matches(G, node, gold, item["speaker"]), (item, q.speaker_text)


def test_seed_gold_quotation_edges_are_present_and_quotes_in_marks_are_right(seed_result, gold):
    G = seed_result.graph
    rec = next(r for r in seed_result.records if r.document_id == SEED_ID)
    node_of = seed_result.node_of

    gold_edges = {
        (_gold_node(G, gold, e["speaker"]), _gold_node(G, gold, e["mentioned"]))
        for e in gold["quotation_edges"]
    }
    quotation = {(u, v) for u, v, k in G.edges(keys=True) if k == "quotation"}
    assert gold_edges <= quotation
    # The gold annotates quotes in marks: every edge they give must be a gold edge.
    marked = set()
    for q in rec.quotes:
        if q.kind != "reported" and q.speaker_key:
            speaker = node_of[q.speaker_key]
            marked |= {(speaker, node_of[k]) for k in q.mention_keys if node_of[k] != speaker}
    assert len(marked & gold_edges) >= 0.9 * len(marked)
    for u, _ in gold_edges:
        assert G.nodes[u]["quotes"] >= 1


def test_seed_quotation_edges_are_at_least_90_percent_correct(seed_result, gold):
    """All quotation edges, from quotes in marks and from reported speech, against the
    gold's quotation and reported-speech edges."""
    G = seed_result.graph
    correct = {
        (_gold_node(G, gold, e["speaker"]), _gold_node(G, gold, e["mentioned"]))
        for e in [*gold["quotation_edges"], *gold["reported_speech_edges"]]
    }
    quotation = {(u, v) for u, v, k in G.edges(keys=True) if k == "quotation"}
    assert len(quotation & correct) >= 0.9 * len(quotation), sorted(quotation - correct)
