"""The network projection: what the view is drawn from."""

from __future__ import annotations

import networkx as nx

from graph_builder.view.projection import project, projection_store


def _as_data(view: nx.DiGraph) -> tuple[dict, set]:
    return dict(view.nodes(data=True)), set(view.edges(data="kind"))


def test_the_trimmed_store_projects_exactly_what_the_whole_graph_does(fixture_build):
    whole = project(fixture_build.store())
    trimmed = project(projection_store(fixture_build.triples))
    assert whole.number_of_nodes() > 20 and whole.number_of_edges() > 20
    assert _as_data(trimmed) == _as_data(whole)


def test_the_trimmed_store_leaves_annotations_out(fixture_build):
    store = projection_store(fixture_build.triples)
    assert 0 < len(store) < len(fixture_build.triples) / 2
    asked = "ASK { ?a a <http://www.w3.org/ns/oa#Annotation> }"
    assert not store.query(asked)
    assert fixture_build.store().query(asked)
