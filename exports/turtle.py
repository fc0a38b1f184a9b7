"""Turtle (W3C RDF 1.1 Turtle), the portable form of the graph.

Written by Oxigraph from sorted triples with the project's prefixes, so two
builds of one corpus give byte-identical files (the determinism users rely on
to diff two builds).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from exports.graphdata import GraphData
from graph_builder.support.atomic import atomic_path
from ontology import PREFIXES


def write(graph: GraphData, dest: Path) -> None:
    with atomic_path(dest) as tmp:
        ox.serialize(graph.triples, str(tmp), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
