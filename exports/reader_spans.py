"""Read from the RDF store every span the reader highlights, grouped by source document.

Each span is an ``oa:Annotation`` of the core profile (``oa:hasTarget`` [``oa:hasSource``
the document; ``oa:hasSelector`` [``oa:start``; ``oa:end``] and [``oa:exact``]]); what
its body is decides its layer: a person or a topic mention, a claim (a passage of a
book apart, since passages cover most of its text), a reference string (its
``cito:Citation``), a figure, the characters a quotation elsewhere was matched in
(``cg:QuoteCheck``), or a passage another document reprints (``cg:TextReuse``).

Only the store is read, through SPARQL, so the reader shows what any SPARQL user
would find; the queries run once for all documents, not once per document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph_builder.query.sparql import ask
from ontology.prefixes import PREFIXES

#: Layers in the order the legend lists them (and nests equal spans: outer first).
LAYERS = ("passage", "claim", "source", "reuse", "citation", "topic", "person", "figure")
#: The verdicts of a quotation check (cg:verdict), worst last; anything else shows as "checked".
VERDICTS = ("verbatim", "variant", "abridged", "partial", "altered", "not-found", "source-absent")


@dataclass
class Span:
    """One highlighted annotation: where it is, what layer, which node it stands for."""

    annotation: str
    doc: str
    start: int
    end: int
    exact: str
    body: str
    layer: str = ""
    label: str = ""
    node: str = ""  # the IRI "open in the network" goes to
    verdict: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (text, kind, target)
    citing: str = ""  # a citation's claim
    page: str = ""  # a citation's locator
    stated_in: str = ""  # a figure's claim


@dataclass
class DocumentSpans:
    """A source document and the spans whose target is in it."""

    iri: str
    identifier: str
    title: str
    shape: str = ""
    spans: list[Span] = field(default_factory=list)


def _value(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _rows(store: ox.Store, sparql: str) -> Iterable[dict[str, str]]:
    answer = ask(store, sparql)
    names = [v.value for v in answer.variables]
    for solution in answer:
        yield {name: _value(solution[name]) for name in names}


_DOCUMENTS = """SELECT ?d ?id ?name ?shape WHERE { ?d a cg:SourceDocument ; schema:identifier ?id .
  OPTIONAL { ?d schema:name ?name } OPTIONAL { ?d cg:documentShape ?shape } }"""
_ANNOTATIONS = """SELECT ?d ?a ?b ?s ?e ?x WHERE { ?a a oa:Annotation ; oa:hasBody ?b ;
  oa:hasTarget ?t . ?t oa:hasSource ?d ; oa:hasSelector ?p . ?p oa:start ?s ; oa:end ?e .
  OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?x } }"""
_PERSONS = """SELECT ?b ?name ?born ?died WHERE { ?b a schema:Person .
  OPTIONAL { ?b schema:name ?name } OPTIONAL { ?b schema:birthDate ?born }
  OPTIONAL { ?b schema:deathDate ?died } }"""
_TOPICS = "SELECT ?b ?name WHERE { ?b a skos:Concept . OPTIONAL { ?b skos:prefLabel ?name } }"
_CLAIMS = """SELECT ?b ?type ?author ?said ?line WHERE { ?b a schema:Claim .
  OPTIONAL { ?b a ?type FILTER (?type IN (cg:Passage, cg:Thesis, cg:TranscriptTurn,
    cg:InnerQuotation, schema:Quotation)) }
  OPTIONAL { ?b schema:author ?author . OPTIONAL { ?author schema:name ?said } }
  OPTIONAL { ?b cg:lineNumber ?line } }"""
_CHECKS = """SELECT ?b ?verdict ?diff ?share ?note ?matched ?mdoc WHERE { ?b cg:quoteCheck ?q .
  ?q cg:verdict ?verdict . OPTIONAL { ?q cg:differences ?diff }
  OPTIONAL { ?q cg:matchedShare ?share } OPTIONAL { ?q cg:editionNote ?note }
  OPTIONAL { ?q cg:matchedClaim ?matched . ?matched schema:isPartOf ?mdoc } }"""
_CITATIONS = """SELECT ?b ?work ?title ?year ?page ?claim ?ref WHERE { ?b a cito:Citation .
  OPTIONAL { ?b cito:hasCitedEntity ?work . OPTIONAL { ?work schema:name ?title }
    OPTIONAL { ?work schema:datePublished ?year } }
  OPTIONAL { ?b bibo:locator ?page } OPTIONAL { ?b cito:hasCitingEntity ?claim }
  OPTIONAL { ?b cg:referenceText ?ref } }"""
_FIGURES = """SELECT ?b ?printed ?kind ?measure ?counted ?event ?time ?place ?group ?claim
  WHERE { ?b a cg:Figure . OPTIONAL { ?b cg:printedValue ?printed }
  OPTIONAL { ?b cg:figureKind ?kind } OPTIONAL { ?b cg:measure ?measure }
  OPTIONAL { ?b cg:countedThing ?counted } OPTIONAL { ?b cg:countedEvent ?event }
  OPTIONAL { ?b cg:referenceTime ?time } OPTIONAL { ?b cg:figurePlace ?place }
  OPTIONAL { ?b cg:inFigureGroup ?group } OPTIONAL { ?b cg:statedIn ?claim } }"""
_SOURCES = """SELECT ?b ?claim ?cdoc ?verdict WHERE { ?b a cg:QuoteCheck .
  ?claim cg:quoteCheck ?b ; schema:isPartOf ?cdoc . OPTIONAL { ?b cg:verdict ?verdict } }"""
_REUSES = """SELECT ?b ?claim ?cdoc ?words WHERE { ?b a cg:TextReuse ; cg:sharedBy ?claim .
  ?claim schema:isPartOf ?cdoc . OPTIONAL { ?b cg:sharedWords ?words } }"""
_CLAIM_KINDS = {"https://w3id.org/claimgraph/ns#Passage": "passage",
                "https://w3id.org/claimgraph/ns#Thesis": "thesis",
                "https://w3id.org/claimgraph/ns#TranscriptTurn": "turn",
                "https://w3id.org/claimgraph/ns#InnerQuotation": "inner quotation",
                "https://schema.org/Quotation": "quotation"}
_YEAR = re.compile(r"-?(\d{1,6})")
_KIND_ORDER = ("passage", "thesis", "turn", "inner quotation", "quotation")


def _iris(names: str) -> frozenset[str]:
    return frozenset(PREFIXES[p] + local for p, local in (n.split(":") for n in names.split()))


#: What the queries below read: a store of only these (the build's
#: ``graph_builder.view.pages.view_store`` holds them) answers them alike.
READ_PREDICATES = _iris("""rdf:type schema:identifier schema:name cg:documentShape oa:hasBody
    oa:hasTarget oa:hasSource oa:hasSelector oa:start oa:end oa:exact schema:birthDate
    schema:deathDate skos:prefLabel schema:author cg:lineNumber cg:quoteCheck cg:verdict
    cg:differences cg:matchedShare cg:editionNote cg:matchedClaim schema:isPartOf
    cito:hasCitedEntity schema:datePublished bibo:locator cito:hasCitingEntity
    cg:referenceText cg:printedValue cg:figureKind cg:measure cg:countedThing cg:countedEvent
    cg:referenceTime cg:figurePlace cg:inFigureGroup cg:statedIn cg:sharedBy cg:sharedWords""")
READ_CLASSES = _iris("""cg:SourceDocument oa:Annotation schema:Person skos:Concept schema:Claim
    cg:Passage cg:Thesis cg:TranscriptTurn cg:InnerQuotation schema:Quotation cito:Citation
    cg:Figure cg:QuoteCheck cg:TextReuse""")


def document_spans(store: ox.Store) -> dict[str, DocumentSpans]:
    """Every source document (by IRI) with its annotations, each given a layer.

    Annotations whose body is none of the kinds above are left out: the reader
    highlights what it can explain.
    """
    docs = {r["d"]: DocumentSpans(r["d"], r["id"], r["name"] or r["id"], r["shape"])
            for r in _rows(store, _DOCUMENTS)}
    spans: dict[str, list[Span]] = defaultdict(list)
    for r in _rows(store, _ANNOTATIONS):
        if r["d"] in docs:
            spans[r["b"]].append(Span(r["a"], r["d"], int(r["s"]), int(r["e"]), r["x"], r["b"]))
    _Describer(store, docs, spans).describe()
    for body_spans in spans.values():
        for span in body_spans:
            if span.layer:
                docs[span.doc].spans.append(span)
    return docs


class _Describer:
    """Gives each span its layer, label, panel rows and links, one query per body kind."""

    def __init__(self, store: ox.Store, docs: dict[str, DocumentSpans],
                 spans: dict[str, list[Span]]) -> None:
        self.store, self.docs, self.spans = store, docs, spans

    def describe(self) -> None:
        self._persons()
        self._topics()
        self._claims()
        self._citations()
        self._figures()
        self._sources()
        self._reuses()

    def _each(self, body: str):
        return self.spans.get(body, ())

    def _title(self, doc: str) -> str:
        found = self.docs.get(doc)
        return found.title if found else doc

    def _persons(self) -> None:
        for r in _rows(self.store, _PERSONS):
            born, died = _year(r["born"]), _year(r["died"])
            lived = f"{born}–{died}" if born and died else f"born {born}" if born else \
                f"died {died}" if died else ""
            for span in self._each(r["b"]):
                span.layer, span.label, span.node = "person", r["name"] or r["b"], r["b"]
                span.rows = [("Lived", lived)] if lived else []

    def _topics(self) -> None:
        for r in _rows(self.store, _TOPICS):
            for span in self._each(r["b"]):
                span.layer, span.label, span.node = "topic", r["name"] or r["b"], r["b"]

    def _claims(self) -> None:
        kinds: dict[str, set[str]] = defaultdict(set)
        authors: dict[str, dict[str, str]] = defaultdict(dict)
        for r in _rows(self.store, _CLAIMS):
            if r["b"] not in self.spans:
                continue
            if r["type"]:
                kinds[r["b"]].add(_CLAIM_KINDS[r["type"]])
            if r["author"]:
                authors[r["b"]][r["author"]] = r["said"] or r["author"]
            kinds.setdefault(r["b"], set())
        for body, found in kinds.items():
            kind = next((k for k in reversed(_KIND_ORDER) if k in found), "claim")
            for span in self._each(body):
                span.layer = "passage" if kind == "passage" else "claim"
                span.label, span.node = kind.capitalize(), body
                span.rows = [("Said by", ", ".join(sorted(authors[body].values())))] \
                    if authors[body] else []
                span.links = [(f"Said by {name}", "node", iri)
                              for iri, name in sorted(authors[body].items(), key=lambda x: x[1])]
        for r in _rows(self.store, _CHECKS):
            for span in self._each(r["b"]):
                span.verdict = r["verdict"] if r["verdict"] in VERDICTS else "checked"
                span.rows += [(field_, text) for field_, text in (
                    ("Quotation check", r["verdict"]), ("Differences", r["diff"]),
                    ("Words found", _share(r["share"])), ("Edition", r["note"])) if text]
                if r["matched"] and r["mdoc"] in self.docs:
                    span.links.append((f"The source passage in {self._title(r['mdoc'])}",
                                       "reader", f"{r['mdoc']}\n{r['matched']}"))

    def _citations(self) -> None:
        for r in _rows(self.store, _CITATIONS):
            work = r["title"] or r["work"] or "an unnamed work"
            year = f" ({_year(r['year'])})" if _year(r["year"]) else ""
            for span in self._each(r["b"]):
                span.layer, span.label, span.node = "citation", f"{work}{year}", r["work"] or r["b"]
                ref = r["ref"] if r["ref"] != span.exact else ""
                span.rows = [(f, t) for f, t in (("Page", r["page"]), ("Reference", ref)) if t]
                span.citing = r["claim"]
                span.page = r["page"]

    def _figures(self) -> None:
        for r in _rows(self.store, _FIGURES):
            for span in self._each(r["b"]):
                span.layer, span.label = "figure", r["printed"] or span.exact
                span.node = r["group"] or r["claim"] or r["b"]
                span.rows = [(f, t) for f, t in (
                    ("Kind", r["kind"]), ("Measure", r["measure"]), ("Counted", r["counted"]),
                    ("Event", r["event"]), ("When", r["time"]), ("Where", r["place"])) if t]
                span.stated_in = r["claim"]

    def _sources(self) -> None:
        for r in _rows(self.store, _SOURCES):
            for span in self._each(r["b"]):
                span.layer, span.label, span.node = "source", "Quoted elsewhere", r["claim"]
                span.verdict = r["verdict"] if r["verdict"] in VERDICTS else "checked"
                span.rows.append(("Quoted in", self._title(r["cdoc"])))
                span.links.append((f"The quotation in {self._title(r['cdoc'])}", "reader",
                                   f"{r['cdoc']}\n{r['claim']}"))

    def _reuses(self) -> None:
        for r in _rows(self.store, _REUSES):
            for span in self._each(r["b"]):
                span.layer, span.label = "reuse", "Text shared with another document"
                if span.doc == r["cdoc"]:
                    span.node = span.node or r["claim"]
                    continue
                if r["words"]:
                    span.rows = [("Shared words", r["words"])]
                span.links.append((f"The same text in {self._title(r['cdoc'])}", "reader",
                                   f"{r['cdoc']}\n{r['claim']}"))


def _year(date: str) -> str:
    """The year of an xsd:gYear or xsd:date ("1885", "1885-03-02", "-0044": 44 BCE)."""
    found = _YEAR.match(date)
    if not found:
        return ""
    year = found.group(1).lstrip("0") or "0"
    return f"{year} BCE" if found.group(0).startswith("-") else year


def _share(share: str) -> str:
    try:
        return f"{float(share):.0%}" if share else ""
    except ValueError:
        return share
