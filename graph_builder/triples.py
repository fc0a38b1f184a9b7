"""Which triples each document gives, and which the corpus gives once.

A document's triples (its claims, citations, annotations, the mentions in its
text, what its notes state about people) are made in that document's task from
its ``DocumentPart``; the persons, works, topic scheme and the build itself are
made once, from the resolution. ``build_triples`` does both in one process, for
callers that want the whole graph as Quads.

Person mentions become an oa:Annotation per mention with the reason resolution
gave (cg:resolutionReason), so a user who doubts a link can see what it rests
on; a claim mentions every person named inside its span. Life dates read from
prose are annotated on the statement's span.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph_builder.build import GraphBuilder
from graph_builder.findings import add_figure, add_figure_group, add_reuse
from graph_builder.parts import DocumentPart, document_parts
from graph_builder.records import Extraction, InputWarning, Resolution, Span
from graph_builder.support.order import triple_order
from ontology.terms import CG, SDO, SKOS

if TYPE_CHECKING:
    from graph_builder.topics.index import Topic


def _annotate_biographies(builder: GraphBuilder, part: DocumentPart) -> None:
    """Each biographical note's span, as evidence for the person it is about."""
    doc = part.extraction.layout.document
    for _doc_id, person_key, bio in part.biographies:
        builder.annotate(doc, bio.span, builder.iri("person", person_key))


def _add_biographies(builder: GraphBuilder, resolution: Resolution) -> None:
    """What biographical notes state about people (the person is the corpus's, so the
    facts are too; each note's span is annotated in its document's triples)."""
    for _doc_id, person_key, bio in resolution.biographies:
        node = builder.iri("person", person_key)
        if bio.fate:
            builder.add(node, CG.fate, bio.fate)
        for office in bio.offices:
            builder.add(node, CG.office, office.text)


def _add_topic_scheme(builder: GraphBuilder, topics: list[Topic]) -> None:
    """The SKOS scheme of the corpus's topics."""
    if not topics:
        return
    scheme = builder.iri("scheme", "topics")
    builder.add_types(scheme, SKOS.ConceptScheme)
    builder.add(scheme, SKOS.prefLabel, "Topics of the corpus")
    by_label = {t.label.casefold(): t.key for t in topics}
    for topic in topics:
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


def _add_topic_mentions(builder: GraphBuilder, part: DocumentPart) -> None:
    """Which claims of the document are about which topics, each tied to its words."""
    extraction = part.extraction
    for mention in part.topic_mentions:
        topic = builder.iri("topic", mention.topic)
        claim = extraction.claims[mention.claim_index]
        builder.add(builder.claim_node(claim), SDO.about, topic)
        builder.annotate(extraction.layout.document, mention.span, topic)


def document_triples(part: DocumentPart, *, base: str, settings: dict[str, object]
                     ) -> tuple[Iterable[str], list[str]]:
    """The triples one document gives (its claims, citations, annotations and what its
    notes state about people), and the texts cut for length.

    Runs in the document's task, in any process: it needs only the part."""
    builder = GraphBuilder(base, settings)
    extraction = part.extraction
    doc = extraction.layout.document
    builder.add_document(doc, extraction.layout.shape)
    _annotate_biographies(builder, part)
    add_person_mentions(builder, part)
    _add_topic_mentions(builder, part)
    for thesis in extraction.theses:
        builder.add_thesis(doc, thesis)
    for claim in extraction.claims:
        builder.add_claim(doc, claim, part)
    for reuse in part.text_reuse:
        add_reuse(builder, doc, reuse)
    for figure in part.figures:
        add_figure(builder, doc, figure, part.figure_groups.get(figure.key, ""))
    carried = {c.key for claim in extraction.claims for c in claim.citations}
    for citation in extraction.citations:
        if citation.key not in carried:  # no claim carries it: the document cites it
            builder.add_citation(doc, builder.doc_node(doc.doc_id), f"{doc.doc_id}|document",
                                 citation, part)
    return builder.lines(), builder.cuts


def corpus_triples(doc_ids: list[str], resolution: Resolution, *, base: str,
                   settings: dict[str, object], started_at: str = ""
                   ) -> tuple[Iterable[str], list[str]]:
    """The triples no single document owns: the build, persons, works, topics and
    the groups of figures from several documents."""
    builder = GraphBuilder(base, settings)
    builder.add_build(doc_ids, started_at)
    for person in resolution.persons.values():
        builder.add_person(person)
    for work in resolution.works.values():
        builder.add_work(work)
    _add_biographies(builder, resolution)
    _add_topic_scheme(builder, resolution.topics)
    for group in resolution.figure_groups:
        add_figure_group(builder, group)
    return builder.lines(), builder.cuts


def build_triples(extractions: list[Extraction], resolution: Resolution, *, base: str,
                  settings: dict[str, object], started_at: str = "",
                  warnings: list[InputWarning] | None = None) -> list[ox.Quad]:
    """Every triple of the graph, in one process, sorted; ``started_at`` an
    xsd:dateTime or "". A text longer than MAX_LITERAL is cut, with a warning."""
    doc_ids = [e.layout.document.doc_id for e in extractions]
    lines, cuts = corpus_triples(doc_ids, resolution, base=base, settings=settings,
                                 started_at=started_at)
    every = dict.fromkeys(lines)
    for part in document_parts(extractions, resolution):
        more, cut = document_triples(part, base=base, settings=settings)
        every.update(dict.fromkeys(more))
        cuts += cut
    if warnings is not None:
        warnings.extend(InputWarning("graph", 0, cut) for cut in cuts)
    return sorted(ox.parse("".join(every), format=ox.RdfFormat.N_TRIPLES), key=triple_order)


def add_person_mentions(builder: GraphBuilder, part: DocumentPart) -> None:
    """Annotations for the document's person mentions and life-date statements, and
    which of its claims mention whom."""
    extraction = part.extraction
    doc = extraction.layout.document
    spans: list[tuple[int, int, str]] = []
    for m in part.person_mentions:
        person = builder.iri("person", m.person)
        annotation = builder.annotate(doc, m.span, person)
        builder.add(annotation, CG.resolutionReason, m.reason)
        spans.append((m.span.start, m.span.end, m.person))
    for _doc_id, person_key, stated in part.life_dates:
        builder.annotate(doc, Span(stated.start, stated.end), builder.iri("person", person_key))
    spans.sort()
    starts = [s for s, _, _ in spans]
    for claim in extraction.claims:
        node = builder.claim_node(claim)
        i = bisect.bisect_left(starts, claim.span.start)
        for _start, end, person in spans[i:bisect.bisect_left(starts, claim.span.end)]:
            if end <= claim.span.end:
                builder.add(node, SDO.mentions, builder.iri("person", person))
