"""Person mentions in the graph: an oa:Annotation per mention, schema:mentions per claim.

Every span that names a person becomes an annotation whose body is the person,
with the reason resolution gave (cg:resolutionReason), so a user who doubts a
link can see what it rests on; a claim mentions every person named inside its
span. Life dates read from prose are annotated on the statement's span.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from graph_builder.records import Extraction, Resolution, Span
from ontology.terms import CG, SDO

if TYPE_CHECKING:
    from graph_builder.build import GraphBuilder


def add_person_mentions(builder: GraphBuilder, extractions: list[Extraction],
                        resolution: Resolution) -> None:
    """Annotations for every person mention and life-date statement; claim mentions."""
    docs = {e.layout.document.doc_id: e.layout.document for e in extractions}
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for m in resolution.person_mentions:
        if m.doc_id not in docs:
            continue
        person = builder.iri("person", m.person)
        annotation = builder.annotate(docs[m.doc_id], m.span, person)
        builder.add(annotation, CG.resolutionReason, m.reason)
        by_doc.setdefault(m.doc_id, []).append((m.span.start, m.span.end, m.person))
    for doc_id, person_key, stated in resolution.life_dates:
        builder.annotate(docs[doc_id], Span(stated.start, stated.end),
                         builder.iri("person", person_key))
    for extraction in extractions:
        spans = sorted(by_doc.get(extraction.layout.document.doc_id, []))
        starts = [s for s, _, _ in spans]
        for claim in extraction.claims:
            node = builder.claim_node(claim)
            i = bisect.bisect_left(starts, claim.span.start)
            for _start, end, person in spans[i:bisect.bisect_left(starts, claim.span.end)]:
                if end <= claim.span.end:
                    builder.add(node, SDO.mentions, builder.iri("person", person))
