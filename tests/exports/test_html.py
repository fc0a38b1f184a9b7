"""Tests for exports/html.py: an offline, deterministic, injection-proof network page."""

from __future__ import annotations

import json
import os
import random
import re
import struct
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from exports import layout, page_payload
from exports.html import KIND_COLOURS, UNKNOWN_COLOUR, write_html
from graph_builder.errors import ExportError
from tests import browser

# Each payload tries to set a marker on <body>; the browser tests assert it never appears.
HOSTILE = {
    "script": "<script>document.body.dataset.pwned = 'script'</script>",
    "img": "<img src=x onerror=\"document.body.dataset.pwned = 'img'\">",
    "breakout": "</script><script>document.body.dataset.pwned = 'breakout'</script><!--",
}
HOSTILE_ID = "quotation/hostile"
ODD_KIND = "<b>odd</b>"


def claim_graph(size: int = 60, seed: int = 7) -> nx.MultiDiGraph:
    """A graph shaped like claimgraph output: works by people, claims citing works, ..."""
    rng = random.Random(seed)
    counts = {
        "person": size // 8,
        "work": size // 8,
        "thesis": max(3, size // 40),
        "document": max(3, size // 30),
        "topic": max(3, size // 30),
        "organization": max(2, size // 40),
        "claim": size // 5,
        "turn": max(3, size // 30),
        "passage": max(3, size // 30),
        "figures": max(2, size // 60),
    }
    counts["quotation"] = size - sum(counts.values())
    graph = nx.MultiDiGraph()
    ids = {kind: [f"{kind}/{i:04d}" for i in range(n)] for kind, n in counts.items()}
    for kind, members in ids.items():
        for i, node in enumerate(members):
            details = {"Text": f"Text of {kind} {i}", "Source": f"{i % 9:03d}.txt, line {i + 1}"}
            graph.add_node(node, kind=kind, label=f"{kind.title()} {i}", details=details)

    def link(source: str, kind: str, target_kind: str) -> None:
        graph.add_edge(source, rng.choice(ids[target_kind]), kind=kind)

    for work in ids["work"]:
        link(work, "author", "person")
    for person in ids["person"][::3]:
        link(person, "member of", "organization")
    for claim in ids["claim"]:
        link(claim, "under thesis", "thesis")
        link(claim, "cites", "work")
    for quote in ids["quotation"]:
        link(quote, "part of", "document")
        link(quote, "speaker", "person")
    for claim in ids["claim"][::4]:
        link(claim, "about", "topic")
    for turn in ids["turn"]:
        link(turn, "said by", "person")
    for passage in ids["passage"]:
        link(passage, "in document", "document")
        link(passage, "mentions", "person")
    return graph


def hostile_graph() -> nx.MultiDiGraph:
    """`claim_graph` plus a quotation and a kind made of markup."""
    graph = claim_graph()
    graph.add_node(
        HOSTILE_ID,
        kind="quotation",
        label=HOSTILE["breakout"],
        details={"Text": HOSTILE["script"] + HOSTILE["img"], HOSTILE["img"]: HOSTILE["breakout"]},
    )
    graph.add_edge(HOSTILE_ID, "person/0000", kind=HOSTILE["script"])
    graph.add_node("odd", kind=ODD_KIND, label="odd one", details={"Page": "136"})
    graph.add_edge("odd", HOSTILE_ID, kind="cites")
    return graph


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(hostile_graph(), dest, title="Hostile <title> & co")
    return dest


@pytest.fixture(scope="module")
def page_text(page_file) -> str:
    return page_file.read_text("utf-8")


class ScriptElements(HTMLParser):
    """The <script> elements of a page as an HTML parser sees them.

    A quotation that broke out of the data script would show up here as an
    extra script or a truncated payload, which is what the tests look for.
    """

    def __init__(self, text: str):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._open: dict | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def embedded_data(text: str) -> dict:
    """The JSON payload the page script reads, found the way a browser finds it."""
    scripts = ScriptElements(text).scripts
    data = [body for attrs, body in scripts if attrs.get("id") == "cg-data"]
    assert len(data) == 1, "expected one data script"
    return json.loads(data[0])


# -- the file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        r"<script[^>]*\ssrc\s*=",
        r"<link\b",
        r"@import",
        r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""",
        r"""url\(\s*["']?\s*(?:https?:)?//""",
    ],
)
def test_html_fetches_nothing(page_text, pattern):
    assert not re.search(pattern, page_text, re.I), f"page would fetch: {pattern}"


def test_html_forbids_fetches_by_policy(page_text):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page_text)
    assert policy and "default-src 'none'" in policy.group(1)
    assert "unsafe-inline" not in policy.group(1).split("script-src")[1].split(";")[0]


def test_html_inlines_every_script(page_text):
    scripts = ScriptElements(page_text).scripts
    assert [attrs for attrs, _ in scripts] == [
        {"type": "application/json", "id": "cg-data"},
        {},  # vis-network
        {},  # the page's own scripts, joined
    ]
    assert "@version 9.1.2" in scripts[1][1]
    assert "sourceMappingURL" not in page_text


@pytest.mark.parametrize("kind", [*KIND_COLOURS, ODD_KIND])
def test_html_legend_lists_kind_colour_and_count(page_text, kind):
    graph = hostile_graph()
    expected = Counter(attrs["kind"] for _, attrs in graph.nodes(data=True))[kind]
    colour = KIND_COLOURS.get(kind, UNKNOWN_COLOUR)
    name = kind.replace("<", "&lt;").replace(">", "&gt;")
    item = (
        f'<li data-kind="{name}"><span class="swatch" style="background:{colour}"></span>'
        f'<span class="kind">{name}</span><span class="count">{expected}</span></li>'
    )
    assert item in page_text


@pytest.mark.parametrize("markup", ["<script>doc", "<img src=x", "</script><script>", "<b>odd"])
def test_html_hostile_text_never_appears_as_markup(page_text, markup):
    found = markup in page_text  # not `assert ... not in`: pytest would diff a 1 MB page
    assert not found


@pytest.mark.parametrize("payload", sorted(HOSTILE.values()))
def test_html_hostile_text_survives_as_text(page_text, payload):
    info = embedded_data(page_text)["info"]
    texts = {text for item in info for pair in item["details"] for text in pair}
    texts |= {item["label"] for item in info}
    assert any(payload in text for text in texts)


def test_html_escapes_title(page_text):
    assert "<title>Hostile &lt;title&gt; &amp; co</title>" in page_text


def test_html_positions_are_fixed_and_physics_off(page_text):
    data = embedded_data(page_text)
    assert data["options"]["physics"]["enabled"] is False
    points = [(x, y) for _, x, y, _ in data["nodes"]]
    assert len(points) == hostile_graph().number_of_nodes()
    assert len(set(points)) == len(points), "two nodes drawn on the same spot"


def test_html_node_colours_follow_kind(page_text):
    data = embedded_data(page_text)
    # rows carry no colour: the page colours each node by its kind, from this table
    assert [row[0] for row in data["nodes"]] == list(range(len(data["info"])))
    assert all(len(row) == 4 for row in data["nodes"])
    assert data["colours"] == KIND_COLOURS and data["otherColour"] == UNKNOWN_COLOUR


def test_html_is_deterministic(tmp_path):
    graph = hostile_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(data=True))))
    paths = [tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html"]
    for path, view in zip(paths, [graph, graph, shuffled], strict=True):
        write_html(view, path)
    assert paths[0].read_bytes() == paths[1].read_bytes() == paths[2].read_bytes()


def test_html_replaces_file_and_leaves_no_temp(tmp_path):
    dest = tmp_path / "graph.html"
    dest.write_text("old page")
    write_html(claim_graph(), dest)
    assert dest.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_html_interrupted_write_keeps_old_file(tmp_path, monkeypatch):
    dest = tmp_path / "graph.html"
    dest.write_text("old page")

    renames = []

    def fail(src, dst):
        renames.append((Path(src), Path(dst)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError, match="No space left on device"):
        write_html(claim_graph(), dest)
    [(src, dst)] = renames
    assert src.parent == dst.parent == tmp_path  # same folder, so the rename is atomic
    assert dest.read_text() == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_html_unwritable_destination_is_an_export_error(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(ExportError, match="taken is a file, not a folder"):
        write_html(claim_graph(), tmp_path / "taken" / "graph.html")


@pytest.mark.parametrize(
    "graph",
    [nx.Graph(), nx.path_graph(5), nx.MultiGraph([(1, 1), (1, 2), (1, 2)])],
    ids=["empty", "undirected-plain-nodes", "self-loop-and-multi-edge"],
)
def test_html_writes_bare_graphs(tmp_path, graph):
    dest = tmp_path / "graph.html"
    write_html(graph, dest)
    data = embedded_data(dest.read_text("utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert data["options"]["edges"]["arrows"]["to"]["enabled"] is False  # undirected


def test_html_takes_size_community_names_and_focus_from_the_view(tmp_path):
    graph = nx.DiGraph(focus="person/b")
    graph.add_node("person/a", kind="person", label="A", size=3, community=2)
    graph.add_node("person/b", kind="person", label="Nikolai Yezhov", size=22.46,
                   names=["Nikolai Yezhov", "Ezhov", "YEZHOV"])
    graph.add_edge("person/a", "person/b", kind="knows")
    write_html(graph, tmp_path / "view.html")
    data = embedded_data((tmp_path / "view.html").read_text("utf-8"))
    assert [row[3] for row in data["nodes"]] == [6.0, 22.5]  # clamped to 6..30
    assert data["info"][0]["community"] == 2 and "aliases" not in data["info"][0]
    assert data["info"][1]["aliases"] == ["Ezhov", "YEZHOV"]
    assert data["focus"] == 1 and data["directed"] is True


def test_html_many_edges_draw_no_arrowheads_but_stay_directed(tmp_path, monkeypatch):
    monkeypatch.setattr(page_payload, "ARROW_EDGES", 10)
    for size, arrows in ((10, True), (11, False)):
        graph = nx.path_graph(size + 1, create_using=nx.DiGraph)
        write_html(graph, tmp_path / "view.html")
        data = embedded_data((tmp_path / "view.html").read_text("utf-8"))
        assert data["options"]["edges"]["arrows"]["to"]["enabled"] is arrows
        assert data["directed"] is True and data["focus"] is None


def test_html_layout_without_numpy(monkeypatch):
    monkeypatch.setattr(layout, "_numpy", lambda: None)
    graph = claim_graph(200)
    order = sorted(graph.nodes)
    index = {node: i for i, node in enumerate(order)}
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    points = layout.layout_positions(len(order), edges)
    assert len(set(points)) == len(points)


def test_html_layout_handles_large_components():
    pytest.importorskip("numpy")
    graph = nx.gnm_random_graph(1200, 1800, seed=3)
    points = layout.layout_positions(1200, list(graph.edges()))
    assert len(set(points)) == len(points)


# -- in a browser ----------------------------------------------------------------------

HOSTILE_MARKER = "document.body.dataset.pwned || ''"
INJECTED_ELEMENTS = (
    "document.querySelectorAll('#cg-side img, #cg-side script, #cg-side b,"
    " #cg-tooltip img, #cg-tooltip script').length"
)


@pytest.mark.browser
def test_html_browser_draws_offline_without_running_corpus_text(page_file, tmp_path):
    expected_nodes = hostile_graph().number_of_nodes()
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for("document.body && document.body.dataset.drawn === 'yes'")
        assert page.evaluate("Number(document.body.dataset.drawnNodes)") == expected_nodes
        info = embedded_data(page_file.read_text("utf-8"))["info"]
        hostile_id = next(i for i, item in enumerate(info) if item["label"] == HOSTILE["breakout"])
        page.evaluate(f"claimgraph.showDetails({hostile_id})")
        page.evaluate(f"claimgraph.showNodeTip({hostile_id}, {{x: 10, y: 10}})")
        shown = page.evaluate("document.getElementById('cg-details').textContent")
        tip = page.evaluate("document.getElementById('cg-tooltip').textContent")
        injected = page.evaluate(INJECTED_ELEMENTS)
        pwned = page.evaluate(HOSTILE_MARKER)
        resources = page.evaluate("performance.getEntriesByType('resource').length")
        requests, errors = page.requests, page.errors
    assert all(payload in shown for payload in HOSTILE.values())
    assert HOSTILE["breakout"] in tip
    assert injected == 0
    assert pwned == ""
    assert requests == [page_file.as_uri()], "the page loaded something besides itself"
    assert resources == 0
    assert errors == []


@pytest.mark.browser
def test_html_browser_click_shows_details(page_file, tmp_path):
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for("document.body && document.body.dataset.drawn === 'yes'")
        point = page.evaluate(
            "(() => { const n = claimgraph.network, id = 0;"
            " const p = n.canvasToDOM(n.getPositions([id])[id]);"
            " const box = document.getElementById('cg-network').getBoundingClientRect();"
            " return {x: box.left + p.x, y: box.top + p.y}; })()"
        )
        for event in ("mousePressed", "mouseReleased"):
            page.call(
                "Input.dispatchMouseEvent",
                {"type": event, "button": "left", "clickCount": 1, **point},
            )
        heading = page.wait_for("document.querySelector('#cg-details h2')?.textContent")
    assert heading == embedded_data(page_file.read_text("utf-8"))["info"][0]["label"]


@pytest.mark.browser
def test_html_browser_dump_dom_marks_drawn(page_file, tmp_path):
    dom = browser.dump_dom(page_file.as_uri(), tmp_path, budget_ms=5000)
    assert 'data-drawn="yes"' in dom
    assert "data-pwned" not in dom


@pytest.mark.browser
def test_html_browser_screenshot(tmp_path):
    dest = tmp_path / "claims.html"
    write_html(claim_graph(300), dest, title="300 claims")
    png = browser.screenshot(dest.as_uri(), tmp_path / "claims.png", tmp_path)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1400, 900)
    assert png.stat().st_size > 50_000, "screenshot looks blank"


def test_html_layout_puts_small_components_round_the_largest_not_in_rows():
    pytest.importorskip("numpy")
    core = nx.gnm_random_graph(120, 300, seed=4)
    pairs = [(u, v) for u, v in core.edges()] + [(200 + 2 * k, 201 + 2 * k) for k in range(20)]
    n = 240  # 120 in the core, 80 alone, 20 pairs
    points = layout.layout_positions(n, pairs)
    assert len(set(points)) == n
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.6 < width / height < 1.6, "the drawing should be round, not a wide band of rows"
    cx = (max(xs[:120]) + min(xs[:120])) / 2  # the middle of the core's bounding box
    cy = (max(ys[:120]) + min(ys[:120])) / 2
    others = range(120, n)
    # the lone nodes and pairs surround the core: their mean sits near its centre, and every
    # one lies outside it
    assert abs(sum(xs[k] for k in others) / len(others) - cx) < width / 5
    assert abs(sum(ys[k] for k in others) / len(others) - cy) < height / 5
    reach = max(((xs[k] - cx) ** 2 + (ys[k] - cy) ** 2) ** 0.5 for k in range(120))
    assert all(((xs[k] - cx) ** 2 + (ys[k] - cy) ** 2) ** 0.5 > reach for k in others)
