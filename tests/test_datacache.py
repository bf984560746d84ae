"""Tables built from data packages are kept between runs, and a bad copy is rebuilt."""

from __future__ import annotations

from entgraph import datacache


def test_a_table_is_built_once_then_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTGRAPH_DATA_CACHE", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"a": 1}

    assert datacache.load_or_build("t", ["v1"], build) == {"a": 1}
    assert datacache.load_or_build("t", ["v1"], build) == {"a": 1}
    assert built == [1]
    assert datacache.load_or_build("t", ["v2"], build) == {"a": 1}  # new versions: built
    assert built == [1, 1]


def test_a_damaged_or_unwritable_cache_only_means_building(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTGRAPH_DATA_CACHE", str(tmp_path))
    datacache.load_or_build("t", ["v"], lambda: [1, 2])
    (pickled,) = tmp_path.glob("t-*.pickle")
    pickled.write_bytes(b"not a pickle")
    assert datacache.load_or_build("t", ["v"], lambda: [3]) == [3]
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("ENTGRAPH_DATA_CACHE", str(blocked / "sub"))  # cannot be a folder
    assert datacache.load_or_build("t", ["v"], lambda: [4]) == [4]
