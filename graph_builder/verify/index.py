"""A source document's rare word n-grams, to find where a quotation may come from.

A quotation shares runs of words with its source even when it abridges, alters
or reorders it; a run of N words that occurs only a few times in the source
points at where to align. Indexing costs one pass over the document and a
search one lookup per n-gram of the quotation, so checking grows with the
corpus, never with pairs of documents. The body text is indexed before the
footnotes, and page furniture not at all, so that a quoted paragraph split by
a page break or by the notes printed after it is one run of words.
"""

from __future__ import annotations

from graph_builder.records import BlockKind, DocumentLayout
from graph_builder.verify.tokens import Tokens

N = 4  # words an n-gram holds: long enough to be rare, short enough to survive edits
MAX_POSTINGS = 5  # an n-gram found more often points nowhere in particular
_SKIPPED = frozenset({BlockKind.PAGE, BlockKind.CONTENTS, BlockKind.INDEX_ENTRY})


class SourceIndex:
    """One source document's words and where each of its rare n-grams occurs."""

    def __init__(self, layout: DocumentLayout):
        self.document = layout.document
        self.tokens = Tokens()
        notes = []
        for number, block in enumerate(layout.blocks):
            if block.kind in _SKIPPED:
                continue
            if block.kind is BlockKind.FOOTNOTE:
                notes.append((number, block))
                continue
            self.tokens.add(block.text, block.span.start, number)
        for number, block in notes:
            self.tokens.add(block.text, block.span.start, number)
        self.postings: dict[tuple[str, ...], list[int]] = {}
        norms = self.tokens.norms
        for j in range(len(norms) - N + 1):
            self.postings.setdefault(tuple(norms[j:j + N]), []).append(j)

    def hits(self, norms: list[str]) -> list[tuple[int, int]]:
        """(source word index, quotation word index) of each rare n-gram they share,
        in source order."""
        found = []
        for i in range(len(norms) - N + 1):
            places = self.postings.get(tuple(norms[i:i + N]))
            if places and len(places) <= MAX_POSTINGS:
                found.extend((j, i) for j in places)
        found.sort()
        return found
