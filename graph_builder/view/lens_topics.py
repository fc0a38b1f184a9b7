"""The topics lens: SKOS concepts joined by the vocabulary and by the claims about them.

Two topics are joined when the vocabulary relates them (``broader``,
``related``: structural, no claim behind them) or when one claim is about both
(``shared claims``; weight = those claims, evidence = the claims). Where both
hold, the vocabulary's relation names the edge and the claims still weigh it.

A claim about many topics says little about any two of them, and a long
paragraph tagged with eight concepts would tie each to the other seven; so, as
in the people lens, a claim about more than ``LIST_SIZE`` topics joins none of
them. And since a claim is commonly tagged with two to five concepts, one claim
about two topics is a coincidence of one sentence, while two or more are a
pattern: a pair joined only by shared claims needs ``MIN_SHARED`` of them. On
the Soviet corpus this keeps some 900 of 2,600 pairs, where all of them tied
220 topics into one hairball. Topics joined to nothing are left out.
"""

from __future__ import annotations

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

STRENGTH = ("broader", "related", "shared claims")
#: A claim about more topics than this joins none of them (module docstring).
LIST_SIZE = 6
#: A pair joined only by shared claims needs at least this many (module docstring).
MIN_SHARED = 2
_TITLE = "Topics"


def topics_lens(full: nx.DiGraph, rel: Relations | None = None) -> nx.Graph:
    """Topics joined by broader/related and by claims about both (module docstring)."""
    rel = rel or Relations(full)
    book = EdgeBook(STRENGTH)
    topics = sorted(n for n, kind in full.nodes(data="kind") if kind == "topic")
    for topic in topics:
        for relation in ("broader", "related"):
            for other in rel.linked(topic, relation, "topic"):
                book.join(topic, other, relation)
    for claim in claims(full):
        about = rel.linked(claim, "about", "topic")
        if len(about) <= LIST_SIZE:
            for a, b in combinations(about, 2):
                book.join(a, b, "shared claims", claim)
    lens = book.graph(full, title=_TITLE)
    lens.remove_edges_from([(a, b) for a, b, attrs in lens.edges(data=True)
                            if attrs["kinds"] == "shared claims" and attrs["weight"] < MIN_SHARED])
    lens.remove_nodes_from(list(nx.isolates(lens)))
    size_by(lens, weighted_degree(lens))
    group(lens)
    alone = len(topics) - lens.number_of_nodes()
    lens.graph["note"] = (
        "Topics are linked when the vocabulary makes one broader than or related to the other, "
        f"or when at least {MIN_SHARED} claims are about both (each link lists the claims "
        f"behind it; a claim about more than {LIST_SIZE} topics links none of them); "
        f"{plural(alone, 'topic')} linked to no other "
        f"{'is' if alone == 1 else 'are'} not drawn, and search still finds them.")
    return lens
