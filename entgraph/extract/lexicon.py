"""Word lists that are linguistic cues, shared by the extractors.

These are closed classes of English words (speech verbs, titles, role nouns), not
knowledge about particular entities. Forms are lower-case surface forms, not lemmas:
the pipeline runs without the lemmatizer, so inflections are listed.
"""

from __future__ import annotations

__all__ = ["PERSON_TITLES", "ROLE_NOUNS", "SPEECH_VERBS", "inflections"]


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


# Reporting verbs (after the lists used by textacy and rsyntax for quote attribution).
SPEECH_VERBS = inflections(
    """
    accuse acknowledge add admit affirm agree allege announce argue ask assert
    blame boast caution charge cite claim comment complain concede conclude confirm
    contend counter declare deny describe disclose dismiss dispute emphasize estimate
    explain indicate inform insist mention note object observe point predict
    promise question recall reckon recount reiterate remark remind reply report respond
    reveal shout state stress suggest testify urge vow warn whisper
    """
) | frozenset(
    """
    say says said saying tell tells told telling write writes wrote written writing
    speak speaks spoke spoken speaking think thinks thought
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

# Nouns naming a person's role in an organization ("a senior fellow at X").
ROLE_NOUNS = frozenset(
    """
    aide adviser advisor analyst ambassador anchor associate attorney author chair
    chairman chairwoman chief ceo cfo coo cto commander commissioner correspondent
    councillor councilman councilwoman counsel co-founder deputy diplomat director
    economist editor envoy executive expert fellow founder governor head investor
    journalist lawmaker lawyer leader manager member minister negotiator officer
    official owner partner president professor prosecutor reporter representative
    researcher scholar scientist secretary senator
    spokesman spokeswoman spokesperson strategist student treasurer vice-president
    """.split()
)
