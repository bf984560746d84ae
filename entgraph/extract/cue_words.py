"""Nouns whose company shows what a name next to them is: typing cues.

Closed sets of English nouns, not knowledge of entities. No library says which nouns
take an organization as their modifier ("Acme shares") and which a product ("Acme
software"), so they are listed here; each set is small and reads as grammar.
"""

from __future__ import annotations

__all__ = ["MEMBER_NOUNS", "PERSON_MODIFIED_NOUNS", "PRODUCT_NOUNS", "STAKE_NOUNS"]

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
    camera cameras
    """.split()
)

#: Nouns that hold a stake in an organization ("shares in Acme", "a stake in Acme").
STAKE_NOUNS = frozenset("shares stake stakes holding holdings investment share".split())
