"""The graph builder: records into RDF triples of the core profile, one node at a time.

The only code that makes triples (``graph_builder.triples`` says which are made
where). Terms come from ``ontology.terms`` and instance IRIs from
``ontology.mint_iri``, so the same corpus always gives the same IRIs; no blank
nodes are made, so two builds compare byte for byte once sorted. Triples are
held as N-Triples lines, which Oxigraph parses, serialises and loads an order
of magnitude faster than rdflib handles graphs at corpus scale.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph_builder import __version__
from graph_builder.findings import add_quote_check
from graph_builder.read.formats import MEDIA_TYPES
from graph_builder.records import (
    Attribution,
    Citation,
    Claim,
    ClaimKind,
    Document,
    PersonEntity,
    Span,
    Thesis,
    WorkEntity,
)
from graph_builder.support.order import triple_order
from ontology import mint_iri
from ontology.terms import BIBO, CG, CITO, OA, PROV, RDF, SDO, XSD

if TYPE_CHECKING:
    from graph_builder.parts import DocumentPart

#: Characters a text literal holds at most. Oxigraph's parsers stop at 16 MiB a term,
#: and a 17 MB one-paragraph file must still give a graph that `query`, `serve`,
#: `export`, `validate` and `viz` read back (4 bytes a character at worst, and escapes).
MAX_LITERAL = 1_000_000
CUT_MARK = " […]"

_WORK_CLASSES = {
    "book": (SDO.Book,), "article": (SDO.ScholarlyArticle,), "chapter": (SDO.Chapter,),
    "newspaper": (SDO.NewsArticle,), "periodical": (SDO.Periodical,), "webpage": (SDO.WebPage,),
    "issue": (SDO.PublicationIssue,), "archival-document": (SDO.ArchiveComponent,),
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
    ClaimKind.INNER: (SDO.Claim, SDO.Quotation, CG.InnerQuotation),
}


_ESCAPES = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
            0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
            0x22: '\\"', 0x5C: "\\\\"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_NEWLINE = re.compile(r"\n")


def _quoted(text: str) -> str:
    """A plain literal spelled as Oxigraph spells it in N-Triples (quotes, backslashes
    and control characters escaped), so a line made here equals one Oxigraph writes."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return f'"{text}"'


class GraphBuilder:
    """Collects the triples of one document's task (or of the corpus-wide nodes).

    Each triple is held as its N-Triples line, made straight from the terms'
    strings: a line is what a run stores and sorts, and making an Oxigraph Quad
    for each triple cost more than all the rest of adding it. ``triples()``
    parses them back, sorted, for callers that want Quads."""

    def __init__(self, base: str, settings: dict[str, object]):
        self.base = base
        self.settings = settings
        self._lines: dict[str, None] = {}  # an ordered set of N-Triples lines
        self.cuts: list[str] = []  # texts over MAX_LITERAL, cut
        self.build_node = self.iri("build", f"claimgraph {__version__} "
                                   f"{json.dumps(settings, sort_keys=True)}")
        self._doc_nodes: dict[str, ox.NamedNode] = {}
        self._line_starts: tuple[str, list[int]] = ("", [])  # one document's, for line_of

    # -- primitives -------------------------------------------------------------------------
    def doc_node(self, doc_id: str) -> ox.NamedNode:
        node = self._doc_nodes.get(doc_id)
        if node is None:
            node = self._doc_nodes[doc_id] = self.iri("document", doc_id)
        return node

    def iri(self, kind: str, key: str) -> ox.NamedNode:
        return ox.NamedNode(mint_iri(kind, key, self.base))

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal | str) -> None:
        if isinstance(o, str):
            obj = _quoted(o if len(o) <= MAX_LITERAL else self._cut(s, p, o))
        elif isinstance(o, ox.NamedNode):
            obj = f"<{o.value}>"
        else:
            obj = str(o)
        self._lines[f"<{s.value}> <{p.value}> {obj} .\n"] = None

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
            self.add(node, PROV.wasDerivedFrom, self.doc_node(doc_id))

    def triples(self) -> list[ox.Quad]:
        return sorted(ox.parse("".join(self._lines), format=ox.RdfFormat.N_TRIPLES),
                      key=triple_order)

    def lines(self) -> Iterable[str]:
        """The triples as N-Triples lines, in the order added (a run sorts them)."""
        return self._lines.keys()

    # -- the core profile ---------------------------------------------------------------------
    def add_build(self, doc_ids: list[str], started_at: str = "") -> None:
        """The build as a prov:Activity. Its time goes in only when the caller fixes it
        (SOURCE_DATE_EPOCH), so two builds of one corpus stay byte-identical."""
        node = self.build_node
        self.add_types(node, PROV.Activity, CG.Build)
        self.add(node, SDO.softwareVersion, __version__)
        if started_at:
            self.add(node, PROV.startedAtTime, ox.Literal(started_at, datatype=XSD.dateTime))
        self.add(node, CG.settings, json.dumps(self.settings, sort_keys=True))
        for doc_id in doc_ids:
            self.add(node, PROV.used, self.doc_node(doc_id))

    def add_document(self, doc: Document, shape: str) -> None:
        node = self.doc_node(doc.doc_id)
        self.add_types(node, SDO.CreativeWork, CG.SourceDocument)
        self.add(node, SDO.identifier, doc.doc_id)
        self.add(node, SDO.name, doc.title)
        self.add(node, SDO.sha256, doc.sha256)
        self.add(node, CG.documentShape, shape)
        if doc.text_file:  # read from HTML, TEI, PDF or EPUB: the text its spans index
            self.add(node, SDO.encodingFormat, MEDIA_TYPES[doc.source_format])
            self.add(node, CG.extractedText, doc.text_file)

    def annotate(self, doc: Document, span: Span, body: ox.NamedNode) -> ox.NamedNode:
        """An oa:Annotation tying ``body`` to the exact characters it came from.

        One annotation per body; the target and its selectors belong to the
        span, so bodies evidenced by the same characters share them."""
        exact = span.slice(doc.text) if span.end - span.start <= MAX_LITERAL else ""
        return self._annotation(doc.doc_id, span, exact, body,
                                f"{doc.doc_id}|{span.start}|{span.end}")

    def annotate_elsewhere(self, doc_id: str, span: Span, exact: str, body: ox.NamedNode
                           ) -> ox.NamedNode:
        """An annotation of another document's characters (a quotation's match in its
        source), made in this document's task. Its target is its own, not the span's,
        so this document's triples stay apart from the other's (support.sorted_triples)."""
        return self._annotation(doc_id, span, exact, body,
                                f"{doc_id}|{span.start}|{span.end}|{body.value}")

    def _annotation(self, doc_id: str, span: Span, exact: str, body: ox.NamedNode,
                    anchor: str) -> ox.NamedNode:
        annotation = self.iri("annotation", f"{doc_id}|{span.start}|{span.end}|{body.value}")
        target = self.iri("target", anchor)
        position = self.iri("selector", f"{anchor}|position")
        quote = self.iri("selector", f"{anchor}|quote")
        self.add_types(annotation, OA.Annotation)
        self.add(annotation, OA.hasBody, body)
        self.add(annotation, OA.hasTarget, target)
        self.add_types(target, OA.SpecificResource)
        self.add(target, OA.hasSource, self.doc_node(doc_id))
        self.add(target, OA.hasSelector, position)
        self.add_types(position, OA.TextPositionSelector)
        self.add(position, OA.start, ox.Literal(str(span.start), datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, ox.Literal(str(span.end), datatype=XSD.nonNegativeInteger))
        if exact:  # none for a span over MAX_LITERAL: the position alone says where
            self.add(target, OA.hasSelector, quote)
            self.add_types(quote, OA.TextQuoteSelector)
            self.add(quote, OA.exact, exact)
        self.extracted(annotation, [doc_id])
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
        if work.date or work.year:  # the day where it is cited (a newspaper's issue); an
            # archived document was written, not published: its day is schema:dateCreated
            dated = SDO.dateCreated if work.kind == "archival-document" else SDO.datePublished
            self.add(node, dated, ox.Literal(work.date, datatype=XSD.date)
                     if work.date else ox.Literal(work.year, datatype=XSD.gYear))
        if work.addressees:  # a document sent to someone: schema.org's Message
            self.add_types(node, SDO.Message)
        for key in work.addressees:
            self.add(node, SDO.recipient, self.iri("person", key))
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
            self.add(node, SDO.workExample, self.doc_node(doc_id))
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
        self.add(node, SDO.isPartOf, self.doc_node(doc.doc_id))
        self.extracted(node, [doc.doc_id])
        self.annotate(doc, thesis.span, node)
        return node

    def claim_node(self, claim: Claim) -> ox.NamedNode:
        return self.iri("claim", claim.key)

    def add_claim(self, doc: Document, claim: Claim, part: DocumentPart) -> None:
        node = self.claim_node(claim)
        self.add_types(node, *_CLAIM_CLASSES[claim.kind])
        self.add(node, SDO.text, claim.reading or claim.text)  # wrapped text read as prose
        self.add(node, SDO.isPartOf, self.doc_node(doc.doc_id))
        self.add(node, CG.lineNumber, ox.Literal(str(claim.line), datatype=XSD.positiveInteger))
        if claim.page:  # the printed page it starts on (read.segment: the file's own page
            self.add(node, SDO.pagination, claim.page)  # labels, else those in the text)
        if claim.thesis is not None:
            thesis_key = f"{doc.doc_id}|{claim.thesis.span.start}"
            self.add(node, CG.underThesis, self.iri("thesis", thesis_key))
        if claim.parent is not None:
            self.add(node, CG.partOfQuotation, self.claim_node(claim.parent))
        if claim.headnote:
            self.add(node, CG.headnote, claim.headnote)
        if claim.speaker:
            self.add(node, CG.speakerLabel, claim.speaker)
        attribution = part.attributions.get(claim.key)
        if attribution is not None:
            self.add_attribution(doc, node, attribution)
        for citation in claim.citations:
            work_key = self.add_citation(doc, node, claim.key, citation, part)
            if work_key:
                self.add(node, SDO.citation, self.iri("work", work_key))
        check = part.quote_checks.get(claim.key)
        if check is not None:
            add_quote_check(self, doc, node, check)
        self.extracted(node, [doc.doc_id])
        self.annotate(doc, claim.span, node)

    def line_of(self, doc: Document, offset: int) -> int:
        """The 1-based line of ``offset`` in ``doc`` (line starts found once a document)."""
        if self._line_starts[0] != doc.doc_id:
            self._line_starts = (doc.doc_id, [m.end() for m in _NEWLINE.finditer(doc.text)])
        return bisect_right(self._line_starts[1], offset) + 1

    def add_attribution(self, doc: Document, claim: ox.NamedNode, attribution: Attribution
                        ) -> None:
        """Who said the claim (schema:author), on what basis (cg:attributionBasis), and
        the characters that show it: an annotation of the evidence's span whose body is
        the (first) speaker, so the answer to "who said this?" leads back to the page."""
        persons = [self.iri("person", key) for key in attribution.persons]
        for person in persons:
            self.add(claim, SDO.author, person)
        self.add(claim, CG.attributionBasis, attribution.basis.value)
        self.add(claim, CG.attributionEvidence, self.annotate(doc, attribution.evidence,
                                                              persons[0]))

    def add_citation(self, doc: Document, citing: ox.NamedNode, citing_key: str,
                     citation: Citation, part: DocumentPart) -> str:
        """A cito:Citation from ``citing``; returns the cited work's key ("" if none).

        A reference no work could be made of ("*Ibid.*, T-3522" with nothing before
        it) is no citation of anything: ``citing`` keeps its text as
        cg:unresolvedReference, so a user can list what the tool could not read."""
        work_key = part.works.get(citation.key, "")
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
