"""A document read as prose, with every offset leading back to the printed characters.

Hard-wrapped text (``graph_builder.read.wrapping``) is stored as printed, and every
span indexes it that way. Readers need it otherwise: the person finder must see
``Stallings`` where the page has ``Stall-`` / ``ings``, and ``William Murphy``
where a line break falls between the two words; a claim's ``schema:text`` should
read as a sentence. ``ReadingText`` is that prose with a map back: each change is
a *join* (a stretch of the printed text and what it reads as), so a span found in
the prose is mapped to the printed characters from its first letter to its last.

The convention for a name broken across a line end: its span covers the printed
characters from its first letter to its last, the hyphen and the line break (and
any page furniture between) included, and ``oa:exact`` is that slice; the name
itself is read without them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph_builder.read.wrapping import hyphenated
from graph_builder.records import Block, BlockKind

# page furniture, and a book's pages about itself (read.front_matter): not its prose
_NOT_TEXT = frozenset({BlockKind.PAGE, BlockKind.FRONT_MATTER})


def aligned_text(printed: str, start: int, blocks: Iterable[Block]) -> str:
    """The printed text of a span holding ``blocks``, each block's stretch as the block
    reads it aligned (line breaks inside as spaces): the same length as ``printed``."""
    pieces, at = [], start
    for block in blocks:
        pieces.append(printed[at - start:block.span.start - start])
        pieces.append(block.text)
        at = block.span.end
    pieces.append(printed[at - start:])
    return "".join(pieces)


def _lines_of(printed: str, aligned: str) -> list[tuple[int, int]]:
    """(start, end) within a block of each of its lines that holds text (not furniture)."""
    found, at = [], 0
    for line in printed.split("\n"):
        end = at + len(line)
        piece = aligned[at:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            found.append((at + lead, at + len(piece.rstrip())))
        at = end + 1
    return found


def _joins(printed: str, aligned: str) -> list[tuple[int, int, str]]:
    """The joins of one block: (start, end, reading) of each stretch between two of its
    lines, hyphen included where a word was broken ("-\\n" read as nothing)."""
    lines = _lines_of(printed, aligned)
    joins = []
    for (_, end), (start, _) in zip(lines, lines[1:], strict=False):
        broken = hyphenated(printed[max(0, end - 2):end])  # a letter, then the hyphen
        if broken and printed[start:start + 1].islower():
            joins.append((end - 1, start, ""))
        elif broken:  # "Franco-\nPrussian": the hyphen stays, the break goes
            joins.append((end, start, ""))
        else:
            joins.append((end, start, " "))
    return joins


def reading_text(document_text: str, blocks: Sequence[Block]) -> str:
    """The blocks read as prose: each block's lines joined, blocks one to a line."""
    read = []
    for block in blocks:
        printed = block.span.slice(document_text)
        out, at = [], 0
        for start, end, reading in _joins(printed, block.text):
            out += [printed[at:start], reading]
            at = end
        out.append(printed[at:])
        read.append("".join(out))
    return "\n".join(read)


@dataclass(frozen=True)
class ReadingText:
    """A document's text as prose: wrapped paragraphs joined, hyphens undone, page
    furniture blanked, and the map from each offset of the prose to the printed one."""

    text: str
    reading_at: tuple[int, ...] = ()  # where each join starts in the prose, in order
    printed_at: tuple[int, ...] = ()  # where the same join starts in the printed text
    printed_end: tuple[int, ...] = ()  # where it ends there
    read_len: tuple[int, ...] = ()  # how long it reads

    @classmethod
    def of(cls, text: str, blocks: Iterable[Block]) -> ReadingText:
        """The prose of a document from its segmented blocks; the text itself when no
        block was joined and none is furniture."""
        joins: list[tuple[int, int, str]] = []
        for block in blocks:
            if block.kind in _NOT_TEXT:  # the printed page, not the text: blanked
                start, end = block.span.start, block.span.end
                joins.append((start, end, " " * (end - start)))
            elif "\n" in block.span.slice(text):
                base = block.span.start
                joins += [(base + s, base + e, r)
                          for s, e, r in _joins(block.span.slice(text), block.text)]
        if not joins:
            return cls(text)
        out, at, reading_at, printed_at, printed_end, read_len = [], 0, [], [], [], []
        size = 0
        for start, end, reading in sorted(joins):
            out.append(text[at:start])
            size += start - at
            reading_at.append(size)
            printed_at.append(start)
            printed_end.append(end)
            read_len.append(len(reading))
            out.append(reading)
            size += len(reading)
            at = end
        out.append(text[at:])
        return cls("".join(out), tuple(reading_at), tuple(printed_at), tuple(printed_end),
                   tuple(read_len))

    def printed(self, offset: int) -> int:
        """The printed offset of a prose offset (inside a join: where the join starts)."""
        i = bisect.bisect_right(self.reading_at, offset) - 1
        if i < 0:
            return offset
        inside = offset - self.reading_at[i]
        if inside < self.read_len[i]:  # a space that stands for a line break: its start
            return self.printed_at[i] + min(inside, self.printed_end[i] - self.printed_at[i])
        return self.printed_end[i] + inside - self.read_len[i]

    def printed_span(self, start: int, end: int) -> tuple[int, int]:
        """The printed characters of a prose span: from its first to its last."""
        if not self.reading_at or end <= start:
            return start, end
        return self.printed(start), self.printed(end - 1) + 1

    def prose(self, offset: int) -> int:
        """The prose offset of a printed one (inside a join: where it starts in the prose)."""
        i = bisect.bisect_right(self.printed_at, offset) - 1
        if i < 0:
            return offset
        if offset < self.printed_end[i]:
            return self.reading_at[i] + min(offset - self.printed_at[i], self.read_len[i])
        return self.reading_at[i] + self.read_len[i] + offset - self.printed_end[i]
