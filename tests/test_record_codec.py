"""Records decoded from the cache and the spool are the records that were stored.

Decoding is made fast (msgpack tuples, a positional builder that fills the slots of the
frozen record classes), so these tests check that what comes back is, field by field
and type by type, the same object a caller would have built: equal, same hash, same
repr, frozen, picklable.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from entgraph.cache import RecordCache, records_from_payload, records_to_payload
from entgraph.pipeline import ExtractionSettings, run_extraction
from entgraph.records import (
    Affiliation,
    Document,
    DocumentRecords,
    LocalEntity,
    Mention,
    Quote,
    Sentence,
    positional_builder,
)
from entgraph.spool import RecordSpool

TEXT = "Jane Doe of Acme Corp said the plan was “dead on arrival”. \udc80 Bo Li agreed."


def _full_record() -> DocumentRecords:
    """A record with every field set, none left at its default."""
    mentions = (
        Mention(0, 8, "Jane Doe", 0, 0, "PERSON", "PERSON", "name:jane doe", "Jane Doe"),
        Mention(12, 21, "Acme Corp", 0, 0, "ORG", "ORG", "name:acme corp", "Acme Corp"),
        Mention(61, 66, "Bo Li", 1, 1, "PERSON", "PERSON", "name:bo li", "Bo Li"),
    )
    quotes = (
        Quote(27, 57, "the plan was “dead on arrival”", "reported", "said", 0, 0,
              "Jane Doe", 0, 8, "name:jane doe", ("name:acme corp", "name:bo li"),
              ((41, 56), (44, 48))),
        Quote(61, 72, "Bo Li agreed", "belief", None, 1, 1),
    )  # fmt: skip
    entities = (
        LocalEntity("name:jane doe", "Jane Doe", (("mentions", 1), ("label:PERSON", 1)),
                    (("Jane Doe", 1),), (("name:doe", "surname"),)),
        LocalEntity("name:acme corp", "Acme Corp", (("mentions", 1),), (("Acme Corp", 1),)),
        LocalEntity("name:bo li", "Bo Li"),
    )  # fmt: skip
    return DocumentRecords(
        "doc-1",
        TEXT,
        (Sentence(0, 58, 0), Sentence(59, len(TEXT), 1)),
        mentions,
        quotes,
        (Affiliation("name:jane doe", "name:acme corp", "of", 0),),
        entities,
        None,
        "2020-01-05",
        {"title": "A title", "url": "https://example.org/\udc80"},
        "corpus.jsonl:3",
    )


def _same(a: object, b: object, where: str = "record") -> None:
    """Equal and of the same type at every level, fields of records included."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple):
        assert isinstance(b, tuple) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def test_a_decoded_record_is_the_stored_record_field_by_field():
    rec = _full_record()
    document = {"date": rec.date, "metadata": rec.metadata, "source": rec.source}
    back = records_from_payload(records_to_payload(rec), rec.document_id, rec.text, **document)
    _same(back, rec)
    assert back == rec and repr(back) == repr(rec)
    assert [hash(m) for m in back.mentions] == [hash(m) for m in rec.mentions]
    assert hash(back.quotes) == hash(rec.quotes) and hash(back.entities) == hash(rec.entities)
    assert pickle.loads(pickle.dumps(back)) == rec
    assert pickle.dumps(back.quotes) == pickle.dumps(rec.quotes)


def test_decoded_records_are_frozen_and_of_their_own_class():
    rec = records_from_payload(records_to_payload(_full_record()), "d", TEXT)
    for item in (rec, rec.sentences[0], rec.mentions[0], rec.quotes[0],
                 rec.affiliations[0], rec.entities[0]):  # fmt: skip
        assert type(item).__module__ == "entgraph.records"
        name = dataclasses.fields(item)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(item, name, "changed")
    # The document's fields are given, not stored: the defaults when not given.
    assert (rec.date, rec.metadata, rec.source, rec.skipped) == (None, {}, "", None)
    other = records_from_payload(records_to_payload(_full_record()), "d", TEXT)
    assert other.metadata is not rec.metadata  # a dict of its own, as default_factory makes


def test_an_empty_record_decodes_to_empty_tuples():
    back = records_from_payload(records_to_payload(DocumentRecords("d", "")), "d", "")
    _same(back, DocumentRecords("d", ""))


@pytest.mark.parametrize(
    "cls", [Sentence, Mention, Quote, Affiliation, LocalEntity, DocumentRecords, Document]
)
def test_the_positional_builder_makes_what_the_class_makes(cls):
    rec = _full_record()
    sample = {
        Sentence: rec.sentences[0],
        Mention: rec.mentions[0],
        Quote: rec.quotes[0],
        Affiliation: rec.affiliations[0],
        LocalEntity: rec.entities[0],
        DocumentRecords: rec,
        Document: Document("d", TEXT, "s", ("p", 3), "2020-01-05", {"title": "t"}),
    }[cls]
    values = [getattr(sample, f.name) for f in dataclasses.fields(cls)]
    made = positional_builder(cls)(*values)
    _same(made, cls(*values))
    assert repr(made) == repr(sample) and pickle.loads(pickle.dumps(made)) == sample
    with pytest.raises(TypeError):  # every field, no defaults
        positional_builder(cls)(*values[:-1])


def test_the_positional_builder_refuses_classes_it_would_build_wrongly():
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    for cls in (NoSlots, Checked):
        with pytest.raises(TypeError):
            positional_builder(cls)


def test_records_come_back_the_same_from_the_cache_and_the_spool(tmp_path):
    rec = _full_record()
    cache = RecordCache(tmp_path / "c.sqlite", "fp")
    cache.put({"h": rec})
    from_cache = cache.get(["h"])["h"]
    cache.close()
    document = {"date": rec.date, "metadata": rec.metadata, "source": rec.source}
    _same(dataclasses.replace(from_cache, document_id="doc-1", text=TEXT, **document), rec)
    box = RecordSpool(tmp_path)
    box.add(rec, "h")
    box.add(dataclasses.replace(rec, document_id="doc-2", date=None, metadata={}), "h2")
    first, second = list(box.records())
    _same(first, rec)
    assert (second.document_id, second.date, second.metadata) == ("doc-2", None, {})
    _same(box.records()[0], rec)


def test_a_warm_rebuild_reads_back_the_records_of_the_parse(build, nlp, tmp_path):
    texts = [
        ("a", "“We will win,” Jane Doe of Acme Corp said on Monday."),
        ("b", "Bo Li said the deal was “dead on arrival” and would fail."),
    ]
    # Straight from extraction: never serialized.
    settings = ExtractionSettings(model="en_core_web_sm")
    parsed = run_extraction([Document(i, t, source=i) for i, t in texts], settings, nlp=nlp)
    assert any(q.fragments for r in parsed for q in r.quotes)
    cache = tmp_path / "c.sqlite"
    build(texts, cache=cache)
    warm = build(texts, cache=cache)
    assert warm.diagnostics.cached == 2
    for fresh, cached in zip(parsed, warm.records, strict=True):
        _same(cached, fresh)
