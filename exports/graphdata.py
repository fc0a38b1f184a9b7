"""The graph as exporters receive it: sorted triples, and a store made on demand.

A build already holds its triples sorted; a built folder is read back from
graph.ttl. Either way each exporter gets one object and takes what it needs.
"""

from __future__ import annotations

from functools import cached_property

import pyoxigraph as ox

from graph_builder.support.order import triple_order


def sort_triples(triples: object) -> list[ox.Quad]:
    """Triples in the canonical order the build writes them in."""
    return sorted(triples, key=triple_order)


class GraphData:
    """A built graph handed to an exporter."""

    def __init__(self, triples: list[ox.Quad], title: str = "claimgraph"):
        self.triples = triples
        self.title = title

    @classmethod
    def from_triples(cls, triples: object, title: str = "claimgraph") -> GraphData:
        """From triples in any order (as read back from a file)."""
        return cls(sort_triples(triples), title)

    @cached_property
    def store(self) -> ox.Store:
        store = ox.Store()
        store.bulk_extend(self.triples)
        return store
