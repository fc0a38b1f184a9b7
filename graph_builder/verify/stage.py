"""The verification stage: every quotation checked against the corpus's copy of its source.

A claim is checked when it quotes (a quotation, a transcript turn, an inner
quotation) or is a passage, and cites a work one of whose corpus documents IS
that work (``schema:workExample``, see ``graph_builder.works.link_documents``).
A quotation citing a work the corpus does not hold is ``source-absent``: said
so, not left unchecked. Each source document is indexed once, and each
quotation looked up in its source's index alone, so the stage's cost grows with
the words of the corpus, never with pairs of documents.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from graph_builder.records import Claim, ClaimKind, Document, Extraction, Resolution, Span
from graph_builder.verify.align import align_in
from graph_builder.verify.check import SOURCE_ABSENT, QuoteCheck
from graph_builder.verify.edition import copy_edition, edition_note
from graph_builder.verify.index import SourceIndex
from graph_builder.verify.reuse import find_reuse
from graph_builder.verify.tokens import Tokens, claim_tokens
from graph_builder.verify.verdict import read_alignment

_QUOTES = frozenset({ClaimKind.QUOTATION, ClaimKind.TURN, ClaimKind.INNER})


def check_quotations(extractions: list[Extraction], resolution: Resolution) -> None:
    """Fill ``resolution.quote_checks`` (Claim.key -> QuoteCheck), then
    ``resolution.text_reuse``: the passages two documents share, cited or not (each
    claim's words are read once, for both)."""
    layouts = {e.layout.document.doc_id: e.layout for e in extractions}
    held = set(layouts)
    indexes: dict[str, SourceIndex] = {}
    editions: dict[str, tuple[str, str]] = {}
    checks = resolution.quote_checks
    words = []
    for extraction in extractions:
        document = extraction.layout.document
        for claim in extraction.claims:
            tokens = claim_tokens(document.text, claim.span.start, claim.span.end,
                                  claim.headnote)
            words.append((claim, tokens))
            source, cited_year, cites_a_work = _source_of(claim, resolution, held)
            if source:
                if source not in indexes:
                    indexes[source] = SourceIndex(layouts[source])
                    editions[source] = copy_edition(layouts[source].document)
                index = indexes[source]
                note = edition_note(cited_year, index.document, editions[source])
                checks[claim.key] = _check(claim, document, tokens, index, note)
            elif cites_a_work and claim.kind in _QUOTES:
                checks[claim.key] = QuoteCheck(claim.key, SOURCE_ABSENT)
    _name_matched_claims(checks, layouts, extractions)
    followed = {(key, check.source_doc) for key, check in checks.items() if check.source_doc}
    resolution.text_reuse = find_reuse(words, followed)


def _name_matched_claims(checks: dict[str, QuoteCheck], layouts: dict,
                         extractions: list[Extraction]) -> None:
    """Each match's source claim: the claim of the source document whose span holds
    the match's first character (the outermost, not a quotation inside it), so a
    reader goes from a quotation straight to the passage it was found in."""
    sources = {check.source_doc for check in checks.values() if check.source_span}
    starts: dict[str, tuple[list[int], list[Claim]]] = {}
    for extraction in extractions:
        doc_id = extraction.layout.document.doc_id
        if doc_id in sources:
            claims = sorted((c for c in extraction.claims if c.kind is not ClaimKind.INNER),
                            key=lambda c: (c.span.start, -c.span.end))
            starts[doc_id] = ([c.span.start for c in claims], claims)
    for key, check in checks.items():
        if check.source_span is None:
            continue
        at, claims = starts[check.source_doc]
        i = bisect_right(at, check.source_span.start) - 1
        if i >= 0 and claims[i].span.end > check.source_span.start:
            checks[key] = replace(check, source_claim=claims[i].key)


def _source_of(claim: Claim, resolution: Resolution, held: set[str]) -> tuple[str, str, bool]:
    """(the corpus document that is the cited work, the year cited, whether a work is
    cited at all); a document is never checked against itself."""
    cites = False
    for citation in claim.citations:
        work = resolution.works.get(resolution.work_of_citation.get(citation.key, ""))
        if work is None:
            continue
        cites = True
        copies = sorted((work.examples & held) - {claim.doc_id})
        if copies:
            year = citation.reference.year if citation.reference is not None else ""
            return copies[0], year or work.year, True
    return "", "", cites


def _check(claim: Claim, document: Document, quote: Tokens, index: SourceIndex, note: str
           ) -> QuoteCheck:
    """The claim's words (``quote``) aligned with its source's, read as a verdict."""
    reading = read_alignment(align_in(index, quote.norms), quote, document.text,
                             index.tokens, index.document.text)
    span = Span(*reading.span) if reading.span else None
    return QuoteCheck(claim.key, reading.verdict, reading.matched,
                      "; ".join(reading.differences), note, index.document.doc_id, span,
                      span.slice(index.document.text) if span else "")
