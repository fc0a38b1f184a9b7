"""GEXF 1.2 (gexf.net), the network for Gephi and Gephi Lite.

Written by networkx's GEXF writer from ``graph_builder.view.projection.network``:
the same nodes, kinds and edges as ``claimgraph viz`` draws, with each node's
PageRank and community. The writer stamps today's date into ``<meta
lastmodifieddate>``; that optional attribute is dropped, and the creator names
claimgraph, so the same graph always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from networkx.readwrite.gexf import GEXFWriter

from exports.graphdata import GraphData
from graph_builder import __version__
from graph_builder.support.atomic import atomic_path
from graph_builder.view.projection import network

VERSION = "1.2draft"


def write(graph: GraphData, dest: Path) -> None:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=VERSION)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = f"claimgraph {__version__}"
    writer.add_graph(network(graph.store, graph.title))
    with atomic_path(dest) as tmp, tmp.open("wb") as fh:
        writer.write(fh)
