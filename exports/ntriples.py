"""N-Triples (W3C RDF 1.1 N-Triples), one triple per line.

The line-oriented form for tools that stream, grep or diff graphs. Oxigraph
writes canonical N-Triples from the sorted triples, so the same graph always
gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from exports.graphdata import GraphData
from graph_builder.support.atomic import atomic_path


def write(graph: GraphData, dest: Path) -> None:
    with atomic_path(dest) as tmp:
        ox.serialize(graph.triples, str(tmp), format=ox.RdfFormat.N_TRIPLES)
