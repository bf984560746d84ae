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


# -- issue 14: what is not a quote -----------------------------------------------------

NOT_QUOTES = [
    # (text, words that must not come out as a quote of their own)
    ("The so-called “elected” council met on Friday.", "elected"),
    ("Players at the club call him “Ace” in training.", "Ace"),
    ("Fans of the “Night Train” band queued all day.", "Night Train"),
    ("She watched “Activate” on Sunday night with friends.", "Activate"),
    ("He said the “heck” was not the point.", "heck"),  # inside reported speech
    ("Jane Doe told the “Today” programme that prices would fall.", "Today"),
]


@pytest.mark.parametrize(("text", "words"), NOT_QUOTES)
def test_scare_quotes_titles_and_names_in_marks_are_not_quotes(build, text, words):
    quotes = quotes_of(build, text)
    assert words not in [q[0] for q in quotes]


NOT_SPEECH = [
    # (text, content that must not be reported as a quote)
    (
        "Asked what he would tell the voters, John Smith said he would keep fighting.",
        "what he would tell the voters",
    ),
    (
        "When asked whether the plan would pass, Ann Lee smiled.",
        "whether the plan would pass",
    ),
    (
        "According to a report filed by the ministry, the economy shrank by two percent.",
        "the economy shrank by two percent",
    ),
    (
        "According to figures released on Monday, the economy shrank by two percent.",
        "the economy shrank by two percent",
    ),
    ("Tom Baker was told that the plan had failed badly.", "that the plan had failed badly"),
    ("Tom Baker did not say what the plan would cost.", "what the plan would cost"),
]


@pytest.mark.parametrize(("text", "content"), NOT_SPEECH)
def test_questions_passives_and_documents_are_not_quotes(build, text, content):
    assert content not in [q[0] for q in quotes_of(build, text)]


def test_the_answer_to_a_question_is_the_quote(build):
    text = "Asked what he would tell the voters, John Smith said he would keep fighting."
    assert quotes_of(build, text) == [
        ("he would keep fighting", "reported", "John Smith", "John Smith")
    ]


# -- partial quotes inside reported speech are one quote ----------------------------------

FRAGMENTS = [
    # (text, the one quote's text, its fragments)
    (
        "Maria Sanchez said the plan was “dead on arrival” and would fail.",
        "the plan was “dead on arrival” and would fail",
        ["dead on arrival"],
    ),
    (
        "Tom Baker said, stressing that it “primarily” depends on the council to "
        "“change the situation for the better.”",
        "that it “primarily” depends on the council to “change the situation for the better.",
        ["primarily", "change the situation for the better."],
    ),
    (
        "Past talks have yielded as little as the “occasional outbursts” on social media, "
        "Tom Baker said in an email.",
        "Past talks have yielded as little as the “occasional outbursts” on social media",
        ["occasional outbursts"],
    ),
    (
        "Ann Lee thinks the plan is “a disaster for farmers” and will say so.",
        "the plan is “a disaster for farmers” and will say so",
        ["a disaster for farmers"],
    ),
]


@pytest.mark.parametrize(("text", "quote", "fragments"), FRAGMENTS)
def test_marked_words_inside_reported_speech_are_fragments_of_one_quote(
    build, text, quote, fragments
):
    rec = build(text).records[0]
    assert [q.text for q in rec.quotes] == [quote]
    (q,) = rec.quotes
    assert q.kind == "reported"  # words in marks were said, even after "thinks"
    assert [text[s:e] for s, e in q.fragments] == fragments
    assert all(q.start <= s < e <= q.end for s, e in q.fragments)


# -- beliefs and plans -----------------------------------------------------------------

BELIEFS = [
    ("Jane Lee believes the plan will fail next year.", "the plan will fail next year"),
    ("Jane Lee hopes to run for the Senate again.", "to run for the Senate again"),
    ("Jane Lee decided to leave the party in March.", "to leave the party in March"),
    ("Jane Lee thinks the budget is far too small.", "the budget is far too small"),
    ("Jane Lee wants to cut taxes for small firms.", "to cut taxes for small firms"),
]


@pytest.mark.parametrize(("text", "content"), BELIEFS)
def test_thought_and_intention_verbs_give_beliefs(build, text, content):
    assert find(quotes_of(build, text), content)[1] == "belief"


def test_beliefs_are_kept_out_of_quotation_edges_unless_asked(build):
    text = "Ann Olsen met Tom Baker on Monday. Ann Olsen believes Tom Baker will lose the vote."
    quotation = [k for *_, k in build(text).graph.edges(keys=True) if k == "quotation"]
    assert quotation == []
    with_beliefs = build(text, beliefs=True).graph
    assert with_beliefs.has_edge("person:ann olsen", "person:tom baker", "quotation")
    rows = build(text).quote_rows()
    assert [r["kind"] for r in rows] == ["belief"]  # still in quotes.jsonl


def test_speech_verbs_are_matched_by_lemma_without_made_up_forms():
    from entgraph.extract.lexicon import SPEECH_VERBS, cue_lemma

    for form in ("said", "told", "admitted", "quipped", "spoke", "wrote", "criticised"):
        assert form in SPEECH_VERBS
    for made_up in ("sayed", "telled", "admited", "speaked", "writed"):
        assert made_up not in SPEECH_VERBS
    assert (cue_lemma("Says"), cue_lemma("believed"), cue_lemma("tables")) == (
        "say",
        "believe",
        None,
    )


# -- speakers across sentences and paragraphs ---------------------------------------------

SPEAKERS = [
    # (text, quote text, speaker label)
    (
        # A pronoun whose person was named a paragraph or more earlier.
        "Kevin Vickers spoke to reporters on Monday. He had served for years.\n\n"
        "The ceremony was held in the capital. Officials arrived early.\n\n"
        "“It was the right thing to do,” he said.",
        "It was the right thing to do,",
        "Kevin Vickers",
    ),
    (
        # Gender from a given name skips the woman named since.
        "Kevin Vickers spoke first on Monday. Later Mary Jones arrived at the hall.\n\n"
        "“It was the right thing to do,” he said.",
        "It was the right thing to do,",
        "Kevin Vickers",
    ),
    (
        # The speaker is reported by the full name, not the surname written at the cue.
        "Kevin Vickers arrived early. Vickers said the ceremony had gone well.",
        "the ceremony had gone well",
        "Kevin Vickers",
    ),
    (
        "The Acme Workers Union called a strike on Monday. The union said the talks had failed.",
        "the talks had failed",
        "Acme Workers Union",
    ),
    (
        "Acme Corp hired new staff in June. The company said it would expand to three cities.",
        "it would expand to three cities",
        "Acme Corp",
    ),
    (
        "The Food Standards Agency tested the samples. The agency said the meat was safe to eat.",
        "the meat was safe to eat",
        "Food Standards Agency",
    ),
    (
        "The Tsawwa Hereditary Chiefs opposed the pipeline. "
        "The hereditary leaders said the land had never been ceded.",
        "the land had never been ceded",
        "Tsawwa Hereditary Chiefs",
    ),
    (
        "Acme Corp issued a statement on Monday. The statement said the plant would close soon.",
        "the plant would close soon",
        "Acme Corp",
    ),
    (
        "The Acme Workers Union met on Monday. They said the talks had failed again.",
        "the talks had failed again",
        "Acme Workers Union",
    ),
    (
        # A quote paragraph with no cue continues the previous quote's speaker.
        "“We are ready for the vote,” said Mary Jones.\n\n"
        "“We will win this fight and we will not stop. The people are with us. "
        "Nobody can take that away from them.”",
        "We will win this fight and we will not stop. The people are with us. "
        "Nobody can take that away from them.",
        "Mary Jones",
    ),
    (
        # A cue after a quote closed with a full stop belongs to the next sentence.
        "“This is terrible.” Anna Berg is also angry and says the rules are unfair. "
        "“We deserve an apology,” Maria Lopez said.",
        "We deserve an apology,",
        "Maria Lopez",
    ),
]


@pytest.mark.parametrize(("text", "quote", "label"), SPEAKERS)
def test_speakers_resolve_across_sentences_and_paragraphs(build, text, quote, label):
    assert find(quotes_of(build, text), quote)[3] == label


def test_a_quote_after_a_full_stop_does_not_take_the_next_sentence_verb(build):
    text = "“This is terrible.” Anna Berg is also angry about the rules."
    got = find(quotes_of(build, text), "This is terrible.")
    assert got[2] is None


def test_an_unresolved_named_speaker_is_not_replaced_by_an_older_one(build):
    text = (
        "Acme Corp said the deal was off. Lt Col Erwin Schnaible of the agency told the "
        "press the plan had failed. “Some parts of the country are safer,” he added."
    )
    got = find(quotes_of(build, text), "Some parts of the country are safer,")
    assert got[3] != "Acme Corp"


# -- every quote in the graph ----------------------------------------------------------


def test_a_speaker_keeps_a_quote_that_names_nobody_with_its_document(build):
    text = "“We will never give up,” Maria Sanchez said."
    result = build([("article-7", text)])
    G = result.graph
    data = G.nodes["person:maria sanchez"]
    assert data["quotes"] == 1
    assert json.loads(data["quote_evidence"]) == [
        {"text": "We will never give up,", "document": "article-7", "kind": "direct"}
    ]
    assert [k for *_, k in G.edges(keys=True) if k == "quotation"] == []


def test_quotation_edge_evidence_carries_documents_and_keeps_n_items(build):
    texts = [
        (f"doc-{i}", f"Maria Sanchez said Tom Baker had lost the vote in district {i}.")
        for i in range(6)
    ]
    G = build(texts).graph
    edge = G.edges["person:maria sanchez", "person:tom baker", "quotation"]
    assert edge["weight"] == 6
    assert len(json.loads(edge["evidence"])) == 6  # more than the old silent cap of 3
    assert json.loads(edge["evidence_documents"]) == [f"doc-{i}" for i in range(6)]
    small = build(texts, evidence=2).graph
    edge = small.edges["person:maria sanchez", "person:tom baker", "quotation"]
    assert len(json.loads(edge["evidence"])) == 2
    assert edge["weight"] == 6
    assert len(json.loads(small.nodes["person:maria sanchez"]["quote_evidence"])) == 2


def test_cli_evidence_and_beliefs_options(nlp, tmp_path, capsys):
    from entgraph import pipeline
    from entgraph.cli import main
    from entgraph.export.graphml import read_graphml
    from entgraph.nlp import default_model_name

    pipeline._PIPELINES.setdefault(default_model_name(), nlp)
    article = tmp_path / "a.txt"
    article.write_text(
        "Ann Olsen believes Tom Baker will lose. Ann Olsen said Tom Baker lost in 2019. "
        "Ann Olsen said Tom Baker lost again in 2021.",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", str(article), "-o", str(out), "-q", "--evidence", "1"]) == 0
    G = read_graphml(out / "graph.graphml")
    edge = G.edges["person:ann olsen", "person:tom baker", "quotation"]
    assert (edge["weight"], len(json.loads(edge["evidence"]))) == (2, 1)
    args = ["build", str(article), "-o", str(tmp_path / "b"), "-q", "--no-cache", "--beliefs"]
    assert main(args) == 0
    G = read_graphml(tmp_path / "b" / "graph.graphml")
    assert G.edges["person:ann olsen", "person:tom baker", "quotation"]["weight"] == 3
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(article), "-o", str(out), "--evidence", "-1"])
    assert exit_info.value.code == 2
    assert "--evidence" in capsys.readouterr().err


def test_fragments_and_kinds_survive_the_cache(build):
    from entgraph.cache import records_from_payload, records_to_payload

    rec = build("Maria Sanchez said the plan was “dead on arrival” and would fail.").records[0]
    back = records_from_payload(records_to_payload(rec), rec.document_id, rec.text)
    assert back.quotes == rec.quotes
    assert back.quotes[0].fragments


def test_evidence_zero_keeps_every_quote_of_a_speaker(build):
    texts = [(f"doc-{i}", f"“We won round {i},” Maria Sanchez said.") for i in range(12)]
    data = build(texts, evidence=0).graph.nodes["person:maria sanchez"]
    assert len(json.loads(data["quote_evidence"])) == data["quotes"] == 12
    assert len(json.loads(build(texts).graph.nodes["person:maria sanchez"]["quote_evidence"])) == 10


# -- speakers the recognizer cut or missed, descriptions, frames (issue 14, BBC) ---------

SPEAKER_RULES = [
    # (text, quote text, speaker label or None)
    (
        # A role nobody was introduced with: the person acting in the sentence before.
        "Kevin Vickers made an appeal for calm on Monday. "
        "The minister said the talks would resume next week.",
        "the talks would resume next week",
        "Kevin Vickers",
    ),
    (
        # ... but not a person three sentences back.
        "Kevin Vickers made an appeal for calm on Monday. The weather was cold. "
        "The roads were closed for hours. The minister said the talks would resume next week.",
        "the talks would resume next week",
        None,
    ),
    (
        # A role word with a gender skips a person of the other.
        "Kevin Vickers opened the meeting on Monday. "
        "The chairwoman said the budget had been approved.",
        "the budget had been approved",
        None,
    ),
    (
        # An unresolved group ("Critics") cannot be the "he" of a later quote.
        "Critics said the plan was unfair. The reply did not impress the mayor Kevin Vickers. "
        "“It is a poor plan,” he said.",
        "It is a poor plan,",
        "Kevin Vickers",
    ),
    (
        # "X continued:" frames the quote that follows, whatever the verb.
        "Kevin Vickers spoke to reporters on Monday. Mary Jones arrived later. "
        "Vickers continued: “We will not stop now.”",
        "We will not stop now.",
        "Kevin Vickers",
    ),
    (
        # A verb after an aside in dashes goes with the subject the aside interrupts.
        "Kevin Vickers has twice tried to resurrect Factory - which lasted for 14 years "
        "before folding - but conceded these efforts had been a failure.",
        "these efforts had been a failure",
        "Kevin Vickers",
    ),
]


@pytest.mark.parametrize(("text", "quote", "label"), SPEAKER_RULES)
def test_role_descriptions_pronouns_and_frames(build, text, quote, label):
    assert find(quotes_of(build, text), quote)[3] == label


def _names(words, ents, heads, deps):
    """The mentions (text, key) of a hand-built parsed sentence."""
    import spacy
    from spacy.tokens import Doc

    from entgraph.extract.mentions import extract_mentions
    from entgraph.extract.sentences import SentenceIndex, split_sentences

    doc = Doc(spacy.blank("en").vocab, words=words, ents=ents, heads=heads, deps=deps)
    mentions, _ = extract_mentions(doc, SentenceIndex(split_sentences(doc)))
    return [(m.text, m.key) for m in mentions]


COMPLETED_NAMES = [
    # (words, ents, heads, deps, a mention expected, one not expected)
    (
        # The model cut the name before its head word: "Deputy Speaker [Anna] Marsh".
        ["Deputy", "Speaker", "Anna", "Marsh", "agreed", "."],
        ["O", "O", "B-PERSON", "O", "O", "O"],
        [3, 3, 3, 4, 4, 4],
        ["compound", "compound", "compound", "nsubj", "ROOT", "punct"],
        ("Anna Marsh", "name:anna marsh"),
        ("Anna", "name:anna"),
    ),
    (
        # Missed after a title: a given name and the surname it modifies.
        ["Lt", "Col", "Erwin", "Schnaible", "told", "reporters", "."],
        ["O"] * 7,
        [3, 3, 3, 4, 4, 4, 4],
        ["compound", "compound", "compound", "nsubj", "ROOT", "dobj", "punct"],
        ("Erwin Schnaible", "name:erwin schnaible"),
        None,
    ),
    (
        # Missed inside a noun phrase, the surname being a person elsewhere.
        ["Marsh", "spoke", "about", "the", "Anna", "Marsh", "row", "."],
        ["B-PERSON", "O", "O", "O", "O", "O", "O", "O"],
        [1, 1, 1, 6, 5, 6, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "compound", "compound", "pobj", "punct"],
        ("Anna Marsh", "name:anna marsh"),
        None,
    ),
    (
        # A surname after an honorific, when the full name is written elsewhere.
        ["Anna", "Marsh", "spoke", ".", "Ms", "Marsh", "agreed", "."],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"],
        [1, 2, 2, 2, 5, 6, 6, 6],
        ["compound", "nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT", "punct"],
        ("Marsh", "name:anna marsh"),
        None,
    ),
    (
        # A headline's first word taken into a name, when the text names the person.
        ["Mogul", "Lee", "backs", "band", ".", "Tony", "Lee", "spoke", "."],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
        [1, 2, 2, 2, 2, 6, 7, 7, 7],
        ["compound", "nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "ROOT", "punct"],
        ("Lee", "name:tony lee"),
        ("Mogul Lee", "name:mogul lee"),
    ),
    (
        # ... but kept when nothing says it is not part of the name.
        ["Mogul", "Lee", "backs", "band", "."],
        ["B-PERSON", "I-PERSON", "O", "O", "O"],
        [1, 2, 2, 2, 2],
        ["compound", "nsubj", "ROOT", "dobj", "punct"],
        ("Mogul Lee", "name:mogul lee"),
        None,
    ),
    (
        # No title and no known surname: a capitalized pair is not made a name.
        ["They", "saw", "the", "Anna", "Karenina", "film", "."],
        ["O"] * 7,
        [1, 1, 5, 4, 5, 1, 1],
        ["nsubj", "ROOT", "det", "compound", "compound", "dobj", "punct"],
        None,
        ("Anna Karenina", "name:anna karenina"),
    ),
    (
        # A person's name is not stretched over a word it does not modify.
        ["Anna", "Marsh", "Monday", "said", "no", "."],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O"],
        [1, 3, 3, 3, 3, 3],
        ["compound", "nsubj", "npadvmod", "ROOT", "dobj", "punct"],
        ("Anna Marsh", "name:anna marsh"),
        ("Anna Marsh Monday", "name:anna marsh monday"),
    ),
]


@pytest.mark.parametrize(("words", "ents", "heads", "deps", "found", "absent"), COMPLETED_NAMES)
def test_person_names_the_model_cut_or_missed_are_completed(
    words, ents, heads, deps, found, absent
):
    names = _names(words, ents, heads, deps)
    if found is not None:
        assert found in names
    if absent is not None:
        assert absent not in names
