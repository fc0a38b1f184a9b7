"""The graph as a network of people, works, claims, topics and documents (for GEXF, GraphML).

Network tools (Gephi, Gephi Lite, Cytoscape, networkx) want nodes and typed
edges, not triples, so the RDF graph is projected: every person, organization,
work, claim (theses, quotations, transcript turns and passages alike), topic and
source document becomes a node with a ``kind`` and a ``label``; the relations
between them become edges whose ``kind`` names the relation. Annotations,
selectors and provenance stay out: they are evidence, not network.

Read from the graph with SPARQL, so any built graph projects the same way. The
result is a ``DiGraph``: where two relations join the same pair (a claim both
made by and mentioning one person), the edge's ``kind`` lists both, since not
every GEXF reader keeps parallel edges apart. Attribute values are strings or
integers only, the types GEXF and GraphML both declare.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from exports.graphdata import GraphData
from graph_builder.query.sparql import ask

LABEL_LIMIT = 80

# kind -> SELECT ?n ?label [?extra columns]; a node found by two queries keeps the first.
NODES = {
    "document": """SELECT ?n ?label ?title WHERE {
        ?n a cg:SourceDocument ; schema:identifier ?label . OPTIONAL { ?n schema:name ?title } }""",
    "person": """SELECT ?n ?label ?born ?died WHERE {
        ?n a schema:Person ; schema:name ?label .
        OPTIONAL { ?n schema:birthDate ?born } OPTIONAL { ?n schema:deathDate ?died } }""",
    "organization": """SELECT ?n ?label WHERE {
        { ?n a schema:Organization } UNION { ?n a schema:ArchiveOrganization }
        ?n schema:name ?label }""",
    "work": """SELECT ?n ?label ?year WHERE {
        ?n a schema:CreativeWork ; schema:name ?label .
        FILTER NOT EXISTS { ?n a cg:SourceDocument }
        OPTIONAL { ?n schema:datePublished ?year } }""",
    "claim": """SELECT ?n ?label ?claim_type ?document ?line WHERE {
        ?n a schema:Claim ; schema:text ?label .
        OPTIONAL { ?n schema:isPartOf/schema:identifier ?document }
        OPTIONAL { ?n cg:lineNumber ?line }
        OPTIONAL { ?n a ?class
                   VALUES (?class ?claim_type) { (cg:Thesis "thesis") (cg:TranscriptTurn "turn")
                                                 (schema:Quotation "quotation")
                                                 (cg:Passage "passage") } } }""",
    "topic": "SELECT ?n ?label WHERE { ?n a skos:Concept ; skos:prefLabel ?label }",
}

# The claim types in the order one is chosen when a claim has several (a turn is a quotation).
CLAIM_TYPES = ("thesis", "turn", "quotation", "passage")
INTEGER_ATTRS = frozenset({"line"})

# edge kind -> the property path that links the two nodes.
EDGES = {
    "author": "schema:author",
    "editor": "schema:editor",
    "translator": "schema:translator",
    "publisher": "schema:publisher",
    "cites": "schema:citation",
    "mentions": "schema:mentions",
    "about": "schema:about",
    "part of": "schema:isPartOf|cg:partOfQuotation",
    "under thesis": "cg:underThesis",
    "held by": "schema:holdingArchive",
    "example": "schema:workExample",
    "broader": "skos:broader",
    "related": "skos:related",
}


def clip(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line of at most ``limit`` characters, so labels stay readable in a drawing."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _rows(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    solutions = ask(store, sparql)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def _node_attrs(kind: str, rows: list[dict[str, str]]) -> dict[str, object]:
    """The attributes of one node from its rows (several where OPTIONALs multiply)."""
    first = min(rows, key=lambda r: sorted(r.items()))
    attrs: dict[str, object] = {"kind": kind, "label": clip(first["label"])}
    if kind == "claim":
        types = {r["claim_type"] for r in rows if "claim_type" in r}
        attrs["claim_type"] = next((t for t in CLAIM_TYPES if t in types), "claim")
        attrs["text"] = first["label"]
    for name in sorted(set().union(*rows) - {"n", "label", "claim_type"}):
        value = min(r[name] for r in rows if name in r)
        attrs[name] = int(value) if name in INTEGER_ATTRS and value.isdigit() else value
    return attrs


def project(graph: GraphData) -> nx.DiGraph:
    """People, works, claims, topics and documents, and how they relate."""
    store = graph.store
    network = nx.DiGraph(name=graph.title)
    for kind, sparql in NODES.items():
        by_node: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(store, sparql):
            by_node[row["n"]].append(row)
        for node in sorted(by_node):
            if node not in network:
                network.add_node(node, **_node_attrs(kind, by_node[node]))
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, path in EDGES.items():
        for row in _rows(store, f"SELECT ?a ?b WHERE {{ ?a {path} ?b }}"):
            if row["a"] in network and row["b"] in network:
                kinds[row["a"], row["b"]].add(kind)
    for (a, b), names in sorted(kinds.items()):
        network.add_edge(a, b, kind="; ".join(sorted(names)))
    return network
