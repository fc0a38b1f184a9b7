"""Stage 2: split a document into typed line blocks and infer its shape.

The shape (compilation, book, resolution, transcript, article) is read from
the content — how many lines are citation lines, note bodies, speaker turns or
``Source:`` lines — never from the file name, because the tool is run on
folders it has never seen. Every block keeps the exact span of its line
(without surrounding white space) so later stages can point back at it.

Later stages take line types from here rather than spot them again: the
person-mention finder reads which lines hold a reference and which are turns
(``line_roles``). A turn is decided by the one speaker-label rule every stage
shares (``graph_builder.support.speaker_labels``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from graph_builder.people.biography import BIO_HEAD
from graph_builder.read.front_matter import front_matter
from graph_builder.read.wrapping import Furniture, page_furniture, runs_across, runs_on, wrap_width
from graph_builder.records import Block, BlockKind, Document, DocumentLayout, Span
from graph_builder.references import is_citation_line
from graph_builder.references.citation_lines import abbreviates, short_form
from graph_builder.support.speaker_labels import repeated_labels, speaker_label
from graph_builder.support.text_patterns import SUPERSCRIPT_DIGITS

_NOTE_BODY = re.compile(rf"^[{SUPERSCRIPT_DIGITS}]+\s*\S")
_TRAILING_MARKER = re.compile(rf"(?<![{SUPERSCRIPT_DIGITS}])[{SUPERSCRIPT_DIGITS}]+$")
_INNER_SENTENCE_END = re.compile(rf"[a-z][.!?][{SUPERSCRIPT_DIGITS}”\"’]*\s+[A-Z]")
_BRACKET_FOOTNOTE = re.compile(r"^\[\s*Foot\s*note", re.IGNORECASE)
SOURCE_LABEL = re.compile(r"^(?:Original\s+)?Sources?\s*:\s*(?=\S)", re.IGNORECASE)
# "Chapter One ....   12": the gap before the page number is taken whole (atomic), so a
# line holding a long run of spaces is walked once per start, not once per split of it
_CONTENTS = re.compile(r"^\S.{1,150}?(?>\t\s*+|\s{3,}+)(?:\d{1,4}|[ivxlc]{1,6})\s*+$")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}|[a-z]|[IVX]{1,5})[.)]\s+\S")
_INDEX_HEADING = re.compile(r"^(?:general\s+)?index$", re.IGNORECASE)
_SENTENCE_END = ("." , "?", "!", ";", ",", "…", ":", "”", "\"")


def is_all_caps(text: str) -> bool:
    """An ALL-CAPS line: how compilers set their theses apart from quoted prose."""
    if sum(1 for c in text[:60] if c.islower()) > 6:
        return False  # plainly prose: settled without walking a whole paragraph
    letters = sum(map(str.isalpha, text))
    if letters < 4:
        return False
    return sum(map(str.isupper, text)) / letters >= 0.9 and len(text.split()) >= 2


def _is_heading(text: str, prev_blank: bool, next_blank: bool) -> bool:
    """A short free-standing line without sentence punctuation."""
    if len(text) > 100 or len(text.split()) > 14 or not (prev_blank or next_blank):
        return False
    if text.endswith(_SENTENCE_END) and not text.endswith("?") and not (
            text.endswith(".") and text.isupper() and len(text.split()) <= 3):
        return False  # a sentence; but "WASHINGTON." heads a newspaper's column
    if _INNER_SENTENCE_END.search(text):  # "…the works.¹ The union" is prose, wrapped
        return False
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in "“\"'‘"


def classify(line: str, prev_blank: bool, next_blank: bool, repeated: set[str]) -> BlockKind:
    """The kind of one stripped, non-blank line."""
    if _NOTE_BODY.match(line) or _BRACKET_FOOTNOTE.match(line):
        return BlockKind.FOOTNOTE
    text = _TRAILING_MARKER.sub("", line)  # "He was shot.⁹³": the note marker is not the text
    if SOURCE_LABEL.match(text):
        return BlockKind.SOURCE
    if _CONTENTS.match(text):
        return BlockKind.CONTENTS
    if speaker_label(text, repeated):
        return BlockKind.TURN
    if is_citation_line(text):
        return BlockKind.CITATION
    if text.startswith("[") and text.rstrip(".").endswith("]") and text.count("[") == 1:
        return BlockKind.HEADNOTE
    if BIO_HEAD.match(text):
        return BlockKind.BIO_NOTE
    if len(text) < 200 and not text.endswith(":") and is_all_caps(text):
        return BlockKind.THESIS
    if _LIST_ITEM.match(text):
        return BlockKind.LIST_ITEM
    if _is_heading(text, prev_blank, next_blank):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's non-blank content; (pos, pos) for blank lines."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        else:
            spans.append((pos, pos))
        pos += len(line) + 1
    return spans


def segment(document: Document) -> DocumentLayout:
    """The document's blocks in order, the shape they add up to, and its printed pages
    (as its file gives them: a PDF's page labels, TEI's <pb>; else as its text prints them)."""
    blocks, pages = paged_blocks(document.text)
    return DocumentLayout(document, infer_shape(blocks), blocks, document.pages or pages)


def blocks_of(text: str) -> list[Block]:
    """The typed blocks of a text, in order; its first block is its title unless it is
    plainly prose (a document of one paragraph)."""
    return paged_blocks(text)[0]


def paged_blocks(text: str) -> tuple[list[Block], tuple[tuple[int, str], ...]]:
    """The typed blocks of a text, and where its printed pages start: (offset, label).

    A block is a line, or in hard-wrapped text a paragraph of lines
    (``graph_builder.read.wrapping``); page furniture becomes PAGE blocks."""
    spans = line_spans(text)
    raws = [raw.rstrip() for raw in text.split("\n")]
    width = wrap_width(raws)
    furniture = page_furniture(raws) if width else {}
    units = _units(text, spans, raws, width, furniture)
    lines = [text[s:e] for s, e in spans]
    repeated = repeated_labels(lines)
    blocks: list[Block] = []
    seen_title = in_index = False
    for n, (first, last, aligned) in enumerate(units):
        span = Span(spans[first][0], spans[last][1])
        if first in furniture:
            blocks.append(Block(BlockKind.PAGE, span, aligned, first + 1))
            continue
        line = aligned if first == last else " ".join(aligned.split())
        prev_blank = first == 0 or not lines[first - 1]
        next_blank = last + 1 >= len(lines) or not lines[last + 1]
        if not seen_title:
            seen_title = True
            kind = BlockKind.PARAGRAPH if _is_prose(line, n, units) else BlockKind.TITLE
        elif in_index:
            kind = BlockKind.INDEX_ENTRY
        else:
            kind = classify(line, prev_blank, next_blank, repeated)
            in_index = kind is BlockKind.HEADING and bool(_INDEX_HEADING.match(line))
        speaker = ""
        if kind is BlockKind.TURN:
            label = speaker_label(_TRAILING_MARKER.sub("", line), repeated)
            speaker = label[0] if label else ""
        blocks.append(Block(kind, span, aligned, first + 1, speaker))
    _confirm_short_forms(text, blocks)
    for i in front_matter(blocks):  # a title page, copyright page, catalogue record
        blocks[i] = Block(BlockKind.FRONT_MATTER, blocks[i].span, blocks[i].text, blocks[i].line)
    return blocks, _pages(furniture, spans)


def _confirm_short_forms(text: str, blocks: list[Block]) -> None:
    """Type as citation lines the short forms with a bare page ("Pollard, Mills of the
    Upper Calder, 40.", Chicago's shortened note) that close a quotation block the way
    citation lines do -- directly under its last line, a blank line or the end after
    them -- and abbreviate a citation line printed in full above them.

    Alone the shape is not enough ("Meanwhile, Mills Street, 40." may be a line of a
    letter): a short form is only ever written for a work cited in full before."""
    full: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.CITATION:
            full.append(block.text)
            continue
        if not full or i == 0 or block.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
            continue
        above = blocks[i - 1]
        following = text[block.span.end:block.span.end + 200].split("\n", 2)[1:2]
        if above.kind not in (BlockKind.PARAGRAPH, BlockKind.THESIS) or \
                text.count("\n", above.span.end, block.span.start) != 1 or \
                (following and following[0].strip()):
            continue
        found = short_form(block.text)
        if found is not None and any(abbreviates(found, line) for line in full):
            blocks[i] = Block(BlockKind.CITATION, block.span, block.text, block.line)
            full.append(block.text)


def _is_prose(line: str, n: int, units: list[tuple[int, int, str]]) -> bool:
    """A first block that is not a title: a paragraph of sentences, or a document's only
    block when it reads as a sentence."""
    words = len(line.split())
    if words >= 25 or (words >= 12 and _INNER_SENTENCE_END.search(line)):
        return True
    return len(units) == n + 1 and words >= 4 and line.endswith((".", "!", "?", "…"))


def _units(text: str, spans: list[tuple[int, int]], raws: list[str], width: int | None,
           furniture: dict[int, Furniture]) -> list[tuple[int, int, str]]:
    """(first line, last line, aligned text) of each block: every non-blank line alone, or
    in wrapped text the lines that run on together. The aligned text is the span's text
    with line breaks, indents and page furniture inside it as spaces: the same length,
    so an offset into it is an offset into the document."""
    units: list[tuple[int, int, str]] = []
    written = [i for i, (s, e) in enumerate(spans) if s < e]
    i = 0
    while i < len(written):
        first = last = written[i]
        i += 1
        while width and first not in furniture and i < len(written):
            after = _next_text(written, i, furniture)
            if after is None:
                break
            line, following = text[slice(*spans[last])], text[slice(*spans[after])]
            if after == last + 1:
                indent_step = _indent(raws[after]) - _indent(raws[last])
                if not runs_on(line, len(raws[last]), following, indent_step, width) or (
                        line.endswith(_SENTENCE_END) and (is_citation_line(following) or
                                                          short_form(following) is not None)):
                    break  # a quote's source line below it is not its next line
            elif not any(between in furniture for between in range(last + 1, after)) or \
                    not runs_across(line, following):
                break  # a blank line ends a paragraph; page furniture may not
            last = after
            i = written.index(after, i) + 1
        units.append((first, last, _aligned(text, spans, first, last, furniture)))
    return units


def _next_text(written: list[int], i: int, furniture: dict[int, Furniture]) -> int | None:
    """The next line that is not page furniture (None: the text ends first)."""
    return next((line for line in written[i:] if line not in furniture), None)


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _aligned(text: str, spans: list[tuple[int, int]], first: int, last: int,
             furniture: dict[int, Furniture]) -> str:
    start, end = spans[first][0], spans[last][1]
    if first == last:
        return text[start:end]
    chars = list(text[start:end])
    for line in range(first, last + 1):
        s, e = spans[line]
        if line in furniture:
            chars[s - start:e - start] = " " * (e - s)
    return "".join(chars).replace("\n", " ").replace("\f", " ")


def _pages(furniture: dict[int, Furniture], spans: list[tuple[int, int]]
           ) -> tuple[tuple[int, str], ...]:
    """Where each printed page starts, with its label: a running head or a number at the
    top opens its page; a number at the foot closes it (its page began after the last)."""
    pages: list[tuple[int, str]] = []
    opened = 0
    for line in sorted(furniture):
        mark = furniture[line]
        if mark.heads_page:
            if mark.label:
                pages.append((spans[line][0], mark.label))
        elif mark.label:
            pages.append((opened, mark.label))
        opened = spans[line][1]
    if pages and pages[0][0] > 0 and pages[0][1].isdigit() and int(pages[0][1]) > 1:
        pages.insert(0, (0, str(int(pages[0][1]) - 1)))  # a page runs on into the first head
    return tuple(pages)


# Kinds settled before the citation test, or without it: a line of one of them may still
# be shaped like a reference ("¹² Getty, Origins, 38." is a note body, "Source: Stewart,
# John Hall. ..." a source line). A turn is speech, never a reference.
_SETTLED_FIRST = frozenset({BlockKind.TITLE, BlockKind.INDEX_ENTRY, BlockKind.FOOTNOTE,
                            BlockKind.SOURCE, BlockKind.CONTENTS})


def holds_reference(block: Block) -> bool:
    """Is the line a reference: a citation line, or a line of a kind settled first (a note
    body, a "Source:" line) that is shaped like one?"""
    return block.kind is BlockKind.CITATION or (
        block.kind in _SETTLED_FIRST and is_citation_line(block.text))


@dataclass(frozen=True)
class LineRoles:
    """What segmentation found on a text's lines that the person-mention finder reads by:
    which lines hold a reference (where capitalised words after the author are a
    title's) and where each turn's speaker label stands."""

    references: frozenset[int] = frozenset()  # line numbers, from 1
    turns: tuple[tuple[int, str], ...] = ()  # (offset of the label, the label)


def line_roles(blocks: Iterable[Block]) -> LineRoles:
    """The roles of the lines of these blocks (of one text)."""
    references, turns = set(), []
    for block in blocks:
        if holds_reference(block):
            references.add(block.line)
        elif block.kind is BlockKind.TURN and block.speaker:
            turns.append((block.span.start, block.speaker))
    return LineRoles(frozenset(references), tuple(turns))


def infer_shape(blocks: list[Block]) -> str:
    """Name the kind of document the block counts describe."""
    if not blocks:
        return "empty"
    counts = Counter(block.kind for block in blocks)
    prose = counts[BlockKind.PARAGRAPH] + counts[BlockKind.TURN] + counts[BlockKind.LIST_ITEM]
    citations = counts[BlockKind.CITATION]
    notes = sum(1 for b in blocks if b.kind is BlockKind.FOOTNOTE and _NOTE_BODY.match(b.text))
    # Quote compilations: citation lines close a good share of the blocks; a small
    # one shows itself by a compiler's thesis above its quotes.
    if citations * 6 >= prose and (citations >= 3 or (citations and counts[BlockKind.THESIS])):
        return "compilation"
    if notes >= 10 or (notes >= 3 and notes * 5 >= prose) or counts[BlockKind.CONTENTS] >= 5:
        return "book"
    if counts[BlockKind.TURN] >= 3 and counts[BlockKind.TURN] * 2 >= prose:
        return "transcript"
    if counts[BlockKind.SOURCE]:
        return "resolution"
    return "article"
