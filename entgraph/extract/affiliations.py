"""Affiliations: person -> organization or country, with the role text.

Being built (issue 9); until then no affiliation is extracted.

Two steps, so that affiliations can also serve as typing evidence:
:func:`find_affiliation_cues` reads the parse before entity types are decided (the
mention typer counts a cue's person side as PERSON and its organization side as ORG),
then :func:`extract_affiliations` maps the cues onto the final mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import Affiliation, Mention
from .sentences import SentenceIndex

__all__ = ["AffiliationCue", "extract_affiliations", "find_affiliation_cues"]


@dataclass(frozen=True, slots=True)
class AffiliationCue:
    """A stated link between a person span and an organization span (char offsets)."""

    person_start: int
    person_end: int
    org_start: int
    org_end: int
    role: str


def find_affiliation_cues(doc: Doc) -> tuple[AffiliationCue, ...]:
    """Affiliation patterns in ``doc`` ("X, a senior fellow at Y", "Y spokesman X")."""
    return ()


def extract_affiliations(
    index: SentenceIndex, mentions: tuple[Mention, ...], cues: tuple[AffiliationCue, ...]
) -> tuple[Affiliation, ...]:
    """The affiliations of ``cues`` whose two sides are entity ``mentions``."""
    return ()
