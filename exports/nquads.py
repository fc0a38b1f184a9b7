"""N-Quads (W3C RDF 1.1 N-Quads): the triples in one named graph per source document.

Each line carries its graph, so a user can keep or drop one source's facts with
``grep``; ``exports.named_graphs`` decides which graph a triple belongs to.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from exports.graphdata import GraphData
from exports.named_graphs import dataset
from graph_builder.support.atomic import atomic_path


def write(graph: GraphData, dest: Path) -> None:
    with atomic_path(dest) as tmp:
        ox.serialize(dataset(graph), str(tmp), format=ox.RdfFormat.N_QUADS)
