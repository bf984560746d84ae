"""The progress bar says why it sits at 0 while the model loads, then counts documents."""

from __future__ import annotations

import io

from entgraph import api


def test_the_bar_says_the_model_loads_until_the_first_document(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(api.sys, "stderr", out)
    bar = api._progress(3, enabled=True)
    update = api._on_progress(bar)
    bar.refresh()
    assert "loading the model" in out.getvalue()
    update(1)
    bar.refresh()
    assert bar.desc == "" and bar.n == 1
    assert "loading the model" not in out.getvalue().rsplit("\r", 1)[-1]
    bar.close()
    assert api._progress(1, enabled=True) is None and api._on_progress(None) is None
