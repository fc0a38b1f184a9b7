"""The people lens: persons joined by the claims that bring them together.

In the full projection every link runs through a claim node, so people stand
unconnected once claims are hidden. Here two persons are joined directly, by
one of three relations, strongest first:

* **quoted about**: a claim made by A (a transcript turn said by A, or a
  quotation whose speaker or author the graph links to A) mentions B;
* **cites**: a claim made by A cites a work authored by B;
* **mentioned with**: one claim mentions both.

An edge's ``weight`` is the number of distinct claims behind it, whatever the
relation, and its ``evidence`` those claims, so the page can list them.

Who made a claim: a turn's ``said by`` edge; for other claims, the
projection names the maker as ``made_by`` (the names of the claim's
``schema:author``, "; "-joined), which is resolved to a person node only where
exactly one person of the graph bears that name (``name`` or any spelling in
``names``); an ambiguous name joins no one, since a wrong link costs more than
a missing one.

Hub claims. A claim that mentions many people makes many pairs (15 people,
105 pairs) and says little about any one pair: it is a roll (the officials
convicted, the members of a commission), and a few such rolls would tie
everyone to everyone and drown the edges that mean something. So a claim
mentioning more than ``LIST_SIZE`` people joins none of them by ``mentioned
with`` or ``quoted about``; its maker's ``cites`` links still count, and the
people it names keep their other links. Ten, not fewer: a paragraph of a
narrative commonly names seven to ten actors of one episode (the NKVD chiefs
at one meeting), and those pairs are what a reader of that history looks for;
above ten the claims read as enumerations. On the Soviet corpus the cap drops
17 claims of 2,343 and 810 of 2,892 pairs, and leaves 367 of 404 linkable
people linked.

A claim whose maker is an author of the work it cites (a compilation quoting a
book by its own authors) cites no one: co-authors are not linked by their own
book. "cites" is undirected, like every lens edge: in a compilation of
quotations a claim made by A that cites B's work is B quoting A, in a book's
footnote A citing B; either way one's work cites the other.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from graph_builder.view.lens_parts import (
    EdgeBook,
    Relations,
    claims,
    group,
    plural,
    size_by,
    weighted_degree,
)

STRENGTH = ("quoted about", "cites", "mentioned with")
#: A claim mentioning more people than this is a list: it joins none of them (module docstring).
LIST_SIZE = 10
_TITLE = "People"


def people_lens(full: nx.DiGraph, rel: Relations | None = None) -> nx.Graph:
    """Persons joined by claims (see the module docstring); people joined to no one left out."""
    rel = rel or Relations(full)
    book = EdgeBook(STRENGTH)
    named = _person_by_name(full)
    for claim in claims(full):
        mentioned = rel.linked(claim, "mentions", "person")
        makers = sorted(set(rel.linked(claim, "said by", "person")) | _makers(full, claim, named))
        if len(mentioned) <= LIST_SIZE:
            for a, b in combinations(mentioned, 2):
                book.join(a, b, "mentioned with", claim)
            for maker in makers:
                for person in mentioned:
                    book.join(maker, person, "quoted about", claim)
        for work in rel.linked(claim, "cites", "work"):
            authors = rel.linked(work, "author", "person")
            if set(authors) & set(makers):  # their own words from their own book: no citation
                continue
            for maker in makers:
                for author in authors:
                    book.join(maker, author, "cites", claim)
    lens = book.graph(full, title=_TITLE)
    size_by(lens, weighted_degree(lens))
    group(lens)
    persons = sum(1 for _, kind in full.nodes(data="kind") if kind == "person")
    alone = persons - lens.number_of_nodes()
    lens.graph["note"] = (
        "People are linked when a claim mentions both, when one is quoted about the other, or "
        "when one's work cites or quotes the other; each link lists the claims behind it, and "
        f"a claim naming more than {LIST_SIZE} people (a list) links none of them; "
        f"{plural(alone, 'person|people')} linked to no one {'is' if alone == 1 else 'are'} "
        "not drawn, and search still finds them.")
    return lens


def _person_by_name(full: nx.DiGraph) -> dict[str, str]:
    """Every spelling that names exactly one person -> that person."""
    bearers: dict[str, set[str]] = defaultdict(set)
    for node, attrs in full.nodes(data=True):
        if attrs["kind"] == "person":
            for name in {attrs.get("name", attrs["label"]), *attrs.get("names", ())}:
                bearers[str(name)].add(node)
    return {name: next(iter(found)) for name, found in bearers.items() if len(found) == 1}


def _makers(full: nx.DiGraph, claim: str, named: dict[str, str]) -> set[str]:
    """The persons who made `claim`, by the names the projection gives (only unambiguous ones)."""
    made_by = str(full.nodes[claim].get("made_by", ""))
    return {named[name] for name in made_by.split("; ") if name in named}
