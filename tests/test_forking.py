"""Output files written beside each other in a forked child (entgraph.forking)."""

from __future__ import annotations

import os
import sys

import pytest

import entgraph
from entgraph import forking

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux") or forking._cores() < 2, reason="no fork or one core"
)


@pytest.fixture(autouse=True)
def _forking_allowed(monkeypatch):
    # These tests are about what beside() does when it forks. Whether it may fork is
    # can_fork()'s decision (tested in test_scale.py): earlier tests of the session
    # (Dask's) leave threads behind, which would make it refuse.
    monkeypatch.setattr(forking, "can_fork", lambda: True)


def writer(path, calls):
    def task():
        calls.append(os.getpid())  # seen only when the task runs in this process
        path.write_text(str(os.getpid()))

    return task


@needs_fork
def test_the_task_runs_in_a_child_while_the_body_runs_here(tmp_path):
    calls: list[int] = []
    with forking.beside(writer(tmp_path / "page", calls)):
        body = os.getpid()
    assert calls == []
    assert int((tmp_path / "page").read_text()) != body


def test_without_a_safe_fork_the_task_runs_here_after_the_body(tmp_path, monkeypatch):
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    calls: list[int] = []
    with forking.beside(writer(tmp_path / "page", calls)):
        assert calls == []  # not before the body
    assert calls == [os.getpid()]
    assert (tmp_path / "page").read_text() == str(os.getpid())


@needs_fork
def test_a_task_failing_in_the_child_raises_its_own_error_here(tmp_path):
    parent = os.getpid()

    def fails_apart():
        if os.getpid() != parent:
            raise OSError("disk full")
        (tmp_path / "page").write_text("written here")

    with forking.beside(fails_apart):
        pass
    assert (tmp_path / "page").read_text() == "written here"

    def always_fails():
        raise entgraph.OutputError("cannot write page")

    with (
        pytest.raises(entgraph.OutputError, match="cannot write page"),
        forking.beside(always_fails),
    ):
        pass


@needs_fork
def test_a_failing_body_stops_the_child(tmp_path):
    import time

    started = tmp_path / "pid"

    def slow():
        (tmp_path / "pid.part").write_text(str(os.getpid()))
        os.replace(tmp_path / "pid.part", started)  # whole when it appears
        time.sleep(30)
        (tmp_path / "late").write_text("x")

    with pytest.raises(KeyboardInterrupt), forking.beside(slow):
        while not started.exists():  # the child is under way
            time.sleep(0.01)
        raise KeyboardInterrupt
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)  # killed and reaped, not left behind
    assert not (tmp_path / "late").exists()


def test_outputs_are_the_same_written_beside_or_in_turn(build, tmp_path, monkeypatch):
    result = build("Jane Doe met John Roe in Paris. Doe said the Acme Council agreed.")
    result.write(tmp_path / "beside")
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    result.write(tmp_path / "in-turn")
    for name in entgraph.OUTPUT_FILES:
        beside, in_turn = tmp_path / "beside" / name, tmp_path / "in-turn" / name
        assert beside.read_bytes() == in_turn.read_bytes()


def test_when_no_child_can_be_made_the_task_runs_here(tmp_path, monkeypatch):
    def no_fork():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(forking.os, "fork", no_fork)
    calls: list[int] = []
    with forking.beside(writer(tmp_path / "page", calls)):
        pass
    assert calls == [os.getpid()]
