"""Affiliations: person -> organization or country, with the role text.

Two steps, so that affiliations can also serve as typing evidence:
:func:`find_affiliation_cues` reads the parse before entity types are decided (the
mention typer counts a cue's person side as PERSON and its organization side as ORG),
then :func:`extract_affiliations` maps the cues onto the final mentions.

The patterns are syntactic, around a role noun or a verb of leading:

- appositive: "Jane Doe, a senior fellow at the Acme Institute" / "..., Acme's spokesman"
- pre-modifying title: "Acme spokesman Jane Doe", "Acme's chief aide Jane Doe",
  "Freedonian President Jane Doe" (a demonym names the country)
- "Jane Doe of the Acme Institute", "President Jane Doe of Freedonia"
- relative clause: "Jane Doe, who heads the Acme Institute" / "who is Acme's spokesman"

The small model's NER labels are unreliable (it often labels people ORG), so the person
side is accepted on its shape (a multi-word capitalized name) and the organization side
must be a named entity that is not also a person named in the document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import DEP, LOWER
from spacy.tokens import Doc, Span, Token

from ..records import Affiliation, Mention
from ..resolve.countries import lookup_country, lookup_place
from .lexicon import ORG_HEADS, PERSON_TITLES, ROLE_NOUNS
from .positions import word_positions
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


# Prepositions that attach a role to its organization ("a fellow at", "spokesman for").
_ORG_PREPS = frozenset({"at", "of", "for", "with", "from"})
# Dependencies of the words that pre-modify a role noun ("chief Acme spokesman").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Verbs of a relative clause that make the subject the head of the object.
_LEAD_VERBS = {
    "heads": "head",
    "headed": "head",
    "leads": "leader",
    "led": "leader",
    "runs": "head",
    "ran": "head",
    "chairs": "chair",
    "chaired": "chair",
    "directs": "director",
    "directed": "director",
    "founded": "founder",
    "co-founded": "co-founder",
    "manages": "manager",
    "managed": "manager",
}
# "who is Acme's spokesman", "who serves as a fellow at Acme".
_LINK_VERBS = frozenset({"is", "was", "serves", "served", "became", "becomes"})
# A common noun between the organization and the role makes the organization the owner
# of a group, not the employer: "the Doe campaign manager" is not Doe's employee.
_GROUP_NOUNS = frozenset(
    """
    administration allies camp campaign circle dynasty estate family friends
    household team transition
    """.split()
)
# Portfolios in "secretary of state" belong to the role, not an organization; so do
# the words of "Press Secretary" or "Defense Secretary" that the model calls names.
_PORTFOLIOS = frozenset(
    """
    affairs agriculture commerce communications defense defence economic education
    energy finance foreign health homeland housing intelligence interior justice labor
    labour national policy press security state staff trade transportation treasury
    veterans war
    """.split()
)
# Roles named after a beat, not an employer: "the Capitol correspondent" covers it.
_BEAT_ROLES = frozenset({"correspondent"})
# Roles that tie a person to a country's state. With other roles a demonym only gives
# nationality: "the Freedonian ambassador" works for Freedonia, "a Freedonian lawyer"
# need not.
_STATE_ROLES = frozenset(
    """
    adm admiral adviser advisor agent aide ambassador attorney chancellor chief col
    colonel commander congressman congresswoman consul counsel delegate deputy diplomat
    emperor envoy gen general gov governor head judge justice king lawmaker leader
    legislator lt lieutenant minister monarch negotiator officer official premier
    president prosecutor queen rep representative ruler sec secretary sen senator
    spokesman spokesperson spokeswoman vice-president
    """.split()
)
# Abbreviated titles, written out in the role text.
_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "adm": "admiral",
    "amb": "ambassador",
    "sec": "secretary",
    "asst": "assistant",
}
_ORG_SIDE_LABELS = frozenset({"ORG", "GPE", "NORP"})
_PERSON_SIDE_LABELS = frozenset({"PERSON", "ORG"})
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]*\.|[A-Z][\w'’.-]*[a-z][\w'’.-]*)$")
# A name holds no double quote or dash: "Acme Prize” For Acme" is a run-on title.
_QUOTES_AND_DASHES = '"“”«»—–'
# Words of time or tenure that open a role, capitalized at the start of a sentence:
# "Former Acme chairman Jane Doe".
_TENURE_WORDS = frozenset(
    "acting current ex ex- former incoming interim late longtime new outgoing retired then".split()
)
_DROP_ROLE = frozenset({"a", "an", "the", "'s", "’s", "'", "’"})
_ROLE_WORDS = ROLE_NOUNS | frozenset(_ABBREVIATIONS)
_OF = frozenset({"of"})
_RELATIVE_CLAUSE = frozenset({"relcl"})


def _word(token: Token) -> str:
    return str(token.lower_).rstrip(".")


def _capitalized(token: Token) -> bool:
    # Not ``is_title``: "McDoe" and "DeDoe" are names too.
    return bool(token.text[:1].isupper())


def _is_role_word(token: Token) -> bool:
    return _word(token) in _ROLE_WORDS


def _is_role(token: Token) -> bool:
    """A role noun, singular: "spokesman", "Director", "Sen.".

    Words inside an organization's or a country's name do not count.
    """
    # A title swallowed into a person's entity ("President Jane Doe") still counts.
    return _is_role_word(token) and token.ent_type_ in ("", "PERSON")


def looks_like_person_name(text: str) -> bool:
    """Two to four capitalized words, none an organization head noun or a title.

    >>> looks_like_person_name("Jane Q. Doe"), looks_like_person_name("Acme Council")
    (True, False)
    >>> looks_like_person_name("ACME"), looks_like_person_name("Doe")
    (False, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return False
    lowered = [w.lower().rstrip(".") for w in words]
    if any(w in ORG_HEADS or w in PERSON_TITLES or w in ROLE_NOUNS for w in lowered):
        return False
    return lookup_country(text, allow_codes=False) is None


def _ent_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _trim(span: Span) -> Span:
    """Drop a leading article and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _DROP_ROLE or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in _DROP_ROLE or doc[end - 1].is_punct):
        end -= 1
    return Span(doc, start, end, label=span.label_)


def _person_span(token: Token) -> Span | None:
    """The name ending at ``token`` when it names a person by its shape or NER label.

    Titles and role words inside the entity span ("President Jane Doe") are cut off.
    """
    ent = _ent_of(token)
    doc = token.doc
    if ent is not None:
        if ent.label_ not in _PERSON_SIDE_LABELS:
            return None
        start, end, label = ent.start, ent.end, ent.label_
    else:
        start, end, label = token.i, token.i + 1, ""
        while start > 0 and doc[start - 1].dep_ == "compound" and _capitalized(doc[start - 1]):
            start -= 1
    while start < token.i and (_word(doc[start]) in PERSON_TITLES or _is_role(doc[start])):
        start += 1
    span = _trim(doc[start:end])
    if len(span) == 0:
        return None
    text = span.text
    if label == "PERSON" and (len(span) == 1 or looks_like_person_name(text)):
        return span if _capitalized(span[0]) else None
    return span if looks_like_person_name(text) else None


def _people_words(doc: Doc) -> frozenset[str]:
    """Words the document uses as people's names: "doe" after "Jane Doe" or a lone "Doe"
    labelled PERSON. An organization side made of them is a person ("the Doe aide")."""
    people = set()
    for ent in doc.ents:
        span = _trim(ent)
        if ent.label_ != "PERSON" or len(span) == 0:
            continue
        if len(span) == 1 and span.text.isalpha() and _capitalized(span[0]):
            people.add(span[0].lower_)
        elif looks_like_person_name(span.text):
            people.add(span[-1].lower_)
    return frozenset(people)


def _org_entity(token: Token, people: frozenset[str], *, title: bool = False) -> Span | None:
    """The organization or country entity ``token`` belongs to, if any.

    A country must be known by name or demonym; an organization must be capitalized
    and must not be a person of the document ("the Doe spokesman" after "Jane Doe").
    """
    ent = _ent_of(token)
    if ent is None or ent.label_ not in _ORG_SIDE_LABELS:
        return None
    span = _trim(ent)
    if len(span) == 0 or not _well_formed(span):
        return None
    if title and (span[-1].lower_ in _PORTFOLIOS or _is_role_word(span[-1])):
        # "Acme News National Security editor", "Acme Executive Chairman": the model ran
        # the name into the beat or the title.
        return None
    if ent.label_ != "ORG":
        return span if _country(span.text) else None
    if len(span) <= 2 and any(t.lower_ in people for t in span):
        return None
    return span


def _well_formed(span: Span) -> bool:
    """Not a name the model cut or ran on.

    Rejects "the white supremacist group", "the Acme Patriarchate of", "Press"
    (Secretary), "Acme Executive" (Chairman), a quoted title, and "Services
    Administration" cut from "General Services Administration".
    """
    if span[-1].is_lower or not any(_capitalized(t) for t in span):
        return False
    if all(t.lower_ in _PORTFOLIOS for t in span):
        return False
    if any(ch in span.text for ch in _QUOTES_AND_DASHES):
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return not (
        before is not None
        and _capitalized(before)
        and before.dep_ in _MODIFIER_DEPS
        and span.start <= before.head.i < span.end
    )


def _country(text: str) -> bool:
    """A country named without a code ("S.C." is a state, not the Seychelles), and not
    also a place elsewhere (a US state named like a country)."""
    country = lookup_country(text, allow_codes=False)
    place = lookup_place(text)
    return country is not None and (place is None or place == country.code)


def _org_in_noun(token: Token, people: frozenset[str]) -> Span | None:
    """The entity a noun phrase names: itself, or its name modifier ("the Acme think tank")."""
    found = _org_entity(token, people)
    if found is not None or token.ent_type_ or token.lower_ in _GROUP_NOUNS:
        return found
    for child in reversed([c for c in token.children if c.i < token.i]):
        found = _org_entity(child, people) if child.dep_ in _MODIFIER_DEPS else None
        if found is not None:
            return found
    return None


def _of_suffix(role: Token) -> Token | None:
    """The portfolio of "secretary of state", "chief of staff", "professor of law"."""
    for prep in role.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if len(objects) == 1 and not list(objects[0].children):
                obj = objects[0]
                if obj.is_lower or obj.lower_ in _PORTFOLIOS:
                    return obj
    return None


def _modifiers(token: Token) -> list[Token]:
    """The words before ``token`` that modify it, recursively ("foreign policy aide").

    A word hyphenated to a name is left out with it: "Acme Prize-winning".
    """
    out = []
    for child in token.children:
        modifies = child.i < token.i and child.dep_ in _MODIFIER_DEPS | {"advmod"}
        if modifies and not _hyphenated_to_name(child):
            out += [*_modifiers(child), child]
    return sorted(out, key=lambda t: t.i)


def _hyphenated_to_name(token: Token) -> bool:
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and bool(doc[token.i - 2].ent_type_)


def _role_words(role: Token) -> list[Token]:
    """The modifiers that run up to the role noun; names inside the run are skipped.

    A lower-case role takes lower-case words only: "a Springfield member" -> "member".
    """
    modifiers = {t.i for t in _modifiers(role)}
    words = []
    for token in reversed(role.doc[role.sent.start : role.i]):
        if token.ent_type_ or (token.is_punct and not token.whitespace_):
            continue  # a name, or the dot of "Lt." and the hyphen of "far-right"
        lower = token.is_lower or (token.is_sent_start and token.lower_ in _TENURE_WORDS)
        if token.i not in modifiers or (role.is_lower and not lower):
            break
        words.append(token)
    return [*reversed(words), role]


def _role_text(role: Token) -> str:
    """The role as written, lower-case: "chief spokesman", "secretary of state"."""
    text = [_ABBREVIATIONS.get(_word(t), t.lower_) for t in _role_words(role) if not t.is_punct]
    suffix = _of_suffix(role)
    if suffix is not None:
        text += ["of", suffix.lower_]
    return " ".join(text)


def _org_of_role(role: Token, people: frozenset[str], *, title: bool) -> Span | None:
    """The organization a role noun is attached to.

    Prepositions do not count in a ``title`` that pre-modifies the name: there "of"
    belongs to the title ("Secretary of State Jane Doe").
    """
    children = list(role.children)
    if any(c.dep_ in _MODIFIER_DEPS and c.lower_ in _GROUP_NOUNS for c in children):
        return None  # "the Doe campaign manager"
    if not title:
        for prep in children:
            if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lower_ not in _PORTFOLIOS:
                        found = _org_in_noun(obj, people)
                        if found is not None:
                            return found
    for child in children:
        if child.dep_ == "poss":
            return _org_entity(child, people)
    if role.lower_ in _BEAT_ROLES:
        return None
    return _modifier_org(role, children, people)


def _modifier_org(role: Token, candidates: list[Token], people: frozenset[str]) -> Span | None:
    """The organization named among the words right before the role ("chief Acme
    spokesman"), not across other words ("Acme - Sen.", "the Acme campaign manager")."""
    run = {t.i for t in _role_words(role)}
    for child in sorted(candidates, key=lambda c: -c.i):
        if child.i < role.i and child.dep_ in _MODIFIER_DEPS:
            found = _org_entity(child, people, title=True)
            if found is None:
                continue
            if all(t.i in run or t.ent_type_ for t in role.doc[found.end : role.i]):
                return found
    return None


def _cue(person: Span, org: Span, role: str) -> AffiliationCue:
    return AffiliationCue(
        person_start=person.start_char,
        person_end=person.end_char,
        org_start=org.start_char,
        org_end=org.end_char,
        role=role,
    )


def _role_cue(role: Token, name: Token, people: frozenset[str]) -> AffiliationCue | None:
    """The cue of a role noun linked to a name, or None."""
    person = _person_span(name)
    if person is None or person.start <= role.i < person.end:
        return None
    title = role.dep_ in _MODIFIER_DEPS and role.head.i == name.i
    if not title and not _adjacent(person, role):
        return None
    org = _org_of_role(role, people, title=title)
    if org is None and title:
        # "Acme Institute fellow Jane Doe" parsed with both words modifying the name
        org = _modifier_org(role, list(name.children), people)
    if org is None or org.start <= name.i < org.end or not _fits(org, role):
        return None
    return _cue(person, org, _role_text(role))


def _adjacent(person: Span, role: Token) -> bool:
    """No other name between a name and its appositive: in "a note to Doe, Roe, head of
    X" the parser may hang the role on the wrong name.

    Commas, lower-case words, parentheses ("Doe (R-Ohio), chairman of X") and other
    role appositives ("Doe, founder of X, a Y member") may come between.
    """
    doc = person.doc
    if role.i > person.start:
        gap = doc[person.end : role.left_edge.i]
    else:
        last = max(t.i for t in role.subtree if not person.start <= t.i < person.end)
        gap = doc[last + 1 : person.start]
    depth = 0
    for token in gap:
        depth += (token.text == "(") - (token.text == ")")
        if depth == 0 and _capitalized(token) and not _in_role_appositive(token, person):
            return False
    return True


def _in_role_appositive(token: Token, person: Span) -> bool:
    return any(
        a.dep_ == "appos" and a.is_lower and person.start <= a.head.i < person.end
        for a in [token, *token.ancestors]
    )


def _fits(org: Span, role: Token) -> bool:
    """Organizations take any role; a country only the roles of its state."""
    return org.label_ == "ORG" or _word(role) in _STATE_ROLES


def _names_of_role(role: Token) -> list[Token]:
    """Name tokens a role noun describes: its head or its appositive."""
    names = []
    head = role.head
    if role.dep_ == "appos" or (role.dep_ in _MODIFIER_DEPS and role.i < head.i):
        names.append(head)
    names += [c for c in role.children if c.dep_ == "appos" and c.i > role.i]
    return [n for n in names if _capitalized(n) and n is not role]


def _role_cues(doc: Doc, people: frozenset[str]) -> list[AffiliationCue]:
    cues = []
    strings = doc.vocab.strings
    # The words first, as strings: a Token is made only for a role word.
    for i, lower in enumerate(doc.to_array(LOWER).tolist() if len(doc) else []):
        if str(strings[lower]).rstrip(".") not in _ROLE_WORDS:
            continue
        token = doc[i]
        if _is_role(token):
            for name in _names_of_role(token):
                cue = _role_cue(token, name, people)
                if cue is not None:
                    cues.append(cue)
    return cues


def _title_of(name: Token) -> Token | None:
    """The role noun of the title before a name: "Minister" in "Prime Minister Doe"."""
    for child in name.children:
        if child.i < name.i and child.dep_ in _MODIFIER_DEPS and _is_role(child):
            return child
    return None


def _of_cues(doc: Doc, people: frozenset[str]) -> list[AffiliationCue]:
    """ "Jane Doe of the Acme Institute", "President Jane Doe of Freedonia"."""
    cues = []
    for i in word_positions(doc, LOWER, _OF):
        prep = doc[i]
        if prep.dep_ != "prep" or not _capitalized(prep.head):
            continue
        # Without a role word the shape of a name is not enough ("the Acme Lions of
        # the Acme League"): the model must have called it a person.
        person = _person_span(prep.head) if prep.head.ent_type_ == "PERSON" else None
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if person is None or len(objects) != 1:
            continue
        org = _org_entity(objects[0], people)
        title = _title_of(prep.head)
        if org is None or (org.label_ != "ORG" and (title is None or not _fits(org, title))):
            continue  # "Jane Doe of Freedonia" gives a home, not an office
        cues.append(_cue(person, org, _role_text(title) if title is not None else ""))
    return cues


def _clause_cue(verb: Token, person: Span, people: frozenset[str]) -> AffiliationCue | None:
    """ "who heads X" -> head of X; "who is X's spokesman" -> as the appositive would."""
    word = verb.lower_
    if word in _LEAD_VERBS:
        for obj in verb.children:
            if obj.dep_ == "dobj":
                org = _org_entity(obj, people)
                if org is not None:
                    return _cue(person, org, _LEAD_VERBS[word])
    if word in _LINK_VERBS:
        for child in verb.children:
            roles = [child] if child.dep_ == "attr" else []
            if child.dep_ == "prep" and child.lower_ == "as":
                roles = [c for c in child.children if c.dep_ == "pobj"]
            for role in roles:
                if _is_role(role):
                    org = _org_of_role(role, people, title=False)
                    if org is not None and _fits(org, role):
                        return _cue(person, org, _role_text(role))
    return None


def _relative_cues(doc: Doc, people: frozenset[str]) -> list[AffiliationCue]:
    cues = []
    for i in word_positions(doc, DEP, _RELATIVE_CLAUSE):
        verb = doc[i]
        if not _capitalized(verb.head):
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children):
            continue
        person = _person_span(verb.head)
        cue = _clause_cue(verb, person, people) if person is not None else None
        if cue is not None:
            cues.append(cue)
    return cues


def find_affiliation_cues(doc: Doc) -> tuple[AffiliationCue, ...]:
    """Affiliation patterns in ``doc`` ("X, a senior fellow at Y", "Y spokesman X").

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["Acme", "spokesman", "Jane", "Doe", "left"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 3, 3, 4, 4],
    ...           deps=["compound", "compound", "compound", "nsubj", "ROOT"],
    ...           ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O"])
    >>> [(doc.text[c.person_start:c.person_end], doc.text[c.org_start:c.org_end], c.role)
    ...  for c in find_affiliation_cues(doc)]
    [('Jane Doe', 'Acme', 'spokesman')]
    """
    people = _people_words(doc)
    found = _role_cues(doc, people) + _of_cues(doc, people) + _relative_cues(doc, people)
    return tuple(dict.fromkeys(sorted(found, key=lambda c: (c.person_start, c.org_start))))


def _overlap(mention: Mention, start: int, end: int) -> int:
    return max(0, min(mention.end, end) - max(mention.start, start))


def _best(mentions: tuple[Mention, ...], start: int, end: int) -> Mention | None:
    scored = [(_overlap(m, start, end), m) for m in mentions]
    best = max(scored, key=lambda item: item[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def _is_person(mention: Mention) -> bool:
    # The model calls some people ORG and typing may not overrule it; the name's shape
    # still shows a person ("Jane Doe"), where "Acme Council" does not.
    return mention.type == "PERSON" or (
        mention.type == "ORG" and looks_like_person_name(mention.text)
    )


def extract_affiliations(
    index: SentenceIndex, mentions: tuple[Mention, ...], cues: tuple[AffiliationCue, ...]
) -> tuple[Affiliation, ...]:
    """The affiliations of ``cues`` whose two sides are entity ``mentions``.

    >>> from entgraph.records import Sentence
    >>> jane = Mention(13, 21, "Jane Doe", 0, 0, "PERSON", "PERSON", "person:jane doe", "")
    >>> acme = Mention(0, 4, "Acme", 0, 0, "ORG", "ORG", "org:acme", "Acme")
    >>> cue = AffiliationCue(13, 21, 0, 4, "spokesman")
    >>> extract_affiliations(SentenceIndex((Sentence(0, 26, 0),)), (acme, jane), (cue,))
    (Affiliation(person_key='person:jane doe', org_key='org:acme', role='spokesman', sentence=0),)
    """
    found = []
    # Mentions are in text order: each cue looks only at those that can overlap it,
    # not at every mention of the document (which cost the square of its length).
    starts = [m.start for m in mentions]
    longest = max((m.end - m.start for m in mentions), default=0)

    def near(start: int, end: int) -> tuple[Mention, ...]:
        lo = bisect.bisect_left(starts, start - longest)
        return mentions[lo : bisect.bisect_left(starts, end)]

    for cue in cues:
        person = _best(near(cue.person_start, cue.person_end), cue.person_start, cue.person_end)
        org = _best(near(cue.org_start, cue.org_end), cue.org_start, cue.org_end)
        if person is None or org is None or person.key == org.key:
            continue
        if not _is_person(person) or org.type not in ("ORG", "COUNTRY"):
            continue
        sentence = index.sentence_of(person.start)
        found.append(Affiliation(person.key, org.key, cue.role, sentence))
    return tuple(dict.fromkeys(found))
