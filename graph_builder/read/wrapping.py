"""Hard-wrapped text: where its paragraphs run on, and what on its pages is not text.

Books from digitisation projects, OCR output and e-mailed transcripts break their
paragraphs at 60-80 columns, hyphenate words across line ends (``Stall-`` /
``ings``, or OCR's ``¬``) and carry the printed page with them: a running head
and a page number between two halves of a paragraph. Read line by line, each
wrapped line would be a passage of its own and a name broken by a line end
would be cut in two.

Whether a text is wrapped is read from the text alone: most lines that another
line follows stop near one column (``wrap_width``); a text of one paragraph per
line has no such column. In a wrapped text a line runs on into the next unless
it stops short of that column, the next line is indented (a first-line indent)
or opens a note, a turn or a list item after a finished sentence. A paragraph
runs on across page furniture when it stops mid-sentence and goes on in lower
case. The page furniture is what repeats on every page: bare page numbers, and
short lines (a running head) that recur with only their digits changing.

Offsets never move. A joined paragraph is one block whose span runs from its
first character to its last, line breaks (and any page furniture inside)
included, and ``oa:exact`` is that slice. Its *aligned* text has each line break
and indent as spaces (same length, so offsets into it are offsets into the
document); its *reading* text joins hyphenated words and drops the furniture
(``graph_builder.read.reading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.references import is_citation_line
from graph_builder.support.text_patterns import SUPERSCRIPT_DIGITS

# "124", "- 124 -", "[124]", "Page 124", "xiv": a line holding nothing but a page number
_PAGE_NUMBER = re.compile(
    r"[\[(\-–—\s]*+(?:(?:page|pg\.?|p\.)\s*+)?(\d{1,4}|[ivxlcdm]{1,7})[\])\-–—\s]*+",
    re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_HEAD_NUMBER = re.compile(r"(?:^\s*+(\d{1,4})\s)|(?:\s(\d{1,4})\s*+$)")
# "88<TAB>THE DUTCH REPUBLIC" / "JOHAN DE WITT   89": a head set apart from its page number
_NUMBERED_HEAD = re.compile(r"(?:^(\d{1,4})(?:\t|\s{2,}+)\S.*)|(?:^\S.*?(?:\t|\s{2,}+)(\d{1,4})$)")
_HYPHENATED_END = re.compile(r"[^\W\d_][-¬\u00ad]$")
_SENTENCE_END = re.compile(r"[.!?;:…][\"”’')\]]*$")
_OPENS_UNIT = re.compile(
    rf"^(?:[{SUPERSCRIPT_DIGITS}]|[•*\-–—]\s|\d{{1,3}}[.)]\s|[A-Z][A-Za-z .'’-]{{1,40}}:\s)")

MIN_WRAPPED_LINES = 5  # lines that run on: fewer is no evidence of a wrap column
_LONG_LINE = 160  # a line this long is a paragraph on one line, never a wrapped one
_NEAR_MARGIN = 0.7  # a running-on line reaches this share of the wrap column
_HEAD_REPEATS = 3  # a running head recurs on at least this many pages
_HEAD_WORDS = 12
_PAGE_LINES = 90  # a running head recurs at least this often, in lines: once a page
# a heading that numbers the parts of a work recurs too, but is not a running head
_PART_HEADING = re.compile(r"^(?:chapter|part|book|section|act|scene|canto|letter|article|"
                           r"volume|vol\.|no\.|§)\b", re.IGNORECASE)


def wrap_width(raws: list[str]) -> int | None:
    """The column a hard-wrapped text is wrapped at; None for one paragraph per line.

    ``raws`` are the text's lines, right-stripped. Of the lines another non-blank
    line follows, most stop near one column (the 90th percentile of their lengths)
    and most stop mid-sentence; a text whose paragraphs are single lines has many
    lines far longer, or lines that end their sentences."""
    running = [line for line, after in zip(raws, raws[1:], strict=False)
               if line.strip() and after.strip()]
    inner = [len(line) for line in running]
    written = sum(1 for line in raws if line.strip())
    if len(inner) < MIN_WRAPPED_LINES or not written:
        return None
    if sum(1 for line in running if not _SENTENCE_END.search(line)) < 0.5 * len(running):
        return None  # lines that end their sentences are paragraphs (a quote above its source)
    if sum(1 for line in raws if len(line) > _LONG_LINE) > 0.05 * written:
        return None
    width = sorted(inner)[int(0.9 * (len(inner) - 1))]
    if sum(1 for n in inner if n >= _NEAR_MARGIN * width) < 0.6 * len(inner):
        return None
    return width


@dataclass(frozen=True)
class Furniture:
    """A line of page furniture: its page label ("" for a running head without one)
    and whether it heads its page (a running head) or closes it (a bare number)."""

    label: str
    heads_page: bool


def page_furniture(raws: list[str]) -> dict[int, Furniture]:
    """Page numbers and running heads of a paginated text, by line index."""
    lines = [raw.strip() for raw in raws]
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if _may_be_head(line):
            where.setdefault(_head_shape(line), []).append(i)
    heads = {shape for shape, at in where.items() if len(at) >= _HEAD_REPEATS and
             _median_gap(at) <= _PAGE_LINES}
    found = _numbered_heads(lines)
    for i, line in enumerate(lines):
        if not line or i in found:
            continue
        number = _PAGE_NUMBER.fullmatch(line)
        if number and _stands_alone(lines, i):
            found[i] = Furniture(number.group(1), heads_page=False)
        elif _may_be_head(line) and _head_shape(line) in heads and _set_apart(lines, i):
            head = _HEAD_NUMBER.search(line)
            found[i] = Furniture(next((g for g in head.groups() if g), "") if head else "",
                                 heads_page=True)
    first_text = next((i for i, line in enumerate(lines) if line and i not in found), len(lines))
    if any(i < first_text for i in found):  # numbered from the top: each opens its page
        found = {i: Furniture(f.label, True) for i, f in found.items()}
    return found


def _numbered_heads(lines: list[str]) -> dict[int, Furniture]:
    """Heads that carry their page number apart from their text (verso and recto heads
    may each appear only once or twice): furniture when the next or the previous one
    carries the next page number or close to it (a chapter title "4  The Union" does
    not)."""
    numbered = []
    for i, line in enumerate(lines):
        match = _NUMBERED_HEAD.fullmatch(line) if _may_be_head(line) else None
        if match and _set_apart(lines, i):
            numbered.append((i, int(match.group(1) or match.group(2))))
    def in_order(a: int, b: int) -> bool:
        return 0 < numbered[b][1] - numbered[a][1] <= 3

    return {i: Furniture(str(number), heads_page=True)
            for k, (i, number) in enumerate(numbered)
            if (k and in_order(k - 1, k)) or (k + 1 < len(numbered) and in_order(k, k + 1))}


def _median_gap(at: list[int]) -> int:
    gaps = sorted(b - a for a, b in zip(at, at[1:], strict=False))
    return gaps[(len(gaps) - 1) // 2]


def _may_be_head(line: str) -> bool:
    """Short, no sentence, not a part's heading, not a reference (a compilation repeats
    its sources' lines as often as a book its running heads)."""
    return 0 < len(line) <= 80 and len(line.split()) <= _HEAD_WORDS and \
        not _SENTENCE_END.search(line) and any(c.isalpha() for c in line) and \
        not _PART_HEADING.match(line) and not is_citation_line(line)


def _head_shape(line: str) -> str:
    return " ".join(_DIGITS.sub("", line).casefold().split())


def _clear(lines: list[str], j: int) -> bool:
    """Nothing of the text at line ``j``: the edge of the text, a blank line, a form feed."""
    return not 0 <= j < len(lines) or not lines[j] or "\f" in lines[j]


def _stands_alone(lines: list[str], i: int) -> bool:
    """Furniture sits between blank lines, form feeds or other furniture-like lines."""
    return _clear(lines, i - 1) or _clear(lines, i + 1)


def _set_apart(lines: list[str], i: int) -> bool:
    """A running head has nothing of the text beside it: blank lines, the edge of the
    text, a form feed or a page number on both sides (a paragraph's first line has its
    text below)."""
    return all(_clear(lines, j) or bool(_PAGE_NUMBER.fullmatch(lines[j])) for j in (i - 1, i + 1))


def runs_on(line: str, raw_len: int, following: str, indent_step: int, width: int) -> bool:
    """Does a line of a wrapped paragraph go on in the next (stripped) line?"""
    if _HYPHENATED_END.search(line):
        return True
    if raw_len < _NEAR_MARGIN * width or indent_step >= 2:
        return False  # stopped short of the column, or the next line opens a paragraph
    return not (_SENTENCE_END.search(line) and _OPENS_UNIT.match(following))


def runs_across(line: str, following: str) -> bool:
    """Does a paragraph that page furniture interrupts go on after it? It does when it
    stopped mid-sentence, or the next page goes on in lower case."""
    return bool(_HYPHENATED_END.search(line)) or not _SENTENCE_END.search(line) or \
        following[:1].islower()


def hyphenated(line: str) -> bool:
    """Does the line end in a word broken by a hyphen (or OCR's ``¬``)?"""
    return bool(_HYPHENATED_END.search(line))
