"""The public Python API."""

from __future__ import annotations

import types

import pytest

import entgraph


def test_all_lists_exactly_the_public_names():
    public = {
        name
        for name, value in vars(entgraph).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    } - {"annotations"}
    assert set(entgraph.__all__) == public | {"__version__"}


def test_build_from_id_text_pairs(build):
    result = build(
        [("a", "The Kremlin said Russia would talk to NATO."), ("b", "NATO met in Brussels.")]
    )
    assert result.documents == 2
    assert result.graph.nodes["org:nato"]["documents"] == 2
    assert result.graph.has_edge("country:rus", "org:kremlin", "co-mention")
    assert "2 documents" in result.summary()


def test_places_option_maps_cities_to_countries_or_keeps_them(build):
    text = "Officials in Kyiv and London met."
    assert {d["type"] for _, d in build(text).graph.nodes(data=True)} <= {"PERSON", "ORG"}
    as_country = build(text, places="country").graph
    assert {"country:ukr", "country:gbr"} <= set(as_country.nodes)
    kept = build(text, places="keep").graph
    assert {d["type"] for _, d in kept.nodes(data=True)} == {"PLACE"}


@pytest.mark.parametrize(
    "options, message",
    [({"window": "page"}, "unknown window 'page'"), ({"places": "all"}, "unknown places option")],
)
def test_bad_options_raise_input_error(build, options, message):
    with pytest.raises(entgraph.InputError, match=message):
        build("Text.", **options)


def test_unusable_input_type_is_explained(build):
    with pytest.raises(entgraph.InputError, match="cannot use int as input"):
        build([42])


def test_empty_documents_are_skipped_and_counted(build):
    result = build([("a", "   "), ("b", "The Kremlin spoke.")])
    assert result.documents == 1
    assert result.diagnostics.skipped["empty"] == 1
    assert "1 skipped (1 empty)" in result.summary()
