"""Which named graph each triple belongs to, for the dataset formats (TriG, N-Quads).

One graph per source document holds what was read from that document alone, so
a user can load, drop or trust one source at a time; one shared graph holds the
facts that span documents or belong to none (a person or work met in several
sources, the build, the topic scheme). A triple goes where its subject lives:

* a source document lives in its own graph;
* a node ``prov:wasDerivedFrom`` exactly one source document lives in that
  document's graph, unless a node of another document's graph points to it (a
  topic coined in one document that claims in others are about, a person a
  second document mentions): then it spans documents and is shared;
* an annotation target lives with the document it selects from (``oa:hasSource``)
  or else with its annotation, and a selector with its target;
* everything else lives in the shared graph.

Graph names are minted by ``ontology.mint_iri`` under the build's own IRI base.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pyoxigraph as ox

from exports.graphdata import GraphData
from graph_builder.support.gc_pause import gc_paused
from ontology import DEFAULT_BASE, mint_iri
from ontology.terms import CG, OA, PROV, RDF, SDO

Node = ox.NamedNode | ox.BlankNode

# Relative paths never start with "/", so no document's key can equal the shared one.
SHARED_KEY = "/shared"


def _base(triples: list[ox.Quad]) -> str:
    """The IRI base the build minted with (recorded in its settings), else the default."""
    for t in triples:
        if t.predicate == CG.settings:
            try:
                base = json.loads(t.object.value).get("base")
            except (ValueError, AttributeError):
                continue
            if isinstance(base, str) and base:
                return base
    return DEFAULT_BASE


def document_graphs(triples: list[ox.Quad]) -> dict[Node, ox.NamedNode]:
    """Each source document's node -> the name of its graph."""
    base = _base(triples)
    documents = {t.subject for t in triples if t.predicate == RDF.type
                 and t.object == CG.SourceDocument}
    identifiers = {t.subject: t.object.value for t in triples
                   if t.predicate == SDO.identifier and t.subject in documents}
    return {doc: ox.NamedNode(mint_iri("graph", identifiers.get(doc, doc.value), base))
            for doc in documents}


def shared_graph(triples: list[ox.Quad]) -> ox.NamedNode:
    return ox.NamedNode(mint_iri("graph", SHARED_KEY, _base(triples)))


def homes(triples: list[ox.Quad], documents: set[Node]) -> dict[Node, Node]:
    """Each node that belongs to one document -> that document's node."""
    derived_from, has_target = PROV.wasDerivedFrom, OA.hasTarget
    has_source, has_selector = OA.hasSource, OA.hasSelector
    derived: dict[Node, set[Node]] = defaultdict(set)
    annotation_of: dict[Node, Node] = {}
    source_of: dict[Node, Node] = {}
    target_of: dict[Node, Node] = {}
    for t in triples:
        p = t.predicate
        if p == derived_from:
            if t.object in documents:
                derived[t.subject].add(t.object)
        elif p == has_target:
            annotation_of.setdefault(t.object, t.subject)
        elif p == has_source:
            if t.object in documents:
                source_of.setdefault(t.subject, t.object)
        elif p == has_selector:
            target_of.setdefault(t.object, t.subject)
    home: dict[Node, Node] = {doc: doc for doc in documents}
    home.update((node, next(iter(docs))) for node, docs in derived.items() if len(docs) == 1)
    for node in _referred_across(triples, home, documents):
        del home[node]
    for target, annotation in annotation_of.items():
        if target not in home and annotation in home:
            home[target] = home[annotation]
    home.update(source_of)
    for selector, target in target_of.items():
        if selector not in home and target in home:
            home[selector] = home[target]
    return home


def _referred_across(triples: list[ox.Quad], home: dict[Node, Node],
                     documents: set[Node]) -> set[Node]:
    """Nodes given to one document that a node of another document refers to."""
    crossing = set()
    for t in triples:
        target = t.object
        if target in home and target not in documents:
            origin = home.get(t.subject)
            if origin is not None and origin != home[target]:
                crossing.add(target)
    return crossing


def dataset(graph: GraphData) -> list[ox.Quad]:
    """The graph's triples as quads in their named graphs, grouped by graph.

    Within a graph the triples keep the build's sorted order; graphs come in
    name order. Bucketing keeps this linear, where a sort would not be.
    """
    with gc_paused():  # 300,000 live quads: each collector pass walks them all
        triples = graph.triples
        names = document_graphs(triples)
        home = homes(triples, set(names))
        shared = shared_graph(triples)
        graph_of = {node: names[doc] for node, doc in home.items()}
        buckets: dict[str, list[ox.Quad]] = defaultdict(list)
        for t in triples:
            name = graph_of.get(t.subject, shared)
            buckets[name.value].append(ox.Quad(t.subject, t.predicate, t.object, name))
        return [q for name in sorted(buckets) for q in buckets[name]]
