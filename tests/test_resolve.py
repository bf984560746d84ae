"""Entity resolution rules, each on plain evidence or a hand-built Doc (no model).

- names: keys, surnames, initials, abbreviations;
- typing: the type decided from evidence;
- local: which spans of one document are one entity;
- corpus: which local entities of the corpus are one node, with provenance;
- cues: what extraction records for a mention, on hand-built parses.
"""

from __future__ import annotations

from collections import Counter

import pytest
import spacy
from spacy.tokens import Doc

from entgraph.extract.evidence import entity_evidence
from entgraph.records import LocalEntity
from entgraph.resolve.corpus import CorpusResolver
from entgraph.resolve.local import NameSpan, resolve_document
from entgraph.resolve.names import is_abbreviation, name_key, singular_key, surname_key
from entgraph.resolve.typing import decide_type

# -- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Jane Kilroy-Smith", "Jane Kilroy Smith"),
        ("Ka\u200bren Doe", "Karen Doe"),
        ("Mexico\x00", "Mexico"),
        ("ＡＣＭＥ", "ACME"),  # full-width letters look the same and are the same
        ("U.N.", "UN"),
        ("O’Doe", "O'Doe"),
    ],
)
def test_spellings_of_one_name_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "name, surname",
    [
        ("Jane Doe", "doe"),
        ("Ursula von der Doe", "von der doe"),
        ("Martin Luther Doe Jr.", "doe"),
        ("Jane Kilroy-Doe", "kilroy doe"),
        ("Doe", None),
    ],
)
def test_surnames_know_particles_and_suffixes(name, surname):
    assert surname_key(name) == surname


@pytest.mark.parametrize(
    "short, long, expected",
    [
        ("acme utd", "acme united", True),
        ("lib dem", "liberal democrat", True),
        ("man city", "manchester city", True),
        ("acme united", "acme united", False),
        ("utd acme", "acme united", False),
        ("acme", "acme united", False),
    ],
)
def test_abbreviations_shorten_every_word(short, long, expected):
    assert is_abbreviation(tuple(short.split()), tuple(long.split())) is expected


def test_plural_variants_share_a_singular():
    assert singular_key("acme dems") == singular_key("acme dem") == "acme dem"


# -- typing ------------------------------------------------------------------------------


def ev(mentions, **counts):
    evidence = Counter({"mentions": mentions})
    for name, count in counts.items():
        kind, _, rest = name.partition("_")
        evidence[f"{kind}:{rest}"] = count
    return evidence


@pytest.mark.parametrize(
    "evidence, expected",
    [
        # The model says PERSON, but members and an article say a party.
        (ev(500, label_PERSON=300, label_ORG=200, cue_member_noun=120, cue_article=40), "ORG"),
        # Organizations speak too: speaking alone does not make a person of a company.
        (ev(50, label_PERSON=30, label_ORG=20, cue_speaker=10, cue_org_prep=8), "ORG"),
        # A person's shape wins over a few stray organization cues.
        (ev(40, label_PERSON=30, label_ORG=10, cue_given_name=20, cue_article=2), "PERSON"),
        # A place of the gazetteers that nothing shows to be a person.
        (ev(30, label_PERSON=30, cue_gazetteer_place=30), "PLACE"),
        # ... unless something does ("Davenport said she").
        (ev(3, label_GPE=2, label_PERSON=1, cue_gazetteer_place=3, cue_title=2), "PERSON"),
        # Products and works are no actors.
        (ev(10, label_ORG=5, label_PRODUCT=5, cue_product_noun=6), "OTHER"),
        (ev(2, label_PERSON=2, cue_quoted_title=2), "OTHER"),
        (ev(5, label_ORG=5, cue_acronym=5, cue_number_unit=5), "OTHER"),
        # A capitalized common word the document also writes in lower case.
        (ev(4, label_PERSON=4, cue_lowercase_use=4), "OTHER"),
        # A city that the model calls a place mention after mention stays a place ...
        (
            ev(300, label_GPE=300, cue_gazetteer_place=300, cue_article=22, cue_member_noun=7),
            "PLACE",
        ),
        # ... and a club named after its town, with its players and fans, is a club.
        (ev(200, label_GPE=150, label_ORG=50, cue_gazetteer_place=200, cue_member_noun=80), "ORG"),
        # A product the model calls an organization, launched, sold as "an X".
        (
            ev(
                60,
                label_ORG=60,
                cue_article=15,
                cue_indefinite=8,
                cue_product_use=4,
                cue_modifier=15,
            ),
            "OTHER",
        ),
        # A film with a person's name: the kind noun and the awards say a work.
        (
            ev(
                40,
                label_ORG=30,
                label_PERSON=10,
                cue_given_name=40,
                cue_work_kind=10,
                cue_work_noun=8,
                cue_product_use=4,
            ),
            "OTHER",
        ),
        # A band named like a person: "the band X" says an organization.
        (ev(25, label_PERSON=25, cue_given_name=25, cue_org_kind=8), "ORG"),
        # Line-up initials are a person's shape: "J Doe" the model called ORG.
        (ev(3, label_ORG=3, cue_initial=3), "PERSON"),
        # A club named after its town, in results ("Acmeton 2-1 Zedville").
        (
            ev(26, label_ORG=13, label_PERSON=11, label_GPE=2, cue_gazetteer_place=26, cue_team=5),
            "ORG",
        ),
        # With nothing but the model's labels, the model decides.
        (ev(3, label_PERSON=2, label_ORG=1), "PERSON"),
        # "the X" says no person; the model's EVENT and LOC say an event, a region.
        (ev(38, label_EVENT=38, cue_article=38), "OTHER"),
        (ev(19, label_LOC=19, cue_article=17, cue_place_prep=3), "PLACE"),
        # ... but "the" before a town is a following noun's: "the Acmeton coach".
        (ev(50, label_GPE=40, label_ORG=10, cue_article=30, cue_member_noun=12), "ORG"),
        # A city whose first word is also a given name ("San Acmeto"): the given name
        # is one fact about the string, not one per mention.
        (
            ev(25, label_GPE=25, cue_gazetteer_place=25, cue_given_name=25, cue_place_prep=8),
            "PLACE",
        ),
        # The model rarely says PERSON over many mentions and nothing shows a person's
        # shape: a stray "he" and "Acme said" are its people's.
        (
            ev(
                49,
                label_ORG=45,
                label_PERSON=3,
                cue_pronoun=10,
                cue_speaker=4,
                cue_lowercase_use=5,
                cue_indefinite=1,
                cue_org_kind=1,
            ),
            "ORG",
        ),
        (
            ev(
                79,
                label_ORG=79,
                cue_article=5,
                cue_lowercase_use=6,
                cue_speaker=3,
                cue_pronoun=9,
                cue_place_prep=14,
                cue_indefinite=1,
                cue_modifier=1,
            ),
            "ORG",
        ),
        # ... but a one-name person the model does not know, who speaks and is "he" in
        # most of the mentions, stays a person; and so does one of a few mentions.
        (ev(16, label_ORG=15, label_PERSON=1, cue_pronoun=10, cue_speaker=4), "PERSON"),
        (ev(6, label_ORG=6, cue_pronoun=2, cue_modifier=1), "PERSON"),
    ],
)
def test_type_is_decided_from_all_the_evidence(evidence, expected):
    assert decide_type(evidence) == expected


# -- local: one document -----------------------------------------------------------------


def span(start, text, label="PERSON", sentence=0, **cues):
    counter = Counter({f"cue:{k}": v for k, v in cues.items()})
    return NameSpan(start, start + len(text), text, sentence, 0, label, counter)


def keys_of(spans):
    mentions, entities = resolve_document(spans)
    return [(m.text, m.key) for m in mentions], {e.key: e for e in entities}


@pytest.mark.parametrize(
    "spans, joined",
    [
        ([span(0, "Jane Doe", given_name=1), span(20, "Doe", "ORG")], ("Doe", "surname")),
        ([span(0, "Acme Party", "ORG"), span(20, "Acme", "PERSON")], ("Acme", "short form")),
        ([span(0, "Acme Cycling Union", "ORG"), span(30, "ACU", "ORG")], ("ACU", "acronym")),
        (
            [span(0, "Acme United", "ORG"), span(20, "Acme Utd", "ORG")],
            ("Acme Utd", "abbreviation"),
        ),
        ([span(0, "Acme Dem", "NORP"), span(20, "Acme Dems", "ORG")], ("Acme Dem", "variant")),
        # A line-up's initial and surname join the full name.
        (
            [span(0, "Jane Doe", given_name=1), span(20, "J Doe", "ORG", initial=1)],
            ("J Doe", "initial"),
        ),
    ],
)
def test_a_short_form_joins_its_one_long_name(spans, joined):
    mentions, entities = keys_of(spans)
    assert len({key for _, key in mentions}) == 1
    (entity,) = entities.values()
    assert (name_key(joined[0]), joined[1]) in [(k[5:], how) for k, how in entity.joined]


@pytest.mark.parametrize(
    "long, short, joins",
    [
        (span(0, "Florence Doe", given_name=1), span(20, "Florence", "PERSON"), True),
        # A given name the model calls a place is the place ("Florence Stock Exchange").
        (span(0, "Florence Stock Exchange", "ORG", given_name=1), span(40, "Florence", "GPE"),
         False),
    ],
)  # fmt: skip
def test_a_given_name_the_model_calls_a_place_joins_no_long_name(long, short, joins):
    mentions, _ = keys_of([long, short])
    assert (dict(mentions)["Florence"] != "name:florence") is joins


def test_a_short_form_with_two_long_names_stays_apart():
    mentions, _ = keys_of(
        [span(0, "Jane Doe", given_name=1), span(20, "John Doe", given_name=1), span(40, "Doe")]
    )
    assert dict(mentions)["Doe"] == "name:doe"


def test_an_initial_with_two_full_names_of_that_letter_stays_apart():
    spans = [span(0, "Jane Doe", given_name=1), span(20, "John Doe", given_name=1),
             span(40, "J Doe", initial=1)]  # fmt: skip
    mentions, _ = keys_of(spans)
    assert dict(mentions)["J Doe"] == "name:j doe"


def test_a_name_the_text_calls_a_film_is_no_surname_or_given_name():
    # "Jane Doe ... the film Doe", "the biopic Jane": the work is not the person.
    for short in ("Doe", "Jane"):
        mentions, _ = keys_of([span(0, "Jane Doe", given_name=1), span(20, short, work_kind=1)])
        assert dict(mentions)[short] == "name:" + short.lower()


def test_a_lone_surname_does_not_join_an_organization():
    mentions, _ = keys_of(
        [span(0, "Doe Fund", "ORG", org_head=1), span(20, "Doe", "PERSON", title=1)]
    )
    assert dict(mentions)["Doe"] == "name:doe"


def test_a_country_name_that_is_a_persons_surname_is_the_person():
    country = NameSpan(30, 36, "Jordan", 1, 0, "GPE", Counter(), country="JOR")
    mentions, _ = keys_of([span(0, "Michael Jordan", given_name=1), country])
    assert dict(mentions)["Jordan"] == "name:michael jordan"


def test_a_bare_code_is_left_to_the_corpus_with_this_documents_word_on_it():
    code = NameSpan(0, 2, "ZZ", 0, 0, "ORG", Counter(), code="ZZZ")
    named = NameSpan(10, 20, "Zedland", 0, 0, "GPE", Counter(), country="ZZZ")
    _, entities = keys_of([code, named])
    evidence = dict(entities["code:zz"].evidence)
    assert evidence["country:ZZZ"] == 1 and evidence["cue:country_confirmed"] == 1
    _, alone = keys_of([NameSpan(0, 2, "ZZ", 0, 0, "ORG", Counter(), code="ZZZ")])
    assert dict(alone["code:zz"].evidence).get("cue:country_confirmed", 0) == 0


# -- corpus ------------------------------------------------------------------------------


def local(key, name, forms=None, joined=(), **counts):
    evidence = ev(counts.pop("mentions", 1), **counts)
    forms = forms or {name: evidence["mentions"]}
    return LocalEntity(key, name, tuple(evidence.items()), tuple(forms.items()), joined)


def resolve(*documents, **options):
    resolver = CorpusResolver(**options)
    for entities in documents:
        resolver.add(entities)
    return resolver.resolve()


FULL = local(
    "name:jane doe",
    "Jane Doe",
    {"Jane Doe": 10, "Doe": 20},
    (("name:doe", "surname"),),
    mentions=30,
    label_PERSON=30,
    cue_given_name=10,
)


def test_a_surname_joins_the_full_name_that_the_documents_tie_it_to():
    other = local("name:jane doe", "Jane Doe", mentions=1, label_PERSON=1, cue_given_name=1)
    rare = local("name:john doe", "John Doe", mentions=1, label_PERSON=1, cue_given_name=1)
    lone = local("name:doe", "Doe", mentions=3, label_ORG=2, label_PERSON=1)
    table = resolve([FULL], [other], [rare], [lone])
    assert table.node_of["name:doe"] == "person:jane doe"
    provenance = dict(table.entities["person:jane doe"].provenance)
    assert provenance["Doe"].startswith("surname")


def test_a_surname_with_two_equal_candidates_stays_apart():
    jane = local("name:jane doe", "Jane Doe", mentions=5, label_PERSON=5, cue_given_name=5)
    john = local("name:john doe", "John Doe", mentions=5, label_PERSON=5, cue_given_name=5)
    lone = local("name:doe", "Doe", mentions=2, label_PERSON=2, cue_title=1)
    table = resolve([jane], [john], [lone])
    assert table.node_of["name:doe"] == "person:doe"


def test_a_name_with_its_own_organization_evidence_is_no_surname():
    person = local("name:jane acme", "Jane Acme", mentions=4, label_PERSON=4, cue_given_name=4)
    company = local("name:acme", "Acme", mentions=40, label_ORG=30, label_PERSON=10,
                    cue_member_noun=15, cue_org_prep=10)  # fmt: skip
    table = resolve([person], [company])
    assert table.node_of["name:acme"] == "org:acme"


@pytest.mark.parametrize(
    "long, short, how",
    [
        (("Zedland Union", "name:zedland union"), ("ZU", "name:zu"), "acronym"),
        (("Acme United", "name:acme united"), ("Acme Utd", "name:acme utd"), "abbreviation"),
        (("Acme Party", "name:acme party"), ("Acme", "name:acme"), "short form"),
        (("Acme Dem", "name:acme dem"), ("Acme Dems", "name:acme dems"), "plural"),
    ],
)
def test_short_forms_join_over_the_corpus_with_provenance(long, short, how):
    big = local(long[1], long[0], mentions=20, label_ORG=20, cue_org_head=5)
    small = local(short[1], short[0], mentions=3, label_ORG=3)
    table = resolve([big], [small])
    node = table.node_of[long[1]]
    assert table.node_of[short[1]] == node
    assert how in dict(table.entities[node].provenance)[short[0]]


def test_an_abbreviation_finds_its_name_among_many_with_the_same_letters():
    # One bucket of names with the initials "a u": longer ones whose first word or
    # later word does not shorten to "acme utd", a shorter one, and the one it shortens.
    decoys = [("Apex Umbrella", 9), ("Acme Umbrella", 9), ("Acme Ultra", 9), ("Ab Ux", 9)]
    documents = [
        [local(f"name:{name_key(n)}", n, mentions=m, label_ORG=m, cue_org_head=2)]
        for n, m in decoys
    ]
    big = local("name:acme united", "Acme United", mentions=20, label_ORG=20, cue_org_head=5)
    small = local("name:acme utd", "Acme Utd", mentions=3, label_ORG=3)
    table = resolve(*documents, [big], [small])
    assert table.node_of["name:acme utd"] == table.node_of["name:acme united"]
    # Two names it shortens, equally common: it joins neither.
    rival = local("name:acme untied", "Acme Untied", mentions=20, label_ORG=20, cue_org_head=5)
    table = resolve(*documents, [big], [rival], [small])
    assert table.node_of["name:acme utd"] not in {
        table.node_of["name:acme united"],
        table.node_of["name:acme untied"],
    }


def test_the_memoised_type_of_an_evidence_is_its_decided_type():
    import random

    from entgraph.resolve.typing import CUE_VOTES, LABEL_VOTES, decide_evidence_type

    keys = [f"label:{label}" for label in LABEL_VOTES] + [f"cue:{cue}" for cue in CUE_VOTES]
    rng = random.Random(18)
    for _ in range(2000):
        evidence = Counter({"mentions": rng.randint(0, 60)})
        for key in rng.sample(keys, rng.randint(0, 10)):
            evidence[key] = rng.choice([0, 1, 2, 3, 7, 30])
        assert decide_evidence_type(tuple(evidence.items())) == decide_type(evidence)


def test_a_person_whose_surname_is_a_town_is_no_place():
    # "Lyon" alone is a city of the gazetteers; "Jane Lyon" is not.
    person = local("name:jane lyon", "Jane Lyon", {"Jane Lyon": 7, "Lyon": 11}, mentions=18,
                   label_PERSON=16, label_ORG=2, cue_place_prep=1)  # fmt: skip
    table = resolve([person])
    assert table.node_of["name:jane lyon"] == "person:jane lyon"


def test_a_person_is_labelled_by_the_fullest_form_that_reads_as_a_name():
    forms = {"Diary of Jane Doe": 3, "Jane Doe": 16, "Doe": 7}
    person = local("name:jane doe", "Jane Doe", forms, mentions=26, label_PERSON=26,
                   cue_given_name=19)  # fmt: skip
    table = resolve([person])
    assert table.entities[table.node_of["name:jane doe"]].label == "Jane Doe"


def test_an_acronym_is_no_place_s_initials():
    region = local("name:zed mars", "Zed Mars", mentions=5, label_LOC=5, cue_place_prep=3)
    company = local("name:zm", "ZM", mentions=30, label_ORG=30, cue_acronym=30)
    table = resolve([region], [company])
    assert table.node_of["name:zm"] == "org:zm"
    assert "name:zed mars" not in table.node_of  # a place: no node by default


def _org(key, name, mentions):
    return local(key, name, mentions=mentions, label_ORG=mentions, cue_article=mentions)


@pytest.mark.parametrize(
    "long",
    [
        ("name:zedland commission", "Zedland Commission"),
        ("name:bank of zedland", "Bank of Zedland"),
    ],
)
def test_a_lone_head_noun_joins_the_one_name_its_documents_name_with_it(long):
    head = "Commission" if "commission" in long[0] else "Bank"
    lone = _org(f"name:{head.lower()}", head, 3)
    rival = (f"name:acme {head.lower()}", f"Acme {head}")
    # Three documents name the long one with "the Commission"; one the rival; both are
    # big enough that no one of them dominates the other by mentions alone.
    docs = [[_org(*long, 5), lone] for _ in range(3)] + [[_org(*rival, 5), lone]]
    table = resolve(*docs)
    node = table.node_of[long[0]]
    assert table.node_of[lone.key] == node != table.node_of[rival[0]]
    entity = table.entities[node]
    assert "head noun" in dict(entity.provenance)[head]
    assert entity.label == long[1]  # the lone head noun, written more often, is no label


def test_a_lone_head_noun_mostly_written_alone_stays_apart():
    lone = _org("name:parliament", "Parliament", 3)
    docs = [[_org("name:zedland parliament", "Zedland Parliament", 4), lone] for _ in range(2)]
    docs += [[lone] for _ in range(10)]
    table = resolve(*docs)
    assert table.node_of["name:parliament"] != table.node_of["name:zedland parliament"]


def test_a_bare_code_is_a_country_only_where_the_corpus_confirms_it():
    confirmed = local("code:zz", "ZZ", mentions=10, label_GPE=8, cue_country_confirmed=8)
    confirmed = LocalEntity(confirmed.key, "ZZ", (*confirmed.evidence, ("country:GBR", 10)),
                            confirmed.forms)  # fmt: skip
    company = local("code:qq", "QQ", mentions=10, label_ORG=10, cue_acronym=10)
    company = LocalEntity(company.key, "QQ", (*company.evidence, ("country:FRA", 10)),
                          company.forms)  # fmt: skip
    table = resolve([confirmed, company])
    assert table.node_of["code:zz"] == "country:gbr"
    assert table.node_of["code:qq"] == "org:qq"
    assert "country:fra" not in table.entities


@pytest.mark.parametrize("places, node", [("drop", None), ("keep", "place:lyon"),
                                          ("country", "country:fra")])  # fmt: skip
def test_places_are_dropped_kept_or_counted_toward_their_country(places, node):
    city = local("name:lyon", "Lyon", mentions=3, label_GPE=3)
    table = resolve([city], places=places)
    assert table.node_of.get("name:lyon") == node


@pytest.mark.parametrize("places, node", [("drop", None), ("keep", "place:aruba"),
                                          ("country", "country:abw")])  # fmt: skip
def test_a_territory_is_a_place_not_a_sovereign_country(places, node):
    # Aruba has an ISO code but is no state of the state lists: a place, like a city.
    territory = local("country:abw", "Aruba", mentions=4, label_GPE=4)
    state = local("country:fra", "France", mentions=4, label_GPE=4)
    table = resolve([territory, state], places=places)
    assert table.node_of.get("country:abw") == node
    assert table.node_of["country:fra"] == "country:fra"


def test_a_type_is_decided_once_from_every_document():
    # Each document alone is unsure; together the members and shares show a company.
    docs = [
        [local("name:acme", "Acme", mentions=2, label_PERSON=2)],
        [local("name:acme", "Acme", mentions=2, label_PERSON=1, label_ORG=1, cue_member_noun=1)],
        [local("name:acme", "Acme", mentions=2, label_ORG=1, label_PERSON=1, cue_org_prep=1)],
    ]
    table = resolve(*docs)
    assert table.node_of["name:acme"] == "org:acme"


def test_partial_statistics_merge_to_the_same_table():
    docs = [[FULL], [local("name:doe", "Doe", mentions=2, label_PERSON=2)]]
    whole = resolve(*docs)
    left, right = CorpusResolver(), CorpusResolver()
    left.add(docs[0])
    right.add(docs[1])
    assert left.merge(right).resolve() == whole


# -- cues on hand-built parses -----------------------------------------------------------

VOCAB = spacy.blank("en").vocab


def cues_of(words, heads, deps, target, *, determiner=False):
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps)
    start, end = target
    return entity_evidence(doc, [(0, doc[start:end], determiner, False)])[0]


@pytest.mark.parametrize(
    "words, heads, deps, target, cue",
    [
        # Acme MPs voted.
        (["Acme", "MPs", "voted"], [1, 2, 2], ["compound", "nsubj", "ROOT"], (0, 1), "member_noun"),
        # Shares in Acme fell.
        (
            ["Shares", "in", "Acme", "fell"],
            [3, 0, 1, 3],
            ["nsubj", "prep", "pobj", "ROOT"],
            (2, 3),
            "org_prep",
        ),
        # Acme's board met.
        (
            ["Acme", "'s", "board", "met"],
            [2, 0, 3, 3],
            ["poss", "case", "nsubj", "ROOT"],
            (0, 1),
            "org_possessive",
        ),
        # Acme Holdings plc grew.
        (
            ["Acme", "Holdings", "plc", "grew"],
            [2, 2, 3, 3],
            ["compound", "compound", "nsubj", "ROOT"],
            (0, 3),
            "legal_suffix",
        ),
        # Acme software crashed.
        (
            ["Acme", "software", "crashed"],
            [1, 2, 2],
            ["compound", "nsubj", "ROOT"],
            (0, 1),
            "product_noun",
        ),
        # the Doe administration said
        (
            ["the", "Doe", "administration", "said"],
            [2, 2, 3, 3],
            ["det", "compound", "nsubj", "ROOT"],
            (1, 2),
            "person_modifier",
        ),
        # He saw " Zed Life " .
        (
            ["He", "saw", '"', "Zed", "Life", '"'],
            [1, 1, 4, 4, 1, 4],
            ["nsubj", "ROOT", "punct", "compound", "dobj", "punct"],
            (3, 5),
            "quoted_title",
        ),
        # at 12:00 GMT
        (["at", "12:00", "GMT"], [0, 2, 0], ["ROOT", "nummod", "pobj"], (2, 3), "number_unit"),
        # Doe said.
        (["Doe", "said", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"], (0, 1), "speaker"),
        # The oil firm Acme grew: a kind noun of organizations before the name.
        (
            ["The", "oil", "firm", "Acme", "grew"],
            [3, 2, 3, 4, 4],
            ["det", "compound", "compound", "nsubj", "ROOT"],
            (3, 4),
            "org_kind",
        ),
        # Acme, the carmaker, grew: ... or as its appositive.
        (
            ["Acme", ",", "the", "carmaker", ",", "grew"],
            [5, 0, 3, 0, 0, 5],
            ["nsubj", "punct", "det", "appos", "punct", "ROOT"],
            (0, 1),
            "org_kind",
        ),
        # the period drama Zed Lane won: a kind noun of works.
        (
            ["the", "period", "drama", "Zed", "Lane", "won"],
            [4, 2, 4, 4, 5, 5],
            ["det", "compound", "compound", "compound", "nsubj", "ROOT"],
            (3, 5),
            "work_kind",
        ),
        # three Zed nominations: a name that modifies an award's noun.
        (
            ["three", "Zed", "nominations"],
            [2, 2, 2],
            ["nummod", "compound", "ROOT"],
            (1, 2),
            "work_noun",
        ),
        # the Zed-winning actor
        (
            ["the", "Zed", "-", "winning", "actor"],
            [4, 3, 3, 4, 4],
            ["det", "npadvmod", "punct", "amod", "ROOT"],
            (1, 2),
            "work_noun",
        ),
        # She won an Zed.
        (
            ["She", "won", "an", "Zed", "."],
            [1, 1, 3, 1, 1],
            ["nsubj", "ROOT", "det", "dobj", "punct"],
            (3, 4),
            "indefinite",
        ),
        # They launched the Zedbox.
        (
            ["They", "launched", "the", "Zedbox", "."],
            [1, 1, 3, 1, 1],
            ["nsubj", "ROOT", "det", "dobj", "punct"],
            (3, 4),
            "product_use",
        ),
        # It is available on Zedbox.
        (
            ["It", "is", "available", "on", "Zedbox"],
            [1, 1, 1, 2, 3],
            ["nsubj", "ROOT", "acomp", "prep", "pobj"],
            (4, 5),
            "product_use",
        ),
        # She starred in Zed Lane.
        (
            ["She", "starred", "in", "Zed", "Lane"],
            [1, 1, 1, 4, 2],
            ["nsubj", "ROOT", "prep", "compound", "pobj"],
            (3, 5),
            "product_use",
        ),
        # Acmeton 2-1 Zedville: a side in a result.
        (
            ["Acmeton", "2-1", "Zedville"],
            [1, 1, 1],
            ["nsubj", "ROOT", "dobj"],
            (0, 1),
            "team",
        ),
        (["Acmeton", "v", "Zedville"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], (2, 3), "team"),
        # the Acme Society Awards: awards, though a society gives them.
        (
            ["the", "Acme", "Society", "Awards"],
            [3, 3, 3, 3],
            ["det", "compound", "compound", "ROOT"],
            (1, 4),
            "event_head",
        ),
        # a file-sharing system called Zedtorrent: a naming verb after a kind noun.
        (
            ["a", "system", "called", "Zedtorrent", "."],
            [1, 1, 1, 2, 1],
            ["det", "ROOT", "acl", "oprd", "punct"],
            (3, 4),
            "work_kind",
        ),
        # Zed Lane, starring Jane Doe, won: a participle of films after the name.
        (
            ["Zed", "Lane", ",", "starring", "Jane", "Doe", ",", "won"],
            [1, 7, 1, 1, 5, 3, 1, 7],
            ["compound", "nsubj", "punct", "acl", "compound", "dobj", "punct", "ROOT"],
            (0, 2),
            "work_kind",
        ),
        # the third Zed Lane film: a name that modifies a work's noun.
        (
            ["the", "third", "Zed", "Lane", "film"],
            [4, 4, 3, 4, 4],
            ["det", "amod", "compound", "compound", "ROOT"],
            (2, 4),
            "work_noun",
        ),
        # Zed qualification: a competition's noun.
        (
            ["Zed", "qualification", "beckons"],
            [1, 2, 2],
            ["compound", "nsubj", "ROOT"],
            (0, 1),
            "work_noun",
        ),
        # She won four Zeds: things are counted ...
        (
            ["She", "won", "four", "Zeds"],
            [1, 1, 3, 1],
            ["nsubj", "ROOT", "nummod", "dobj"],
            (3, 4),
            "counted",
        ),
        # ... and events dated: the 2005 Zed Games.
        (
            ["the", "2005", "Zed", "Games"],
            [3, 3, 3, 3],
            ["det", "nummod", "compound", "ROOT"],
            (2, 4),
            "counted",
        ),
        # the Acme Motor Show: a show's head noun ends an event's name.
        (
            ["the", "Acme", "Motor", "Show"],
            [3, 3, 3, 3],
            ["det", "compound", "compound", "ROOT"],
            (1, 4),
            "event_head",
        ),
        # J Doe (Acmeton), K Roe: an initial before a surname, as in a line-up.
        (
            ["J", "Doe", "(", "Acmeton", ")"],
            [1, 1, 1, 1, 1],
            ["compound", "ROOT", "punct", "appos", "punct"],
            (0, 2),
            "initial",
        ),
    ],
)
def test_extraction_records_the_cue_a_mention_shows(words, heads, deps, target, cue):
    assert cues_of(words, heads, deps, target)[f"cue:{cue}"] == 1


def test_a_control_character_is_no_legal_suffix():
    doc = Doc(VOCAB, words=["Jane", "Doe\x07", "spoke"])
    assert entity_evidence(doc, [(0, doc[0:2], False, False)])[0]["cue:legal_suffix"] == 0
    doc = Doc(VOCAB, words=["Acme", "Holdings", "plc", "grew"])
    assert entity_evidence(doc, [(0, doc[0:3], False, False)])[0]["cue:legal_suffix"] == 1


@pytest.mark.parametrize(
    "words, heads, deps, target, cue",
    [
        # "a Acme spokesman": the article goes with the spokesman, not the name.
        (
            ["a", "Acme", "spokesman", "said"],
            [2, 2, 3, 3],
            ["det", "compound", "nsubj", "ROOT"],
            (1, 2),
            "indefinite",
        ),
        # "A Doe" in a line-up: a capital A may be an initial.
        (
            ["A", "Doe", ",", "B", "Roe"],
            [1, 1, 1, 4, 1],
            ["det", "ROOT", "punct", "compound", "conj"],
            (1, 2),
            "indefinite",
        ),
        # "hit Acmeton hard": a verb before the name is no kind noun.
        (
            ["They", "hit", "Acmeton", "hard"],
            [1, 1, 1, 1],
            ["nsubj", "ROOT", "dobj", "advmod"],
            (2, 3),
            "work_kind",
        ),
        # "J-Zed" is a brand, not an initial and a surname.
        (
            ["J", "-", "Zed", "rang"],
            [2, 2, 3, 3],
            ["compound", "punct", "nsubj", "ROOT"],
            (0, 3),
            "initial",
        ),
        # "Jane Doe, starring in Zed Lane": the star, not the film.
        (
            ["Jane", "Doe", ",", "starring", "in", "Zed", "Lane"],
            [1, 1, 1, 1, 3, 6, 4],
            ["compound", "ROOT", "punct", "acl", "prep", "compound", "pobj"],
            (0, 2),
            "work_kind",
        ),
        # "the 2005 Acme team": the year is the team's.
        (
            ["the", "2005", "Acme", "team"],
            [3, 3, 3, 3],
            ["det", "nummod", "compound", "ROOT"],
            (2, 3),
            "counted",
        ),
        # "No 10 Acme Street": digits that are no year or count word.
        (
            ["at", "10", "Acme", "Street"],
            [0, 3, 3, 0],
            ["ROOT", "nummod", "compound", "pobj"],
            (2, 4),
            "counted",
        ),
        # ... and then its organization's head noun says nothing.
        (
            ["the", "Acme", "Society", "Awards"],
            [3, 3, 3, 3],
            ["det", "compound", "compound", "ROOT"],
            (1, 4),
            "org_head",
        ),
        # "Doe, head of the firm Acme": the kind noun is the firm's, not Doe's.
        (
            ["Doe", ",", "head", "of", "the", "firm", "Acme"],
            [0, 0, 0, 2, 6, 6, 3],
            ["ROOT", "punct", "appos", "prep", "det", "compound", "pobj"],
            (0, 1),
            "org_kind",
        ),
    ],
)
def test_a_cue_is_not_recorded_where_its_words_belong_elsewhere(words, heads, deps, target, cue):
    assert cues_of(words, heads, deps, target)[f"cue:{cue}"] == 0


def test_a_name_the_document_also_writes_in_lower_case_is_marked():
    words = ["Budget", "day", "came", ".", "The", "budget", "grew", "."]
    heads = [2, 0, 2, 2, 5, 6, 6, 6]
    deps = ["nsubj", "npadvmod", "ROOT", "punct", "det", "nsubj", "ROOT", "punct"]
    assert cues_of(words, heads, deps, (0, 1))["cue:lowercase_use"] == 1


@pytest.mark.parametrize(
    "words, spaces, ents, expected",
    [
        # A hyphen inside a name keeps it whole ...
        (
            ["Jane", "Smith", "-", "Doe", "won"],
            [True, False, False, True, False],
            ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O"],
            ["Jane Smith-Doe"],
        ),
        # ... a spaced dash or a bracket ends it.
        (
            ["Jane", "Doe", "-", "will", "play"],
            [True, True, True, True, False],
            ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O"],
            ["Jane Doe"],
        ),
        (
            ["J", "Doe", "(", "Acmeland", ")"],
            [True, True, False, False, False],
            ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O"],
            ["J Doe"],
        ),
        # A list is no name.
        (
            ["Acme", ",", "Zedco", "rose"],
            [False, True, True, False],
            ["B-ORG", "I-ORG", "I-ORG", "O"],
            [],
        ),
    ],
)
def test_name_spans_are_cleaned(words, spaces, ents, expected):
    from entgraph.extract.mentions import extract_mentions
    from entgraph.extract.sentences import SentenceIndex
    from entgraph.records import Sentence

    doc = Doc(VOCAB, words=words, spaces=spaces, ents=ents)
    doc[0].is_sent_start = True
    mentions, _ = extract_mentions(doc, SentenceIndex((Sentence(0, len(doc.text), 0),)))
    assert [m.text for m in mentions] == expected


@pytest.mark.parametrize("name, iso3", [("Mexico", "MEX"), ("Panama", "PAN"), ("Georgia", "GEO")])
def test_a_country_named_like_one_of_its_regions_is_still_a_country(name, iso3):
    from entgraph.resolve.countries import lookup_country

    assert lookup_country(name).code == iso3


def test_a_constituent_country_is_a_place_of_its_country():
    from entgraph.resolve.countries import lookup_country, lookup_place

    # pycountry lists it as a subdivision: a place of the country, not the country.
    assert lookup_country("Wales") is None and lookup_place("Wales") == "GBR"


@pytest.mark.parametrize(
    "name",
    ["Jane Doe", "Jane Mary Doe", "Doe", "Dr Jane Doe", "Jane van der Doe", "Jane Doe Jr",
     "JANE DOE", "Jane O'Doe", "Jane Doe-Roe", "Sir Jon Roe", "Jon de la Roe", "Roe, Jon",
     "Ann Lee Bo Chu Ty"],
)  # fmt: skip
def test_the_surname_shortcut_agrees_with_nameparser(name):
    from nameparser import HumanName

    from entgraph.resolve.names import name_key, surname_key

    parsed = HumanName(name)
    expected = name_key(parsed.last) if parsed.first and parsed.last else None
    assert surname_key(name) == expected
