"""Rules about the code itself: general mechanisms only, no names from the test data."""

from __future__ import annotations

import json
import re

from conftest import GOLD, ROOT

PACKAGE = ROOT / "entgraph"


def gold_names():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    names = set()
    for entity in gold["entities"] + gold.get("optional_entities", []):
        names.update(a for a in entity["aliases"] if len(a) >= 4)
    for item in gold["must_not_be_nodes"]:
        names.add(item["text"])
    return names


def test_no_name_from_the_seed_or_gold_appears_in_the_package():
    names = gold_names()
    assert {"Vladimir Putin", "Chatham House", "Odesa"} <= names
    # Short names (NATO) must match in capitals; longer ones in any case.
    long = "|".join(re.escape(n) for n in sorted(names) if len(n) > 4)
    short = "|".join(re.escape(n) for n in sorted(names) if len(n) <= 4)
    pattern = re.compile(rf"\b(?i:{long})\b|\b(?:{short})\b")
    found = []
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".json", ".txt", ".csv", ".yaml", ".html"}:
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}")
    assert not found, "\n".join(found)


def judged_names():
    """Names of people and organizations from the hand-judged BBC data.

    Countries and places are left out: the country packages' doctests use them as
    examples of what a data package knows. Single-word people's names ("Smith") are
    left out too: they are every test's invented names.
    """
    data = ROOT / "tests" / "data"
    judged = json.loads((data / "bbc_top300_judgments.json").read_text())
    names = {j["label"] for j in judged if j["gold_type"] in ("PERSON", "ORG", "OTHER")}
    for sample in ("bbc_people.json", "bbc_people_heldout.json"):
        people = json.loads((data / sample).read_text())["articles"]
        names.update(p["name"] for a in people for p in a["people"] if " " in p["name"])
    return {n for n in names if len(n) >= 4}


def test_no_name_from_the_corpora_appears_in_the_package():
    # Typing and merging must come from cues and libraries, never a rule for a name.
    # Common words that the corpus also uses as names.
    common = {
        "United",
        "Digital",
        "Budget",
        "House",
        "Home",
        "Commission",
        "Oscar",
        "Bank",
        "Lions",
        "Windows",
    }
    names = sorted(n for n in judged_names() if n not in common)
    assert len(names) > 150
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    found = []
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".json", ".txt", ".csv", ".js", ".html"}:
            if "vendor" in path.parts:
                continue  # third-party libraries, as published
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}")
    assert not found, "\n".join(found)
