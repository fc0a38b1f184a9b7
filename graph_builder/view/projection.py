"""Stage 7: project the RDF graph onto a networkx graph people can look at.

The projection is read back from the RDF with SPARQL, not from the pipeline's
records, so a network view can be drawn from any built graph (graph.ttl) and
always shows what the graph really says.

Two scopes. The build's view (``full=False``) has documents, theses,
quotations and transcript turns, works and people: the citation network users
come to see, small enough to draw on every build. The full view
(``full=True``, what ``claimgraph viz`` draws) adds the passages of running
text (a book yields thousands), the topics, who each claim mentions and what
it is about, and each claim's character span, which needs the annotations
that the build's trimmed store leaves out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from graph_builder.query.sparql import ask
from ontology.terms import BIBO, CG, CITO, RDF, SDO

_TEXT_LIMIT = 700

#: Node kinds a view can hold; "claim" in ``claimgraph viz --kinds`` stands for the last three.
VIEW_KINDS = ("document", "thesis", "work", "person", "topic", "quotation", "turn", "passage")
CLAIM_KINDS = ("quotation", "turn", "passage")

_NODES = {
    "document": """SELECT ?n ?label ?shape ?title WHERE {
        ?n a cg:SourceDocument ; schema:identifier ?label .
        OPTIONAL { ?n cg:documentShape ?shape } OPTIONAL { ?n schema:name ?title } }""",
    "person": """SELECT ?n ?label (GROUP_CONCAT(?alt; separator="\\n") AS ?alts) WHERE {
        ?n a schema:Person ; schema:name ?label . OPTIONAL { ?n schema:alternateName ?alt } }
        GROUP BY ?n ?label""",
    "work": """SELECT ?n ?label ?year (COUNT(DISTINCT ?c) AS ?cited) WHERE {
        ?n a schema:CreativeWork ; schema:name ?label . FILTER NOT EXISTS { ?n a cg:SourceDocument }
        ?c cito:hasCitedEntity ?n . OPTIONAL { ?n schema:datePublished ?year } }
        GROUP BY ?n ?label ?year""",
    "thesis": """SELECT ?n ?label ?doc WHERE {
        ?n a cg:Thesis ; schema:text ?label ; schema:isPartOf/schema:identifier ?doc }""",
    "quotation": """SELECT ?n ?label ?doc ?line ?speaker WHERE {
        ?n a schema:Quotation ; schema:text ?label ; schema:isPartOf/schema:identifier ?doc ;
           cg:lineNumber ?line .
        OPTIONAL { ?n cg:speakerLabel ?speaker } }""",
}
_FULL_NODES = {
    "passage": """SELECT ?n ?label ?doc ?line WHERE {
        ?n a cg:Passage ; schema:text ?label ; schema:isPartOf/schema:identifier ?doc ;
           cg:lineNumber ?line }""",
    "topic": """SELECT ?n ?label (GROUP_CONCAT(?alt; separator="\\n") AS ?alts) WHERE {
        ?n a skos:Concept ; skos:prefLabel ?label . OPTIONAL { ?n skos:altLabel ?alt } }
        GROUP BY ?n ?label""",
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
# Where a pair is already joined above (a turn said by and mentioning one person), the
# first kind stays: a DiGraph keeps one edge per pair.
_FULL_EDGES = {
    "cites": "SELECT ?a ?b WHERE { ?a a cg:Passage ; schema:citation ?b }",
    "in document": "SELECT ?a ?b WHERE { ?a a cg:Passage ; schema:isPartOf ?b . "
                   "?b a cg:SourceDocument }",
    "mentions": "SELECT ?a ?b WHERE { ?a schema:mentions ?b . ?b a schema:Person }",
    "about": "SELECT ?a ?b WHERE { ?a schema:about ?b . ?b a skos:Concept }",
    "broader": "SELECT ?a ?b WHERE { ?a skos:broader ?b }",
    "related": "SELECT ?a ?b WHERE { ?a skos:related ?b }",
}

# What the life notes and resolution say about a person, as (field, value) rows.
_PERSON_FACTS = """SELECT ?n ?field ?value WHERE { ?n a schema:Person .
    { ?n schema:birthDate ?value BIND("Born" AS ?field) }
    UNION { ?n schema:deathDate ?value BIND("Died" AS ?field) }
    UNION { ?n cg:fate ?value BIND("Fate" AS ?field) }
    UNION { ?n cg:office ?value BIND("Offices" AS ?field) }
    UNION { ?n cg:mergeReason ?value BIND("Spellings joined" AS ?field) } }"""
# Field and separator, in the order the details panel shows them (two birth years: "1895 or 1896").
_PERSON_FIELDS = (("Born", " or "), ("Died", " or "), ("Fate", "; "), ("Offices", "\n"),
                  ("Spellings joined", "\n"))
_CLAIM_AUTHORS = "SELECT ?c ?who WHERE { ?c schema:author/schema:name ?who }"
_CLAIM_CITATIONS = """SELECT ?c ?title ?page WHERE {
    ?cit cito:hasCitingEntity ?c ; cito:hasCitedEntity/schema:name ?title .
    OPTIONAL { ?cit bibo:locator ?page } }"""
# Claims first: starting from the annotations (people's mentions too) is five times slower.
_CLAIM_SPANS = """SELECT ?c ?start ?end WHERE { ?c a schema:Claim . ?a oa:hasBody ?c .
    ?a oa:hasTarget/oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end }"""

# Phrases for what a person or topic is in the graph, from the edges that reach it.
_ROLES = {
    "author": "author, editor or translator of {n} work{s}",
    "said by": "speaker of {n} turn{s}",
    "mentions": "mentioned in {n} claim{s}",
    "about": "{n} claim{s} about it",
}


def _read_by_projection() -> tuple[frozenset[ox.NamedNode], frozenset[ox.NamedNode]]:
    """The predicates and classes the build's view reads; nothing else reaches it.

    Most of a graph is annotations and provenance, which the view never shows;
    leaving them out of the projection's store makes it several times quicker to
    fill. ``test_analyse`` checks that the projection is the same either way.
    """
    predicates = frozenset({
        RDF.type, SDO.identifier, CG.documentShape, SDO.name, SDO.alternateName,
        SDO.datePublished, CITO.hasCitedEntity, CITO.hasCitingEntity, BIBO.locator, SDO.text,
        SDO.isPartOf, CG.lineNumber, CG.speakerLabel, SDO.citation, SDO.author, SDO.editor,
        SDO.translator, CG.underThesis, CG.partOfQuotation, SDO.birthDate, SDO.deathDate,
        CG.fate, CG.office, CG.mergeReason,
    })
    classes = frozenset({CG.SourceDocument, SDO.Person, SDO.CreativeWork, CG.Thesis,
                         SDO.Quotation, CG.TranscriptTurn})
    return predicates, classes


def projection_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """A store holding only what ``project`` (the build's scope) reads from a graph's quads."""
    predicates, classes = _read_by_projection()
    store = ox.Store()
    store.bulk_extend(q for q in quads if q.predicate in predicates
                      and (q.predicate != RDF.type or q.object in classes))
    return store


def _rows(store: ox.Store, sparql: str):
    return ask(store, sparql)


def _value(row: ox.QuerySolution, name: str) -> str:
    node = row[name]
    return node.value if node is not None else ""


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _lines(text: str) -> str:
    """Values GROUP_CONCAT joined, sorted, so the result never depends on store order."""
    return "\n".join(sorted(set(filter(None, text.split("\n")))))


def _node_attrs(kind: str, row: ox.QuerySolution) -> dict[str, object]:
    label = _value(row, "label")
    details: dict[str, str] = {}
    if kind == "document":
        details = {"Document": label, "Title": _value(row, "title"), "Shape": _value(row, "shape")}
    elif kind == "person":
        details = {"Name": label, "Also written": _lines(_value(row, "alts"))}
    elif kind == "topic":
        details = {"Topic": label, "Also called": _lines(_value(row, "alts"))}
    elif kind == "work":
        details = {"Title": label, "Year": _value(row, "year"), "Times cited": _value(row, "cited")}
    elif kind == "thesis":
        details = {"Thesis": label, "Document": _value(row, "doc")}
    elif kind in ("quotation", "passage"):
        speaker = _value(row, "speaker") if kind == "quotation" else ""
        details = {"Text": _clip(label, _TEXT_LIMIT),
                   "Source": f"{_value(row, 'doc')}, line {_value(row, 'line')}",
                   "Speaker": speaker}
        kind = "turn" if speaker else kind
    attrs: dict[str, object] = {"kind": kind, "label": _clip(label, 40),
                                "details": {k: v for k, v in details.items() if v}}
    if kind in ("person", "topic"):  # every spelling, for --focus and the search box
        attrs["names"] = [label, *filter(None, _lines(_value(row, "alts")).split("\n"))]
    return attrs


def project(store: ox.Store, *, full: bool = False) -> nx.DiGraph:
    """The citation network: who and what cites, says and argues what.

    With ``full``, also passages, topics, mentions and ``about`` links, and
    character spans (the store must then hold the whole graph, annotations
    included, as ``graph_builder.query.sparql.open_store`` gives it).
    """
    view = nx.DiGraph()
    for kind, sparql in (_NODES | _FULL_NODES if full else _NODES).items():
        for row in _rows(store, sparql):
            node = row["n"].value
            if node not in view:
                view.add_node(node, **_node_attrs(kind, row))
    edges = list(_EDGES.items()) + (list(_FULL_EDGES.items()) if full else [])
    for kind, sparql in edges:
        for row in _rows(store, sparql):
            a, b = row["a"].value, row["b"].value
            if a in view and b in view and not view.has_edge(a, b):
                view.add_edge(a, b, kind=kind)
    _add_person_details(store, view)
    _add_claim_details(store, view, spans=full)
    _add_roles(view)
    return view


def _facts(store: ox.Store, sparql: str, view: nx.Graph) -> dict[str, dict[str, list[str]]]:
    """node -> field -> sorted distinct values, for the nodes in the view."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(store, sparql):
        node = row[0].value
        if node in view and row[2] is not None:
            found[node][row[1].value].add(row[2].value)
    return {n: {f: sorted(v) for f, v in fields.items()} for n, fields in found.items()}


def _add_person_details(store: ox.Store, view: nx.Graph) -> None:
    """Life dates, fate and offices from biographical notes, and why spellings were joined."""
    for node, fields in _facts(store, _PERSON_FACTS, view).items():
        details = view.nodes[node]["details"]
        for field, separator in _PERSON_FIELDS:
            if field in fields:
                details[field] = separator.join(fields[field])


def _add_claim_details(store: ox.Store, view: nx.Graph, *, spans: bool) -> None:
    """Name, on each claim, who made it and the works and pages it cites (and its span)."""
    made_by: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _CLAIM_AUTHORS):
        made_by[row["c"].value].add(row["who"].value)
    cited: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _CLAIM_CITATIONS):
        page = _value(row, "page")
        cited[row["c"].value].add(_value(row, "title") + (f" (p. {page})" if page else ""))
    where: dict[str, tuple[int, int]] = {}
    if spans:
        for row in _rows(store, _CLAIM_SPANS):
            start, end = int(row["start"].value), int(row["end"].value)
            old = where.get(row["c"].value, (start, end))
            where[row["c"].value] = (min(start, old[0]), max(end, old[1]))
    for node, attrs in view.nodes(data=True):
        if attrs["kind"] not in CLAIM_KINDS:  # works have authors too, and topics spans
            continue
        details = attrs["details"]
        if node in where and "Source" in details:
            details["Source"] += ", characters {}–{}".format(*where[node])
        if made_by.get(node):
            details["Made by"] = "; ".join(sorted(made_by[node]))
        if cited.get(node):
            details["Cited work"] = "\n".join(sorted(cited[node]))


def _add_roles(view: nx.DiGraph) -> None:
    """What each person and topic is in this view: "mentioned in 12 claims" ..."""
    for node, attrs in view.nodes(data=True):
        if attrs["kind"] not in ("person", "topic"):
            continue
        counts = Counter(kind for _, _, kind in view.in_edges(node, data="kind"))
        roles = [_ROLES[k].format(n=n, s="" if n == 1 else "s")
                 for k, n in sorted(counts.items()) if k in _ROLES]
        if roles:
            attrs["details"]["In this graph"] = "; ".join(roles)
