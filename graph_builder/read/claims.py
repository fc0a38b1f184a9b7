"""Stage 2b: group a document's blocks into claims, theses and citations.

A quote compilation is read as its compiler wrote it: an ALL-CAPS thesis,
then quote blocks, each the run of lines that ends in a citation line; the
speaker turns inside a quote are claims of their speakers. Every other shape
is running text, where each paragraph is a passage. ``Source:`` lines cite
for the whole document they stand in.

A passage of fewer than four words (a signature, a date line, a label, a
stray OCR fragment, a word list) asserts nothing a reader could check, so it is
not a claim; its words stay in the text, where people and topics are still
found, and a note marker on it cites for the claim above. A quotation closed
by its citation line is a claim however short.
"""

from __future__ import annotations

import re
from itertools import islice

from graph_builder.read.reading import aligned_text, reading_text
from graph_builder.read.segment import SOURCE_LABEL
from graph_builder.records import (
    Block,
    BlockKind,
    Citation,
    Claim,
    ClaimKind,
    DocumentLayout,
    Extraction,
    InputWarning,
    Span,
    Thesis,
    page_at,
)

_LEADING_HEADNOTE = re.compile(r"^\[([^\]]{3,400})\]")
_QUOTE_PARTS = frozenset({
    BlockKind.PARAGRAPH, BlockKind.TURN, BlockKind.HEADNOTE, BlockKind.FOOTNOTE,
    BlockKind.LIST_ITEM, BlockKind.BIO_NOTE, BlockKind.HEADING,
})
_PASSAGE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.BIO_NOTE})
MIN_PASSAGE_WORDS = 4
_TOKEN = re.compile(r"\S+")


def says_something(text: str) -> bool:
    """At least MIN_PASSAGE_WORDS whitespace-separated tokens holding a letter or digit
    (a dash or a bullet is not a word). Stops reading at the last word it needs."""
    if len(text.split(None, MIN_PASSAGE_WORDS - 1)) < MIN_PASSAGE_WORDS:
        return False  # too few tokens of any kind: settled without a scan
    words = (m for m in _TOKEN.finditer(text) if any(ch.isalnum() for ch in m.group()))
    return len(list(islice(words, MIN_PASSAGE_WORDS))) == MIN_PASSAGE_WORDS


def citation_of(block: Block, doc_id: str) -> Citation:
    """The citation a CITATION or SOURCE block carries, its label left out of the span."""
    label = SOURCE_LABEL.match(block.text) if block.kind is BlockKind.SOURCE else None
    skip = label.end() if label else 0
    span = Span(block.span.start + skip, block.span.end)
    return Citation(doc_id, span, block.text[skip:], block.line)


class _Grouper:
    """Walks one document's blocks once, keeping the quote under construction."""

    def __init__(self, layout: DocumentLayout, warnings: list[InputWarning]):
        self.layout = layout
        self.doc_id = layout.document.doc_id
        self.text = layout.document.text
        self.warnings = warnings
        self.result = Extraction(layout)
        self.pending: list[Block] = []
        self.thesis: Thesis | None = None
        self.last_quote: Claim | None = None
        self.document_sources: list[Citation] = []

    def run(self) -> Extraction:
        compilation = self.layout.shape == "compilation"
        for block in self.layout.blocks:
            if block.kind is BlockKind.SOURCE and self.layout.shape == "book":
                self.cite_previous(block)  # a table's or a document's source, in a book
            elif block.kind is BlockKind.SOURCE and not (compilation and self.pending):
                self.document_sources.append(self.cite(block))
            elif not compilation:
                self.running_text(block)
            elif block.kind in (BlockKind.CITATION, BlockKind.SOURCE):
                self.close_quote(block)  # in a compilation "Source: ..." closes its quote
            elif block.kind is BlockKind.THESIS:
                self.flush_passages()
                self.thesis = Thesis(self.doc_id, block.span, block.text)
                self.result.theses.append(self.thesis)
            elif block.kind in _QUOTE_PARTS and not self._is_page_furniture(block):
                self.pending.append(block)
            else:
                self.flush_passages()
        self.flush_passages()
        for claim in self.result.claims:
            if claim.kind is ClaimKind.PASSAGE:
                claim.citations.extend(self.document_sources)
        return self.result

    def _is_page_furniture(self, block: Block) -> bool:
        """A lone heading with no quote begun (captions, navigation) is not quoted text."""
        return block.kind is BlockKind.HEADING and not self.pending

    def cite(self, block: Block) -> Citation:
        citation = citation_of(block, self.doc_id)
        self.result.citations.append(citation)
        return citation

    def running_text(self, block: Block) -> None:
        if block.kind is BlockKind.TURN:
            self.add_claim(ClaimKind.TURN, [block], speaker=block.speaker)
        elif block.kind in _PASSAGE_KINDS and says_something(block.text):
            self.add_claim(ClaimKind.PASSAGE, [block])
        elif block.kind is BlockKind.CITATION:
            self.cite_previous(block)

    def cite_previous(self, block: Block) -> None:
        """A reference line in running text cites for the passage above it."""
        citation = self.cite(block)
        if self.result.claims:
            self.result.claims[-1].citations.append(citation)

    def close_quote(self, block: Block) -> None:
        citation = self.cite(block)
        if not self.pending:
            if self.last_quote is not None:  # a second reference for the same quote
                self.last_quote.citations.append(citation)
                for turn in self._turns_of(self.last_quote):
                    turn.citations.append(citation)
            else:
                self.warnings.append(InputWarning(
                    self.doc_id, block.line,
                    "citation line with no quoted text above it; kept as a citation only."))
            return
        quote = self.add_claim(ClaimKind.QUOTATION, self.pending, citations=[citation])
        quote.headnote = self._headnote(self.pending)
        for part in self.pending:
            if part.kind is BlockKind.TURN:
                self.add_claim(ClaimKind.TURN, [part], speaker=part.speaker, parent=quote,
                               citations=[citation])
        self.pending = []
        self.last_quote = quote

    def flush_passages(self) -> None:
        """Lines under a thesis that no citation closes are the compiler's own words."""
        for part in self.pending:
            if part.kind in _PASSAGE_KINDS and says_something(part.text):
                self.add_claim(ClaimKind.PASSAGE, [part])
        self.pending = []
        self.last_quote = None

    def add_claim(self, kind: ClaimKind, blocks: list[Block], *, speaker: str = "",
                  parent: Claim | None = None, citations: list[Citation] | None = None) -> Claim:
        span = Span(blocks[0].span.start, blocks[-1].span.end)
        text = span.slice(self.text)
        aligned = aligned_text(text, span.start, blocks)
        reading = reading_text(self.text, blocks) if aligned != text else ""
        claim = Claim(self.doc_id, kind, span, aligned, blocks[0].line,
                      citations=list(citations or []), thesis=self.thesis, speaker=speaker,
                      parent=parent, reading=reading,
                      page=page_at(self.layout.pages, span.start))
        self.result.claims.append(claim)
        return claim

    def _turns_of(self, quote: Claim) -> list[Claim]:
        return [c for c in self.result.claims if c.parent is quote]

    @staticmethod
    def _headnote(blocks: list[Block]) -> str:
        """The bracketed note that introduces (or closes) a quote, without its brackets."""
        for block in blocks:
            if block.kind is BlockKind.HEADNOTE:
                return block.text.strip().rstrip(".").strip("[]").strip()
        match = _LEADING_HEADNOTE.match(blocks[0].text)
        return match.group(1).strip() if match else ""


def extract_claims(layout: DocumentLayout, warnings: list[InputWarning]) -> Extraction:
    """Claims, theses and citations of one segmented document."""
    return _Grouper(layout, warnings).run()
