"""pyvis, the network library of the page: it collects each lens's nodes, edges and options.

A lens's drawing is put into a pyvis ``Network`` (``add_node``, ``add_edge``,
``set_options``) and read back with ``get_network_data``, the vis-network
items and options pyvis would hand its own template. The page then writes
those items as compact rows (``page_payload.lens_drawing``): pyvis' own
template fetches Bootstrap from a CDN, and vis-network objects written out
whole took three times the bytes. The vis-network script the page inlines is
the one pyvis ships (``vis_network_js``).

Two things keep pyvis quick. ``add_node`` and ``add_edge`` ask whether a node
is known of a list (quadratic: 0.7 s for the corpus's claims lens), so the
network answers from a set; and edges are always added as directed, since an
undirected pyvis network checks every new edge against all earlier ones.
"""

from __future__ import annotations

import json
import re
import sys
import types
from importlib import resources

from graph_builder.errors import ExportError


def collect(nodes: list[dict], edges: list[dict], options: dict) -> tuple[list, list, dict]:
    """(vis nodes, vis edges, options) as pyvis gives them for `nodes` (each with an ``id``)
    and `edges` (each with ``from`` and ``to``), in the order given."""
    net = network_class()(directed=True)
    known = _ListedSet()
    net.node_ids = known  # add_node asks `n_id not in self.node_ids`, a list
    net.get_nodes = lambda: known  # add_edge asks `node in self.get_nodes()`, a list
    for node in nodes:
        attrs = {k: v for k, v in node.items() if k != "id"}
        net.add_node(node["id"], label=attrs.pop("label", " "), **attrs)
    for edge in edges:
        attrs = {k: v for k, v in edge.items() if k not in ("from", "to")}
        net.add_edge(edge["from"], edge["to"], **attrs)
    # pyvis' set_options drops every space before parsing, so values must hold none
    net.set_options(json.dumps(options))
    vis_nodes, vis_edges, *_, vis_options = net.get_network_data()
    return vis_nodes, vis_edges, json.loads(vis_options)


class _ListedSet(list):
    """A list that answers ``in`` from a set: what pyvis appends to and asks, made linear."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


def vis_network_js() -> str:
    """The vis-network script shipped in the pyvis package, read at write time.

    Its source-map comment is dropped: the map is not shipped, and browser
    developer tools would otherwise report a failed load.
    """
    network_class()  # pyvis imported (without IPython) before its files are read
    code = resources.files("pyvis").joinpath(*_VIS_JS).read_text("utf-8")
    return re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)


def network_class() -> type:
    """pyvis' ``Network``, imported without loading IPython when nothing else has.

    ``pyvis.network`` imports ``IPython.display.IFrame`` at module level, used
    only by ``Network.show`` to embed a page in a notebook. Loading IPython (and
    prompt_toolkit with it) took 0.4 s of every build. So, outside a notebook, a
    stand-in ``IPython.display`` is offered for the import alone and withdrawn at
    once; inside one, IPython is already loaded and pyvis gets the real module.
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
