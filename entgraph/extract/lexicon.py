"""Word lists that are linguistic cues, shared by the extractors.

These are closed classes of English words (speech and thought verbs, titles, role
nouns), not knowledge about particular entities. Verbs are listed as lemmas; their
inflected forms come from lemminflect's English inflection dictionary, so no form is
made up ("said", "told", "admitted", never "sayed"). The pipeline runs without spaCy's
lemmatizer (see :mod:`entgraph.nlp`); a word is matched by looking its lower-case form
up in the table of forms, which costs nothing per token.

>>> cue_lemma("Said"), cue_lemma("believes"), cue_lemma("table")
('say', 'believe', None)
>>> "sayed" in SPEECH_VERBS
False
"""

from __future__ import annotations

from lemminflect import getAllInflections, getAllInflectionsOOV

from ..resolve.names import ORG_HEADS  # names know their heads; kept here too

__all__ = [
    "BELIEF_LEMMAS",
    "DOCUMENT_NOUNS",
    "ORG_HEADS",
    "PERSON_TITLES",
    "ROLE_NOUNS",
    "SPEECH_LEMMAS",
    "SPEECH_VERBS",
    "cue_lemma",
    "verb_forms",
]


def verb_forms(lemma: str) -> frozenset[str]:
    """Every inflected form of an English verb, from lemminflect's dictionary.

    >>> sorted(verb_forms("tell"))
    ['tell', 'telling', 'tells', 'told']
    """
    table = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    return frozenset({lemma, *(form for forms in table.values() for form in forms)})


# Why lists at all: no library or installable data package classifies verbs of
# communication offline. spaCy and lemminflect give lemmas, not verb classes; WordNet's
# "verb.communication" and VerbNet's classes would, but the PyPI packages that read them
# (nltk, wn) download the data from outside the package registry at run time, and the
# WordNet packages on PyPI that ship data (wordnet-lookup) hold only word lists. So the
# classes are listed here, as lemmas.
#
# Verbs that report speech: textacy's reporting verbs (``_reporting_verbs`` in
# textacy.extract.triples) and the members of VerbNet 3.4's say-37.7, tell-37.2,
# complain-37.8, advise-37.9, promise-37.13 and declare-29.4 classes that report speech.
SPEECH_LEMMAS = frozenset(
    """
    accuse acknowledge add admit advise affirm agree allege announce answer argue ask
    assert assure blame boast brag caution charge cite claim comment complain concede
    conclude confess confide confirm contend counter criticize criticise declare decry deny
    guarantee pledge
    describe disclose discuss dismiss dispute emphasize emphasise estimate exclaim explain
    hint indicate inform insist joke maintain mention muse note notify object observe order
    plead point predict proclaim promise pronounce propose question quip reaffirm recall
    recommend recount reiterate relate remark remind repeat reply report respond retort
    reveal say scoff shout speak state stress suggest swear tell testify tweet urge venture
    vow warn whisper write
    """.split()
)
# Verbs of thought and intention (VerbNet's consider-29.9, want-32.1 and long-32.2
# classes, and textacy's cognition verbs): what they report is a belief or a plan, not
# speech. Their clauses are quotes of kind "belief", kept out of quotation edges.
BELIEF_LEMMAS = frozenset(
    """
    assume believe decide doubt expect fear feel guess hope imagine intend plan reckon
    suppose suspect think want wish worry
    """.split()
)
_LEMMA_OF_FORM = {
    form: lemma for lemma in sorted(SPEECH_LEMMAS | BELIEF_LEMMAS) for form in verb_forms(lemma)
}
#: Lower-case surface forms of every speech and belief verb (for code that reads forms).
SPEECH_VERBS = frozenset(_LEMMA_OF_FORM)


def cue_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it is a form of a speech or belief verb, else None."""
    return _LEMMA_OF_FORM.get(word.lower())


# Nouns for documents and data: "according to a report filed by ...", "according to
# figures released on ..." cite a document, not someone speaking.
DOCUMENT_NOUNS = frozenset(
    """
    analysis analyses assessment audit audits census chart charts data database document
    documents estimate estimates figure figures filing filings forecast forecasts index
    indictment inquiry investigation list map memo minutes paper papers poll polls
    projection projections ranking rankings record records registry report reports
    research review reviews sales study studies survey surveys statistics table tally
    transcript website
    """.split()
)

# Honorifics, offices and ranks that introduce a person's name ("President X").
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady baron baroness madam
    president vice prime minister chancellor premier senator sen rep representative
    congressman congresswoman gov governor mayor judge justice attorney general gen
    col colonel lt lieutenant capt captain sgt sergeant maj major adm admiral commander
    pope king queen prince princess sheikh emir rabbi rev reverend father bishop
    archbishop cardinal imam ayatollah ambassador secretary speaker chairman chairwoman
    chair ceo founder spokesman spokeswoman spokesperson aide adviser advisor
    commissioner director coach sheriff detective inspector officer dj
    """.split()
)

# Nouns naming a person's role in an organization ("a senior fellow at X", "X spokesman
# Jane Doe"), singular. Not occupations that need no organization ("author", "investor").
ROLE_NOUNS = frozenset(
    """
    activist adviser advisor agent aide ambassador analyst anchor assistant attorney
    ceo cfo chair chairman chairperson chairwoman chancellor chief co-chair co-founder
    columnist commander commissioner congressman congresswoman consul consultant
    contributor coo coordinator correspondent councillor councilman councilwoman counsel
    counselor cto dean delegate deputy diplomat director economist editor emperor
    employee envoy executive expert fellow founder general governor head host
    journalist judge justice king lawmaker lawyer leader legislator lobbyist manager
    member minister monarch negotiator officer official operative organizer owner
    partner pollster premier president producer professor prosecutor publisher queen
    reporter representative researcher scholar scientist secretary senator speaker
    spokesman spokesperson spokeswoman staffer strategist student superintendent
    treasurer trustee vice-chair vice-chairman vice-president writer
    """.split()
)
