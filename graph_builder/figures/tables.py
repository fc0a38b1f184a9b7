"""The figures of a table's row: each number cell measures what its column's header names.

A table printed as text ("1935 screening<TAB>263,885<TAB>11.1" under a header of as
many cells) states its figures without words around them; the reader of prose
(``graph_builder.figures.read``) finds no noun or verb there, so the row is read
cell by cell against its header, in the row's year.
"""

from __future__ import annotations

import re

from graph_builder.figures.measure import column_measure
from graph_builder.figures.numbers import digits_value
from graph_builder.figures.record import COUNT, SHARE, Figure
from graph_builder.figures.when import years_in
from graph_builder.records import Claim, Span

# a table's row as printed: cells separated by tabs, its markup stripped
MARKUP = re.compile(r"<[^<>]{1,20}>")
CELL_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
SHARE_HEADER = re.compile(r"%|\bper ?cent|\bpercentage\b|\bshare\b", re.IGNORECASE)
TABLE_CELLS = 3  # a row of fewer cells is a list of contents, not a table
TABLE_REACH = 3000  # characters above a row its header may be


def _cells(line: str) -> list[str]:
    return [MARKUP.sub("", cell).strip() for cell in line.split("\t")]


def _header_above(document: str, row_start: int, width: int) -> list[str]:
    """The header of the table a row starting at ``row_start`` is in: the nearest line
    above of as many cells, none of them a number past the first."""
    end = row_start
    while end > max(0, row_start - TABLE_REACH):
        start = document.rfind("\n", 0, end - 1) + 1
        line = document[start:end].rstrip("\n")
        end = start
        if not line.strip():
            continue
        cells = _cells(line)
        if len(cells) != width:
            return []
        if not any(CELL_NUMBER.fullmatch(c.replace("%", "")) for c in cells[1:]):
            return cells
        if start == 0:
            break
    return []


def table_row(claim: Claim, document: str) -> list[Figure]:
    """The figures of a table's row of a year ("1935 screening<TAB>263,885<TAB>11.1"):
    each number cell measures what its column's header names, in the row's year."""
    cells = _cells(claim.text)
    if len(cells) < TABLE_CELLS or "\n" in claim.text.strip():
        return []
    years = years_in(cells[0])
    header = _header_above(document, claim.span.start, len(cells))
    if not years or not header:
        return []
    figures: list[Figure] = []
    pos = 0
    for i, (cell, raw, title) in enumerate(zip(cells, claim.text.split("\t"), header,
                                                strict=True)):
        at = claim.text.index(raw, pos)
        pos = at + len(raw)
        if not i or not title or not CELL_NUMBER.fullmatch(cell):
            continue
        value = digits_value(cell)
        share = bool(SHARE_HEADER.search(title))
        if value is None or (share and value > 100) or (
                not share and (value != int(value) or "." in cell or value < 1)):
            continue
        value = value / 100 if share else value
        m = column_measure(title)
        start = claim.span.start + at + raw.index(cell)
        previous = figures[-1] if figures else None
        restates = previous.key if previous and previous.kind == COUNT and share and (
            (previous.thing, previous.event) == (m.thing, m.event)) else ""
        figures.append(Figure(
            doc_id=claim.doc_id, span=Span(start, start + len(cell)), printed=cell,
            kind=SHARE if share else COUNT, value=value, low=value, high=value,
            measure=m.measure, thing=m.thing, event=m.event, time=years[0].label,
            time_from="sentence", claim=claim.key, restates=restates))
    return figures
