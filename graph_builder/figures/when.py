"""When a figure holds: a year or years in its clause or sentence, else in the
paragraph before it, else in the nearest heading above it.

A year range is read whole ("1937-38", "1937–1938", "1937 and 1938", "between 1936
and 1938") and written "1937-1938", so that sources printing it differently meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:1\d{3}|20\d{2})"
YEARS = re.compile(
    rf"(?<![\w.,/])(?P<a>{_YEAR})"
    rf"(?:[ \u00a0]?[-–—/][ \u00a0]?(?P<short>\d{{2}})(?!\d)"
    rf"|(?:[ \u00a0]?[-–—/][ \u00a0]?| and | to | or | through | until )"
    rf"(?:[A-Z][a-z]+ )?(?P<b>{_YEAR}))?(?![\w]|[.,]\d)")


DATED_SOURCE = re.compile(r"\b[Aa]n? $")
# "the 1953 report", "her 1990 article": a year naming a document dates the document,
# not what it counts (a census or survey does count its own year, so is not here)
DATED_DOCUMENT_BEFORE = re.compile(r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts) $")
DATED_DOCUMENT_AFTER = re.compile(
    r"[ \u00a0](?:[A-Z][a-z]+ ){0,2}(?:report|memo|memorandum|study|edition|article|book|"
    r"letter|paper|publication|press release|interview|review|monograph|essay)s?\b")


@dataclass(frozen=True)
class Years:
    start: int
    end: int
    label: str  # "1921", "1937-1938"


def years_in(text: str, start: int = 0, end: int | None = None) -> list[Years]:
    """Years and year ranges printed in ``text[start:end]``."""
    found = []
    for m in YEARS.finditer(text, start, len(text) if end is None else end):
        if DATED_SOURCE.search(text, max(0, m.start() - 4), m.start()):
            continue  # "a 1953 report": when a source was made, not what it counts
        if DATED_DOCUMENT_BEFORE.search(text, max(0, m.start() - 6), m.start()) and (
                DATED_DOCUMENT_AFTER.match(text, m.end())):
            continue
        a = int(m.group("a"))
        b = None
        if m.group("short"):
            b = a // 100 * 100 + int(m.group("short"))
        elif m.group("b"):
            b = int(m.group("b"))
        if b is not None and not a < b <= a + 100:
            b = None
            found.append(Years(m.start(), m.start() + 4, str(a)))
            continue
        found.append(Years(m.start(), m.end(), f"{a}-{b}" if b else str(a)))
    return found


_ACROSS_A_COMMA = 10_000  # a year past a comma is farther than any year before it


def nearest(years: list[Years], start: int, end: int, text: str = "",
            others: tuple[tuple[int, int], ...] = ()) -> str:
    """The year label nearest to ``[start, end)``, not overlapping it, nor inside a
    parenthesis opened after it (an aside about other years); a year in the same
    stretch between commas is nearer than any across one. A year after another
    figure of the same kind (``others``) that follows this one is that figure's:
    "800,000 were expelled that year, and another 340,000 in 1934"; one before
    both may hold for both ("in 1871, 300 were shot and 2,000 deported")."""
    best, best_distance = "", None
    for y in years:
        if y.end > start and y.start < end:
            continue
        if y.start >= end and "(" in text[end:y.start]:
            continue
        if y.start >= end and any(end <= a and b <= y.start and ")" not in text[b:y.start]
                                  for a, b in others):
            continue  # but "(300 to be shot; 200 to camps) in 1938" dates both
        distance = start - y.end if y.end <= start else y.start - end
        between = text[y.end:start] if y.end <= start else text[end:y.start]
        if "," in between or ";" in between:
            distance += _ACROSS_A_COMMA  # "264,000 in 1935, 51,500 in 1936": 1936 is its own
        if best_distance is None or distance < best_distance:
            best, best_distance = y.label, distance
    return best
