"""The fast attribute reader gives json.loads's value or json.loads's error, always; the
garbage collector pause leaves the collector as it found it."""

import gc
import json

import pytest

from entgraph._gc import paused_gc
from entgraph.export.jsonattr import parse

TEXTS = [
    '["A met B.", "B met A."]',
    '{"2016-03": 2, "2016-04": 0}',
    '[{"text": "x", "document": "d"}]',
    "[]",
    '""',
    "3",
    "-0.0",
    "NaN",
    '"\\ud800 \\u2028"',
    " [1] ",  # blanks around the value: json.loads skips them
    "[1]\n",
    b'["bytes"]',
]
BAD = ["", "   ", "[1] x", "[1, 2", "not json", "[1]]", "{'a': 1}", "[1] [2]"]


@pytest.mark.parametrize("text", TEXTS)
def test_parse_gives_the_value_json_loads_gives(text):
    value = parse(text)
    expected = json.loads(text)
    assert type(value) is type(expected)
    assert json.dumps(value) == json.dumps(expected)


@pytest.mark.parametrize("text", BAD)
def test_parse_raises_the_error_json_loads_raises(text):
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(json.JSONDecodeError) as got:
        parse(text)
    assert str(got.value) == str(expected.value)


def test_parse_refuses_what_is_no_text_as_json_loads_does():
    with pytest.raises(TypeError):
        parse(None)  # type: ignore[arg-type]


def test_paused_gc_restores_the_collector_as_it_was():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("an error inside the block")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()
