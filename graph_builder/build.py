"""Stage 6: turn the resolved records into RDF triples of the core profile.

The only stage that touches RDF. Terms come from ``ontology.namespaces`` and
instance IRIs from ``ontology.mint_iri``, so the same corpus always gives the
same IRIs. Triples are pyoxigraph terms because Oxigraph serialises and
queries an order of magnitude faster than rdflib at corpus scale; no blank
nodes are made, so two builds compare byte for byte once sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from graph_builder import __version__
from graph_builder.build_mentions import add_person_mentions
from graph_builder.records import (
    Citation,
    Claim,
    ClaimKind,
    Document,
    Extraction,
    InputWarning,
    PersonEntity,
    Resolution,
    Span,
    Thesis,
    WorkEntity,
)
from graph_builder.support.order import triple_order
from ontology import mint_iri
from ontology.terms import BIBO, CG, CITO, OA, PROV, RDF, SDO, SKOS, XSD

#: Characters a text literal holds at most. Oxigraph's parsers stop at 16 MiB a term,
#: and a 17 MB one-paragraph file must still give a graph that `query`, `serve`,
#: `export`, `validate` and `viz` read back (4 bytes a character at worst, and escapes).
MAX_LITERAL = 1_000_000
CUT_MARK = " […]"

_WORK_CLASSES = {
    "book": (SDO.Book,), "article": (SDO.ScholarlyArticle,), "chapter": (SDO.Chapter,),
    "newspaper": (SDO.NewsArticle,), "periodical": (SDO.Periodical,), "webpage": (SDO.WebPage,),
    "archival": (SDO.ArchiveComponent,),
    "fond": (SDO.ArchiveComponent, CG.ArchivalFond),
    "opis": (SDO.ArchiveComponent, CG.ArchivalInventory),
    "delo": (SDO.ArchiveComponent, CG.ArchivalFile),
    "folio": (SDO.ArchiveComponent, CG.ArchivalFolio),
}
_CLAIM_CLASSES = {
    ClaimKind.QUOTATION: (SDO.Claim, SDO.Quotation),
    ClaimKind.TURN: (SDO.Claim, SDO.Quotation, CG.TranscriptTurn),
    ClaimKind.PASSAGE: (SDO.Claim, CG.Passage),
}


class GraphBuilder:
    """Collects the triples of one build; ``triples()`` returns them sorted.

    Each triple is held as an Oxigraph Quad in the default graph: the Turtle
    writer takes quads as they are and a store needs them, so no triple is
    converted twice (making one costs as much as adding it)."""

    def __init__(self, base: str, settings: dict[str, object]):
        self.base = base
        self.settings = settings
        self._triples: dict[ox.Quad, None] = {}  # an ordered set
        self.cuts: list[str] = []  # texts over MAX_LITERAL, cut
        self.build_node = self.iri("build", f"claimgraph {__version__} "
                                   f"{json.dumps(settings, sort_keys=True)}")
        self.doc_nodes: dict[str, ox.NamedNode] = {}

    # -- primitives -------------------------------------------------------------------------
    def iri(self, kind: str, key: str) -> ox.NamedNode:
        return ox.NamedNode(mint_iri(kind, key, self.base))

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal | str) -> None:
        if isinstance(o, str):
            obj = ox.Literal(o if len(o) <= MAX_LITERAL else self._cut(s, p, o))
        else:
            obj = o
        self._triples[ox.Quad(s, p, obj)] = None

    def _cut(self, s: ox.NamedNode, p: ox.NamedNode, text: str) -> str:
        """A text too long for RDF readers, cut (and said so in `cuts`)."""
        self.cuts.append(f"{s.value} {p.value}: a text of {len(text):,} characters is cut to "
                         f"{MAX_LITERAL:,} in the graph (RDF readers stop at 16 MiB a term); "
                         "its annotation still spans all of it")
        return text[:MAX_LITERAL] + CUT_MARK

    def add_types(self, s: ox.NamedNode, *classes: ox.NamedNode) -> None:
        for cls in classes:
            self.add(s, RDF.type, cls)

    def extracted(self, node: ox.NamedNode, doc_ids: Iterable[str]) -> None:
        """Provenance every extracted node carries: this build, its source document(s)."""
        self.add(node, PROV.wasGeneratedBy, self.build_node)
        for doc_id in sorted(doc_ids):
            self.add(node, PROV.wasDerivedFrom, self.doc_nodes[doc_id])

    def triples(self) -> list[ox.Quad]:
        return sorted(self._triples, key=triple_order)

    # -- the core profile ---------------------------------------------------------------------
    def add_build(self, documents: list[Document], started_at: str = "") -> None:
        """The build as a prov:Activity. Its time goes in only when the caller fixes it
        (SOURCE_DATE_EPOCH), so two builds of one corpus stay byte-identical."""
        node = self.build_node
        self.add_types(node, PROV.Activity, CG.Build)
        self.add(node, SDO.softwareVersion, __version__)
        if started_at:
            self.add(node, PROV.startedAtTime, ox.Literal(started_at, datatype=XSD.dateTime))
        self.add(node, CG.settings, json.dumps(self.settings, sort_keys=True))
        for doc in documents:
            self.add(node, PROV.used, self.doc_nodes[doc.doc_id])

    def add_document(self, doc: Document, shape: str) -> None:
        node = self.doc_nodes[doc.doc_id] = self.iri("document", doc.doc_id)
        self.add_types(node, SDO.CreativeWork, CG.SourceDocument)
        self.add(node, SDO.identifier, doc.doc_id)
        self.add(node, SDO.name, doc.title)
        self.add(node, SDO.sha256, doc.sha256)
        self.add(node, CG.documentShape, shape)

    def annotate(self, doc: Document, span: Span, body: ox.NamedNode) -> ox.NamedNode:
        """An oa:Annotation tying ``body`` to the exact characters it came from.

        One annotation per body; the target and its selectors belong to the
        span, so bodies evidenced by the same characters share them."""
        anchor = f"{doc.doc_id}|{span.start}|{span.end}"
        annotation = self.iri("annotation", f"{anchor}|{body.value}")
        target = self.iri("target", anchor)
        position = self.iri("selector", f"{anchor}|position")
        quote = self.iri("selector", f"{anchor}|quote")
        self.add_types(annotation, OA.Annotation)
        self.add(annotation, OA.hasBody, body)
        self.add(annotation, OA.hasTarget, target)
        self.add_types(target, OA.SpecificResource)
        self.add(target, OA.hasSource, self.doc_nodes[doc.doc_id])
        self.add(target, OA.hasSelector, position)
        self.add_types(position, OA.TextPositionSelector)
        self.add(position, OA.start, ox.Literal(str(span.start), datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, ox.Literal(str(span.end), datatype=XSD.nonNegativeInteger))
        if span.end - span.start <= MAX_LITERAL:  # longer: the position alone says where
            self.add(target, OA.hasSelector, quote)
            self.add_types(quote, OA.TextQuoteSelector)
            self.add(quote, OA.exact, span.slice(doc.text))
        self.extracted(annotation, [doc.doc_id])
        return annotation

    def add_person(self, person: PersonEntity) -> ox.NamedNode:
        node = self.iri("person", person.key)
        self.add_types(node, SDO.Person)
        self.add(node, SDO.name, person.display)
        self.add(node, SDO.familyName, person.family)
        if person.given:
            self.add(node, SDO.givenName, person.given)
        for prop, year in ((SDO.birthDate, person.born), (SDO.deathDate, person.died)):
            if year:
                self.add(node, prop, ox.Literal(year, datatype=XSD.gYear))
        for form in sorted(person.surface_forms - {person.display}):
            self.add(node, SDO.alternateName, form)
        for form, reason in sorted(person.merge_reasons.items()):
            self.add(node, CG.mergeReason, f"{form}: {reason}")
        self.extracted(node, person.documents)
        return node

    def add_work(self, work: WorkEntity) -> ox.NamedNode:
        node = self.iri("work", work.key)
        if work.kind == "archive":
            return self.add_archive(node, work)
        self.add_types(node, SDO.CreativeWork, *_WORK_CLASSES.get(work.kind, ()))
        self.add(node, SDO.name, work.title)
        for form in sorted(set(work.title_forms) - {work.title}):
            self.add(node, SDO.alternateName, form)
        for prop, keys in ((SDO.author, work.authors), (SDO.editor, work.editors),
                           (SDO.translator, work.translators)):
            for key in keys:
                self.add(node, prop, self.iri("person", key))
        if work.organization:
            self.add(node, SDO.author, self.organization(work.organization, work.documents))
        if work.year:
            self.add(node, SDO.datePublished, ox.Literal(work.year, datatype=XSD.gYear))
        if work.publisher:
            self.add(node, SDO.publisher, self.organization(work.publisher, work.documents))
        for prop, value in ((CG.publicationPlace, work.place), (SDO.volumeNumber, work.volume),
                            (SDO.issueNumber, work.issue)):
            if value:
                self.add(node, prop, value)
        if work.container:
            self.add(node, SDO.isPartOf, self.iri("work", work.container))
        if work.holding:
            self.add(node, SDO.holdingArchive, self.iri("work", work.holding))
        for doc_id in sorted(work.examples):
            self.add(node, SDO.workExample, self.doc_nodes[doc_id])
        self.extracted(node, work.documents)
        return node

    def add_archive(self, node: ox.NamedNode, work: WorkEntity) -> ox.NamedNode:
        """An archive is the organisation holding the files, not a work."""
        self.add_types(node, SDO.ArchiveOrganization)
        self.add(node, SDO.name, work.title)
        self.extracted(node, work.documents)
        return node

    def organization(self, name: str, doc_ids: Iterable[str]) -> ox.NamedNode:
        node = self.iri("organization", " ".join(name.casefold().split()))
        self.add_types(node, SDO.Organization)
        self.add(node, SDO.name, name)
        self.extracted(node, doc_ids)
        return node

    def add_thesis(self, doc: Document, thesis: Thesis) -> ox.NamedNode:
        node = self.iri("thesis", f"{doc.doc_id}|{thesis.span.start}")
        self.add_types(node, SDO.Claim, CG.Thesis)
        self.add(node, SDO.text, thesis.text)
        self.add(node, SDO.isPartOf, self.doc_nodes[doc.doc_id])
        self.extracted(node, [doc.doc_id])
        self.annotate(doc, thesis.span, node)
        return node

    @staticmethod
    def claim_key(claim: Claim) -> str:
        return f"{claim.doc_id}|{claim.span.start}|{claim.span.end}|{claim.kind.value}"

    def claim_node(self, claim: Claim) -> ox.NamedNode:
        return self.iri("claim", self.claim_key(claim))

    def add_claim(self, doc: Document, claim: Claim, resolution: Resolution) -> None:
        node = self.claim_node(claim)
        self.add_types(node, *_CLAIM_CLASSES[claim.kind])
        self.add(node, SDO.text, claim.text)
        self.add(node, SDO.isPartOf, self.doc_nodes[doc.doc_id])
        self.add(node, CG.lineNumber, ox.Literal(str(claim.line), datatype=XSD.positiveInteger))
        if claim.thesis is not None:
            thesis_key = f"{doc.doc_id}|{claim.thesis.span.start}"
            self.add(node, CG.underThesis, self.iri("thesis", thesis_key))
        if claim.parent is not None:
            self.add(node, CG.partOfQuotation, self.claim_node(claim.parent))
        if claim.headnote:
            self.add(node, CG.headnote, claim.headnote)
        if claim.speaker:
            self.add(node, CG.speakerLabel, claim.speaker)
        speaker = resolution.speaker_of_claim.get(id(claim))
        if speaker:
            self.add(node, SDO.author, self.iri("person", speaker))
        for citation in claim.citations:
            work_key = self.add_citation(doc, node, self.claim_key(claim), citation, resolution)
            if not work_key:
                continue
            self.add(node, SDO.citation, self.iri("work", work_key))
            if not speaker and claim.kind is ClaimKind.QUOTATION:  # a quote is its author's
                for person in resolution.works[work_key].authors:
                    self.add(node, SDO.author, self.iri("person", person))
        self.extracted(node, [doc.doc_id])
        self.annotate(doc, claim.span, node)

    def add_citation(self, doc: Document, citing: ox.NamedNode, citing_key: str,
                     citation: Citation, resolution: Resolution) -> str:
        """A cito:Citation from ``citing``; returns the cited work's key ("" if none).

        A reference no work could be made of ("*Ibid.*, T-3522" with nothing before
        it) is no citation of anything: ``citing`` keeps its text as
        cg:unresolvedReference, so a user can list what the tool could not read."""
        work_key = resolution.work_of_citation.get(id(citation), "")
        if not work_key:
            self.add(citing, CG.unresolvedReference, citation.text)
            return ""
        node = self.iri("citation", f"{citing_key}|{citation.span.start}")
        self.add_types(node, CITO.Citation)
        self.add(node, CITO.hasCitingEntity, citing)
        self.add(node, CG.referenceText, citation.text)
        if citation.resolved_from:
            self.add(node, CG.resolvedFrom, citation.resolved_from)
        ref = citation.reference
        if ref is not None and ref.pages:
            self.add(node, BIBO.locator, ref.pages)
        self.add(node, CITO.hasCitedEntity, self.iri("work", work_key))
        self.extracted(node, [doc.doc_id])
        self.annotate(doc, citation.span, node)
        return work_key


def _add_biographies(builder: GraphBuilder, extractions: list[Extraction],
                     resolution: Resolution) -> None:
    """What biographical notes state about people, each fact tied to its note's span."""
    docs = {e.layout.document.doc_id: e.layout.document for e in extractions}
    for doc_id, person_key, bio in resolution.biographies:
        node = builder.iri("person", person_key)
        if bio.fate:
            builder.add(node, CG.fate, bio.fate)
        for office in bio.offices:
            builder.add(node, CG.office, office.text)
        builder.annotate(docs[doc_id], bio.span, node)


def _add_topics(builder: GraphBuilder, extractions: list[Extraction],
                resolution: Resolution) -> None:
    """The SKOS scheme of the corpus's topics, and which claims are about them."""
    if not resolution.topics:
        return
    scheme = builder.iri("scheme", "topics")
    builder.add_types(scheme, SKOS.ConceptScheme)
    builder.add(scheme, SKOS.prefLabel, "Topics of the corpus")
    by_label = {t.label.casefold(): t.key for t in resolution.topics}
    for topic in resolution.topics:
        node = builder.iri("topic", topic.key)
        builder.add_types(node, SKOS.Concept)
        builder.add(node, SKOS.prefLabel, topic.label)
        builder.add(node, SKOS.inScheme, scheme)
        for label in sorted(topic.alt_labels - {topic.label}):
            builder.add(node, SKOS.altLabel, label)
        if topic.broader:
            builder.add(node, SKOS.broader, builder.iri("topic", topic.broader))
        for label in sorted(topic.related):
            if label.casefold() in by_label:
                builder.add(node, SKOS.related, builder.iri("topic", by_label[label.casefold()]))
        builder.extracted(node, [topic.source[0]])
    docs = {e.layout.document.doc_id: e for e in extractions}
    for mention in resolution.topic_mentions:
        extraction = docs[mention.doc_id]
        topic = builder.iri("topic", mention.topic)
        claim = extraction.claims[mention.claim_index]
        builder.add(builder.claim_node(claim), SDO.about, topic)
        builder.annotate(extraction.layout.document, mention.span, topic)


def build_triples(extractions: list[Extraction], resolution: Resolution, *, base: str,
                  settings: dict[str, object], started_at: str = "",
                  warnings: list[InputWarning] | None = None) -> list[ox.Quad]:
    """Every triple of the graph, sorted; ``started_at`` an xsd:dateTime or "".

    A text longer than MAX_LITERAL is cut, with a warning added to ``warnings``."""
    builder = GraphBuilder(base, settings)
    documents = [e.layout.document for e in extractions]
    for extraction in extractions:
        builder.add_document(extraction.layout.document, extraction.layout.shape)
    builder.add_build(documents, started_at)
    for person in resolution.persons.values():
        builder.add_person(person)
    for work in resolution.works.values():
        builder.add_work(work)
    _add_biographies(builder, extractions, resolution)
    add_person_mentions(builder, extractions, resolution)
    _add_topics(builder, extractions, resolution)
    for extraction in extractions:
        doc = extraction.layout.document
        for thesis in extraction.theses:
            builder.add_thesis(doc, thesis)
        for claim in extraction.claims:
            builder.add_claim(doc, claim, resolution)
        carried = {id(c) for claim in extraction.claims for c in claim.citations}
        for citation in extraction.citations:
            if id(citation) not in carried:  # no claim carries it: the document cites it
                builder.add_citation(doc, builder.doc_nodes[doc.doc_id], f"{doc.doc_id}|document",
                                     citation, resolution)
    if warnings is not None:
        warnings.extend(InputWarning("graph", 0, cut) for cut in builder.cuts)
    return builder.triples()
