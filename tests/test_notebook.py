"""The tour notebook runs top to bottom on the seed article and shows what it promises."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
kernelspec = pytest.importorskip("ipykernel.kernelspec")
jupyter_client = pytest.importorskip("jupyter_client")

NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "explore.ipynb"


class ThisPython(jupyter_client.kernelspec.KernelSpecManager):
    """Every kernel name means this interpreter: a user-wide "python3" kernelspec that
    points to another Python (without entgraph) must not be picked up."""

    def get_kernel_spec(self, kernel_name):
        return jupyter_client.kernelspec.KernelSpec(
            resource_dir=str(kernelspec.RESOURCES), **kernelspec.get_kernel_dict()
        )


def cell(nb, tag):
    return next(c for c in nb.cells if tag in c.metadata.get("tags", []))


def run(notebook, parameters):
    """``notebook`` executed in notebooks/ with its "parameters" cell replaced."""
    nb = nbformat.read(notebook, as_version=4)
    cell(nb, "parameters").source = parameters
    km = jupyter_client.KernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())
    client = nbclient.NotebookClient(
        nb, km=km, timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return nb


def text_of(code_cell):
    parts = []
    for out in code_cell.outputs:
        parts.append(out.get("text", ""))
        parts.append(out.get("data", {}).get("text/plain", ""))
    return "".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebook-out")
    # The seeds stay at ../seeds/ (the notebook runs in notebooks/); files go to a temp dir.
    nb = run(NOTEBOOK, f'SEEDS = "../seeds/"\nOUT = {str(out) + "/"!r}')
    return nb, out


# Every notebook of the repository, not only this one.
ALL_NOTEBOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("notebook", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_only_the_public_api(notebook):
    nb = nbformat.read(notebook, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import entgraph" in source
    assert "entgraph." not in source.replace("entgraph.build_graph", "").replace(
        "entgraph.EntityNotFoundError", ""
    )
    assert "._" not in source


def test_top_entities_include_a_country(executed):
    nb, _ = executed
    assert "(COUNTRY)" in text_of(cell(nb, "top"))


def test_an_alias_finds_the_full_name(executed):
    nb, _ = executed
    assert "Vladimir Putin" in text_of(cell(nb, "lookup"))


def test_the_ego_graph_is_drawn_inline_as_a_srcdoc_iframe(executed):
    nb, _ = executed
    html = [o["data"]["text/html"] for o in cell(nb, "ego").outputs if "data" in o]
    assert html and "<iframe srcdoc=" in html[0] and "vis" in html[0]


def test_the_gephi_file_is_written_and_reads_back(executed):
    _, out = executed
    gexf = nx.read_gexf(out / "seeds.gexf")
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert set(gexf.nodes) == set(graphml.nodes) and len(gexf) > 5
    # The notebook ran communities() before writing: every file carries the attribute.
    assert all("community" in d for _, d in gexf.nodes(data=True))
    assert {"nodes.csv", "edges.csv"} <= {p.name for p in out.iterdir()}
