"""The records checking leaves: what a quotation check found where and how it differs,
and the passages two documents share (text reuse).

Kept apart from the checking so that the build (``graph_builder.build``) and the
per-document parts can carry it without importing the aligner.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_builder.records import Span

VERBATIM, VARIANT, ALTERED, ABRIDGED = "verbatim", "variant", "altered", "abridged"
PARTIAL, NOT_FOUND, SOURCE_ABSENT = "partial", "not-found", "source-absent"
#: Every verdict, the order a reader weighs them in: a fact-checker must tell a quote
#: altered in meaning from a harmless variant, and a passage missing from the corpus's
#: edition (source-absent, or not-found with an edition note) from one found nowhere.
VERDICTS = (VERBATIM, VARIANT, ALTERED, ABRIDGED, PARTIAL, NOT_FOUND, SOURCE_ABSENT)


@dataclass(frozen=True)
class QuoteCheck:
    """A quotation (``claim``: its Claim.key) checked against ``source_doc``.

    ``matched`` is the share of the quotation's words found (0-1); ``differences``
    a readable list ("abandonment → abandoning; − words"); ``source_span`` the
    matched characters in the source document and ``source_exact`` their text (so
    the quoting document's task can annotate them without the other document);
    ``source_claim`` the source's claim the match starts in, if any."""

    claim: str
    verdict: str
    matched: float = 0.0
    differences: str = ""
    edition_note: str = ""
    source_doc: str = ""
    source_span: Span | None = None
    source_exact: str = ""
    source_claim: str = ""  # the Claim.key of the source's claim that holds the match


@dataclass(frozen=True)
class Reuse:
    """Claims ``claim`` and ``other`` (Claim.keys, in corpus order) share a passage:
    ``span`` and ``other_span`` are the aligned characters in each one's document
    (from the first to the last word aligned), ``words`` the words aligned and
    ``similarity`` 2 x aligned / (words of both spans), 1.0 when word for word.
    ``cited`` says one of them cites the other's document, so the quotation check
    already follows it; the rest is reuse that no citation shows."""

    claim: str
    other: str
    span: Span
    other_span: Span
    words: int
    similarity: float
    cited: bool = False

    @property
    def doc_id(self) -> str:
        return self.claim.split("|", 1)[0]

    @property
    def other_doc(self) -> str:
        return self.other.split("|", 1)[0]
