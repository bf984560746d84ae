"""Nouns whose company shows what a name next to them is: typing cues.

Closed sets of English nouns, not knowledge of entities. No library says which nouns
take an organization as their modifier ("Acme shares") and which a product ("Acme
software"), so they are listed here; each set is small and reads as grammar.
"""

from __future__ import annotations

__all__ = [
    "EVENT_HEADS",
    "MEMBER_NOUNS",
    "NAMING_VERBS",
    "ORG_KINDS",
    "PERSON_MODIFIED_NOUNS",
    "PRODUCT_NOUNS",
    "PRODUCT_PREP_HEADS",
    "PRODUCT_VERBS",
    "STAKE_NOUNS",
    "WORK_KINDS",
    "WORK_NOUNS",
    "WORK_PARTICIPLES",
    "WORK_PREP_HEADS",
    "WORK_SUFFIXES",
]

#: Nouns that an organization's name modifies: its members, staff, parts, money and
#: teams ("Acme MPs", "Acme shares", "Acme chief executive", "Acme striker").
MEMBER_NOUNS = frozenset(
    """
    mp mps member members leader leaders leadership activists candidate candidates
    councillor councillors peer peers backbencher backbenchers frontbench frontbencher
    manifesto conference policy policies
    chief executive executives boss bosses chairman chairwoman director directors board
    shares shareholders share stock investors profits profit revenue revenues sales
    earnings results staff employees workers customers subscribers users stores
    branches plant factory factories brand division subsidiary unit headquarters
    striker strikers midfielder midfielders defender defenders goalkeeper keeper winger
    forward captain manager coach squad team players player fans supporters
    officials official reporter reporters correspondent correspondents journalist
    journalists editor editors
    """.split()
)

#: Nouns a person's name modifies ("the Doe administration", "a Doe aide").
PERSON_MODIFIED_NOUNS = frozenset(
    """
    administration aide aides camp allies ally era presidency premiership regime
    biography memoir family wife husband son daughter brother sister
    """.split()
)

#: Nouns naming products and works that a brand or title modifies ("Acme software").
PRODUCT_NOUNS = frozenset(
    """
    software browser browsers console consoles handset handsets phone phones smartphone
    device devices gadget chip chips processor laptop laptops computer computers tablet
    camera cameras program programs programme programmes application applications
    technology virus viruses worm worms
    """.split()
)

#: Nouns that hold a stake in an organization ("shares in Acme", "a stake in Acme").
STAKE_NOUNS = frozenset("shares stake stakes holding holdings investment share".split())

#: Nouns a work, an award or a competition modifies ("X nominations", "the X final",
#: "the X soundtrack", "the third X film", "X qualification", "X champions"): no person
#: or organization is written so, but for a film's director or studio, whose other
#: cues outweigh these.
WORK_NOUNS = frozenset(
    """
    nomination nominations nominee nominees ceremony ceremonies statuette statuettes
    award awards trophy trophies final finals semi quarter sequel prequel soundtrack
    screenplay premiere trailer franchise
    film films movie movies book books novel novels episode episodes
    qualification qualifier qualifiers knockout title titles champion champions
    """.split()
)

#: Words after a hyphen that make the name before them an award ("X-winning actor").
WORK_SUFFIXES = frozenset("winning winner winners nominated nominee nominees".split())

#: Nouns naming a kind of product, work or event, written just before its name ("the
#: film X", "the browser X", "period drama X").
WORK_KINDS = frozenset(
    """
    film films movie movies drama comedy thriller documentary biopic musical sitcom
    series serial cartoon animation album single song hit book novel memoir opera ballet
    game console browser software program programs programme virus worm handset gadget
    chip processor system systems technology protocol
    award prize festival tournament competition contest exhibition
    """.split()
)

#: Nouns naming a kind of organization, written just before its name ("the firm X",
#: "rock band X", "search giant X", "league side X"). Role nouns of people
#: ("producer", "publisher") are left out: they title a person.
ORG_KINDS = frozenset(
    """
    band group firm company club side team outfit party airline carrier bank retailer
    carmaker automaker broadcaster channel network newspaper paper magazine tabloid
    agency label studio supermarket chain insurer lender giant maker manufacturer
    regulator watchdog union charity body consortium conglomerate brewer
    """.split()
)

#: Participles that make the name they follow a work ("X, starring Jane Doe", "X,
#: directed by Jane Doe").
WORK_PARTICIPLES = frozenset("starring directed co-starring".split())

#: Verbs that name the thing before them ("a system called X", "a firm dubbed X").
NAMING_VERBS = frozenset("called named dubbed titled entitled".split())

#: Verbs whose object is a product, an award or a competition ("launched the X", "won
#: an X"), as lemmas; their forms come from lemminflect.
PRODUCT_VERBS = frozenset("launch unveil download install upgrade win".split())

#: Words a product hangs on through "on" or "for" ("available on X", "games for X").
PRODUCT_PREP_HEADS = frozenset(
    """
    available playable released launched installed runs running run games game version
    versions
    """.split()
)

#: Words a work hangs on through "in" ("starred in X", "her role in X").
WORK_PREP_HEADS = frozenset(
    "starred starring stars star role roles appeared appears appearing cameo".split()
)

#: Head nouns that end the names of awards, competitions and shows ("Acme Awards", "Acme
#: Cup", "the Acme Open", "the Acme Motor Show", "the Acme Games"): events, not actors.
EVENT_HEADS = frozenset(
    """
    award awards cup prize prizes trophy championship championships olympics festival
    marathon prix open show expo exhibition fair games lecture lectures
    """.split()
)
