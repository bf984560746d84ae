"""Synthetic news from fixed pools of names, and its records written straight into a cache.

Usage::

    python benchmarks/synthetic_news.py 200 corpus.jsonl [--cache cache.sqlite] [--seed 0]

The pools are fixed (400 people, 150 organizations, 60 countries), so however many
documents are generated the graph saturates: nodes stop growing, edges grow slowly, and
only the counts and the per-document records keep growing. That is what a scale
benchmark must measure: memory that grows with the corpus, not with the graph.

Document ``i`` depends only on the seed and ``i``, never on how many are generated, so
the first 2,000 of a 200,000-document corpus are the 2,000-document corpus.

Each document has 3-6 paragraphs of 1-4 sentences: sentences naming 2-4 entities,
affiliations ("Jane Roe, chief executive of the Acme Group, ..."), direct quotes
naming an entity (``"We will work with Acme," Roe said.``) and reported ones ("Roe
said Acmeland had ..."); a person is named in full first, then by surname.

Parsing 200,000 documents would take hours, so :func:`synthetic_document` also builds
the document's :class:`~entgraph.records.DocumentRecords` as extraction would: sentence
and mention offsets into the text, mentions grouped into local entities by entgraph's
own :func:`~entgraph.resolve.local.resolve_document` from name spans carrying the
model's label and the cues the parse would show (``cue:given_name``, ``cue:speaker``,
``cue:article``, ...), quotes with speaker and mention keys, affiliations.
:func:`write_corpus` writes the JSONL corpus and, with ``cache=``, stores the records
under the fingerprint ``entgraph build`` computes, so a build of that corpus with that
cache parses nothing.

The names are invented (syllables, and common English given names so that the model
and the given-name cue see people); countries come from pycountry.

>>> a = synthetic_document(7)
>>> a.text == synthetic_document(7).text and a.text != synthetic_document(8).text
True
>>> all(a.text[m.start : m.end] == m.text for m in a.records.mentions)
True
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from entgraph.cache import RecordCache, content_hash
from entgraph.records import Affiliation, DocumentRecords, Quote, Sentence
from entgraph.resolve.countries import is_territory
from entgraph.resolve.local import NameSpan, resolve_document

__all__ = [
    "Pools",
    "SyntheticDocument",
    "build_fingerprint",
    "pools",
    "synthetic_document",
    "synthetic_documents",
    "write_corpus",
]

# Common English given names (known to gender-guesser, as most people's names in news
# are), paired with invented surnames: no real person is meant.
GIVEN_NAMES = """
    James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David
    Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew
    Lisa Anthony Margaret Mark Sandra Paul Ashley Steven Emily Andrew Donna Kenneth
    Michelle Joshua Carol Kevin Amanda Brian Melissa George Deborah Edward Stephanie
    Ronald Rebecca Timothy Laura Jason Helen Jeffrey Sharon Ryan Cynthia Gary Kathleen
""".split()
# Invented syllables: 20 x 20 = 400 surnames, and 10 x 15 = 150 organization stems.
SURNAME_HEADS = """
    Vor Quil Dra Mel Tas Kor Bren Fal Zan Ol Ithe Wor Hask Pel Rov Sev Yal Trem Gosk Ub
""".split()
SURNAME_TAILS = """
    ington ard ecki ova mont sby ley strom ani quist dale wick enko azzi uel orth ide
    ashi elund ix
""".split()
ORG_HEADS = "Ka Ve Lo Tri Sa Mo Ne Zo Ar Ce".split()
ORG_TAILS = "stra lmont vix dora rran qua lith bex nor mira tec sune lano vant rix".split()
# Head nouns of organizations' names; those in entgraph's lexicon give ``cue:org_head``.
ORG_KINDS = (
    ("Group", True), ("Holdings", False), ("Bank", True), ("Council", True),
    ("Institute", True), ("Party", True), ("Union", True), ("Foundation", True),
    ("Airlines", False), ("Energy", False), ("Motors", False), ("Systems", False),
    ("Capital", False), ("Agency", True), ("Association", True),
)  # fmt: skip
PEOPLE, ORGANIZATIONS, COUNTRIES = 400, 150, 60
#: Part of the name of a store of generated documents (see :func:`payload_version`).
GENERATOR_VERSION = "2"  # 2: each document tells one of STORIES stories

DAYS = "Monday Tuesday Wednesday Thursday Friday".split()
TOPICS = ["trade", "energy prices", "the budget", "new rules", "a merger", "tariffs"]
ROLES = ("chief executive", "chairman", "director", "president", "spokeswoman", "head")


@dataclass(frozen=True)
class Person:
    given: str
    surname: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass(frozen=True)
class Organization:
    name: str
    article: bool  # written "the X"
    head_cue: bool  # its head noun is in entgraph's lexicon of organization heads


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str


@dataclass(frozen=True)
class Pools:
    people: tuple[Person, ...]
    organizations: tuple[Organization, ...]
    countries: tuple[Country, ...]


@cache
def pools(seed: int = 0) -> Pools:
    """The fixed pools of names for ``seed``.

    >>> p = pools()
    >>> len(p.people), len(p.organizations), len(p.countries)
    (400, 150, 60)
    """
    import pycountry

    rng = random.Random(f"entgraph-synthetic-pools:{seed}")
    surnames = [h + t for h in SURNAME_HEADS for t in SURNAME_TAILS]
    rng.shuffle(surnames)
    people = tuple(Person(rng.choice(GIVEN_NAMES), s) for s in surnames[:PEOPLE])
    stems = [h + t for h in ORG_HEADS for t in ORG_TAILS]
    rng.shuffle(stems)
    organizations = []
    for stem in stems[:ORGANIZATIONS]:
        kind, head_cue = rng.choice(ORG_KINDS)
        organizations.append(Organization(f"{stem} {kind}", rng.random() < 0.5, head_cue))
    # Sovereign countries whose short name is one or two plain words ("France", "South
    # Africa"); a territory ("Bermuda") is a place, no country node.
    simple = sorted(
        (c.name, c.alpha_3)
        for c in pycountry.countries
        if all(w.isalpha() and w[0].isupper() for w in c.name.split())
        and len(c.name.split()) <= 2
        and not is_territory(c.alpha_3)
    )
    countries = tuple(Country(n, c) for n, c in rng.sample(simple, COUNTRIES))
    return Pools(people, tuple(organizations), countries)


@cache
def _weights(n: int) -> list[float]:
    # A few entities are in most of the news (a Zipf-like law), most in a little of it.
    cumulative, total = [], 0.0
    for rank in range(n):
        total += 1.0 / (rank + 1) ** 0.9
        cumulative.append(total)
    return cumulative


def _pick(rng: random.Random, items: tuple[object, ...], k: int) -> list[object]:
    chosen: dict[int, None] = {}
    weights = _weights(len(items))
    while len(chosen) < k:
        chosen.setdefault(id(rng.choices(items, cum_weights=weights)[0]), None)
        if len(chosen) < k and rng.random() < 0.05:
            break  # now and then a shorter cast
    by_id = {id(x): x for x in items}
    return [by_id[i] for i in chosen]


@dataclass
class _Name:
    start: int
    end: int
    label: str
    cues: Counter[str]
    country: str | None = None


@dataclass
class _Writer:
    """Text written piece by piece, with the spans and records of what it says."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    paragraph: int = 0
    sentence_start: int = 0
    sentences: list[Sentence] = field(default_factory=list)
    names: list[_Name] = field(default_factory=list)
    # (start, end, kind, speaker name index, names inside) of each quote.
    quotes: list[tuple[int, int, str, int, list[int]]] = field(default_factory=list)
    affiliations: list[tuple[int, int, str, int]] = field(default_factory=list)
    introduced: set[Person] = field(default_factory=set)

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def name(self, text: str, label: str, *cues: str, country: str | None = None) -> int:
        start = self.length
        self.write(text)
        self.names.append(_Name(start, self.length, label, Counter(cues), country))
        return len(self.names) - 1

    def person(self, rng: random.Random, person: Person, *cues: str) -> int:
        if person in self.introduced:
            # The model often calls a lone invented surname an organization.
            label = "ORG" if rng.random() < 0.3 else "PERSON"
            return self.name(person.surname, label, *cues)
        self.introduced.add(person)
        return self.name(person.name, "PERSON", "cue:given_name", *cues)

    def org(self, org: Organization, *cues: str, start: bool = False) -> int:
        found = [*cues]
        if org.article:
            self.write("The " if start else "the ")
            found.append("cue:article")
        if org.head_cue:
            found += ["cue:org_head", "cue:unlike_person"]
        return self.name(org.name, "ORG", *found)

    def country(self, country: Country, *cues: str) -> int:
        return self.name(country.name, "GPE", *cues, country=country.iso3)

    def end_sentence(self) -> None:
        self.sentences.append(Sentence(self.sentence_start, self.length, self.paragraph))
        self.write(" ")
        self.sentence_start = self.length

    def end_paragraph(self) -> None:
        self.parts[-1] = "\n\n"  # the space after the last sentence
        self.length += 1
        self.paragraph += 1
        self.sentence_start = self.length


@dataclass(frozen=True)
class _Cast:
    people: list[Person]
    organizations: list[Organization]
    countries: list[Country]


#: Stories the documents tell (see :func:`synthetic_document`).
STORIES = 120


@cache
def _story_cast(seed: int, story: int) -> _Cast:
    p = pools(seed)
    rng = random.Random(f"entgraph-synthetic-story:{seed}:{story}")
    return _Cast(
        people=_pick(rng, p.people, rng.randint(2, 5)),  # type: ignore[arg-type]
        organizations=_pick(rng, p.organizations, rng.randint(1, 3)),  # type: ignore[arg-type]
        countries=_pick(rng, p.countries, rng.randint(1, 3)),  # type: ignore[arg-type]
    )


def _co_mention(w: _Writer, rng: random.Random, cast: _Cast) -> None:
    p = rng.sample(cast.people, min(2, len(cast.people)))
    o = rng.sample(cast.organizations, min(2, len(cast.organizations)))
    c = rng.sample(cast.countries, min(2, len(cast.countries)))
    form = rng.randrange(6)
    if form == 0 and len(p) == 2:
        w.person(rng, p[0])
        w.write(" met ")
        w.person(rng, p[1])
        w.write(" in ")
        w.country(c[0], "cue:place_prep")
        w.write(f" on {rng.choice(DAYS)} to discuss {rng.choice(TOPICS)}.")
    elif form == 1 and len(o) == 2:
        w.write("Talks between ")
        w.org(o[0])
        w.write(" and ")
        w.org(o[1])
        w.write(" resumed in ")
        w.country(c[0], "cue:place_prep")
        w.write(" after a pause of several weeks.")
    elif form == 2:
        w.write("Shares in ")
        w.org(o[0], "cue:org_prep")
        w.write(" rose after ")
        w.person(rng, p[0])
        w.write(" praised its results.")
    elif form == 3 and len(c) == 2:
        w.person(rng, p[0])
        w.write(" flew to ")
        w.country(c[0])
        w.write(" and then to ")
        w.country(c[1])
        w.write(" for meetings with officials from ")
        w.org(o[0])
        w.write(".")
    elif form == 4 and len(c) == 2:
        w.write("The agreement between ")
        w.country(c[0])
        w.write(" and ")
        w.country(c[1])
        w.write(" was signed by ")
        w.person(rng, p[0])
        w.write(".")
    else:
        w.org(o[0], start=True)
        w.write(" has expanded in ")
        w.country(c[0], "cue:place_prep")
        w.write(f" since {rng.choice(DAYS)}.")
    w.end_sentence()


def _affiliation(w: _Writer, rng: random.Random, cast: _Cast) -> None:
    person = rng.choice(cast.people)
    role = rng.choice(ROLES)
    cues = ("cue:role_appos", "cue:affiliated_person")
    if person in w.introduced:  # an affiliation introduces a person
        person = next((p for p in cast.people if p not in w.introduced), person)
    p = w.person(rng, person, *cues)
    if rng.random() < 0.7:
        w.write(f", {role} of ")
        o = w.org(rng.choice(cast.organizations), "cue:affiliated_org")
    else:
        role = "foreign minister"
        w.write(", the foreign minister of ")
        o = w.country(rng.choice(cast.countries), "cue:affiliated_org")
    w.write(f", arrived on {rng.choice(DAYS)}.")
    w.affiliations.append((p, o, role, len(w.sentences)))
    w.end_sentence()


def _quote(w: _Writer, rng: random.Random, cast: _Cast) -> None:
    speaker = rng.choice(cast.people)
    if rng.random() < 0.6:
        w.write('"')
        start = w.length
        form = rng.randrange(3)
        if form == 0:
            w.write("We will keep working with ")
            named = [w.org(rng.choice(cast.organizations))]
            w.write(" on this,")
        elif form == 1:
            w.write("Nobody in ")
            named = [w.country(rng.choice(cast.countries), "cue:place_prep")]
            w.write(" wants this to fail,")
        else:
            named = [w.org(rng.choice(cast.organizations), start=True)]
            w.write(" has been a reliable partner for ")
            named.append(w.country(rng.choice(cast.countries)))
            w.write(",")
        end = w.length
        w.write('" ')
        s = w.person(rng, speaker, "cue:speaker")
        w.write(" said.")
        w.quotes.append((start, end, "direct", s, named))
    else:
        s = w.person(rng, speaker, "cue:speaker")
        w.write(" said ")
        start = w.length
        if rng.random() < 0.5:
            named = [w.org(rng.choice(cast.organizations))]
            w.write(" had broken its promises")
        else:
            named = [w.country(rng.choice(cast.countries))]
            w.write(" would raise its spending")
        end = w.length
        w.write(".")
        w.quotes.append((start, end, "reported", s, named))
    w.end_sentence()


def _filler(w: _Writer, rng: random.Random, cast: _Cast) -> None:
    w.write(rng.choice(("The figures were released early.", "Markets were little changed.",
                        "A decision is expected before the end of the year.")))  # fmt: skip
    w.end_sentence()


_SENTENCES = ((_co_mention, 5), (_affiliation, 1), (_quote, 2), (_filler, 1))


@dataclass(frozen=True)
class SyntheticDocument:
    """One generated article: its JSONL fields and the records extraction would make."""

    id: str
    title: str
    date: str
    text: str
    records: DocumentRecords

    def json_line(self) -> str:
        fields = {"id": self.id, "title": self.title, "date": self.date, "text": self.text}
        return json.dumps(fields, ensure_ascii=False)


def synthetic_document(i: int, seed: int = 0) -> SyntheticDocument:
    """Document number ``i`` (from 0) of the corpus of ``seed``."""
    rng = random.Random(f"entgraph-synthetic:{seed}:{i}")
    # Each document tells one of a fixed set of stories, with its cast: the pairs that
    # can be co-mentioned are finite too, so the graph (its edges, not only its nodes)
    # saturates and a warm rebuild's memory can be seen to stop growing.
    cast = _story_cast(seed, rng.randrange(STORIES))
    w = _Writer()
    makers = [m for m, _ in _SENTENCES]
    weights = [n for _, n in _SENTENCES]
    for _ in range(rng.randint(3, 6)):
        for make in rng.choices(makers, weights, k=rng.randint(1, 4)):
            make(w, rng, cast)
        w.end_paragraph()
    text = "".join(w.parts).rstrip()
    return SyntheticDocument(
        id=f"synthetic-{seed}-{i:07d}",
        title=f"{cast.people[0].name} and {cast.organizations[0].name}",
        date=f"{2020 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        text=text,
        records=_records(w, text, f"synthetic-{seed}-{i:07d}"),
    )


def _sentence_of(w: _Writer, offset: int) -> int:
    for n, s in enumerate(w.sentences):
        if s.start <= offset < s.end:
            return n
    raise ValueError(f"offset {offset} is in no sentence")


def _records(w: _Writer, text: str, doc_id: str) -> DocumentRecords:
    spans = []
    for name in w.names:
        n = _sentence_of(w, name.start)
        spans.append(
            NameSpan(name.start, name.end, text[name.start : name.end], n,
                     w.sentences[n].paragraph, name.label, name.cues, country=name.country)
        )  # fmt: skip
    mentions, entities = resolve_document(spans)
    key_at = {m.start: m.key for m in mentions}
    quotes = []
    for start, end, kind, speaker, named in w.quotes:
        s = w.names[speaker]
        n = _sentence_of(w, start)
        quotes.append(
            Quote(start, end, text[start:end], kind, "said", n, w.sentences[n].paragraph,
                  text[s.start : s.end], s.start, s.end, key_at[s.start],
                  tuple(key_at[w.names[k].start] for k in named))
        )  # fmt: skip
    affiliations = tuple(
        Affiliation(key_at[w.names[p].start], key_at[w.names[o].start], role, n)
        for p, o, role, n in w.affiliations
    )
    return DocumentRecords(
        document_id=doc_id,
        text=text,
        sentences=tuple(w.sentences),
        mentions=mentions,
        quotes=tuple(quotes),
        affiliations=affiliations,
        entities=entities,
    )


def synthetic_documents(n: int, seed: int = 0, start: int = 0) -> Iterator[SyntheticDocument]:
    """Documents ``start`` to ``start + n - 1``."""
    for i in range(start, start + n):
        yield synthetic_document(i, seed)


def build_fingerprint(model: str | None = None) -> str:
    """The cache fingerprint ``entgraph build`` uses for ``model`` without aliases.

    Computed as :func:`entgraph.build_graph` computes it; should a refactoring move
    that, a real build of one tiny document with a cache says it instead.
    """
    try:
        from entgraph.fingerprint import model_fingerprint
        from entgraph.nlp import default_model_name
        from entgraph.pipeline import ExtractionSettings

        name = model or default_model_name()
        settings = ExtractionSettings(model=name, aliases=None, batch_size=32)
        return settings.fingerprint(model_fingerprint(name, None))
    except ImportError:
        return _probed_fingerprint(model)


def _probed_fingerprint(model: str | None) -> str:
    import tempfile

    import entgraph

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probe.sqlite"
        entgraph.build_graph([("probe", "Jane Roe spoke.")], model=model, cache=path)
        db = sqlite3.connect(path)
        (found,) = db.execute("SELECT DISTINCT fingerprint FROM records").fetchone()
        db.close()
        return str(found)


def write_corpus(
    n: int,
    corpus: Path,
    *,
    cache: Path | None = None,
    seed: int = 0,
    model: str | None = None,
    batch: int = 2000,
) -> dict[str, float]:
    """Write ``n`` documents to the JSONL file ``corpus``; with ``cache``, their records.

    Returns what was written: documents, characters, mentions, quotes, seconds.
    """
    started = time.perf_counter()
    record_cache = RecordCache(cache, build_fingerprint(model)) if cache is not None else None
    totals: Counter[str] = Counter()
    pending: dict[str, DocumentRecords] = {}
    try:
        with corpus.open("w", encoding="utf-8") as fh:
            for doc in synthetic_documents(n, seed):
                fh.write(doc.json_line() + "\n")
                totals["documents"] += 1
                totals["characters"] += len(doc.text)
                totals["mentions"] += len(doc.records.mentions)
                totals["quotes"] += len(doc.records.quotes)
                if record_cache is not None:
                    pending[content_hash(doc.text)] = doc.records
                    if len(pending) >= batch:
                        record_cache.put(pending)
                        pending = {}
        if record_cache is not None and pending:
            record_cache.put(pending)
    finally:
        if record_cache is not None:
            record_cache.close()
    return {**totals, "seconds": time.perf_counter() - started}


# --- a store of generated documents, reused across sizes and branches ---------------------


def payload_version(seed: int = 0) -> str:
    """A hash of what the current code stores for the first documents of ``seed``.

    Taken from the output, not the source: a branch that changes the record format or the
    per-document resolution gets a store of its own, one that only refactors reuses it.
    """
    import hashlib

    from entgraph.cache import records_to_payload

    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for doc in synthetic_documents(50, seed):
        digest.update(doc.json_line().encode())
        digest.update(records_to_payload(doc.records))
    return digest.hexdigest()[:12]


def store_path(folder: Path, seed: int = 0) -> Path:
    """Where the store of ``seed`` made by the current code lives in ``folder``."""
    return folder / f"synthetic-{seed}-{payload_version(seed)}.sqlite"


def fill_store(store: Path, n: int, seed: int = 0) -> float:
    """Make sure ``store`` (SQLite) holds documents 0 to ``n - 1``; return the seconds spent.

    Generating is the slow part (about 2 ms a document), so a store is extended, never
    rebuilt, and one store serves every size: the corpus of ``n`` documents is its first
    ``n`` rows. Rows hold the JSONL line, the text's hash and the cache payload.
    """
    from entgraph.cache import records_to_payload

    started = time.perf_counter()
    db = sqlite3.connect(store)
    db.execute("CREATE TABLE IF NOT EXISTS docs (i INTEGER PRIMARY KEY, hash TEXT, line TEXT,"
               " payload BLOB)")  # fmt: skip
    (have,) = db.execute("SELECT COUNT(*) FROM docs").fetchone()
    rows = []
    for doc in synthetic_documents(max(0, n - have), seed, start=have):
        i = have + len(rows)
        rows.append((i, content_hash(doc.text), doc.json_line(), records_to_payload(doc.records)))
        if len(rows) >= 5000:
            db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", rows)
            db.commit()
            have, rows = have + len(rows), []
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    return time.perf_counter() - started


def export_store(store: Path, n: int, corpus: Path, cache: Path, fingerprint: str) -> float:
    """Write the first ``n`` documents of ``store`` as ``corpus`` and their records into
    ``cache`` under ``fingerprint``; return the seconds spent."""
    started = time.perf_counter()
    RecordCache(cache, fingerprint).close()  # the cache's own schema
    db = sqlite3.connect(cache)
    db.execute("ATTACH DATABASE ? AS store", [str(store)])
    (have,) = db.execute("SELECT COUNT(*) FROM store.docs WHERE i < ?", [n]).fetchone()
    if have < n:
        raise ValueError(f"{store} holds {have} documents, not {n}: fill it first")
    db.execute("INSERT OR REPLACE INTO records SELECT ?, hash, payload FROM store.docs"
               " WHERE i < ?", [fingerprint, n])  # fmt: skip
    db.commit()
    with corpus.open("w", encoding="utf-8") as fh:
        for (line,) in db.execute("SELECT line FROM store.docs WHERE i < ? ORDER BY i", [n]):
            fh.write(line + "\n")
    db.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("corpus", type=Path, help="JSONL file to write")
    parser.add_argument("--cache", type=Path, default=None, help="record cache to fill")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default=None, help="model whose fingerprint the cache uses")
    args = parser.parse_args()
    written = write_corpus(args.n, args.corpus, cache=args.cache, seed=args.seed,
                           model=args.model)  # fmt: skip
    print(json.dumps(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
