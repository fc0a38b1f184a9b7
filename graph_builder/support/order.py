"""The canonical order of triples, shared by the build and the exporters.

It lives apart from ``graph_builder.build`` so that ``exports`` can sort a
graph read back from a file the same way the build sorts its own, without
importing the build stage (and everything it imports) to do so.
"""

from __future__ import annotations

import pyoxigraph as ox


def triple_order(t: ox.Quad) -> tuple[str, str, str]:
    """The canonical order of triples: subject, predicate, object value (ties keep
    insertion order, which is itself deterministic)."""
    return (t.subject.value, t.predicate.value, t.object.value)
