"""entgraph's processes parse with a single thread: numpy's BLAS starts no idle pool
(see entgraph/_threads.py), unless the user chose a number of threads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from entgraph._threads import BLAS_THREAD_VARIABLES

ROOT = Path(__file__).resolve().parent.parent
# Import entgraph, then numpy, and report the setting and the process's threads.
PROBE = (
    "import os, entgraph, numpy; "
    "print(os.environ.get('OPENBLAS_NUM_THREADS'), len(os.listdir('/proc/self/task')))"
)


def _probe(**variables: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARIABLES}
    env.update(variables, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_importing_entgraph_first_leaves_one_thread() -> None:
    assert _probe() == ["1", "1"]


@pytest.mark.parametrize("variable", BLAS_THREAD_VARIABLES)
def test_a_users_choice_of_threads_is_kept(variable: str) -> None:
    setting, _ = _probe(**{variable: "2"})
    assert setting == ("2" if variable == "OPENBLAS_NUM_THREADS" else "None")
