"""Score entgraph's quotes and speakers against PolNeAR attributions.

Usage::

    python eval/polnear_quotes.py ../shared/corpora/polnear-train/polnear_train.jsonl \
        [--subset all|dev|heldout] [--limit N] [--model NAME] [--cache DIR] [--show N]
        [--beliefs]

Reads the ``"primary": true`` lines (one annotation per article), extracts every article
with entgraph and prints quote precision, recall and F1 and speaker accuracy.

How it scores (see eval/README.md for the reasons):

- Gold quotes are the PolNeAR attributions that report speech: the content has quote
  marks, or the cue contains a verb of saying (``SAY_CUES`` below, independent of
  entgraph's own list) or "according to". Other attributions (beliefs, "mocked", "you
  like it") are not quotes: a prediction that matches one is ignored, neither right nor
  wrong.
- Precision: a prediction is right when at least ``--overlap`` (default 30%) of its
  characters lie in the content of one gold quote. Recall: a gold quote is found when
  the right predictions inside it cover at least 30% of its characters. PolNeAR
  annotates consecutive quotes of one speaker as one attribution with several pieces
  ("“A,” she said. “B.”"), entgraph gives one quote per piece: both ways of cutting
  score alike. A prediction lying inside another prediction (a partial quote inside
  reported speech) is not scored on its own.
- Speaker span accuracy: over found gold quotes (judged on the prediction that overlaps
  it most) with a gold source, the predicted speaker
  as written overlaps the source span.
- Resolved-speaker-name accuracy: over found gold quotes whose source is a name (has a
  capitalized word, is not a pronoun), the predicted speaker resolves to the entity the
  source names (a mention in the source that is not possessive and not after "of",
  "for", "at"... : "Senator Ann Lee", not "Ann Lee's aide"); when the source names no
  entity ("a producer for Acme") the speaker as written must overlap it. Unresolved or
  missing speakers count as wrong.

``--subset heldout`` is a fixed fifth of the articles (by a hash of the article id),
not looked at while developing the rules; ``dev`` is the rest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Verbs of saying (VerbNet say-37.7 and tell-37.2 members and their forms), used only to
# decide which PolNeAR attributions are speech; kept apart from entgraph's own lexicon.
SAY_CUES = frozenset(
    """
    say says said saying tell tells told telling add adds added adding ask asks asked
    asking state states stated stating announce announces announced announcing claim
    claims claimed claiming declare declares declared explain explains explained
    insist insists insisted note notes noted noting remark remarked reply replies
    replied respond responds responded report reports reported reporting reveal
    revealed write writes wrote written argue argues argued arguing warn warns warned
    warning suggest suggests suggested suggesting acknowledge acknowledged acknowledges
    admit admits admitted confirm confirms confirmed deny denies denied mention
    mentioned mentions recall recalled recalls predict predicted promise promised
    promises tweet tweets tweeted tweeting continue continued continues according
    assert asserted contend contended concede conceded complain complained quipped
    """.split()
)


@dataclass(frozen=True)
class Gold:
    spans: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    named_source: bool
    counted: bool

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.spans)


def is_speech(attribution: dict[str, Any]) -> bool:
    """Whether a PolNeAR attribution counts as a quote (see the module docstring)."""
    if attribution.get("content_has_quote_marks"):
        return True
    cue = (attribution.get("cue") or {}).get("text", "").lower()
    words = {w.strip(".,:;“”\"'’") for w in cue.split()}
    return bool(words & SAY_CUES)


def gold_of(row: dict[str, Any]) -> list[Gold]:
    out = []
    for a in row["attributions"]:
        content = a.get("content")
        if not content or not content.get("spans"):
            continue
        source = a.get("source") or {}
        out.append(
            Gold(
                spans=tuple((s, e) for s, e in content["spans"]),
                source=tuple((s, e) for s, e in source.get("spans", [])),
                named_source=bool(source)
                and bool(a.get("source_has_capitalised_word"))
                and not a.get("source_is_pronoun"),
                counted=is_speech(a),
            )
        )
    return out


def subset_of(article: str) -> str:
    """``heldout`` for a fixed fifth of the articles, else ``dev``."""
    return "heldout" if int(hashlib.md5(article.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def read_rows(path: Path, subset: str, limit: int | None) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row.get("primary") and subset in ("all", subset_of(row["article"])):
                rows.append(row)
    return rows[:limit] if limit else rows


def overlap(a: tuple[int, int], spans: tuple[tuple[int, int], ...]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def nested(quotes: list[Any]) -> set[int]:
    """Indices of predictions lying inside another prediction."""
    out = set()
    for i, q in enumerate(quotes):
        for j, other in enumerate(quotes):
            inside = i != j and other.start <= q.start and q.end <= other.end
            if inside and ((other.start, other.end) != (q.start, q.end) or j < i):
                out.add(i)
                break
    return out


@dataclass
class Tally:
    tp: int = 0  # predictions inside a gold quote
    fp: int = 0
    found: int = 0  # gold quotes covered by correct predictions
    fn: int = 0
    ignored: int = 0
    span_ok: int = 0
    span_n: int = 0
    name_ok: int = 0
    name_n: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def score_document(
    rec: Any, golds: list[Gold], threshold: float, errors: list[str], beliefs: bool = False
) -> Tally:
    """Score one document's predicted quotes against its gold attributions.

    Quotes of kind ``belief`` are left out unless ``beliefs``: entgraph keeps them out
    of quotation edges too."""
    tally = Tally()
    quotes = [q for q in rec.quotes if beliefs or q.kind != "belief"]
    skip = nested(quotes)
    preds = [q for i, q in enumerate(quotes) if i not in skip]
    covered = [0] * len(golds)
    best: dict[int, tuple[int, Any]] = {}
    for q in preds:
        length = max(1, q.end - q.start)
        inters = [overlap((q.start, q.end), g.spans) for g in golds]
        j = max(range(len(golds)), key=lambda k: inters[k], default=None)
        if j is None or inters[j] < threshold * length:
            tally.fp += 1
            errors.append(f"FP {rec.document_id}: {q.kind} {q.text[:90]!r} ({q.speaker_text})")
            continue
        if not golds[j].counted:
            tally.ignored += 1
            continue
        tally.tp += 1
        covered[j] += inters[j]
        if j not in best or inters[j] > best[j][0]:
            best[j] = (inters[j], q)
    for j, g in enumerate(golds):
        if not g.counted:
            continue
        if covered[j] >= threshold * g.length:
            tally.found += 1
            _score_speaker(rec, best[j][1], g, tally, errors)
        else:
            tally.fn += 1
            text = " ".join(rec.text[s:e] for s, e in g.spans)
            errors.append(f"FN {rec.document_id}: {text[:90]!r}")
    return tally


_BEFORE_HEAD = (" of ", " for ", " at ", " from ", " with ", " by ", " in ", "’s ", "'s ")


_AFTER_HEAD = frozenset("of at from in for who and with".split())


def head_mentions(rec: Any, source: tuple[tuple[int, int], ...]) -> set[str]:
    """Keys of the mentions that name the source itself: "Senator Ann Lee" names Lee,
    "Ann Lee's spokesman" and "a producer for Acme" name nobody."""
    keys: set[str] = set()
    for s, e in source:
        for m in rec.mentions:
            if not (s <= m.start < e):
                continue
            before = " " + rec.text[s : m.start]
            after = rec.text[m.end : e].split()
            # The name ends the source, or is followed by punctuation or a function
            # word ("Ann Lee, a senator", "Ann Lee of Acme"), not by a noun it modifies.
            possessive = rec.text[m.end : m.end + 1] in ("’", "'")
            heads = not after or not after[0][:1].isalpha() or after[0] in _AFTER_HEAD
            heads = heads and not possessive
            if heads and not any(w in before for w in _BEFORE_HEAD):
                keys.add(m.key)
    return keys


def _score_speaker(rec: Any, q: Any, g: Gold, tally: Tally, errors: list[str]) -> None:
    if not g.source:
        return
    span = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
    span_ok = span is not None and overlap(span, g.source) > 0
    tally.span_n += 1
    tally.span_ok += span_ok
    if not g.named_source:
        return
    keys = head_mentions(rec, g.source)
    # A name must resolve to its entity; a description ("Acme's spokesman") is right
    # when the speaker found is that description.
    ok = q.speaker_key in keys if keys else span_ok
    tally.name_n += 1
    tally.name_ok += ok
    if not ok:
        source = " ".join(rec.text[s:e] for s, e in g.source)
        errors.append(
            f"SPK {rec.document_id}: gold {source!r} got {q.speaker_text!r}->{q.speaker_key}"
        )


def records(rows: list[dict[str, Any]], model: str | None, cache: Path | None) -> Iterator[Any]:
    """Extract every row's text, parsing once and reusing a DocBin cache if given."""
    from spacy.tokens import DocBin

    from entgraph.extract import extract_document
    from entgraph.nlp import load_pipeline
    from entgraph.records import Document

    nlp = load_pipeline(model)
    texts = [row["text"] for row in rows]
    docs: list[Any]
    cached = (
        cache / f"polnear-{len(rows)}-{hashlib.md5(''.join(texts).encode()).hexdigest()}.spacy"
        if cache
        else None
    )
    if cached is not None and cached.exists():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=32))
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            DocBin(
                attrs=["ORTH", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "SPACY"],
                docs=docs,
            ).to_disk(cached)
    for row, doc in zip(rows, docs, strict=True):
        yield extract_document(doc, Document(row["article"], row["text"]))


def print_quote_scores(tally: Any, overlap: float) -> None:
    """Quote precision, recall and F1 of a tally with tp, fp, ignored, found, fn."""
    p = tally.tp / max(1, tally.tp + tally.fp)
    r = tally.found / max(1, tally.found + tally.fn)
    f = 2 * p * r / max(1e-9, p + r)
    print(
        f"quotes at {overlap:.0%} overlap: P {p:.3f} R {r:.3f} F1 {f:.3f} "
        f"(predictions right {tally.tp}, wrong {tally.fp}, ignored {tally.ignored}; "
        f"gold found {tally.found}, missed {tally.fn})"
    )


def print_errors(errors: list[str], show: int) -> None:
    """The first ``show`` errors of each kind: false positives, misses, speakers."""
    for prefix in ("FP", "FN", "SPK"):
        for line in [e for e in errors if e.startswith(prefix)][:show]:
            print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="polnear_train.jsonl")
    parser.add_argument("--subset", choices=("all", "dev", "heldout"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--overlap", type=float, default=0.3)
    parser.add_argument("--model", default=None)
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed docs")
    parser.add_argument("--show", type=int, default=0, help="print N errors of each kind")
    parser.add_argument(
        "--beliefs", action="store_true", help="score quotes of kind belief as well"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"polnear_quotes: no such file: {args.corpus}", file=sys.stderr)
        return 2
    rows = read_rows(args.corpus, args.subset, args.limit)
    started = time.perf_counter()
    total = Tally()
    errors: list[str] = []
    kinds: Counter[str] = Counter()
    for row, rec in zip(rows, records(rows, args.model, args.cache), strict=True):
        total.add(score_document(rec, gold_of(row), args.overlap, errors, args.beliefs))
        kinds.update(q.kind for q in rec.quotes)
    print(f"articles {len(rows)} ({args.subset}), {time.perf_counter() - started:.0f}s")
    print(f"predicted quotes by kind: {dict(kinds)}")
    print_quote_scores(total, args.overlap)
    print(
        f"speaker span accuracy {total.span_ok / max(1, total.span_n):.3f} ({total.span_n}); "
        f"resolved-speaker-name accuracy {total.name_ok / max(1, total.name_n):.3f} "
        f"({total.name_n})"
    )
    print_errors(errors, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
