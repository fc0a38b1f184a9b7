"""Stage 7: project the RDF graph onto the one network that claimgraph draws and exports.

The pages (graph.html, ``claimgraph viz``) and the network files (GEXF,
GraphML) are all drawn from ``project``, so a node kind or an edge name means
the same on a page as in Gephi. It is read back from the RDF with SPARQL, not
from the pipeline's records, so any built graph (graph.ttl) projects the same
way and a network always shows what the graph really says. Annotations,
selectors and provenance stay out: they are evidence, not network.

A node has a ``kind`` (``NODE_KINDS``), a ``label`` and the graph's facts
about it as flat attributes (``text``, ``document``, ``line``, ``born`` ...)
holding strings or integers, the types GEXF and GraphML both declare. Its
``details``, what the page's details panel shows, are composed from them, and
people and topics carry ``names`` (every spelling) for ``--focus`` and the
search box. An edge has a ``kind`` (``EDGE_KINDS``). A ``DiGraph`` keeps one
edge per pair, so where several relations join a pair (a turn said by and
mentioning one person) ``kind`` is the first of them in ``EDGE_KINDS`` and
``kinds`` lists them all, since not every GEXF reader keeps parallel edges apart.

Two scopes of one vocabulary. The build's view (``full=False``) has documents,
theses, quotations and transcript turns, the works they cite and people: the
citation network users come to see, small enough to draw on every build. The
full network (``full=True``: ``claimgraph viz``, GEXF, GraphML) adds the
passages of running text (a book yields thousands), topics, organizations
(publishers, archives), the works no claim cites (the books, periodicals and
archival fonds that hold cited ones), who each claim mentions and what it is
about, and each claim's character span, which needs the annotations that the
build's trimmed store leaves out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox

from graph_builder.query.sparql import ask
from graph_builder.support.sorted_triples import SortedTriples
from graph_builder.view.figure_groups import FIGURE_GROUPS, GROUP_FIGURES, list_group_figures
from graph_builder.view.measure import measure
from ontology.terms import BIBO, CG, CITO, RDF, RDFS, SDO

LABEL_LIMIT = 80
_TEXT_LIMIT = 700
_PAGERANK_DECIMALS = 10

#: Node kinds; "claim" in ``claimgraph viz --kinds`` stands for ``CLAIM_KINDS``.
NODE_KINDS = ("document", "thesis", "work", "person", "organization", "topic",
              "quotation", "turn", "passage", "figures")
CLAIM_KINDS = ("quotation", "turn", "passage")
#: Edge kinds, in the order that picks an edge's ``kind`` when relations share a pair.
EDGE_KINDS = ("cites", "author", "editor", "translator", "publisher", "said by", "under thesis",
              "in document", "part of", "found in", "shares text", "states", "held by", "example",
              "mentions", "about", "broader", "related")

# kind -> SELECT ?n ?label [columns named as the node attributes they fill].
_WORKS = """SELECT ?n ?label ?year (COUNT(DISTINCT ?c) AS ?cited) WHERE {{
    ?n a schema:CreativeWork ; schema:name ?label . FILTER NOT EXISTS {{ ?n a cg:SourceDocument }}
    {cited} OPTIONAL {{ ?n schema:datePublished ?year }} }} GROUP BY ?n ?label ?year"""
_CHECKED = """OPTIONAL { ?n cg:quoteCheck ?check . ?check cg:verdict ?verdict .
                   OPTIONAL { ?check cg:differences ?differences } }"""
# the passages (ONLY: a filter, or none), with their quote check when they have one
_PASSAGES = ("SELECT ?n ?label ?document ?line ?verdict ?differences WHERE { ?n a cg:Passage ;"
             " schema:text ?label ; schema:isPartOf/schema:identifier ?document ;"
             " cg:lineNumber ?line . ONLY " + _CHECKED + " }")

_NODES = {
    "document": """SELECT ?n ?label ?identifier ?shape WHERE { ?n a cg:SourceDocument ;
        schema:identifier ?identifier . OPTIONAL { ?n cg:documentShape ?shape }
        OPTIONAL { ?n schema:name ?title } BIND(COALESCE(?title, ?identifier) AS ?label) }""",
    "person": """SELECT ?n ?label (GROUP_CONCAT(?alt; separator="\\n") AS ?also_written) WHERE {
        ?n a schema:Person ; schema:name ?label . OPTIONAL { ?n schema:alternateName ?alt } }
        GROUP BY ?n ?label""",
    "work": _WORKS.format(cited="?c cito:hasCitedEntity ?n ."),
    "thesis": """SELECT ?n ?label ?document WHERE {
        ?n a cg:Thesis ; schema:text ?label ; schema:isPartOf/schema:identifier ?document }""",
    "quotation": """SELECT ?n ?label ?document ?line ?speaker ?verdict ?differences WHERE {
        ?n a schema:Quotation ; schema:text ?label ; schema:isPartOf/schema:identifier ?document ;
           cg:lineNumber ?line .
        OPTIONAL { ?n cg:speakerLabel ?speaker } """ + _CHECKED + "}",
    # the passages a quotation was found in or shares text with, and those stating a figure
    # that other sources state too: the links a reader follows from the view
    "passage": _PASSAGES.replace("ONLY", "FILTER (EXISTS { ?x cg:matchedClaim|cg:sharesTextWith"
                                 " ?n } || EXISTS { ?f cg:statedIn ?n ; cg:inFigureGroup ?g })"),
    "figures": FIGURE_GROUPS,  # figures measuring one thing at one time: one node
}
_FULL_NODES = {
    "work": _WORKS.format(cited="OPTIONAL { ?c cito:hasCitedEntity ?n }"),  # cited or not
    "organization": """SELECT ?n ?label WHERE {
        { ?n a schema:Organization } UNION { ?n a schema:ArchiveOrganization }
        ?n schema:name ?label }""",
    "passage": _PASSAGES.replace("ONLY", ""),
    "topic": """SELECT ?n ?label (GROUP_CONCAT(?alt; separator="\\n") AS ?also_called) WHERE {
        ?n a skos:Concept ; skos:prefLabel ?label . OPTIONAL { ?n skos:altLabel ?alt } }
        GROUP BY ?n ?label""",
}
# The attribute that keeps a node's label whole (the label itself is clipped).
_WHOLE_LABEL = {"document": "title", "work": "title", "thesis": "text", "quotation": "text",
                "turn": "text", "passage": "text"}
_INTEGERS = frozenset({"line", "cited"})
# The attribute listing a node's other names (or wordings), one a line.
_ALSO = {"person": "also_written", "topic": "also_called", "figures": "wordings"}

# (kind, SELECT ?a ?b): an edge is kept where both ends are nodes of the scope.
_EDGES = (
    ("cites", "SELECT ?a ?b WHERE { ?a schema:citation ?b }"),
    ("author", "SELECT ?a ?b WHERE { ?a a schema:CreativeWork ; schema:author ?b }"),
    ("editor", "SELECT ?a ?b WHERE { ?a schema:editor ?b }"),
    ("translator", "SELECT ?a ?b WHERE { ?a schema:translator ?b }"),
    ("said by", "SELECT ?a ?b WHERE { ?a a cg:TranscriptTurn ; schema:author ?b }"),
    ("under thesis", "SELECT ?a ?b WHERE { ?a cg:underThesis ?b }"),
    # A claim under a thesis or inside a quotation reaches its document through them.
    ("in document", "SELECT ?a ?b WHERE { ?a schema:isPartOf ?b . ?b a cg:SourceDocument "
                    "FILTER NOT EXISTS { ?a cg:underThesis|cg:partOfQuotation ?up } }"),
    ("part of", "SELECT ?a ?b WHERE { ?a cg:partOfQuotation ?b }"),
    ("found in", "SELECT ?a ?b WHERE { ?a cg:quoteCheck/cg:matchedClaim ?b }"),
    ("shares text", "SELECT ?a ?b WHERE { ?a cg:sharesTextWith ?b FILTER(STR(?a) < STR(?b)) }"),
    ("states", "SELECT ?a ?b WHERE { ?f cg:inFigureGroup ?b ; cg:statedIn ?a }"),
)
_FULL_EDGES = (
    ("part of", "SELECT ?a ?b WHERE { ?a a schema:CreativeWork ; schema:isPartOf ?b }"),
    ("publisher", "SELECT ?a ?b WHERE { ?a schema:publisher ?b }"),
    ("held by", "SELECT ?a ?b WHERE { ?a schema:holdingArchive ?b }"),
    ("example", "SELECT ?a ?b WHERE { ?a schema:workExample ?b }"),
    ("mentions", "SELECT ?a ?b WHERE { ?a schema:mentions ?b . ?b a schema:Person }"),
    ("about", "SELECT ?a ?b WHERE { ?a schema:about ?b . ?b a skos:Concept }"),
    ("broader", "SELECT ?a ?b WHERE { ?a skos:broader ?b }"),
    ("related", "SELECT ?a ?b WHERE { ?a skos:related ?b }"),
)

# What the life notes and resolution say about a person, as (attribute, value) rows.
_PERSON_FACTS = """SELECT ?n ?field ?value WHERE { ?n a schema:Person .
    { ?n schema:birthDate ?value BIND("born" AS ?field) }
    UNION { ?n schema:deathDate ?value BIND("died" AS ?field) }
    UNION { ?n cg:fate ?value BIND("fate" AS ?field) }
    UNION { ?n cg:office ?value BIND("offices" AS ?field) }
    UNION { ?n cg:mergeReason ?value BIND("spellings_joined" AS ?field) } }"""
# Attribute and the separator of its values (two birth years: "1895 or 1896").
_PERSON_FIELDS = (("born", " or "), ("died", " or "), ("fate", "; "), ("offices", "\n"),
                  ("spellings_joined", "\n"))
_CLAIM_AUTHORS = "SELECT ?c ?who WHERE { ?c schema:author/schema:name ?who }"
_CLAIM_CITATIONS = """SELECT ?c ?title ?page WHERE {
    ?cit cito:hasCitingEntity ?c ; cito:hasCitedEntity/schema:name ?title .
    OPTIONAL { ?cit bibo:locator ?page } }"""
# Claims first: starting from the annotations (people's mentions too) is five times slower.
_CLAIM_SPANS = """SELECT ?c ?start ?end WHERE { ?c a schema:Claim . ?a oa:hasBody ?c .
    ?a oa:hasTarget/oa:hasSelector ?s . ?s oa:start ?start ; oa:end ?end }"""

# Phrases for what a person, organization or topic is in the graph, from the edges reaching it.
_ROLES = {
    "author": "author of {n} work{s}",
    "editor": "editor of {n} work{s}",
    "translator": "translator of {n} work{s}",
    "publisher": "publisher of {n} work{s}",
    "held by": "archive of {n} item{s}",
    "said by": "speaker of {n} turn{s}",
    "mentions": "mentioned in {n} claim{s}",
    "about": "{n} claim{s} about it",
}
_CLAIM_DETAILS = (("Text", "text"), ("Source", "source"), ("Speaker", "speaker"),
                  ("Made by", "made_by"), ("Cited work", "cited_work"),
                  ("Quote check", "verdict"), ("Differences", "differences"))
# Details panel field and the attribute it shows, in the order shown.
_DETAILS = {
    "document": (("Document", "identifier"), ("Title", "title"), ("Shape", "shape")),
    "person": (("Name", "name"), ("Also written", "also_written"), ("Born", "born"),
               ("Died", "died"), ("Fate", "fate"), ("Offices", "offices"),
               ("Spellings joined", "spellings_joined")),
    "organization": (("Name", "name"),),
    "topic": (("Topic", "name"), ("Also called", "also_called")),
    "work": (("Title", "title"), ("Year", "year"), ("Times cited", "cited")),
    "thesis": (("Thesis", "text"), ("Document", "document")),
    "figures": (("Measure", "name"), ("Grouped as", "key"), ("Sources disagree", "disputed"),
                ("Spread", "spread"), ("Figures", "figures"), ("Wordings", "wordings")),
    **{kind: _CLAIM_DETAILS for kind in CLAIM_KINDS},
}


def read_by_projection() -> tuple[frozenset[ox.NamedNode], frozenset[ox.NamedNode]]:
    """The predicates and classes the build's view reads; nothing else reaches it.

    Most of a graph is annotations and provenance, which the view never shows;
    leaving them out of the projection's store makes it several times quicker to
    fill. ``test_projection`` checks that the projection is the same either way.
    """
    predicates = frozenset({
        RDF.type, SDO.identifier, CG.documentShape, SDO.name, SDO.alternateName,
        SDO.datePublished, CITO.hasCitedEntity, CITO.hasCitingEntity, BIBO.locator, SDO.text,
        SDO.isPartOf, CG.lineNumber, CG.speakerLabel, SDO.citation, SDO.author, SDO.editor,
        SDO.translator, CG.underThesis, CG.partOfQuotation, SDO.birthDate, SDO.deathDate,
        CG.fate, CG.office, CG.mergeReason, CG.quoteCheck, CG.verdict, CG.differences,
        CG.matchedClaim, CG.sharesTextWith, CG.inFigureGroup, CG.printedValue,
        CG.referenceTime, CG.groupKey, CG.disputed, CG.spread, CG.wording, RDFS.label,
        CG.statedIn,
    })
    classes = frozenset({CG.SourceDocument, SDO.Person, SDO.CreativeWork, CG.Thesis,
                         SDO.Quotation, CG.TranscriptTurn, CG.Passage, CG.FigureGroup})
    return predicates, classes


def projection_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """A store holding only what ``project`` (the build's scope) reads from a graph's quads."""
    predicates, classes = read_by_projection()
    store = ox.Store()
    if isinstance(quads, SortedTriples):  # a build's graph: pick lines, parse only those
        store.bulk_extend(quads.select((p.value for p in predicates),
                                       (c.value for c in classes)))
        return store
    store.bulk_extend(q for q in quads if q.predicate in predicates
                      and (q.predicate != RDF.type or q.object in classes))
    return store


def _rows(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    solutions = ask(store, sparql)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _lines(text: str) -> str:
    """Values GROUP_CONCAT joined, sorted, so the result never depends on store order."""
    return "\n".join(sorted(set(filter(None, text.split("\n")))))


def _node_attrs(kind: str, rows: list[dict[str, str]]) -> dict[str, object]:
    """One node's attributes from its rows (several where OPTIONALs multiply: least wins)."""
    found = {name: min(r[name] for r in rows if name in r) for name in set().union(*rows)}
    whole = found.pop("label")
    if kind == "quotation" and found.get("speaker"):
        kind = "turn"
    attrs: dict[str, object] = {"kind": kind, "label": _clip(whole, LABEL_LIMIT),
                                _WHOLE_LABEL.get(kind, "name"): whole}
    for name in sorted(found.keys() - {"n"}):
        value = _lines(found[name]) if name in _ALSO.values() else found[name]
        if value:
            attrs[name] = int(value) if name in _INTEGERS else value
    if kind in _ALSO:  # every spelling, for --focus and the search box
        attrs["names"] = [whole, *filter(None, str(attrs.get(_ALSO[kind], "")).split("\n"))]
    return attrs


def project(store: ox.Store, *, full: bool = False) -> nx.DiGraph:
    """The network: who and what cites, says, argues, mentions and holds what.

    With ``full``, also passages, topics, organizations, uncited works,
    mentions and ``about`` links, and character spans (the store must then hold
    the whole graph, annotations included, as ``graph_builder.query.sparql.open_store``
    or ``exports.graphdata.GraphData.store`` give it).
    """
    view = nx.DiGraph()
    for kind, sparql in (_NODES | _FULL_NODES if full else _NODES).items():
        by_node: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(store, sparql):
            by_node[row["n"]].append(row)
        for node in sorted(by_node):
            if node not in view:
                view.add_node(node, **_node_attrs(kind, by_node[node]))
    _add_edges(store, view, _EDGES + (_FULL_EDGES if full else ()))
    _add_person_facts(store, view)
    _add_claim_facts(store, view, spans=full)
    list_group_figures(view, _rows(store, GROUP_FIGURES))
    _add_roles(view)
    for _, attrs in view.nodes(data=True):
        attrs["details"] = _details(attrs)
    return view


def network(store: ox.Store, name: str = "claimgraph") -> nx.DiGraph:
    """What GEXF and GraphML carry: the full projection, measured, with plain values.

    Each node keeps its string and integer attributes, its ``community`` and
    its ``pagerank``, written as a fixed-point decimal string (every value the
    same width, so it sorts as text too) because attribute values stay strings
    or integers; the drawing's ``size`` and the page's ``details`` and
    ``names`` lists are left out. Nodes and edges are added sorted, so the same
    graph always gives the same file.
    """
    view = project(store, full=True)
    measure(view)
    plain = nx.DiGraph(name=name)
    for node in sorted(view):
        attrs = view.nodes[node]
        plain.add_node(node, **_plain(attrs))
        if "pagerank" in attrs:
            plain.nodes[node]["pagerank"] = f"{attrs['pagerank']:.{_PAGERANK_DECIMALS}f}"
    for a, b in sorted(view.edges):
        plain.add_edge(a, b, **_plain(view.edges[a, b]))
    return plain


def _plain(attrs: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in attrs.items() if type(v) in (str, int)}


def _add_edges(store: ox.Store, view: nx.DiGraph, queries: Iterable[tuple[str, str]]) -> None:
    """Join the nodes each query links; a pair joined twice gets one edge naming both."""
    joined: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, sparql in queries:
        for row in _rows(store, sparql):
            a, b = row["a"], row["b"]
            if a in view and b in view:
                joined[a, b].add(kind)
    for (a, b), kinds in sorted(joined.items()):
        ordered = sorted(kinds, key=EDGE_KINDS.index)
        view.add_edge(a, b, kind=ordered[0], kinds="; ".join(ordered))


def _facts(store: ox.Store, sparql: str, view: nx.Graph) -> dict[str, dict[str, list[str]]]:
    """node -> field -> sorted distinct values, for the nodes in the view."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(store, sparql):
        if row["n"] in view and "value" in row:
            found[row["n"]][row["field"]].add(row["value"])
    return {n: {f: sorted(v) for f, v in fields.items()} for n, fields in found.items()}


def _add_person_facts(store: ox.Store, view: nx.Graph) -> None:
    """Life dates, fate and offices from biographical notes, and why spellings were joined."""
    for node, fields in _facts(store, _PERSON_FACTS, view).items():
        for field, separator in _PERSON_FIELDS:
            if field in fields:
                view.nodes[node][field] = separator.join(fields[field])


def _add_claim_facts(store: ox.Store, view: nx.Graph, *, spans: bool) -> None:
    """Name, on each claim, who made it and the works and pages it cites (and its span)."""
    made_by: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _CLAIM_AUTHORS):
        made_by[row["c"]].add(row["who"])
    cited: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _CLAIM_CITATIONS):
        page = row.get("page")
        cited[row["c"]].add(row["title"] + (f" (p. {page})" if page else ""))
    where: dict[str, tuple[int, int]] = {}
    if spans:
        for row in _rows(store, _CLAIM_SPANS):
            start, end = int(row["start"]), int(row["end"])
            old = where.get(row["c"], (start, end))
            where[row["c"]] = (min(start, old[0]), max(end, old[1]))
    for node, attrs in view.nodes(data=True):
        if attrs["kind"] not in CLAIM_KINDS:  # works have authors too, and topics spans
            continue
        if node in where:
            attrs["char_start"], attrs["char_end"] = where[node]
        if made_by.get(node):
            attrs["made_by"] = "; ".join(sorted(made_by[node]))
        if cited.get(node):
            attrs["cited_work"] = "\n".join(sorted(cited[node]))


def _add_roles(view: nx.DiGraph) -> None:
    """What each person, organization and topic is here: "mentioned in 12 claims" ..."""
    for node, attrs in view.nodes(data=True):
        if attrs["kind"] not in ("person", "organization", "topic"):
            continue
        counts = Counter(kind for _, _, kinds in view.in_edges(node, data="kinds")
                         for kind in kinds.split("; "))
        roles = [_ROLES[k].format(n=n, s="" if n == 1 else "s")
                 for k, n in sorted(counts.items()) if k in _ROLES]
        if roles:
            attrs["roles"] = "; ".join(roles)


def _details(attrs: dict[str, object]) -> dict[str, str]:
    """The details panel's fields, in order, from the node's attributes."""
    values = dict(attrs)
    if attrs["kind"] in CLAIM_KINDS:
        values["text"] = _clip(str(attrs["text"]), _TEXT_LIMIT)
        values["source"] = f"{attrs['document']}, line {attrs['line']}" + (
            ", characters {}–{}".format(attrs["char_start"], attrs["char_end"])
            if "char_start" in attrs else "")
    fields = (*_DETAILS[str(attrs["kind"])], ("In this graph", "roles"))
    return {field: str(values[name]) for field, name in fields
            if values.get(name) not in (None, "")}


#: Nodes the build's page holds at most. A browser draws a few thousand nodes in about
#: a second; a page of tens of thousands takes minutes to make and cannot be read.
#: ``claimgraph viz --focus`` draws any part of a larger graph.
PAGE_LIMIT = 5_000


def best_connected(view: nx.DiGraph, limit: int = PAGE_LIMIT) -> nx.DiGraph:
    """The ``limit`` nodes with the most links (ties by IRI) and the edges among them;
    the view itself when it is no larger. ``graph["shown"]`` says (kept, of)."""
    total = view.number_of_nodes()
    if total <= limit:
        view.graph["shown"] = (total, total)
        return view
    ranked = sorted(view.nodes, key=lambda n: (-view.degree(n), n))[:limit]
    kept = view.subgraph(ranked).copy()
    kept.graph["shown"] = (limit, total)
    return kept
