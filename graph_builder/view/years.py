"""The years the graph gives its nodes, for the page's year slider.

Only what the graph states: a work's year of publication (``year``, from
``schema:datePublished``: "1992" or "1992-05-01"), a person's life (``born``
and ``died``, "1895 or 1896" where sources differ: the span runs from the
earliest birth to the latest death, and one known date stands alone), and
the time a figure group measures (the third field of its ``key``,
"member | expel | 1933" or "... | 1937-1938"; a suffix like "(2)" numbers
groups, not years). Claims carry no date of their own in the ontology (a
figure's reference time is what the figure measures, a cited work's year is
when it was printed, neither is when the claim was made), so claims stay
undated rather than given a year the graph does not state; so do documents,
organizations and topics.
"""

from __future__ import annotations

import re

import networkx as nx

# A year of three or four digits standing alone: "1937", "1937-1938", "1895-03-01";
# not the digits of "1930s" or of a longer number.
_YEAR = re.compile(r"(?<!\w)(\d{3,4})(?!\w)")
_DATE = re.compile(r"^(\d{3,4})(?:-\d\d){0,2}$")  # xsd:gYear / xsd:gYearMonth / xsd:date
_KEY_TIME = 2  # thing | event | time | place


def node_years(full: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """(first, last) year of every node the graph dates; nodes without a date are absent."""
    found: dict[str, tuple[int, int]] = {}
    for node, attrs in full.nodes(data=True):
        kind = attrs.get("kind")
        if kind == "work":
            years = _dates(attrs.get("year"))
        elif kind == "person":
            years = _life(attrs.get("born"), attrs.get("died"))
        elif kind == "figures":
            fields = str(attrs.get("key", "")).split(" | ")
            years = _years(fields[_KEY_TIME]) if len(fields) > _KEY_TIME else []
        else:
            years = []
        if years:
            found[node] = (min(years), max(years))
    return found


def _years(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]


def _dates(value: object) -> list[int]:
    """Years of date values ("1992", "1992-05-01", "1895 or 1896"), each a whole date."""
    if value in (None, ""):
        return []
    return [int(match.group(1)) for part in str(value).split(" or ")
            if (match := _DATE.match(part.strip()))]


def _life(born: object, died: object) -> list[int]:
    """Earliest birth to latest death; one of them alone when only one is known."""
    births, deaths = _dates(born), _dates(died)
    ends = ([min(births)] if births else []) + ([max(deaths)] if deaths else [])
    if len(ends) == 2 and ends[0] > ends[1]:  # dates that contradict each other: trust neither
        return []
    return ends
