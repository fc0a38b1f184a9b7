"""The record a quotation check leaves: what was found where, and how it differs.

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
    the quoting document's task can annotate them without the other document)."""

    claim: str
    verdict: str
    matched: float = 0.0
    differences: str = ""
    edition_note: str = ""
    source_doc: str = ""
    source_span: Span | None = None
    source_exact: str = ""
