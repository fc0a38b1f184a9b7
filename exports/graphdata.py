"""The graph as exporters receive it: sorted triples, and a store made on demand.

A build already holds its triples sorted; a built folder is read back from
graph.ttl. Either way each exporter gets one object and takes what it needs.
"""

from __future__ import annotations

from functools import cached_property

import pyoxigraph as ox


def sort_triples(triples: object) -> list[ox.Triple]:
    """Triples in one canonical order, so the same graph always writes the same bytes."""
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


class GraphData:
    """A built graph handed to an exporter."""

    def __init__(self, triples: list[ox.Triple], title: str = "claimgraph"):
        self.triples = triples
        self.title = title

    @classmethod
    def from_store(cls, store: ox.Store, title: str = "claimgraph") -> GraphData:
        data = cls(sort_triples(ox.Triple(q.subject, q.predicate, q.object)
                                for q in store.quads_for_pattern(None, None, None)), title)
        data.__dict__["store"] = store
        return data

    @cached_property
    def store(self) -> ox.Store:
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in self.triples)
        return store
