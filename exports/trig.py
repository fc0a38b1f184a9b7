"""TriG (W3C RDF 1.1 TriG): Turtle with one named graph per source document.

Quads come grouped by graph, so each graph is written as one block; the
shared graph holds the facts that span documents (``exports.named_graphs``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from exports.graphdata import GraphData
from exports.named_graphs import dataset
from graph_builder.support.atomic import atomic_path
from ontology import PREFIXES


def write(graph: GraphData, dest: Path) -> None:
    with atomic_path(dest) as tmp:
        ox.serialize(dataset(graph), str(tmp), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
