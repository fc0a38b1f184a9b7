"""The triples of what the checking stages found: quote checks, text reuse, figures.

Kept apart from ``graph_builder.build``, which holds the primitives (nodes,
annotations, provenance) and the extracted records, so that each finding's
modelling (see ontology/ontology.ttl) reads in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from ontology.terms import CG, RDFS, XSD

if TYPE_CHECKING:
    from graph_builder.build import GraphBuilder
    from graph_builder.figures.group import FigureGroup
    from graph_builder.figures.record import Figure
    from graph_builder.records import Document
    from graph_builder.verify.check import QuoteCheck, Reuse


def add_quote_check(b: GraphBuilder, doc: Document, claim: ox.NamedNode, check: QuoteCheck) -> None:
    """Whether the corpus's copy of the cited work says what the claim quotes: the
    verdict, the share of words matched, the differences, an edition note, and the
    matched characters of the source (an annotation whose body is the check)."""
    node = b.iri("quotecheck", check.claim)
    b.add(claim, CG.quoteCheck, node)
    b.add_types(node, CG.QuoteCheck)
    b.add(node, CG.verdict, check.verdict)
    b.add(node, CG.matchedShare, ox.Literal(f"{check.matched:.3f}", datatype=XSD.decimal))
    if check.differences:
        b.add(node, CG.differences, check.differences)
    if check.edition_note:
        b.add(node, CG.editionNote, check.edition_note)
    if check.source_span is not None:
        b.add(node, CG.matchedIn, b.annotate_elsewhere(
            check.source_doc, check.source_span, check.source_exact, node))
    if check.source_claim:
        b.add(node, CG.matchedClaim, b.iri("claim", check.source_claim))
    b.extracted(node, [doc.doc_id, *([check.source_doc] if check.source_doc else [])])

def add_reuse(b: GraphBuilder, doc: Document, reuse: Reuse) -> None:
    """A passage this document's claim shares with a claim of another document. Each
    side's task links its own claim to the other (cg:sharesTextWith) and annotates
    its own characters; the first side's task makes the cg:TextReuse, so every
    triple is made by the document whose node it describes."""
    node = b.iri("reuse", f"{reuse.claim}|{reuse.other}")
    mine, theirs, span = ((reuse.claim, reuse.other, reuse.span)
                          if reuse.doc_id == doc.doc_id
                          else (reuse.other, reuse.claim, reuse.other_span))
    b.add(b.iri("claim", mine), CG.sharesTextWith, b.iri("claim", theirs))
    b.annotate(doc, span, node)
    if reuse.doc_id != doc.doc_id:
        return
    b.add_types(node, CG.TextReuse)
    b.add(node, CG.sharedBy, b.iri("claim", reuse.claim))
    b.add(node, CG.sharedBy, b.iri("claim", reuse.other))
    b.add(node, CG.sharedWords, ox.Literal(str(reuse.words),
                                              datatype=XSD.positiveInteger))
    b.add(node, CG.similarity, ox.Literal(f"{reuse.similarity:.3f}",
                                             datatype=XSD.decimal))
    b.add(node, CG.followsCitation, ox.Literal(str(reuse.cited).lower(),
                                                  datatype=XSD.boolean))
    b.extracted(node, [reuse.doc_id, reuse.other_doc])

def add_figure(b: GraphBuilder, doc: Document, figure: Figure, group: str) -> None:
    """A figure stated in a claim, with its value normalised and what it counts,
    and an annotation of the characters it is printed in; ``group`` the key of
    its figure group ("" for none)."""
    node = b.iri("figure", figure.key)
    b.add_types(node, CG.Figure)
    b.add(node, CG.statedIn, b.iri("claim", figure.claim))
    b.annotate(doc, figure.span, node)
    b.extracted(node, [doc.doc_id])
    b.add(node, CG.printedValue, figure.printed)
    b.add(node, CG.figureKind, figure.kind)
    b.add(node, CG.lineNumber, ox.Literal(str(b.line_of(doc, figure.span.start)),
                                             datatype=XSD.positiveInteger))
    for prop, value in ((CG.normalizedValue, figure.value), (CG.lowValue, figure.low),
                        (CG.highValue, figure.high), (CG.ofTotal, figure.total)):
        if value is not None:
            b.add(node, prop, ox.Literal(_decimal(value), datatype=XSD.decimal))
    for prop, text in ((CG.qualifier, figure.qualifier), (CG.measure, figure.measure),
                       (CG.countedThing, figure.thing), (CG.countedEvent, figure.event),
                       (CG.referenceTime, figure.time), (CG.figurePlace, figure.place)):
        if text:
            b.add(node, prop, text)
    if group:
        b.add(node, CG.inFigureGroup, b.iri("figuregroup", group))

def add_figure_group(b: GraphBuilder, group: FigureGroup) -> None:
    """Figures of several claims measuring one thing at one time: what, why one
    group, whether the sources agree and how far apart they are."""
    node = b.iri("figuregroup", group.key)
    b.add_types(node, CG.FigureGroup)
    b.add(node, RDFS.label, group.label)
    b.add(node, CG.groupKey, group.key)
    b.add(node, CG.disputed, ox.Literal(str(group.disputed).lower(),
                                           datatype=XSD.boolean))
    if group.spread:
        b.add(node, CG.spread, group.spread)
    for wording in group.wordings:
        b.add(node, CG.wording, wording)
    b.extracted(node, sorted({key.split("|", 1)[0] for key in group.figures}))


def _decimal(value: float) -> str:
    """A number as an xsd:decimal lexical form: no exponent, no trailing zeros."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"
