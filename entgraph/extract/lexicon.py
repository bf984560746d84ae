"""Word lists that are linguistic cues, shared by the extractors.

These are closed classes of English words (speech verbs, titles, role nouns), not
knowledge about particular entities. Forms are lower-case surface forms, not lemmas:
the pipeline runs without the lemmatizer, so inflections are listed.
"""

from __future__ import annotations

__all__ = ["ORG_HEADS", "PERSON_TITLES", "ROLE_NOUNS", "SPEECH_VERBS", "inflections"]


def inflections(verbs: str) -> frozenset[str]:
    """Expand regular verbs to their -s, -ed and -ing forms.

    >>> sorted(inflections("warn"))
    ['warn', 'warned', 'warning', 'warns']
    """
    forms: set[str] = set()
    for verb in verbs.split():
        forms.add(verb)
        if verb.endswith("e"):
            forms.update({verb + "s", verb + "d", verb[:-1] + "ing"})
        elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
            forms.update({verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"})
        else:
            forms.update({verb + "s", verb + "ed", verb + "ing"})
    return frozenset(forms)


# Reporting verbs, as lower-case surface forms. The list follows textacy's reporting verbs
# (``_reporting_verbs`` in textacy.extract.triples, used by direct_quotations) and the
# members of VerbNet 3.4's say-37.7, tell-37.2, complain-37.8, advise-37.9 and
# declare-29.4 classes that report speech, plus the cognition verbs textacy keeps
# ("believe", "think"). Irregular and consonant-doubling forms are listed by hand.
SPEECH_VERBS = inflections(
    """
    accuse acknowledge add admit advise affirm agree allege announce answer argue ask
    assert assure believe blame boast brag caution charge cite claim comment complain
    concede conclude confide confirm contend counter criticize criticise declare
    decry deny describe disclose dismiss dispute emphasize emphasise estimate exclaim
    explain fear hint hope indicate inform insist joke maintain mention muse note
    notify object observe order plead point predict proclaim promise pronounce propose
    question recall reckon recommend recount reiterate relate remark remind repeat reply
    report respond retort reveal say scoff shout state stress suggest swear tell
    testify tweet urge venture vow warn whisper worry write
    """
) | frozenset(
    """
    said says saying told telling wrote written writing spoke spoken speak speaks
    speaking thought thinks thinking think swore sworn admitted admitting quipped quip
    quips stresses confesses confessed confess discusses reaffirmed reaffirms
    """.split()
)

# Honorifics, offices and ranks that introduce a person's name ("President X").
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam
    president vice prime minister chancellor premier senator sen rep representative
    congressman congresswoman gov governor mayor judge justice attorney general gen
    col colonel lt lieutenant capt captain sgt sergeant maj major adm admiral commander
    pope king queen prince princess sheikh emir rabbi rev reverend father bishop
    archbishop cardinal imam ayatollah ambassador secretary speaker chairman chairwoman
    chair ceo founder spokesman spokeswoman spokesperson aide adviser advisor
    commissioner director coach sheriff detective inspector officer
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

# Head nouns that end organization names ("... Council", "... University").
ORG_HEADS = frozenset(
    """
    academy administration agency alliance association authority bank board bureau
    caucus center centre church club
    coalition college commission committee company conference congress corporation
    corp council court department foundation front fund group guard house inc
    institute institution league ltd llc ministry movement network office organization
    organisation parliament party plc police school senate service society tribunal
    union university
    """.split()
)
