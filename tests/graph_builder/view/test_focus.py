"""`claimgraph viz`: focus by any spelling, depth, kinds, min-degree, errors, and the page
in headless Chromium (drawn, searchable, filterable, clickable, hostile text inert)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from exports.html import write_html
from graph_builder.cli import main
from graph_builder.errors import QueryError
from graph_builder.outputs import write_outputs
from graph_builder.pipeline import build_graph
from graph_builder.view.focus import find_person, narrow, node_kinds, view_graph
from graph_builder.view.measure import communities, pagerank
from tests import browser

# One person written three ways (Nikolai Yezhov, Ezhov, YEZHOV), two people who share a
# family name and nothing else (Ivan and Sergei Petrov), and an author written inverted.
PURGE = """Voices on the Great Purge

THE PURGE REACHED THE PARTY LEADERSHIP

Nikolai Yezhov told the plenum that enemies had penetrated the organs of state security.
Getty, J. Arch. The Road to Terror. New Haven: Yale University Press, 1999, p. 136

By the spring of 1937 Ezhov had arrested most of the old guard, and Ivan Petrov was among them.
Jansen, Marc. Stalin's Loyal Executioner. Stanford: Hoover Institution Press, 2002, p. 80

Sergei Petrov, a factory director, wrote that the purge of the party had reached his trust.
Conquest, Robert. The Great Terror. London: Macmillan, 1968, p. 212

A PLENUM IN MARCH

YEZHOV: The enemies have been unmasked, comrades.
MOLOTOV: And who unmasked them so late?
Getty, J. Arch. The Road to Terror. New Haven: Yale University Press, 1999, p. 140
"""
YEZHOV = "Nikolai Yezhov"
HOSTILE = (
    "Hostile Texts\n\nA HEADING THAT IS A THESIS\n\n"
    "He wrote <script>window.__pwned=1</script> and "
    '<img src=x onerror="window.__pwned=1"> in his diary.\n'
    "Doe, Jane. Markup in the Archive. London: Example Press, 2001, p. 5\n"
)


def _build(folder: Path, name: str, text: str) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    write_outputs(build_graph(corpus), folder / "out", corpus)
    return folder / "out"


@pytest.fixture(scope="module")
def purge_out(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("viz"), "purge.txt", PURGE)


@pytest.fixture(scope="module")
def full(purge_out) -> nx.DiGraph:
    return view_graph(purge_out)


def _labels(view: nx.Graph, kind: str | None = None) -> set[str]:
    return {a["label"] for _, a in view.nodes(data=True) if kind in (None, a["kind"])}


# -- the view ------------------------------------------------------------------------------


def test_viz_full_view_has_every_kind_with_size_and_community(full):
    kinds = {kind for _, kind in full.nodes(data="kind")}
    assert kinds == {"document", "thesis", "quotation", "turn", "work", "person", "organization"}
    for _, attrs in full.nodes(data=True):
        assert 6 <= attrs["size"] <= 30
        assert attrs["details"]["Community"].startswith(f"{attrs['community']} of ")
    assert {"mentions", "said by", "cites", "author"} <= {k for *_, k in full.edges(data="kind")}


def test_viz_claim_details_name_text_maker_work_page_and_span(full):
    [claim] = [a for _, a in full.nodes(data=True) if a["label"].startswith("Nikolai Yezhov told")]
    details = claim["details"]
    assert details["Text"].startswith("Nikolai Yezhov told the plenum")
    assert details["Made by"] == "J. Arch Getty"
    assert details["Cited work"] == "The Road to Terror (p. 136)"
    assert re.fullmatch(r"purge\.txt, line \d+, characters \d+–\d+", details["Source"])
    start, end = map(int, re.findall(r"\d+", details["Source"].split("characters")[1]))
    assert PURGE[start:end].startswith("Nikolai Yezhov told the plenum")


def test_viz_person_details_name_spellings_and_roles(full):
    [person] = [a for _, a in full.nodes(data=True) if a["label"] == YEZHOV]
    details = person["details"]
    assert set(details["Also written"].split("\n")) == {"Ezhov", "YEZHOV"}
    # His own turn both is said by him and mentions him ("YEZHOV:"): it counts as both.
    assert "mentioned in 4 claims" in details["In this graph"]
    assert "speaker of 1 turn" in details["In this graph"]
    assert "Ezhov" in details["Spellings joined"]


@pytest.mark.parametrize(
    "spelling", [YEZHOV, "nikolaï yezhov", "YEZHOV", "Ezhov", "Yezhov", "Nikolai Ezhov",
                 "N. Ezhov", "Ezhov, N."])
def test_viz_focus_finds_a_person_by_any_spelling(full, spelling):
    assert full.nodes[find_person(full, spelling)]["label"] == YEZHOV


def test_viz_focus_asks_when_a_whole_name_begins_other_peoples_names():
    people = nx.DiGraph()
    for n, label in (("p1", "Pavel Sergeevitch"), ("p2", "Pavel Sergeevich Orlov"),
                     ("p3", "Pavel Sergeevich Lomov"), ("p4", "Pavel Lomovsky")):
        people.add_node(n, kind="person", label=label, names=[label])
    with pytest.raises(QueryError, match=r"'Pavel Sergeevich' matches 3 people: Pavel "
                                         r"Sergeevich Lomov; Pavel Sergeevich Orlov; Pavel "
                                         r"Sergeevitch\. Give more"):
        find_person(people, "Pavel Sergeevich")
    assert find_person(people, "Pavel Sergeevich Orlov") == "p2"
    assert find_person(people, "Lomovsky") == "p4"  # a family name begins no other name


@pytest.mark.parametrize(("name", "message"), [
    ("Petrov", r"'Petrov' matches 2 people: Ivan Petrov; Sergei Petrov\. Give more"),
    ("Yeshov", r"No person in the graph matches 'Yeshov'\. Did you mean: Nikolai Yezhov"),
    ("Quixote", r"No person in the graph matches 'Quixote'\. Try the family name alone\."),
])
def test_viz_focus_errors_are_one_line(full, name, message):
    with pytest.raises(QueryError, match=message) as caught:
        find_person(full, name)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_viz_focus_keeps_what_lies_within_depth(purge_out, full, depth):
    view = view_graph(purge_out, focus="Ezhov", depth=depth)
    centre = view.graph["focus"]
    assert full.nodes[centre]["label"] == YEZHOV
    distance = nx.single_source_shortest_path_length(full.to_undirected(as_view=True), centre)
    assert set(view) == {n for n, d in distance.items() if d <= depth}
    assert view.graph["title"].endswith(f"{YEZHOV}, depth {depth}")


@pytest.mark.parametrize(("kinds", "expected"), [
    ({"person"}, {"person"}),
    ({"claim"}, {"quotation", "turn"}),
    ({"work", "turn"}, {"work", "turn"}),
])
def test_viz_kinds_keep_only_those_kinds(purge_out, kinds, expected):
    view = view_graph(purge_out, kinds=kinds)
    assert {kind for _, kind in view.nodes(data="kind")} == expected


def test_viz_kinds_keep_the_focused_person(purge_out):
    view = view_graph(purge_out, focus="Yezhov", depth=1, kinds={"claim"})
    assert _labels(view, "person") == {YEZHOV}
    assert len(_labels(view)) > 1


def test_viz_min_degree_drops_nodes_with_fewer_links(purge_out, full):
    narrowed = view_graph(purge_out, kinds={"person", "claim"})
    view = view_graph(purge_out, kinds={"person", "claim"}, min_degree=2)
    assert min(d for _, d in view.degree) >= 2  # every node kept, counted in the view itself
    assert set(view) == set(nx.k_core(nx.Graph(narrowed), 2))
    assert 0 < len(view) < len(narrowed)


def test_viz_min_degree_repeats_until_no_node_is_below_it():
    chain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
    nx.set_node_attributes(chain, "person", "kind")
    assert set(narrow(chain, None, 2)) == {"a", "b", "c"}  # e goes, then d, left with one link
    assert set(narrow(chain, None, 2, keep="e")) == {"a", "b", "c", "d", "e"}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kinds": {"peson"}},
     r"Unknown kind 'peson'\. Available: claim, document, figures, organization, "),
    ({"depth": -1}, r"--depth and --min-degree must be 0 or more"),
    ({"min_degree": -2}, r"--depth and --min-degree must be 0 or more"),
])
def test_viz_bad_settings_are_query_errors(purge_out, kwargs, message):
    with pytest.raises(QueryError, match=message):
        view_graph(purge_out, **kwargs)


def test_viz_node_kinds_expand_claim():
    assert node_kinds({"claim", "person"}) == {"quotation", "turn", "passage", "person"}
    assert node_kinds(None) is None


def test_viz_pagerank_matches_networkx():
    pytest.importorskip("scipy")  # nx.pagerank needs it; ours does not
    graph = nx.gnm_random_graph(60, 150, seed=4, directed=True)
    graph.add_node(99)  # a node with no links at all
    ours, theirs = pagerank(graph), nx.pagerank(graph, tol=1e-12)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-6


def test_viz_communities_do_not_depend_on_insertion_order():
    graph = nx.relabel_nodes(nx.karate_club_graph(), lambda n: f"node/{n:02d}")
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph)))
    shuffled.add_edges_from(reversed(list(graph.edges)))
    assert communities(graph) == communities(shuffled)
    assert sorted(n for group in communities(graph) for n in group) == sorted(graph)


def test_viz_page_is_deterministic(purge_out, tmp_path):
    pages = []
    for name in ("a.html", "b.html"):
        view = view_graph(purge_out, focus="Ezhov")
        write_html(view, tmp_path / name, title=view.graph["title"])
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]


# -- the command ---------------------------------------------------------------------------


def test_viz_cli_writes_view_html_and_counts(purge_out):
    result = CliRunner().invoke(main, ["viz", str(purge_out)])
    assert result.exit_code == 0, result.output
    page = purge_out / "view.html"
    data = _embedded(page)
    assert result.output == (f"Wrote {page}: {len(data['nodes'])} nodes, "
                             f"{len(data['edges'])} edges.\n")


def test_viz_cli_focus_kinds_and_output(purge_out, tmp_path):
    dest = tmp_path / "yezhov.html"
    result = CliRunner().invoke(main, ["viz", str(purge_out / "graph.ttl"), "--focus", "Ezhov",
                                       "--depth", "1", "--kinds", "person, claim", "-o", str(dest)])
    assert result.exit_code == 0, result.output
    data = _embedded(dest)
    assert result.output == (f"Wrote {dest}: {len(data['nodes'])} nodes, {len(data['edges'])} "
                             f"edges; focus {YEZHOV}, depth 1.\n")
    assert data["info"][data["focus"]]["label"] == YEZHOV
    assert {item["kind"] for item in data["info"]} == {"person", "quotation", "turn"}


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "Petrov"], "Error: 'Petrov' matches 2 people: Ivan Petrov; Sergei Petrov."),
    (["--focus", "Quixote"], "Error: No person in the graph matches 'Quixote'."),
    (["--kinds", "person,peson"], "Error: Unknown kind 'peson'. Available: claim, document,"),
    (["--depth", "-1"], "Error: Invalid value for '--depth'"),
])
def test_viz_cli_errors_are_one_line(purge_out, tmp_path, args, message):
    result = CliRunner().invoke(main, ["viz", str(purge_out), "-o", str(tmp_path / "v.html"),
                                       *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "v.html").exists()


def test_viz_cli_without_a_graph(tmp_path):
    result = CliRunner().invoke(main, ["viz", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: {tmp_path / 'graph.ttl'}: no graph found; "
                                     "run 'claimgraph build CORPUS --out DIR' first.")


def _embedded(page: Path) -> dict:
    text = page.read_text("utf-8")
    found = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


# -- in Chromium ---------------------------------------------------------------------------

DRAWN = "document.body && document.body.dataset.drawn === 'yes'"
# Pixels on the canvas that are not background: proof that something was drawn.
INKED = """(() => { const c = document.querySelector('#cg-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n; })()"""
DETAILS = "document.getElementById('cg-details').textContent"


def _centre_of(page, selector: str) -> dict:
    return page.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                         ".getBoundingClientRect(); return {x: r.left + r.width / 2,"
                         " y: r.top + r.height / 2}; })()")


def _node_point(page, node: int) -> dict:
    return page.evaluate(
        f"(() => {{ const n = claimgraph.network, p = n.canvasToDOM(n.getPositions([{node}])"
        f"[{node}]); const box = document.getElementById('cg-network').getBoundingClientRect();"
        " return {x: box.left + p.x, y: box.top + p.y}; })()")


def _click(page, point: dict) -> None:
    for event in ("mousePressed", "mouseReleased"):
        page.call("Input.dispatchMouseEvent",
                  {"type": event, "button": "left", "clickCount": 1, **point})


def _node_id(page_file: Path, starts: str) -> int:
    info = _embedded(page_file)["info"]
    return next(i for i, item in enumerate(info) if item["label"].startswith(starts))


@pytest.fixture(scope="module")
def purge_page(purge_out, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("viz-page") / "view.html"
    view = view_graph(purge_out)
    write_html(view, dest, title=view.graph["title"])
    return dest


@pytest.mark.browser
def test_viz_browser_draws_offline_and_cleanly(purge_page, tmp_path):
    with browser.open_page(purge_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        drawn = page.evaluate("Number(document.body.dataset.drawnNodes)")
        inked = page.evaluate(INKED)
        requests, errors = page.requests, page.errors
    assert drawn == len(_embedded(purge_page)["nodes"])
    assert inked > 1000
    assert requests == [purge_page.as_uri()] and errors == []


@pytest.mark.browser
def test_viz_browser_search_enter_selects_a_person_by_another_spelling(purge_page, tmp_path):
    with browser.open_page(purge_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        _click(page, _centre_of(page, "#cg-search"))
        page.call("Input.insertText", {"text": "jansen, marc"})  # label: "Marc Jansen"
        note = page.wait_for("document.getElementById('cg-matches').textContent")
        for kind in ("keyDown", "keyUp"):
            page.call("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                 "windowsVirtualKeyCode": 13})
        heading = page.wait_for("document.querySelector('#cg-details h2')?.textContent")
        selected = page.evaluate("claimgraph.network.getSelectedNodes()")
        errors = page.errors
    assert note == "1 match"
    assert heading == "Marc Jansen"
    assert selected == [_node_id(purge_page, "Marc Jansen")]
    assert errors == []


@pytest.mark.browser
def test_viz_browser_legend_click_hides_a_kind(purge_page, tmp_path):
    people = sum(item["kind"] == "person" for item in _embedded(purge_page)["info"])
    hidden = "claimgraph.network.body.data.nodes.get({filter: n => n.hidden}).length"
    with browser.open_page(purge_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        _click(page, _centre_of(page, '#cg-legend li[data-kind="person"]'))
        after_one = page.evaluate(hidden)
        off = page.evaluate("document.querySelector('#cg-legend li[data-kind=\"person\"]')"
                            ".classList.contains('off')")
        _click(page, _centre_of(page, '#cg-legend li[data-kind="person"]'))
        after_two = page.evaluate(hidden)
    assert people > 0 and after_one == people and off and after_two == 0


@pytest.mark.browser
def test_viz_browser_click_on_a_claim_shows_its_details(purge_page, tmp_path):
    node = _node_id(purge_page, "Nikolai Yezhov told")
    with browser.open_page(purge_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        page.evaluate(f"claimgraph.network.focus({node}, {{scale: 1.5, animation: false}})")
        _click(page, _node_point(page, node))
        page.wait_for("!!document.querySelector('#cg-details dl')")
        shown = page.evaluate(DETAILS)
    for text in ("Nikolai Yezhov told the plenum", "Made byJ. Arch Getty",
                 "Cited workThe Road to Terror (p. 136)", "Sourcepurge.txt, line",
                 "characters", "Community", "Connections"):
        assert text in shown


@pytest.mark.browser
def test_viz_browser_focus_view_opens_on_the_person(purge_out, tmp_path):
    dest = tmp_path / "focus.html"
    view = view_graph(purge_out, focus="Ezhov")
    write_html(view, dest, title=view.graph["title"])
    with browser.open_page(dest.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        heading = page.evaluate("document.querySelector('#cg-details h2').textContent")
        selected = page.evaluate("claimgraph.network.getSelectedNodes()")
        errors = page.errors
    assert heading == YEZHOV
    assert selected == [_embedded(dest)["focus"]] and errors == []


@pytest.mark.browser
def test_viz_browser_hostile_quote_is_shown_as_text_and_runs_nothing(tmp_path):
    out = _build(tmp_path, "hostile.txt", HOSTILE)
    result = CliRunner().invoke(main, ["viz", str(out)])
    assert result.exit_code == 0, result.output
    page_file = out / "view.html"
    node = _node_id(page_file, "He wrote")
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        page.evaluate(f"claimgraph.network.focus({node}, {{scale: 1.5, animation: false}})")
        _click(page, _node_point(page, node))
        page.wait_for("!!document.querySelector('#cg-details dl')")
        _click(page, _centre_of(page, "#cg-search"))
        page.call("Input.insertText", {"text": "<script>"})
        matches = page.wait_for("document.getElementById('cg-matches').textContent")
        shown = page.evaluate(DETAILS)
        pwned = page.evaluate("typeof window.__pwned")
        injected = page.evaluate("document.querySelectorAll('#cg-side img, #cg-side script,"
                                 " #cg-tooltip img, #cg-tooltip script').length")
        requests, errors = page.requests, page.errors
    assert "<script>window.__pwned=1</script>" in shown
    assert '<img src=x onerror="window.__pwned=1">' in shown
    assert matches != "0 matches"
    assert pwned == "undefined" and injected == 0
    assert requests == [page_file.as_uri()] and errors == []


@pytest.mark.browser
@pytest.mark.corpus
def test_viz_browser_corpus_full_and_focus_views_draw(corpus_out, tmp_path):
    out, _ = corpus_out
    for name, focus in (("full.html", None), ("yezhov.html", "Yezhov")):
        view = view_graph(out, focus=focus)
        write_html(view, tmp_path / name, title=view.graph["title"])
        with browser.open_page((tmp_path / name).as_uri(), tmp_path) as page:
            page.wait_for(DRAWN)
            drawn = page.evaluate("Number(document.body.dataset.drawnNodes)")
            errors = page.errors
        assert drawn == view.number_of_nodes() > 300 and errors == []
