"""The page's tools in Chromium: the year slider, the document filter, SVG and PNG export,
and the URL fragment that reopens a lens, node and filters (exports/templates/tools.js).

One invented graph of two documents about a river port's guild, drawn as a lens page;
every test drives the real page offline and checks that no request left it and that no
error reached the console.
"""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from exports.html import write_lens_page
from tests import browser

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>Ostrander & Sons"


def _claim(n: str, document: str, line: int, text: str) -> tuple[str, dict]:
    return n, {"kind": "passage", "label": text[:40], "text": text, "document": document,
               "line": line, "char_start": line * 100, "char_end": line * 100 + len(text),
               "details": {"Text": text, "Source": f"{document}, line {line}"}}


def _person(n: str, name: str) -> tuple[str, dict]:
    attrs = {"kind": "person", "label": name, "name": name, "names": [name],
             "details": {"Name": name}}
    return n, attrs


def tools_graph() -> tuple[nx.DiGraph, dict[str, nx.Graph], dict[str, tuple[int, int]]]:
    """Four people, three claims in two documents, one work; lenses people and claims."""
    full = nx.DiGraph()
    full.add_nodes_from([
        _person("urn:p:marten", "Hugo Marten"), _person("urn:p:vell", "Ada Vell"),
        _person("urn:p:ostr", HOSTILE), _person("urn:p:quill", "Jonas Quill"),
        _claim("urn:c:1", "guild-a.txt", 3, "Hugo Marten sold the barges to Ada Vell."),
        _claim("urn:c:2", "guild-a.txt", 9, f"Ada Vell wrote to {HOSTILE} about the tolls."),
        _claim("urn:c:3", "guild-b.txt", 4, "Jonas Quill and Hugo Marten closed the wharf."),
        ("urn:w:ledger", {"kind": "work", "label": "The Harbour Ledger", "year": "1871",
                          "details": {"Title": "The Harbour Ledger"}}),
    ])
    for claim, people in (("urn:c:1", ("marten", "vell")), ("urn:c:2", ("vell", "ostr")),
                          ("urn:c:3", ("quill", "marten"))):
        for p in people:
            full.add_edge(claim, f"urn:p:{p}", kind="mentions", kinds="mentions")
    full.add_edge("urn:c:1", "urn:w:ledger", kind="cites", kinds="cites")
    # the ledger sits in a fond of an archive: no claim names either
    full.add_node("urn:w:fond", kind="work", label="Harbour Board, fond 4", details={})
    full.add_node("urn:o:archive", kind="organization", label="City Archive", details={})
    full.add_edge("urn:w:ledger", "urn:w:fond", kind="part of", kinds="part of")
    full.add_edge("urn:w:fond", "urn:o:archive", kind="held by", kinds="held by")
    people = nx.Graph(title="People", note="People linked when a claim mentions both.")
    for claim, (a, b) in (("urn:c:1", ("marten", "vell")), ("urn:c:2", ("vell", "ostr")),
                          ("urn:c:3", ("quill", "marten"))):
        people.add_edge(f"urn:p:{a}", f"urn:p:{b}", kind="mentioned with",
                        kinds="mentioned with", weight=1, evidence=[claim])
    claims = nx.DiGraph(title="Claims", note="Every claim and what it links.")
    for a, b, attrs in full.edges(data=True):
        claims.add_edge(a, b, weight=1, evidence=[a], **attrs)
    years = {"urn:p:marten": (1820, 1880), "urn:p:vell": (1850, 1899),
             "urn:p:quill": (1890, 1930), "urn:w:ledger": (1871, 1871)}
    return full, {"people": people, "claims": claims}, years


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    browser.require_chromium()
    full, lenses, years = tools_graph()
    dest = tmp_path_factory.mktemp("tools") / "graph.html"
    write_lens_page(full, lenses, dest, title="guild", default="people", years=years)
    return dest


def _open(page_file: Path, tmp_path: Path, fragment: str = ""):
    return browser.open_page(page_file.as_uri() + fragment, tmp_path)


def _hidden(page) -> set[str]:
    """The IRIs of the current lens's nodes that the page hides now."""
    return set(json.loads(page.evaluate(
        "JSON.stringify(claimgraph.nodes.get({filter: n => n.hidden})"
        ".map(n => claimgraph.info[n.id].iri))")))


def _ready(page) -> None:
    page.wait_for("document.body.dataset.drawn === 'yes' && claimgraph.tools !== undefined")


def _clean(page) -> None:
    assert page.errors == []
    assert page.external_requests() == []


def test_year_slider_hides_dated_nodes_outside_the_window(page_file, tmp_path):
    with _open(page_file, tmp_path) as page:
        _ready(page)
        assert page.evaluate("JSON.stringify(claimgraph.tools.yearRange)") == "[1820,1930]"
        page.evaluate("(() => { const to = document.getElementById('cg-year-to');"
                      " to.value = '1848'; to.dispatchEvent(new Event('input')); })()")
        # Vell (born 1850) and Quill (born 1890) fall outside 1820-1848; Ostrander is undated
        assert _hidden(page) == {"urn:p:vell", "urn:p:quill"}
        assert "years=1820-1848" in page.evaluate("location.hash")
        assert "1820\u20131848" in page.evaluate("document.getElementById('cg-years').textContent")
        page.evaluate("claimgraph.tools.setYears(1820, 1930)")
        assert _hidden(page) == set()
        _clean(page)


def test_document_filter_keeps_what_one_document_says(page_file, tmp_path):
    with _open(page_file, tmp_path, "#lens=claims") as page:
        _ready(page)
        options = json.loads(page.evaluate(
            "JSON.stringify([...document.querySelectorAll('#cg-doc option')].map(o => o.value))"))
        assert options == ["", "guild-a.txt", "guild-b.txt"]
        page.evaluate("(() => { const s = document.getElementById('cg-doc');"
                      " s.value = 'guild-b.txt'; s.dispatchEvent(new Event('change')); })()")
        hidden = _hidden(page)
        assert {"urn:c:1", "urn:c:2"} <= hidden and "urn:c:3" not in hidden
        assert "urn:p:vell" in hidden  # only guild-a mentions her
        assert "urn:p:marten" not in hidden and "urn:p:quill" not in hidden
        # the fond and archive hold only a work that guild-a cites
        assert {"urn:w:ledger", "urn:w:fond", "urn:o:archive"} <= hidden
        assert "doc=guild-b.txt" in page.evaluate("location.hash")
        page.evaluate("claimgraph.tools.setDocument('guild-a.txt')")
        assert not {"urn:w:ledger", "urn:w:fond", "urn:o:archive"} & _hidden(page)
        _clean(page)


def test_svg_export_draws_the_visible_nodes_with_escaped_labels(page_file, tmp_path):
    with _open(page_file, tmp_path, "#lens=people") as page:
        _ready(page)
        svg = page.evaluate("claimgraph.tools.exportSVG()")
        shown = int(page.evaluate("claimgraph.nodes.get({filter: n => !n.hidden}).length"))
        page.evaluate("document.getElementById('cg-save-svg').click()")
        _clean(page)
    root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed XML, or this raises
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == shown == 4
    assert len(root.findall(f".//{SVG}line")) == 3
    titles = {c.find(f"{SVG}title").text for c in circles}
    assert HOSTILE in titles  # the markup is text in the file, not an element
    assert root.find(f".//{SVG}script") is None


def test_png_export_is_an_image_of_the_canvas(page_file, tmp_path):
    with _open(page_file, tmp_path) as page:
        _ready(page)
        url = page.evaluate("claimgraph.tools.exportPNG()")
        _clean(page)
    assert url.startswith("data:image/png;base64,")
    assert base64.b64decode(url.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_url_fragment_reopens_lens_node_and_filters(page_file, tmp_path):
    fragment = "#lens=claims&node=urn%3Ap%3Aquill&hide=work&years=1885-1930"
    with _open(page_file, tmp_path, fragment) as page:
        _ready(page)
        assert page.evaluate("claimgraph.lensName()") == "claims"
        selected = page.evaluate("claimgraph.info[claimgraph.network.getSelectedNodes()[0]].iri")
        assert selected == "urn:p:quill"
        hidden = _hidden(page)
        assert "urn:w:ledger" in hidden  # its kind is hidden
        assert "urn:p:marten" in hidden  # died 1880, before the window
        assert "urn:p:vell" not in hidden and "urn:p:quill" not in hidden
        assert page.evaluate("document.getElementById('cg-year-from').value") == "1885"
        link = page.evaluate("document.getElementById('cg-link').value")
        assert "lens=claims" in link and "node=urn%3Ap%3Aquill" in link
        _clean(page)
