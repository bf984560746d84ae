"""Lists of names: typing evidence that an item's siblings give it.

A line-up, a cast or a roll call enumerates names of one kind ("Doe, Roe (Poe 72), J
Bloggs; ..."), and the small model tags such items unevenly: PERSON, GPE, ORG, a span
across two items, or nothing. This module finds *runs* of capitalized items separated
only by list marks (``,`` ``;`` ``:`` "and", brackets, numbers), in one sentence or in
consecutive sentences that are nothing but such a list. A run is a list of people when
it has three names or more, at least three of them show a person (the model's PERSON
label on the item, an initial before a surname, a surname the text names in full
elsewhere), one at least by its shape rather than the label alone, and they outnumber
twice the items that show something else (a country or place of the gazetteers, an
acronym, an organization's head noun): "France, Italy and Spain" never is. Its items,
but for countries, acronyms, organizations' names and names of several words the model
calls ORG, then get ``cue:list_person``; how much that weighs is decided in
:mod:`entgraph.resolve.typing`. Items the model missed or read across a list mark
become name spans of their own, with no model label; model spans inside an item are
widened to it when only initials are left out ("Doe" of "J Doe") or are joined ("Jane"
and "Doe" tagged apart).

Bracketed items ("(Poe 72)", "(Acmeland)") are a list of their own: a substitute with a
minute, or a team or country. They count as people when they are a list of people by
the same rule; in a list of people, those that are a name before a number are people
too, unless more than half of them show something else.

>>> import spacy
>>> from spacy.tokens import Doc
>>> words = ["Doe", ",", "Roe", ",", "Poe", ",", "Moe", ",", "J", "Bloggs", "."]
>>> doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[1] + [-1] * 10,
...           ents=["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O", "O", "O", "O",
...                 "B-PERSON", "O"])
>>> spans, listed = listed_names(doc, [(e, e.label_) for e in doc.ents])
>>> [(s.text, label) for s, label in spans if (s.start, s.end) in listed]
[('Doe', 'PERSON'), ('Roe', 'PERSON'), ('Poe', 'GPE'), ('Moe', ''), ('J Bloggs', 'PERSON')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..resolve.countries import lookup_country, lookup_place
from ..resolve.names import FUNCTION_WORDS, ORG_HEADS, given_name_gender

__all__ = ["listed_names"]

#: Tokens that separate the items of a list.
_MARKS = frozenset({",", ";", ":", ".", "&", "and", "/"})
_OPEN, _CLOSE = frozenset({"(", "["}), frozenset({")", "]"})
#: Marks inside one model span that show it read two items as one ("Doe, Roe").
_SPLITS = frozenset({",", ";", "(", ")", "[", "]"})
#: Particles inside names ("P de Doe", "J van der Doe").
_PARTICLES = FUNCTION_WORDS - {"of", "the", "and", "for", "on", "in", "at", "to", "&"}
#: Items showing a person must outnumber those showing something else this many times.
_PEOPLE_RATIO = 2
_MIN_PEOPLE = 3
_MIN_ITEMS = 3


@dataclass
class _Item:
    start: int
    end: int
    depth: int  # inside brackets or not
    bounded: bool = False  # list marks (or the list's edges) on both sides
    before_number: bool = False  # "Poe 72"
    heading: bool = False  # "Subs: Doe, Roe" names what follows


def _capitalized(token: Token) -> bool:
    """A word of a name: "Doe", "O'Doe", "McDoe", "J."."""
    text = token.text
    return text[:1].isupper() and all(ch.isalpha() or ch in "'’.-" for ch in text)


def _initial(token: Token) -> bool:
    """ "J" or "J." """
    text = token.text.rstrip(".")
    return len(text) == 1 and text.isupper() and len(token.text) <= 2


def _starts_item(token: Token) -> bool:
    if not _capitalized(token):
        return False
    # "The", "But" open sentences, not names; "A Doe" (an initial) does.
    return not token.is_stop or _initial(token)


def _continues_item(doc: Doc, i: int, end: int) -> bool:
    token = doc[i]
    if _capitalized(token):
        return True
    nxt = doc[i + 1] if i + 1 < end else None
    if token.lower_ in _PARTICLES and token.is_lower:
        return nxt is not None and _capitalized(nxt)  # "P de Doe"
    # "Lewis-Doe": a hyphen inside a word
    return (
        token.text == "-"
        and not doc[i - 1].whitespace_
        and not token.whitespace_
        and nxt is not None
        and _capitalized(nxt)
    )


def _separator(token: Token) -> bool:
    return token.lower_ in _MARKS or any(ch.isdigit() for ch in token.text)


def _sentence_runs(doc: Doc, start: int, end: int) -> tuple[list[list[_Item]], bool]:
    """Runs of items in ``doc[start:end]``; and whether the span is only a list."""
    runs: list[list[_Item]] = [[]]
    only_list = True
    depth = 0
    i = start
    last_kind = "edge"  # what stands before the current token: edge, mark or other
    while i < end:
        token = doc[i]
        if token.is_space:
            i += 1
            continue
        if token.text in _OPEN or token.text in _CLOSE:
            depth = max(0, depth + (1 if token.text in _OPEN else -1))
            last_kind = "mark"
            i += 1
            continue
        if _separator(token):
            if runs[-1] and any(ch.isdigit() for ch in token.text):
                item = runs[-1][-1]
                item.before_number = item.before_number or item.end == i
            last_kind = "mark"
            i += 1
            continue
        if _starts_item(token):
            j = i + 1
            while j < end and _continues_item(doc, j, end):
                j += 1
            item = _Item(i, j, depth)
            nxt = next((t for t in doc[j:end] if not t.is_space), None)
            after = nxt is None or _separator(nxt) or nxt.text in _OPEN or nxt.text in _CLOSE
            item.bounded = last_kind != "other" and after
            item.heading = nxt is not None and nxt.text == ":"
            runs[-1].append(item)
            last_kind = "item"
            i = j
            continue
        only_list = False
        if runs[-1]:
            runs.append([])
        last_kind = "other"
        i += 1
    return [run for run in runs if run], only_list


def _runs(doc: Doc) -> list[list[_Item]]:
    """The runs of ``doc``; consecutive sentences that are only a list are one run."""
    out: list[list[_Item]] = []
    joinable = False
    # A Doc without sentence boundaries (built by hand) is one sentence.
    sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sentence in sentences:
        runs, only_list = _sentence_runs(doc, sentence.start, sentence.end)
        if not runs:
            joinable = joinable and only_list
            continue
        if joinable and only_list and out:
            out[-1].extend(runs[0])
            out.extend(runs[1:])
        else:
            out.extend(runs)
        joinable = only_list
    return out


def _name_like(doc: Doc, item: _Item) -> bool:
    """An item that may be a name: no heading, a word of two letters, no stop word after
    its first."""
    words = doc[item.start : item.end]
    return (
        not item.heading
        and any(len(t.text.rstrip(".")) > 1 for t in words)
        and not any(t.is_stop and not _initial(t) for t in words[1:])
    )


def _person_shape(doc: Doc, item: _Item, people: dict[int, int], surnames: set[str]) -> bool:
    """An initial before a surname ("J Doe"), a given name before a surname that the
    model calls a person ("Jane Doe"; the given-name table alone would take "Acmeton
    Rovers" for one), or a surname the text gives in full elsewhere."""
    words = doc[item.start : item.end]
    if 2 <= len(words) <= 4 and len(words[-1].text) > 1 and not _initial(words[-1]):
        if _initial(words[0]):
            return True
        if given_name_gender(words[0].text) is not None and _labelled_person(item, people):
            return True
    return words[-1].text in surnames


def _labelled_person(item: _Item, people: dict[int, int]) -> bool:
    """The model calls the item (or its name part) a person."""
    # ``people`` maps a span's start to its end: an item costs its own length only.
    return any(people.get(i, item.end + 1) <= item.end for i in range(item.start, item.end))


def _unlike_name(doc: Doc, item: _Item) -> bool:
    """An acronym or an organization's head noun among the words: no person's name."""
    words = doc[item.start : item.end]
    return any(len(t.text) > 1 and t.is_upper and t.is_alpha for t in words) or any(
        t.lower_ in ORG_HEADS for t in words
    )


def _shows_other(doc: Doc, item: _Item) -> bool:
    text = doc[item.start : item.end].text
    return (
        lookup_country(text, allow_codes=False) is not None
        or lookup_place(text) is not None
        or _unlike_name(doc, item)
    )


def _people(doc: Doc, items: Sequence[_Item], people: dict[int, int], surnames: set[str]) -> bool:
    names = [item for item in items if _name_like(doc, item)]
    shaped = sum(_person_shape(doc, item, people, surnames) for item in names)
    persons = sum(
        _person_shape(doc, item, people, surnames) or _labelled_person(item, people)
        for item in names
    )
    others = sum(_shows_other(doc, item) for item in names)
    # The model's PERSON labels alone do not make a list of people ("browsers such as
    # Acme, Zedco"): one item at least must have a person's shape. "X and Y" is too
    # short a list to tell.
    return (
        len(names) >= _MIN_ITEMS
        and shaped >= 1
        and persons >= _MIN_PEOPLE
        and persons >= _PEOPLE_RATIO * others
    )


def listed_items(doc: Doc, spans: Sequence[tuple[Span, str]]) -> list[_Item]:
    """The items of ``doc`` that are names in a list of people."""
    people: dict[int, int] = {}
    for s, label in spans:
        if label == "PERSON" and _whole(s):
            people[s.start] = min(s.end, people.get(s.start, s.end))
    surnames = {s[-1].text for s, label in spans if label == "PERSON" and len(s) > 1}
    found: list[_Item] = []
    for run in _runs(doc):
        outer = [item for item in run if item.depth == 0]
        inner = [item for item in run if item.depth > 0]
        outer_people = _people(doc, outer, people, surnames)
        if outer_people:
            found.extend(outer)
        if _people(doc, inner, people, surnames):
            found.extend(inner)
            continue
        # "(Poe 72)": a substitute and his minute, in a line-up.
        timed = [item for item in inner if item.before_number]
        if (
            outer_people
            and timed
            and _PEOPLE_RATIO * sum(_shows_other(doc, item) for item in timed) <= len(timed)
        ):
            found.extend(timed)
    # Countries, acronyms and organizations' names stay what they are; a town's name
    # may be a surname ("Jane Acmeton"), so those items are people's.
    return [
        item
        for item in found
        if _name_like(doc, item)
        and not _unlike_name(doc, item)
        and lookup_country(doc[item.start : item.end].text, allow_codes=False) is None
    ]


def _whole(span: Span) -> bool:
    """A model span within one item: no list mark inside."""
    return not any(t.text in _SPLITS for t in span)


def listed_names(
    doc: Doc, spans: Sequence[tuple[Span, str]]
) -> tuple[list[tuple[Span, str]], set[tuple[int, int]]]:
    """``spans`` (model spans with their labels) revised by the lists of people in
    ``doc``, and the token ranges of the spans that are items of such lists.

    Returned spans are sorted by start. A new span's label is ``""``: the model gave none.
    """
    items = listed_items(doc, spans)
    if not items:
        return list(spans), set()
    out: list[tuple[Span, str]] = []
    listed: set[tuple[int, int]] = set()
    covered: set[int] = set()
    by_start = sorted(items, key=lambda item: item.start)
    parts: dict[int, list[tuple[Span, str]]] = {}  # model spans inside one item
    # Token -> its item, so each span finds its items in its own length.
    item_at = {i: item for item in by_start for i in range(item.start, item.end)}
    for span, label in spans:
        inside = list(
            {id(it): it for i in range(span.start, span.end) if (it := item_at.get(i))}.values()
        )
        if not inside:
            out.append((span, label))
        elif not _whole(span) or len(inside) > 1:
            # "Doe, Roe": a list the model read as one name; its items are names.
            for item in inside:
                if span.start <= item.start and item.end <= span.end:
                    out.append((doc[item.start : item.end], ""))
                    covered.add(item.start)
                    listed.add((item.start, item.end))
        elif inside[0].start <= span.start and span.end <= inside[0].end:
            parts.setdefault(inside[0].start, []).append((span, label))
        else:
            out.append((span, label))  # reaches out of its item: left as it is
    for item in by_start:
        if item.start in parts:
            out.extend(_item_spans(doc, item, parts[item.start], listed))
            covered.add(item.start)
    taken = {i for s, _ in out for i in range(s.start, s.end)}
    for item in by_start:
        if (
            item.start not in covered
            and item.bounded
            and taken.isdisjoint(range(item.start, item.end))
        ):
            out.append((doc[item.start : item.end], ""))
            listed.add((item.start, item.end))
    return sorted(out, key=lambda pair: pair[0].start), listed


def _item_spans(
    doc: Doc, item: _Item, parts: list[tuple[Span, str]], listed: set[tuple[int, int]]
) -> list[tuple[Span, str]]:
    """The model's spans inside one item, as the item's name: "Doe" of "J Doe" is "J
    Doe", and "Jane" and "Doe" tagged apart are "Jane Doe"."""
    taken = {i for span, _ in parts for i in range(span.start, span.end)}
    extra = [t for t in doc[item.start : item.end] if t.i not in taken]
    labels = {label for _, label in parts}
    if all(_initial(t) or t.lower_ in _PARTICLES for t in extra):
        label = labels.pop() if len(labels) == 1 else ""
        parts = [(doc[item.start : item.end], label)]
    for span, label in parts:
        # The model's ORG on a name of several words outweighs the siblings ("Acme
        # Motors" among drivers); on a lone surname it is often a slip.
        if not (label == "ORG" and len(span) > 1):
            listed.add((span.start, span.end))
    return parts
