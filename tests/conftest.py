"""Shared fixtures: the spaCy pipeline and the seed build are loaded once per session."""

from __future__ import annotations

import json
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
