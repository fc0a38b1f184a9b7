"""GraphML (graphml.graphdrawing.org), the network for yEd, Cytoscape and networkx.

Written by networkx's GraphML writer from ``graph_builder.view.projection.network``
(the network ``claimgraph viz`` draws, with each node's PageRank and community);
node and edge attributes are declared as typed ``<key>`` elements.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from exports.graphdata import GraphData
from graph_builder.support.atomic import atomic_path
from graph_builder.view.projection import network


def write(graph: GraphData, dest: Path) -> None:
    with atomic_path(dest) as tmp:
        nx.write_graphml(network(graph.store, graph.title), tmp, encoding="utf-8")
