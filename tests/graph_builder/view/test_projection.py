"""The network projection: what every view and network export is drawn from."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from graph_builder.view.projection import (
    EDGE_KINDS,
    NODE_KINDS,
    network,
    project,
    projection_store,
)
from ontology import mint_iri
from ontology.terms import CG, RDF, SDO, XSD


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


def test_projection_build_view_is_part_of_the_full_network_with_the_same_names(fixture_build):
    store = fixture_build.store()
    build, full = project(store), project(store, full=True)
    assert set(build) < set(full) and set(build.edges) < set(full.edges)
    assert all(full.nodes[n]["kind"] == kind for n, kind in build.nodes(data="kind"))
    assert all(full.edges[a, b]["kind"] == kind for a, b, kind in build.edges(data="kind"))
    assert {kind for _, kind in full.nodes(data="kind")} <= set(NODE_KINDS)
    assert {kind for *_, kind in full.edges(data="kind")} <= set(EDGE_KINDS)
    assert {"organization", "passage", "topic"} <= {kind for _, kind in full.nodes(data="kind")}


def test_projection_network_holds_only_strings_and_integers(fixture_build):
    """GEXF and GraphML declare a type per attribute; lists, dicts and floats stay out."""
    plain = network(fixture_build.store(), "claimgraph: fixture")
    values = [v for _, attrs in plain.nodes(data=True) for v in attrs.values()]
    values += [v for *_, attrs in plain.edges(data=True) for v in attrs.values()]
    assert {type(v) for v in values} == {str, int}
    assert plain.graph == {"name": "claimgraph: fixture"}
    assert all({"kind", "label", "pagerank", "community"} <= set(attrs)
               for _, attrs in plain.nodes(data=True))


def test_projection_pair_joined_twice_keeps_one_edge_naming_both():
    """A turn said by and mentioning one person: one edge, the first kind, both listed."""
    doc, turn, person = (ox.NamedNode(mint_iri(kind, "x")) for kind in ("document", "claim",
                                                                         "person"))
    store = ox.Store()
    store.bulk_extend(ox.Quad(*t) for t in (
        (doc, RDF.type, CG.SourceDocument), (doc, SDO.identifier, ox.Literal("x.txt")),
        (person, RDF.type, SDO.Person), (person, SDO.name, ox.Literal("Nikolai Yezhov")),
        (turn, RDF.type, SDO.Claim), (turn, RDF.type, SDO.Quotation),
        (turn, RDF.type, CG.TranscriptTurn), (turn, SDO.text, ox.Literal("Comrades!")),
        (turn, SDO.isPartOf, doc), (turn, CG.speakerLabel, ox.Literal("YEZHOV")),
        (turn, CG.lineNumber, ox.Literal("3", datatype=XSD.positiveInteger)),
        (turn, SDO.author, person), (turn, SDO.mentions, person),
    ))
    view = project(store, full=True)
    assert view.edges[turn.value, person.value] == {"kind": "said by", "kinds": "said by; mentions"}
    assert view.nodes[turn.value]["kind"] == "turn" and view.nodes[turn.value]["line"] == 3
    assert view.nodes[person.value]["details"]["In this graph"] == (
        "mentioned in 1 claim; speaker of 1 turn")
    assert project(store).edges[turn.value, person.value]["kind"] == "said by"


def test_issue_13_the_builds_page_keeps_the_best_connected_nodes_of_a_large_graph():
    """A page of tens of thousands of nodes takes minutes to make and cannot be read: the
    build's page keeps the best-connected ones and says how many it left out."""
    import networkx as nx

    from graph_builder.view.projection import best_connected

    star = nx.DiGraph()
    star.add_edges_from((f"hub{h}", f"leaf{h}-{i}") for h in range(3) for i in range(10 - h))
    kept = best_connected(star, limit=3)
    assert set(kept) == {"hub0", "hub1", "hub2"} and kept.graph["shown"] == (3, 30)
    same = best_connected(star, limit=30)
    assert same is star and same.graph["shown"] == (30, 30)
