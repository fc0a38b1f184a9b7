"""Write a graph view as one self-contained, offline HTML page drawn by vis-network.

Format: an HTML5 document whose inline script feeds vis-network 9.1.2 a
DataSet of nodes and edges and an options object, as documented at
https://visjs.github.io/vis-network/docs/network/.

pyvis is the network library: its `Network` collects the nodes, edges and
vis-network options. Its own template is not used, because it fetches
Bootstrap and other assets from a CDN even with ``cdn_resources="in_line"``;
instead the vis-network script that ships inside the pyvis package is inlined
into ``templates/network.html`` together with the data, so the page works with
no network at all.

Node positions are computed here (a force layout per connected component,
packed into rows) and vis-network physics is off, because letting the browser
settle 1,000 nodes took over a minute while drawing fixed positions takes about
a second. A node's radius grows with its degree, unless the view gives it a
``size``; a view may also give nodes a ``community`` (number) and ``names``
(other spellings the search box finds, as it finds a claim by the "Text" its
details already hold, so no text is written twice), and name one node in
``view.graph["focus"]``, which the page selects and details when it opens.
Corpus text only ever reaches the page as JSON data that the page
script puts into the DOM with ``textContent``, so a quotation holding markup is
shown as text and runs nothing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
import sys
import types
from collections import Counter
from importlib import resources
from pathlib import Path

import networkx as nx

from exports.graphdata import GraphData
from exports.layout import layout_positions
from graph_builder.errors import ExportError
from graph_builder.support.atomic import atomic_path, os_reason

#: Colour per node kind (Tableau 10, distinct on screen and in greyscale print).
KIND_COLOURS = {
    "person": "#4e79a7",
    "work": "#f28e2b",
    "claim": "#e15759",
    "turn": "#e15759",
    "quotation": "#76b7b2",
    "passage": "#9c755f",
    "thesis": "#59a14f",
    "document": "#edc948",
    "topic": "#b07aa1",
    "organization": "#ff9da7",
    "figures": "#bab0ac",
}
#: Colour of kinds the palette does not know, so they stay visible but quiet.
UNKNOWN_COLOUR = "#9aa0a6"

_LABEL_CHARS = 40
_SMALLEST, _LARGEST = 6, 30  # node radius in pixels at zoom 1
_FONT_SMALLEST, _FONT_GROWTH = 10, 2 / 3  # label pixels at the smallest radius, and per pixel more
#: Above this many edges arrowheads are not drawn: at the zoom that shows so many they are
#: specks, and drawing them took a fifth of the first frame of the corpus's full view.
#: The details panel and tooltips still give every edge's direction.
_ARROW_EDGES = 5000
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def write(graph: GraphData, dest: Path) -> None:
    """Registry entry point: project the RDF graph to its network view and write it."""
    from graph_builder.view.projection import best_connected, project, projection_store

    view = best_connected(project(projection_store(graph.triples)))
    kept, total = view.graph["shown"]
    title = graph.title if kept == total else (
        f"{graph.title} (the {kept:,} best-connected of {total:,} nodes; claimgraph viz "
        "--focus NAME draws any part)")
    write_html(view, dest, title=title)


def write_html(view: nx.Graph, dest: Path, *, title: str = "claimgraph") -> None:
    """Write `view` to `dest` as an interactive page that needs no network.

    The same graph always gives the same bytes (sorted nodes, seeded layout),
    and the file appears whole or not at all (written beside `dest`, then
    renamed), so a crash never leaves a half-written page behind.
    """
    dest = Path(dest)
    page = render_html(view, title=title).encode("utf-8")
    try:
        with atomic_path(dest) as tmp:
            tmp.write_bytes(page)
    except OSError as err:
        raise ExportError(
            f"Cannot write HTML to {dest}: {os_reason(err)}. "
            "Check that the folder is writable and has free space."
        ) from err


def render_html(view: nx.Graph, *, title: str = "claimgraph") -> str:
    """Return the page for `view` as text; `write_html` is the usual entry point."""
    order = sorted(view.nodes, key=lambda n: (str(n), type(n).__name__))
    index = {node: i for i, node in enumerate(order)}
    pairs = _edge_triples(view, index)
    positions = layout_positions(len(order), [(u, v) for u, v, _ in pairs])
    payload = _network_payload(view, order, pairs, positions)
    kinds = Counter(_kind(view.nodes[n]) for n in order)
    scripts = [_js_script(_vis_network_js()), _js_script(_template("network.js"))]
    parts = {
        "title": html.escape(title),
        "summary": f"{len(order)} nodes, {len(pairs)} edges",
        "legend": _legend_html(kinds),
        "csp": _content_security_policy(scripts),
        "vis_js": scripts[0],
        "app_js": scripts[1],
        "data": _json_script(payload),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _template("network.html"))


def _template(name: str) -> str:
    """A file from exports/templates, declared as package data so installs carry it.

    Found beside this module rather than through importlib.resources, which
    cannot read from `exports` while it is a namespace package.
    """
    return (Path(__file__).parent / "templates" / name).read_text("utf-8")


def _content_security_policy(scripts: list[str]) -> str:
    """A policy that lets only our own inline scripts run and forbids all fetches.

    Script hashes (not 'unsafe-inline') mean that even markup smuggled into the
    page could not run an event handler, and ``default-src 'none'`` means the
    browser refuses any request to the network, whatever the page contains.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _edge_triples(view: nx.Graph, index: dict) -> list[tuple[int, int, str]]:
    """Edges as sorted (from, to, kind), so insertion order never changes the file.

    An undirected edge has no "from", so its lower index goes first.
    """
    triples = []
    for u, v, attrs in view.edges(data=True):
        i, j = index[u], index[v]
        if not view.is_directed() and j < i:
            i, j = j, i
        triples.append((i, j, _kind(attrs)))
    return sorted(triples)


def _kind(attrs: dict) -> str:
    """The node or edge kind as text; a missing kind is shown as 'unknown'."""
    return str(attrs.get("kind") or "unknown")


def _network_payload(view, order, pairs, positions) -> dict:
    """Build nodes, edges and options with pyvis, plus the text the page shows.

    pyvis is imported here, not at module level, so other export formats do
    not pay for it.
    """
    Network = _pyvis_network_class()

    # directed=True always: pyvis checks undirected edges for duplicates in
    # O(edges) each, which is quadratic; arrows are switched off per edge instead.
    net = Network(directed=True)
    # add_edge asks `node in net.get_nodes()`, a list, twice per edge: quadratic, 0.7 s for
    # the corpus's full view. The same question answered from a set costs nothing.
    known: set[int] = set()
    net.get_nodes = lambda: known
    degree = Counter()
    for u, v, _ in pairs:
        degree[u] += 1
        degree[v] += 1
    info = []
    for i, node in enumerate(order):
        attrs = view.nodes[node]
        label = str(attrs.get("label") or node)
        kind = _kind(attrs)
        x, y = positions[i]
        size = _size(attrs, degree[i])
        net.add_node(
            i,
            label=_shorten(label, _LABEL_CHARS) or " ",  # pyvis shows the id for ""
            color=KIND_COLOURS.get(kind, UNKNOWN_COLOUR),
            size=size,
            x=x,
            y=y,
            **_font(size),
        )
        known.add(i)
        info.append(_node_info(attrs, label, kind))
    arrows = "to" if view.is_directed() and len(pairs) <= _ARROW_EDGES else ""
    for u, v, kind in pairs:
        net.add_edge(u, v, arrows=arrows, kind=kind)
    # pyvis' set_options drops every space before parsing, so option values
    # must not contain spaces.
    net.set_options(json.dumps(_vis_options(len(order))))
    nodes, edges, *_, options = net.get_network_data()
    focus = view.graph.get("focus")
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), "info": info,
            "directed": view.is_directed(),
            "focus": order.index(focus) if focus is not None and focus in view else None}


def _size(attrs: dict, degree: int) -> float:
    """The node's radius: the view's ``size`` if it gives one, else grown with the degree."""
    size = attrs.get("size")
    if isinstance(size, (int, float)) and size > 0:
        return round(min(max(float(size), _SMALLEST), _LARGEST), 1)
    return round(min(_SMALLEST + 3 * math.sqrt(degree), _LARGEST), 1)


def _font(size: float) -> dict:
    """A label as big as its node is important; the page's default font for the smallest.

    Set per node rather than through vis-network's value scaling, which measured
    every label twice more before the first frame (0.2 s for 3,700 nodes).
    """
    points = round(_FONT_SMALLEST + (size - _SMALLEST) * _FONT_GROWTH)
    return {"font": {"size": points}} if points > _FONT_SMALLEST else {}


def _node_info(attrs: dict, label: str, kind: str) -> dict:
    """What the page shows of a node besides the drawing: label, kind, details, and
    the community and other spellings when the view has them."""
    item: dict = {"label": label, "kind": kind, "details": _details(attrs)}
    if isinstance(attrs.get("community"), int):
        item["community"] = attrs["community"]
    names = [str(n) for n in attrs.get("names") or () if str(n) != label]
    if names:
        item["aliases"] = names
    return item


def _pyvis_network_class() -> type:
    """pyvis' ``Network``, imported without loading IPython when nothing else has.

    ``pyvis.network`` imports ``IPython.display.IFrame`` at module level, used
    only by ``Network.show`` to embed a page in a notebook. Loading IPython (and
    prompt_toolkit with it) took 0.4 s of every build, a fifth of the time the
    benchmark allows us. So, outside a notebook, a stand-in ``IPython.display``
    is offered for the import alone and withdrawn at once; inside one, IPython is
    already loaded and pyvis gets the real module.
    """
    if "pyvis.network" in sys.modules or "IPython" in sys.modules:
        from pyvis.network import Network
        return Network
    stand_in = types.ModuleType("IPython.display")
    stand_in.IFrame = _no_notebook
    parent = types.ModuleType("IPython")
    parent.display = stand_in
    sys.modules.update({"IPython": parent, "IPython.display": stand_in})
    try:
        from pyvis.network import Network
    finally:
        for name in ("IPython", "IPython.display"):
            if sys.modules.get(name) in (parent, stand_in):
                del sys.modules[name]
    return Network


def _no_notebook(*_args: object, **_kwargs: object) -> None:
    raise ExportError("pyvis was loaded by claimgraph outside a notebook, so it cannot "
                      "display inline; open the written HTML file instead.")


def _details(attrs: dict) -> list[list[str]]:
    """The node's `details` as ordered [field, text] pairs (JSON keeps no order promise)."""
    details = attrs.get("details") or {}
    if not isinstance(details, dict):
        return [["Details", str(details)]]
    return [[str(k), str(v)] for k, v in details.items() if v is not None]


def _shorten(text: str, limit: int) -> str:
    """Cut long labels for the canvas; the full text stays in the details panel."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _vis_options(n_nodes: int) -> dict:
    """vis-network options: physics off (positions are precomputed), straight edges."""
    big = n_nodes > 1000
    return {
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": _FONT_SMALLEST, "color": "#222222"},
            # A label smaller than drawThreshold pixels on screen is not drawn, so zoomed
            # out only the labels of big nodes show, readable, instead of a smear of all.
            "scaling": {"label": {"drawThreshold": 7, "maxVisible": 26}},
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "color": {"color": "#b9bec5", "highlight": "#2c3e50", "hover": "#2c3e50"},
            "arrows": {"to": {"scaleFactor": 0.5}},
        },
        "interaction": {
            "hover": True,
            "multiselect": True,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
    }


def _legend_html(kinds: Counter) -> str:
    """Legend items (kind, colour, count), known kinds first in palette order."""
    known = [k for k in KIND_COLOURS if k in kinds]
    others = sorted(k for k in kinds if k not in KIND_COLOURS)
    items = []
    for kind in known + others:
        colour = KIND_COLOURS.get(kind, UNKNOWN_COLOUR)
        name = html.escape(kind)
        items.append(
            f'<li data-kind="{name}"><span class="swatch" style="background:{colour}"></span>'
            f'<span class="kind">{name}</span><span class="count">{kinds[kind]}</span></li>'
        )
    return "\n".join(items)


def _json_script(payload: dict) -> str:
    """JSON for a <script type="application/json"> element.

    The HTML parser ends a script element at the first ``</script`` and treats
    ``<!--`` specially whatever the content, so every ``<`` becomes ``\\u003c``
    (the same character to JSON.parse) and a quotation cannot break out.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def _js_script(code: str) -> str:
    """JavaScript for an inline <script>, with ``</script`` and ``<!--`` defused.

    In our scripts these can only occur inside strings or regular expressions,
    where ``<\\/`` and ``<\\!`` mean the same characters.
    """
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _vis_network_js() -> str:
    """The vis-network script shipped in the pyvis package, read at write time.

    Its source-map comment is dropped: the map is not shipped, and browser
    developer tools would otherwise report a failed load.
    """
    code = resources.files("pyvis").joinpath(*_VIS_JS).read_text("utf-8")
    return re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
