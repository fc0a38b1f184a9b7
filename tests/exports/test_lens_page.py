"""The lens page (exports.html.write_lens_page): several lenses over one graph, evidence on
every edge, a node's claims, search across lenses and the state in the URL fragment.

The graph and its lenses are invented and built by hand in the shape the lens builder
gives them (lens nodes are node ids of the full graph; edges carry kind, weight and
evidence). The browser tests share one page load where they can.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import networkx as nx
import pytest

from exports.html import write_lens_page
from tests import browser
from tests.exports.test_html import HOSTILE, ScriptElements, embedded_data

IVANOV, SMIRNOVA, LONE = "person/ivanov", "person/smirnova", "person/lone"
WORK, DOC, TOPIC, TOPIC2 = "work/harbour", "document/letters", "topic/grain", "topic/harbours"
CLAIM, HOSTILE_CLAIM, LONE_CLAIM = "claim/1", "claim/2", "claim/3"
CLAIM_TEXT = ("Ivanov told Smirnová that the harbour would close, and Ivanov's clerk wrote "
              "it down for the Smirnov family.")
READERS = {"letters.txt": "reader/letters.html"}
PEOPLE_NOTE = "People are linked when a claim mentions both; 1 person linked to no one is left out."
DRAWN = "document.body && document.body.dataset.drawn === 'yes'"
DETAILS = "document.getElementById('cg-details').textContent"
INJECTED = ("document.querySelectorAll('#cg-side img, #cg-side script, #cg-side b,"
            " #cg-tooltip img').length")


def full_graph() -> nx.DiGraph:
    """Two people quoted together, a work one wrote, a document, topics, a hostile claim."""
    g = nx.DiGraph()
    g.add_node(IVANOV, kind="person", label="Pyotr Ivanov", size=20.0, community=1,
               names=["Pyotr Ivanov", "P. Ivanov", "Ivanov, Pyotr"],
               details={"Name": "Pyotr Ivanov", "Community": "1 of 1: 4 nodes"})
    g.add_node(SMIRNOVA, kind="person", label="Anna Smirnova", size=12.0, community=1,
               names=["Anna Smirnova", "A. Smirnová"],
               details={"Name": "Anna Smirnova", "Community": "1 of 1: 4 nodes"})
    g.add_node(LONE, kind="person", label="Boris Lonely", names=["Boris Lonely"],
               details={"Name": "Boris Lonely"})
    g.add_node(WORK, kind="work", label="Harbour Records", year="1931",
               details={"Title": "Harbour Records", "Year": "1931"})
    g.add_node(DOC, kind="document", label="Letters from the Delta", identifier="letters.txt",
               title="Letters from the Delta", details={"Document": "letters.txt"})
    g.add_node(TOPIC, kind="topic", label="Grain quotas", details={"Topic": "Grain quotas"})
    g.add_node(TOPIC2, kind="topic", label="Harbours", details={"Topic": "Harbours"})
    claim(g, CLAIM, CLAIM_TEXT, line=3, span=(10, 80), made_by="Vera Historian",
          cited="Harbour Records (p. 12)")
    claim(g, HOSTILE_CLAIM, "Smirnova and Ivanov: " + HOSTILE["script"] + HOSTILE["img"], line=9)
    claim(g, LONE_CLAIM, "Lonely walked home.", line=12, span=(200, 219))
    for source, target, kind in (
            (CLAIM, DOC, "in document"), (CLAIM, IVANOV, "mentions"), (CLAIM, SMIRNOVA, "mentions"),
            (CLAIM, WORK, "cites"), (CLAIM, TOPIC, "about"), (WORK, SMIRNOVA, "author"),
            (HOSTILE_CLAIM, DOC, "in document"), (HOSTILE_CLAIM, IVANOV, "mentions"),
            (HOSTILE_CLAIM, SMIRNOVA, "mentions"), (LONE_CLAIM, LONE, "mentions"),
            (LONE_CLAIM, DOC, "in document"), (TOPIC, TOPIC2, "related")):
        g.add_edge(source, target, kind=kind, kinds=kind)
    return g


def claim(g: nx.DiGraph, node: str, text: str, *, line: int, span=None, made_by=None,
          cited=None) -> None:
    """A quotation shaped as the projection gives it (details composed from the facts)."""
    attrs = {"kind": "quotation", "label": text[:40], "text": text, "document": "letters.txt",
             "line": line}
    source = f"letters.txt, line {line}"
    if span:
        attrs.update(char_start=span[0], char_end=span[1])
        source += f", characters {span[0]}\u2013{span[1]}"
    details = {"Text": text, "Source": source}
    if made_by:
        details["Made by"] = attrs["made_by"] = made_by
    if cited:
        details["Cited work"] = attrs["cited_work"] = cited
    g.add_node(node, **attrs, details=details)


def lenses(full: nx.DiGraph) -> dict[str, nx.Graph]:
    """Lenses by hand, shaped as graph_builder.view.lenses gives them."""
    people = nx.Graph(title="People", note=PEOPLE_NOTE)
    people.add_node(IVANOV, size=20.0, community=1)
    people.add_node(SMIRNOVA, size=14.0, community=1)
    people.add_edge(IVANOV, SMIRNOVA, kind="mentioned with", weight=2,
                    evidence=[CLAIM, HOSTILE_CLAIM])
    sources = nx.Graph(title="Sources", note="Documents, the works they cite, their authors.")
    sources.add_edge(DOC, WORK, kind="cites", weight=1, evidence=[CLAIM])
    sources.add_edge(WORK, SMIRNOVA, kind="author", weight=1, evidence=[])
    topics = nx.Graph(title="Topics", note="Topics linked by the vocabulary.")
    topics.add_edge(TOPIC, TOPIC2, kind="related", weight=1, evidence=[])
    claims = nx.Graph(title="Claims", note="Every node of the graph.")
    claims.add_nodes_from(full)
    for a, b, kind in full.edges(data="kind"):
        ends = [n for n in (a, b) if full.nodes[n]["kind"] == "quotation"]
        claims.add_edge(a, b, kind=kind, weight=1, evidence=ends)
    return {"people": people, "sources": sources, "topics": topics, "claims": claims}


@pytest.fixture(scope="module")
def lens_page(tmp_path_factory):
    dest = tmp_path_factory.mktemp("lens-page") / "graph.html"
    full = full_graph()
    write_lens_page(full, lenses(full), dest, title="Letters", default="people",
                    readers=READERS, years={WORK: (1931, 1931)})
    return dest


def info_id(page_file, iri: str) -> int:
    data = embedded_data(page_file.read_text("utf-8"))
    return next(i for i, item in enumerate(data["info"]) if data["iriBase"] + item["iri"] == iri)


# -- the file --------------------------------------------------------------------------


def test_lens_page_holds_each_lens_once_and_every_node_once(lens_page):
    text = lens_page.read_text("utf-8")
    data = embedded_data(text)
    scripts = {attrs.get("id"): body for attrs, body in ScriptElements(text).scripts}
    assert [m["name"] for m in data["lenses"]] == ["people", "sources", "topics", "claims"]
    assert data["lens"] == "people" and data["lenses"][0]["note"] == PEOPLE_NOTE
    assert [(m["nodes"], m["edges"]) for m in data["lenses"]] == [(2, 1), (3, 2), (2, 1),
                                                                   (10, 12)]
    assert len(data["nodes"]) == 2  # the people lens is the main script's
    # one kind with communities: coloured, and listed, by community (the largest first)
    assert data["lenses"][0]["communities"] == [[1, "#4e79a7", 2, "Pyotr Ivanov"]]
    assert [row[4:] for row in data["nodes"]] == [["#4e79a7", 1]] * 2
    assert [m["communities"] for m in data["lenses"][1:]] == [[], [], []]
    others = [json.loads(scripts[f"cg-lens-{n}"]) for n in (1, 2, 3)]
    assert [len(d["nodes"]) for d in others] == [3, 2, 10] and "cg-lens-0" not in scripts
    iris = [data["iriBase"] + item["iri"] for item in data["info"]]
    assert iris == sorted(full_graph()) and data["readers"] == READERS
    work = data["info"][iris.index(WORK)]
    assert work["years"] == [1931, 1931] and work["in"] == 0b1010  # sources and claims
    ivanov = data["info"][iris.index(IVANOV)]
    assert ivanov["claims"] == [iris.index(CLAIM), iris.index(HOSTILE_CLAIM)]
    assert ivanov["claimCount"] == 2 and "Community" not in dict(ivanov["details"])
    assert data["communities"] == {"1": "1 of 1: 4 nodes"}
    quote_item = data["info"][iris.index(CLAIM)]
    assert quote_item["doc"] == "letters.txt" and quote_item["span"] == [10, 80]
    assert "Source" not in dict(quote_item["details"])  # the page rebuilds it
    [edge] = data["edges"]
    assert edge[3] == 2 and edge[4:] == [iris.index(CLAIM), iris.index(HOSTILE_CLAIM)]


def test_lens_page_is_deterministic(tmp_path):
    full = full_graph()
    pages = []
    for name in ("a.html", "b.html"):
        write_lens_page(full, lenses(full), tmp_path / name, title="t", default="sources")
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    assert embedded_data(pages[0].decode())["lens"] == "sources"


# -- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(lens_page, tmp_path_factory):
    """One browser on the lens page for the tests that drive it (each sets what it needs)."""
    with browser.open_page(lens_page.as_uri(), tmp_path_factory.mktemp("chromium")) as opened:
        opened.wait_for(DRAWN)
        yield opened


def switch(page, name: str) -> None:
    page.evaluate(f"claimgraph.setLens({json.dumps(name)})")
    page.wait_for(DRAWN + f" && document.body.dataset.lens === {json.dumps(name)}")


@pytest.mark.browser
def test_lens_page_switches_every_lens(page, lens_page):
    data = embedded_data(lens_page.read_text("utf-8"))
    seen = {}
    for meta in [*data["lenses"][1:], data["lenses"][0]]:
        switch(page, meta["name"])
        seen[meta["name"]] = page.evaluate(
            "({drawn: Number(document.body.dataset.drawnNodes), ms: document.body.dataset.lensMs,"
            " name: claimgraph.lensName(), count: claimgraph.nodes.length,"
            " pressed: document.querySelector('#cg-lenses [aria-pressed=true]').dataset.lens,"
            " tab: document.querySelector('#cg-lenses [aria-pressed=true]').textContent,"
            " note: document.getElementById('cg-lens-note').textContent,"
            " legend: [...document.querySelectorAll('#cg-legend li')].map(li => li.dataset.kind),"
            " labels: Number(document.body.dataset.labelsDrawn),"
            " hash: location.hash})")
    for meta in data["lenses"]:
        shown = seen[meta["name"]]
        assert shown["drawn"] == shown["count"] == meta["nodes"] and shown["ms"]
        assert shown["name"] == shown["pressed"] == meta["name"]
        assert shown["tab"] == f"{meta['title']}{meta['nodes']}" and shown["note"] == meta["note"]
        assert shown["legend"] == [row[0] for row in meta["legend"]]
        assert f"lens={meta['name']}" in shown["hash"]
        assert shown["labels"] >= 0.8 * meta["nodes"]  # few nodes: nearly every label fits
    assert seen["people"]["legend"] == ["person"]
    page.evaluate("document.querySelector('#cg-communities li').click()")
    assert sorted(page.evaluate("claimgraph.network.getSelectedNodes()")) == [
        row[0] for row in data["nodes"]]
    assert page.errors == []


@pytest.mark.browser
def test_lens_page_edge_lists_its_evidence_with_names_marked(page):
    switch(page, "people")
    page.evaluate("claimgraph.showEdge(0)")
    items = page.evaluate(
        "[...document.querySelectorAll('#cg-details li.claim')].map(li => ({"
        " marks: [...li.querySelectorAll('mark')].map(m => m.textContent),"
        " text: li.querySelector('blockquote').textContent,"
        " meta: li.querySelector('.claim-meta').textContent,"
        " href: li.querySelector('a.claim-reader')?.getAttribute('href') || null}))")
    heading = page.evaluate("document.querySelector('#cg-details h2').textContent")
    tip = page.evaluate("(() => { const c = claimgraph.network;"
                        " c.emit('hoverEdge', {edge: 0, pointer: {DOM: {x: 5, y: 5}}});"
                        " return document.getElementById('cg-tooltip').textContent; })()")
    assert heading == "Pyotr Ivanov \u2014 Anna Smirnova"
    assert "Evidence: 2 claims" in page.evaluate(DETAILS) and "2 claims" in tip
    first, second = items
    assert first["text"] == CLAIM_TEXT
    # every spelling's family name, accents and case folded; "Smirnov" is another name
    assert first["marks"] == ["Ivanov", "Smirnová", "Ivanov"]
    assert "Made by: Vera Historian" in first["meta"]
    assert "Cites: Harbour Records (p. 12)" in first["meta"]
    assert "Letters from the Delta, line 3" in first["meta"]
    assert first["href"] == "reader/letters.html#at=10-80"
    assert second["marks"] == ["Smirnova", "Ivanov"] and second["href"] is None  # no span
    assert page.evaluate(INJECTED) == 0
    assert page.evaluate("document.body.dataset.pwned || ''") == ""
    switch(page, "sources")
    author = page.evaluate("claimgraph.drawing().kinds.indexOf('author')")
    page.evaluate("claimgraph.showEdge(claimgraph.drawing().edges"
                  f".findIndex(r => r[2] === {author}))")
    assert "part of the records (author), not drawn from claims" in page.evaluate(DETAILS)
    assert page.errors == []


@pytest.mark.browser
def test_lens_page_long_claim_shows_the_stretch_around_the_names(page):
    text = "The committee met. " * 40 + "Then Smirnova spoke." + " The end came." * 20
    shown = page.evaluate(
        "(() => { const box = document.createElement('div');"
        f" box.append(claimgraph.markedText({json.dumps(text)}, ['smirnova']));"
        " return [box.textContent, [...box.querySelectorAll('mark')].map(m => m.textContent)];"
        " })()")
    excerpt, marks = shown
    assert marks == ["Smirnova"]
    assert excerpt.startswith("\u2026") and excerpt.endswith("\u2026")
    assert "Then Smirnova spoke." in excerpt and len(excerpt) < len(text) / 2
    plain = page.evaluate("(() => { const box = document.createElement('div');"
                          " box.append(claimgraph.markedText('No names here.', ['smirnova']));"
                          " return box.innerHTML; })()")
    assert plain == "No names here."


@pytest.mark.browser
def test_lens_page_node_lists_its_claims(page, lens_page):
    switch(page, "people")
    page.evaluate(f"claimgraph.focusNode({info_id(lens_page, IVANOV)})")
    shown = page.evaluate(DETAILS)
    marks = page.evaluate("[...document.querySelectorAll('#cg-details li.claim mark')]"
                          ".map(m => m.textContent)")
    assert "Claims (2)" in shown and "Connections" in shown and "Community1 of 1" in shown
    assert marks == ["Ivanov", "Ivanov", "Ivanov"]  # this node's names only
    page.evaluate("document.querySelector('#cg-details li.claim .claim-open').click()")
    heading = page.evaluate("document.querySelector('#cg-details h2').textContent")
    shown = page.evaluate(DETAILS)
    assert heading == CLAIM_TEXT[:40]
    assert "Sourceletters.txt, line 3, characters 10\u201380" in shown
    assert "Not drawn in the People lens." in shown
    assert page.errors == []


@pytest.mark.browser
def test_lens_page_search_finds_nodes_of_other_lenses(page, lens_page):
    switch(page, "people")
    page.evaluate("(() => { const box = document.getElementById('cg-search');"
                  " box.value = 'harbour records'; box.dispatchEvent(new Event('input')); })()")
    found = page.evaluate("[...document.querySelectorAll('#cg-results button')].map(b =>"
                          " [b.querySelector('.result-label').textContent, b.dataset.elsewhere])")
    assert found[0] == ["Harbour Records", "yes"]
    page.evaluate("document.querySelector('#cg-results button').click()")
    shown = page.evaluate(DETAILS)
    offers = page.evaluate("[...document.querySelectorAll('#cg-details .lens-offer button')]"
                           ".map(b => b.dataset.lens)")
    assert "Harbour Records" in shown and "Not drawn in the People lens." in shown
    assert offers == ["sources", "claims"]
    page.evaluate("document.querySelector('#cg-details .lens-offer button').click()")
    page.wait_for(DRAWN + " && document.body.dataset.lens === 'sources'")
    selected = page.evaluate("claimgraph.network.getSelectedNodes()")
    hash_ = page.evaluate("location.hash")
    assert selected == [info_id(lens_page, WORK)]
    assert f"node={quote(WORK, safe='')}" in hash_ and "lens=sources" in hash_
    assert page.errors == []


@pytest.mark.browser
def test_lens_page_fragment_opens_lens_and_node(lens_page, tmp_path):
    url = f"{lens_page.as_uri()}#lens=topics&node={quote(TOPIC, safe='')}"
    with browser.open_page(url, tmp_path) as opened:
        opened.wait_for(DRAWN)
        state = opened.evaluate(
            "({lens: claimgraph.lensName(), marked: document.body.dataset.lens,"
            " selected: claimgraph.network.getSelectedNodes(),"
            " heading: document.querySelector('#cg-details h2').textContent})")
        opened.evaluate(f"location.hash = 'lens=people&node={quote(SMIRNOVA, safe='')}'")
        opened.wait_for("claimgraph.lensName() === 'people'")
        opened.wait_for(DRAWN)
        after = opened.evaluate("document.querySelector('#cg-details h2').textContent")
        requests, errors = opened.requests, opened.errors
    assert state == {"lens": "topics", "marked": "topics", "heading": "Grain quotas",
                     "selected": [info_id(lens_page, TOPIC)]}
    assert after == "Anna Smirnova"
    assert requests == [url.split("#")[0]] or requests == [url]
    assert errors == []


@pytest.mark.browser
def test_lens_page_filters_hold_in_every_lens_and_in_search(page, lens_page):
    hidden = "claimgraph.nodes.get({filter: n => n.hidden}).map(n => n.id)"
    switch(page, "people")
    page.evaluate("claimgraph.setFilter('test', id => claimgraph.info[id].kind === 'person')")
    in_people = page.evaluate(hidden)
    switch(page, "sources")
    in_sources = page.evaluate(hidden)
    page.evaluate("(() => { const box = document.getElementById('cg-search');"
                  " box.value = 'smirnova'; box.dispatchEvent(new Event('input')); })()")
    found = page.evaluate("[...document.querySelectorAll('#cg-results .result-kind')]"
                          ".map(k => k.textContent)")
    page.evaluate("claimgraph.setFilter('test', null)")
    after = page.evaluate(hidden)
    found_after = page.evaluate("[...document.querySelectorAll('#cg-results .result-kind')]"
                                ".map(k => k.textContent)")
    assert sorted(in_people) == sorted([info_id(lens_page, IVANOV), info_id(lens_page, SMIRNOVA)])
    assert in_sources == [info_id(lens_page, SMIRNOVA)]
    assert "person" not in found and found_after[0] == "person"
    assert after == [] and page.errors == []


def test_lens_page_claims_carry_their_whole_text(tmp_path):
    """The projection cuts a claim's "Text" detail; the page carries the whole, so search
    finds and evidence marks a name past the cut."""
    whole = "A long report on the harbour. " * 40 + "Finally Smirnova signed it."
    full = full_graph()
    full.nodes[CLAIM]["text"] = whole
    full.nodes[CLAIM]["details"]["Text"] = " ".join(whole.split())[:699] + "\u2026"
    write_lens_page(full, lenses(full), tmp_path / "p.html", title="t", default="people")
    data = embedded_data((tmp_path / "p.html").read_text("utf-8"))
    item = next(i for i in data["info"] if data["iriBase"] + i["iri"] == CLAIM)
    assert item["details"][0] == ["Text", " ".join(whole.split())]


@pytest.mark.browser
def test_lens_page_open_node_follows_to_another_lens(page, lens_page):
    switch(page, "people")
    smirnova = info_id(lens_page, SMIRNOVA)
    page.evaluate(f"claimgraph.focusNode({smirnova})")
    switch(page, "sources")
    selected = page.evaluate("claimgraph.network.getSelectedNodes()")
    switch(page, "topics")
    shown = page.evaluate(DETAILS)
    assert selected == [smirnova]
    assert "Anna Smirnova" in shown and "Not drawn in the Topics lens." in shown
    assert page.errors == []
