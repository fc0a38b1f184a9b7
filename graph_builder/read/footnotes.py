"""Stage 2c: tie a book's note references to the passages that carry their markers.

A scholarly book prints ``…the Committee.¹²`` in its running text and the
note ``¹² RGASPI, f. 17, …`` after the paragraphs of the page; numbering
starts again with each chapter. This stage finds the markers, links each to
its note body (the nearest note with the same number at or after the marker,
within the same chapter's sequence), cuts every note into its references
(``notes_split``), completes Ibid., short forms and inherited shelfmarks
(``notes_resolve``) and cites each reference for the claim that holds the
marker. Problems (a marker without a note, a note without a marker) are
warnings naming file and line; the run goes on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from graph_builder.records import (
    Block,
    BlockKind,
    Citation,
    Claim,
    Extraction,
    InputWarning,
)
from graph_builder.references.note_resolve import NoteResolver
from graph_builder.references.note_split import split_note
from graph_builder.support.text_patterns import SUPERSCRIPT_DIGITS, YEAR

__all__ = ["attach_notes", "find_markers", "find_notes", "link_markers"]

_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_NOTE_HEAD = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*")
_MARK = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+")
# "m²", "km³": units, not notes.
_UNIT = re.compile(r"(?:^|[\s\d])(?:[kcm]?m|ft)$")
# A line that closes the text above it: a sentence, a date, a signature ("M. Tomskaia").
_CLOSING_LINE = re.compile(rf"[.!?…”\"]$|^(?:\d{{1,2}}\s)?[A-Z][a-z]+\s(?:\d{{1,2}},\s)?{YEAR}$"
                           r"|^(?:[A-Z]\.\s?)+[A-Z][\w’'-]+$")
_NO_MARKERS = frozenset({BlockKind.TITLE, BlockKind.CONTENTS, BlockKind.INDEX_ENTRY})
_MAX_NOTE = 999


@dataclass
class NoteBody:
    """One printed note: its number, its line block and where its text starts."""

    number: int
    block: Block
    start: int  # offset of the note's text, after the number
    citations: list[Citation] = field(default_factory=list)
    markers: int = 0


@dataclass(frozen=True)
class Marker:
    """A note number printed in the running text."""

    number: int
    start: int
    end: int
    line: int
    opens_below: bool = False  # in a heading: its note is about the text below


def _number(digits: str) -> int:
    return int(digits.translate(_DIGITS))


def find_notes(blocks: list[Block]) -> list[NoteBody]:
    """Note bodies (``¹² text``) in print order; a bare ``²⁶`` line is a marker, not a note."""
    notes = []
    for block in blocks:
        if block.kind is not BlockKind.FOOTNOTE:
            continue
        head = _NOTE_HEAD.match(block.text)
        if head and head.end() < len(block.text):
            notes.append(NoteBody(_number(head.group(1)), block, block.span.start + head.end()))
    return notes


def find_markers(blocks: list[Block]) -> list[Marker]:
    """Superscript numbers in the running text that are note markers.

    A superscript straight after a letter or punctuation is a marker. One after
    a digit (``10³`` or ``1937⁴``) or after a space is a marker only when it is
    the next number of the sequence (or a chapter's first), else an exponent or a
    free-standing figure. Never markers: one after a unit (``m²``), one starting
    with ``⁰``, and any in titles, contents or index lines.
    """
    markers: list[Marker] = []
    for block in blocks:
        if block.kind in _NO_MARKERS:
            continue
        head = _NOTE_HEAD.match(block.text)
        if block.kind is BlockKind.FOOTNOTE and not (head and head.end() == len(block.text)):
            continue  # a note body; a bare number on its own line closes a quoted block
        for m in _MARK.finditer(block.text):
            number = _number(m.group())
            before = block.text[: m.start()].rstrip()
            if (m.group().startswith("⁰") or not 0 < number <= _MAX_NOTE
                    or (m.group() in "²³" and _UNIT.search(before))):
                continue
            doubtful = not before or before[-1].isdigit() or m.start() > len(before)
            if doubtful and not (number == 1 or (markers and number == markers[-1].number + 1)):
                continue
            start = block.span.start + m.start()
            below = block.kind is BlockKind.HEADING and not _CLOSING_LINE.search(before)
            markers.append(Marker(number, start, start + len(m.group()), block.line, below))
    return markers


def _runs(numbers: list[int]) -> list[int]:
    """The run index of each number: a run restarts when the numbering falls back
    to 1 or to less than half of the number before (a new chapter)."""
    runs, run, previous = [], 0, 0
    for n in numbers:
        if previous and n < previous and (n == 1 or n * 2 <= previous):
            run += 1
        runs.append(run)
        previous = n
    return runs


def link_markers(markers: list[Marker], notes: list[NoteBody]) -> list[NoteBody | None]:
    """The note each marker refers to (None when there is none).

    Notes follow the paragraphs of their page, so marker n's note is the first
    note numbered n at or after it; it must lie in the chapter sequence of the
    first note after the marker and before the next chapter's first marker.
    """
    note_runs = _runs([n.number for n in notes])
    marker_runs = _runs([m.number for m in markers])
    next_run_start: dict[int, int] = {}
    for marker, run in zip(reversed(markers), reversed(marker_runs), strict=True):
        next_run_start[run - 1] = marker.start
    starts = [n.start for n in notes]
    by_number: dict[tuple[int, int], list[int]] = {}
    for i, (note, run) in enumerate(zip(notes, note_runs, strict=True)):
        by_number.setdefault((run, note.number), []).append(i)
    linked: list[NoteBody | None] = []
    for marker, run in zip(markers, marker_runs, strict=True):
        first = bisect.bisect_right(starts, marker.start)
        bound = next_run_start.get(run, float("inf"))
        found = None
        if first < len(notes):
            candidates = [i for i in by_number.get((note_runs[first], marker.number), [])
                          if i >= first and notes[i].start < bound]
            free = [i for i in candidates if not notes[i].markers]
            pick = (free or candidates)[:1]
            if pick:
                found = notes[pick[0]]
                found.markers += 1
        linked.append(found)
    return linked


def _claim_for(claims: list[Claim], starts: list[int], marker: Marker) -> Claim | None:
    """The claim whose span holds the marker. Outside any claim, a marker in a
    heading cites for the claim below it; one on a line that closes a text (a
    bare number, a date, a signature, a sentence read as a heading) for the
    claim above it."""
    i = bisect.bisect_right(starts, marker.start) - 1
    if i >= 0 and claims[i].span.start <= marker.start < claims[i].span.end:
        return claims[i]
    if marker.opens_below:
        return claims[i + 1] if i + 1 < len(claims) else None
    return claims[i] if i >= 0 else None


def attach_notes(extraction: Extraction, warnings: list[InputWarning]) -> None:
    """Add the references of a book's notes to its citations and cite each for the
    claim carrying its marker. Documents of any other shape are left alone."""
    layout = extraction.layout
    if layout.shape != "book":
        return
    document = layout.document
    notes = find_notes(layout.blocks)
    markers = find_markers(layout.blocks)
    resolver = NoteResolver(document.doc_id, warnings)
    for note in notes:
        end = note.block.span.end
        pieces = split_note(document.text[note.start:end])
        note.citations = resolver.resolve(document.text, note.start, note.block.line, pieces)
        extraction.citations.extend(note.citations)
    claims = sorted(extraction.claims, key=lambda c: c.span.start)
    starts = [c.span.start for c in claims]
    for marker, note in zip(markers, link_markers(markers, notes), strict=True):
        if note is None:
            warnings.append(InputWarning(
                document.doc_id, marker.line,
                f"note marker {marker.number} has no note numbered {marker.number} after it in "
                "its chapter; the passage keeps no citation for it (check the note numbering)."))
            continue
        claim = _claim_for(claims, starts, marker)
        if claim is not None:
            claim.citations.extend(c for c in note.citations if c not in claim.citations)
    for note in notes:
        if not note.markers:
            warnings.append(InputWarning(
                document.doc_id, note.block.line,
                f"note {note.number} has no marker in the text before it; its references are "
                "kept without a claim (check the note numbering)."))
