"""Stage 7: project the RDF graph onto a networkx graph people can look at.

The projection is read back from the RDF with SPARQL, not from the pipeline's
records, so a network view can be drawn from any built graph (graph.ttl) and
always shows what the graph really says. Nodes are documents, theses,
quotations and transcript turns, works and people; plain passages of running
text stay out by default, since a book yields thousands and they would drown
the citation network that users come to see.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from graph_builder.query import prologue
from graph_builder.terms import BIBO, CG, CITO, RDF, SDO

_TEXT_LIMIT = 700

_NODES = {
    "document": """SELECT ?n ?label ?shape WHERE {
        ?n a cg:SourceDocument ; schema:identifier ?label .
        OPTIONAL { ?n cg:documentShape ?shape } }""",
    "person": """SELECT ?n ?label (GROUP_CONCAT(?alt; separator=" | ") AS ?alts) WHERE {
        ?n a schema:Person ; schema:name ?label . OPTIONAL { ?n schema:alternateName ?alt } }
        GROUP BY ?n ?label""",
    "work": """SELECT ?n ?label ?year (COUNT(DISTINCT ?c) AS ?cited) WHERE {
        ?n a schema:CreativeWork ; schema:name ?label . FILTER NOT EXISTS { ?n a cg:SourceDocument }
        ?c cito:hasCitedEntity ?n . OPTIONAL { ?n schema:datePublished ?year } }
        GROUP BY ?n ?label ?year""",
    "thesis": """SELECT ?n ?label ?doc WHERE {
        ?n a cg:Thesis ; schema:text ?label ; schema:isPartOf/schema:identifier ?doc }""",
    "quotation": """SELECT ?n ?label ?doc ?line ?page ?speaker WHERE {
        ?n a schema:Quotation ; schema:text ?label ; schema:isPartOf/schema:identifier ?doc ;
           cg:lineNumber ?line .
        OPTIONAL { ?cit cito:hasCitingEntity ?n ; bibo:locator ?page }
        OPTIONAL { ?n cg:speakerLabel ?speaker } }""",
}

_EDGES = {
    "cites": "SELECT ?a ?b WHERE { ?a schema:citation ?b . ?a a schema:Quotation }",
    "author": "SELECT ?a ?b WHERE { ?a schema:author|schema:editor|schema:translator ?b . "
              "?b a schema:Person . ?a a schema:CreativeWork }",
    "said by": "SELECT ?a ?b WHERE { ?a a cg:TranscriptTurn ; schema:author ?b }",
    "under thesis": "SELECT ?a ?b WHERE { ?a cg:underThesis ?b . ?a a schema:Quotation }",
    "in document": "SELECT ?a ?b WHERE { ?a schema:isPartOf ?b . ?b a cg:SourceDocument . "
                   "{ ?a a cg:Thesis } UNION { ?a a schema:Quotation "
                   "FILTER NOT EXISTS { ?a cg:underThesis|cg:partOfQuotation ?up } } }",
    "part of": "SELECT ?a ?b WHERE { ?a cg:partOfQuotation ?b }",
}


def _read_by_projection() -> tuple[frozenset[ox.NamedNode], frozenset[ox.NamedNode]]:
    """The predicates and classes the queries above read; nothing else reaches the view.

    Most of a graph is annotations and provenance, which the view never shows;
    leaving them out of the projection's store makes it several times quicker to
    fill. ``test_analyse`` checks that the projection is the same either way.
    """
    predicates = frozenset({
        RDF.type, SDO.identifier, CG.documentShape, SDO.name, SDO.alternateName,
        SDO.datePublished, CITO.hasCitedEntity, CITO.hasCitingEntity, BIBO.locator, SDO.text,
        SDO.isPartOf, CG.lineNumber, CG.speakerLabel, SDO.citation, SDO.author, SDO.editor,
        SDO.translator, CG.underThesis, CG.partOfQuotation,
    })
    classes = frozenset({CG.SourceDocument, SDO.Person, SDO.CreativeWork, CG.Thesis,
                         SDO.Quotation, CG.TranscriptTurn})
    return predicates, classes


def projection_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """A store holding only what ``project`` reads from a graph's quads."""
    predicates, classes = _read_by_projection()
    store = ox.Store()
    store.bulk_extend(q for q in quads if q.predicate in predicates
                      and (q.predicate != RDF.type or q.object in classes))
    return store


def _rows(store: ox.Store, sparql: str):
    return store.query(prologue() + sparql)


def _value(row: ox.QuerySolution, name: str) -> str:
    node = row[name]
    return node.value if node is not None else ""


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _node_attrs(kind: str, row: ox.QuerySolution) -> dict[str, object]:
    label = _value(row, "label")
    details: dict[str, str] = {}
    if kind == "document":
        details = {"Document": label, "Shape": _value(row, "shape")}
    elif kind == "person":
        details = {"Name": label, "Also written": _value(row, "alts")}
    elif kind == "work":
        details = {"Title": label, "Year": _value(row, "year"), "Times cited": _value(row, "cited")}
    elif kind == "thesis":
        details = {"Thesis": label, "Document": _value(row, "doc")}
    elif kind == "quotation":
        details = {"Text": _clip(label, _TEXT_LIMIT),
                   "Source": f"{_value(row, 'doc')}, line {_value(row, 'line')}",
                   "Page": _value(row, "page"), "Speaker": _value(row, "speaker")}
        kind = "turn" if _value(row, "speaker") else "quotation"
    return {"kind": kind, "label": _clip(label, 40),
            "details": {k: v for k, v in details.items() if v}}


def project(store: ox.Store) -> nx.DiGraph:
    """The citation network: who and what cites, says and argues what."""
    view = nx.DiGraph()
    for kind, sparql in _NODES.items():
        for row in _rows(store, sparql):
            node = row["n"].value
            if node not in view:
                view.add_node(node, **_node_attrs(kind, row))
    for kind, sparql in _EDGES.items():
        for row in _rows(store, sparql):
            a, b = row["a"].value, row["b"].value
            if a in view and b in view:
                view.add_edge(a, b, kind=kind)
    _add_claim_details(store, view)
    return view


def _add_claim_details(store: ox.Store, view: nx.Graph) -> None:
    """Name, on each quotation, who made it and the work it cites."""
    sparql = """SELECT ?c (GROUP_CONCAT(DISTINCT ?who; separator="; ") AS ?by)
                   (GROUP_CONCAT(DISTINCT ?title; separator="; ") AS ?works) WHERE {
        ?c a schema:Quotation .
        OPTIONAL { ?c schema:author/schema:name ?who }
        OPTIONAL { ?c schema:citation/schema:name ?title } } GROUP BY ?c"""
    for row in _rows(store, sparql):
        node = row["c"].value
        if node in view:
            details = view.nodes[node]["details"]
            if _value(row, "by"):
                details["Made by"] = _value(row, "by")
            if _value(row, "works"):
                details["Cited work"] = _value(row, "works")
