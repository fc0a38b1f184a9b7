"""Issue 17 end to end: figures of three invented documents, grouped, in the graph,
answered by the named queries and drawn in the view.

The corpus (``corpus/``): a history of the Lyon weavers, a labour survey and police
returns, which state the 1834 strike as "nearly a third", "a quarter" and "some
20,000" weavers (a share that disagrees with another, and a count with no whole
to compare it with), and the 1831 tariff cut as 15 percent twice.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.pipeline import build_graph
from graph_builder.query.named import run_named
from graph_builder.query.validate import validate_graph

CORPUS = Path(__file__).parent / "corpus"
COLUMNS = ["group", "measure", "time", "value", "normalized", "low", "high", "qualifier",
           "document", "line", "start", "end", "cited_work"]


@pytest.fixture(scope="module")
def built():
    return build_graph(CORPUS)


def _rows(built, name: str, **params: str) -> list[dict[str, str]]:
    solutions = run_named(built.store(), name, params).value
    names = [v.value for v in solutions.variables]
    assert names == COLUMNS
    return [{k: (row[k].value if row[k] is not None else "") for k in names} for row in solutions]


def test_figures_graph_conforms(built, tmp_path):
    path = tmp_path / "graph.nt"
    path.write_bytes(ox.serialize(list(built.triples), format=ox.RdfFormat.N_QUADS))
    report = validate_graph(path)
    assert report.conforms, report.failures


def test_figures_the_strike_side_by_side_and_disputed(built):
    texts = {d.doc_id: d.text for d in built.documents}
    rows = [r for r in _rows(built, "figures") if "1834" in r["group"]]
    assert sorted(r["value"] for r in rows) == ["a quarter", "nearly a third", "some 20,000",
                                                "some 20,000"]
    for row in rows:  # each figure leads back to its characters and line
        text = texts[row["document"]]
        assert text[int(row["start"]):int(row["end"])] == row["value"]
        assert text.count("\n", 0, int(row["start"])) + 1 == int(row["line"])
    third = next(r for r in rows if r["value"] == "nearly a third")
    assert (third["qualifier"], third["time"]) == ("nearly", "1834")
    assert float(third["normalized"]) == pytest.approx(1 / 3, abs=1e-3)
    disputed = _rows(built, "disputed-figures")
    assert {r["group"] for r in disputed} == {rows[0]["group"]}


def test_figures_the_same_figure_twice_agrees(built):
    rows = [r for r in _rows(built, "figures") if "1831" in r["group"]]
    assert [r["value"] for r in rows] == ["15 percent", "15 percent"]
    assert not [r for r in _rows(built, "disputed-figures") if "1831" in r["group"]]


def test_figures_unrelated_figures_of_one_year_stay_apart(built):
    """300 master weavers (no year) and 300 soldiers (1834) share a value, not a measure."""
    grouped = {r["value"] for r in _rows(built, "figures")}
    assert "300" not in grouped


def test_figures_the_view_draws_a_group_as_one_node_with_its_figures(built):
    from graph_builder.view.projection import project, projection_store
    view = project(projection_store(built.triples))
    [strike] = [n for n, a in view.nodes(data=True)
                if a["kind"] == "figures" and "1834" in a["key"]]
    attrs = view.nodes[strike]
    assert attrs["disputed"] == "yes"
    listed = attrs["figures"].splitlines()
    assert len(listed) == 4 and any(line.startswith("nearly a third — ") for line in listed)
    stating = {a for a, b, kind in view.edges(data="kind") if b == strike and kind == "states"}
    assert {view.nodes[c]["document"] for c in stating} == {
        "weavers_history.txt", "labour_survey.txt", "police_returns.txt"}
    assert ("Sources disagree", "yes") in attrs["details"].items()


@pytest.mark.browser
def test_figures_the_page_shows_a_group_side_by_side(built, tmp_path):
    """In Chromium, offline: the group's panel says the sources disagree, lists its
    four figures with where each is printed, and its connections are the claims
    stating them; nothing is fetched and nothing is logged as an error."""
    from graph_builder.outputs import write_outputs
    from tests import browser
    from tests.exports.test_html import embedded_data
    out = tmp_path / "out"
    write_outputs(built, out, CORPUS)
    page_file = out / "graph.html"
    info = embedded_data(page_file.read_text("utf-8"))["info"]
    strike = next(i for i, item in enumerate(info)
                  if item["kind"] == "figures" and "1834" in str(item["details"]))
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for("document.body && document.body.dataset.drawn === 'yes'")
        page.evaluate(f"claimgraph.showDetails({strike})")
        shown = page.evaluate("document.getElementById('cg-details').innerText")
        page.screenshot(tmp_path / "group.png")
        requests, errors = page.requests, page.errors
    assert "Sources disagree\nyes" in shown
    assert "nearly a third — weavers_history.txt, line 5" in shown
    assert shown.count("states: ") == 3  # the three claims, one a document
    assert requests == [page_file.as_uri()] and errors == []
