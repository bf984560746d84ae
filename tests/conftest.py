"""Shared fixtures: the spaCy pipeline and the seed build are loaded once per session."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import entgraph
from entgraph import pipeline
from entgraph.nlp import default_model_name, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "data" / "gold_000_64eb7f0f1c374fea.json"


@pytest.fixture(scope="session")
def nlp():
    loaded = load_pipeline()
    # Runs that load the default pipeline themselves (the CLI) reuse this one.
    pipeline._PIPELINES.setdefault(default_model_name(), loaded)
    return loaded


@pytest.fixture(scope="session")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_result(nlp):
    return entgraph.build_graph([SEEDS], nlp=nlp)


@pytest.fixture
def build(nlp):
    """build(texts_or_pairs, **options) with the session's pipeline."""

    def _build(inputs, **options):
        if isinstance(inputs, str):
            inputs = [("doc", inputs)]
        return entgraph.build_graph(inputs, nlp=nlp, **options)

    return _build


# --- headless Chromium (Debian's), driven by playwright, for the browser tests ----------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# CI sets it: there a missing browser is a failure, on a user's machine a skip.
REQUIRE_BROWSER = os.environ.get("ENTGRAPH_REQUIRE_BROWSER") == "1"


def _missing(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason}, and ENTGRAPH_REQUIRE_BROWSER=1")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session: playwright's sync API allows one per thread."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    executable = shutil.which("chromium")
    if executable is None:
        _missing("chromium is not installed")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
