"""Write graph views as one self-contained, offline HTML page drawn by vis-network.

Format: an HTML5 document whose inline scripts feed vis-network 9.1.2 a
DataSet of nodes and edges and an options object, as documented at
https://visjs.github.io/vis-network/docs/network/.

A page draws one graph through several *lenses* (``write_lens_page``: people,
sources, topics, claims), switched in the page; ``write_html`` draws one view
as a page with a single lens, as ``claimgraph viz`` does. What the page holds
is built in ``page_payload`` and how it looks in ``page_style``; this module
assembles and writes it.

vis-network comes from the pyvis package, which ships it. pyvis' own template
is not used, because it fetches Bootstrap and other assets from a CDN even
with ``cdn_resources="in_line"``, nor its ``Network``, whose node and edge
objects took four times the bytes of the compact rows the page script expands
(and vis-network copied each of their properties). The vis-network script is
inlined into ``templates/network.html`` together with the data and the page's
own scripts, so the page works with no network at all.

Node positions are computed here (``exports.layout``) and vis-network physics
is off, because letting the browser settle 1,000 nodes took over a minute
while drawing fixed positions takes about a second. The lens the page opens
on is in the main data script; each other lens sits in a JSON script of its
own, parsed only when the user switches to it, so the first frame does not
wait for lenses nobody looked at yet. Corpus text only ever reaches the page
as JSON data that the page script puts into the DOM with ``textContent``, so a
quotation holding markup is shown as text and runs nothing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx

from exports import page_payload as payload
from exports import page_style as style
from exports.graphdata import GraphData
from exports.page_documents import add_documents
from exports.page_pyvis import vis_network_js
from exports.page_safety import content_security_policy, js_script, json_script, template
from graph_builder.errors import ExportError
from graph_builder.support.atomic import atomic_path, os_reason

KIND_COLOURS = style.KIND_COLOURS
UNKNOWN_COLOUR = style.UNKNOWN_COLOUR
#: The page's own scripts, run in this order after vis-network: the first makes the
#: network and ``window.claimgraph``, the others add to it. They are joined into one
#: inline script: between two script elements the browser may draw a frame, and the first
#: frame must have what every part adds to it (labels, the node the address names).
APP_SCRIPTS = ("network.js", "details.js", "search.js", "labels.js", "fragment.js", "tools.js")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
#: The lens a single view is drawn as.
SINGLE_LENS = "claims"


def write(graph: GraphData, dest: Path) -> None:
    """Registry entry point: the lens page of the RDF graph (what a build writes as
    graph.html, without links to reader pages, which only a build writes)."""
    from graph_builder.view.pages import view_store, write_lens_view

    write_lens_view(view_store(graph.triples), dest, graph.title)


def write_html(view: nx.Graph, dest: Path, *, title: str = "claimgraph",
               readers: dict[str, str] | None = None) -> None:
    """Write `view` to `dest` as an interactive page that needs no network.

    The same graph always gives the same bytes (sorted nodes, seeded layout),
    and the file appears whole or not at all (written beside `dest`, then
    renamed), so a crash never leaves a half-written page behind.
    """
    _write_page(render_html(view, title=title, readers=readers), dest)


def write_lens_page(full: nx.Graph, lenses: dict[str, nx.Graph], dest: Path, *, title: str,
                    default: str, readers: dict[str, str] | None = None,
                    years: dict[str, tuple[int, int]] | None = None) -> None:
    """Write one page drawing each of `lenses` over `full`, opening on `default`.

    `readers` maps a document identifier to the relative address of its reader
    page, which evidence links open at a claim's characters; `years` gives
    nodes their (first, last) year. Deterministic and atomic like `write_html`.
    """
    if default not in lenses:
        raise ExportError(f"No lens named {default!r}; the lenses are {', '.join(lenses)}.")
    _write_page(render_page(full, lenses, title=title, default=default, readers=readers,
                            years=years), dest)


def render_html(view: nx.Graph, *, title: str = "claimgraph",
                readers: dict[str, str] | None = None) -> str:
    """Return the page for `view` as text; `write_html` is the usual entry point."""
    return render_page(view, {SINGLE_LENS: view}, title=title, default=SINGLE_LENS,
                       focus=view.graph.get("focus"), readers=readers)


def render_page(full: nx.Graph, lenses: dict[str, nx.Graph], *, title: str, default: str,
                readers: dict[str, str] | None = None, years: dict | None = None,
                focus: object = None) -> str:
    """Return the page drawing `lenses` over `full` as text."""
    claims = payload.ClaimLists(full)
    order = payload.info_order(full, lenses, claims)
    index = {node: i for i, node in enumerate(order)}
    metas = [payload.lens_meta(name, lens, full) for name, lens in lenses.items()]
    data = {**payload.info_payload(full, lenses, order, years, claims), "lenses": metas,
            "lens": default, "focus": index.get(focus) if focus is not None else None,
            "readers": dict(sorted((readers or {}).items())),
            "documents": payload.document_titles(full), "colours": style.KIND_COLOURS,
            "otherColour": style.UNKNOWN_COLOUR,
            **payload.lens_drawing(lenses[default], full, index)}
    add_documents(data, full, order, claims)
    others = [
        f'<script type="application/json" id="cg-lens-{number}">'
        f"{json_script(payload.lens_drawing(lens, full, index))}</script>"
        for number, (name, lens) in enumerate(lenses.items()) if name != default]
    scripts = [js_script(vis_network_js()),
               js_script("\n".join(template(name) for name in APP_SCRIPTS))]
    meta = next(m for m in metas if m["name"] == default)
    parts = {
        "title": html.escape(title),
        "summary": f"{meta['nodes']} nodes, {meta['edges']} edges",
        "legend": style.legend_html(meta["legend"]),
        "csp": content_security_policy(scripts),
        "data": json_script(data),
        "lens_data": "\n".join(others),
        "scripts": "\n".join(f"<script>{code}</script>" for code in scripts),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template("network.html"))


def _write_page(page: str, dest: Path) -> None:
    dest = Path(dest)
    try:
        with atomic_path(dest) as tmp:
            tmp.write_bytes(page.encode("utf-8"))
    except OSError as err:
        raise ExportError(
            f"Cannot write HTML to {dest}: {os_reason(err)}. "
            "Check that the folder is writable and has free space."
        ) from err
