"""GraphML (graphml.graphdrawing.org), the network projection for yEd, Cytoscape and networkx.

Written by networkx's GraphML writer from ``exports.network_projection``;
node and edge attributes are declared as typed ``<key>`` elements.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from exports.graphdata import GraphData
from exports.network_projection import project
from graph_builder.support.atomic import atomic_path


def write(graph: GraphData, dest: Path) -> None:
    with atomic_path(dest) as tmp:
        nx.write_graphml(project(graph), tmp, encoding="utf-8")
