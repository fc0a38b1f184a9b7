"""Which edition the corpus holds, and whether the quotation cites another.

A quotation missing from the corpus's copy of a book may be missing from that
edition only: a revised edition drops or shortens passages. So a check says so
whenever the cited year differs from the copy's. The copy's year comes from its
own front matter: an edition statement ("the updated 2010 edition", "Second
edition, 2004") first, else the latest copyright year; never from its file name.
"""

from __future__ import annotations

import re

from graph_builder.records import Document

_FRONT = 6000  # characters of a document that hold its title and copyright pages
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_EDITION = re.compile(r"\bedition\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)[ \t]*(?:©[ \t]*)?(1[5-9]\d\d|20\d\d)",
                        re.IGNORECASE)


def copy_edition(document: Document) -> tuple[str, str]:
    """(year, the statement that gives it) of the corpus copy; ("", "") if unknown."""
    front = document.text[:_FRONT]
    for m in _EDITION.finditer(front):
        start = max(front.rfind(".", 0, m.start()), front.rfind("\n", 0, m.start())) + 1
        ends = [e for e in (front.find(".", m.end()), front.find("\n", m.end())) if e >= 0]
        sentence = front[start:min(ends, default=len(front))]
        years = _YEAR.findall(sentence)
        if years:
            return years[-1], " ".join(sentence.split())
    years = [m.group(1) for m in _COPYRIGHT.finditer(front)]
    if years:
        return max(years), f"© {max(years)}"
    return "", ""


def edition_note(cited_year: str, document: Document, edition: tuple[str, str]) -> str:
    """A note when the cited edition's year and the copy's differ, both being known."""
    year, statement = edition
    cited = _YEAR.search(cited_year or "")
    if not year or cited is None or cited.group() == year:
        return ""
    return (f"cites the {cited.group()} edition; the corpus copy ({document.doc_id}) is "
            f"of {year}: “{statement}”")
