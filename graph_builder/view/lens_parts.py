"""What every lens is made of: edges that collect the claims behind them, sizes, communities.

A lens (``graph_builder.view.lenses``) is an undirected ``nx.Graph`` over node ids
of the full projection. Each of its edges keeps every relation that joins the
pair (``kinds``), the strongest of them (``kind``), the claims that justify it
(``evidence``) and how many claims they are (``weight``), so the page can show
a reader why two people or two topics are joined, not only that they are.
Structural edges (a work's author, a file's fond, a topic's broader topic) hold
no claim and weigh 1.

Sizes and communities are computed within the lens, on its own weighted edges,
so a person is large in the people lens for the people they are joined to, not
for the claims of the full graph; both never depend on the order in which nodes
or edges were added, so the same graph always draws the same page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from graph_builder.view.projection import CLAIM_KINDS

SMALLEST, LARGEST = 6.0, 30.0  # node radius in pixels, as in ``measure``
_SEED = 1  # Louvain's seed: a fixed one, so communities never change between builds


def claims(full: nx.DiGraph) -> list[str]:
    """The claim nodes of the full projection (quotations, turns, passages), sorted."""
    return sorted(n for n, kind in full.nodes(data="kind") if kind in CLAIM_KINDS)


class Relations:
    """Who each node reaches by each relation, read once from the full projection.

    A lens asks "which persons does this claim mention" thousands of times;
    splitting each edge's ``kinds`` once, here, keeps all four lenses within a
    fraction of a second on a corpus of thousands of claims.
    """

    def __init__(self, full: nx.DiGraph) -> None:
        self.full = full
        found: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a, b, kinds in full.edges(data="kinds"):
            for relation in kinds.split("; "):
                found[a, relation].append(b)
        self._out = {key: sorted(ends) for key, ends in found.items()}

    def linked(self, node: str, relation: str, kind: str | None = None) -> list[str]:
        """The nodes `node` reaches by an edge naming `relation` (of `kind`, if given), sorted."""
        ends = self._out.get((node, relation), [])
        if kind is None:
            return ends
        return [b for b in ends if self.full.nodes[b]["kind"] == kind]


def evidence_order(full: nx.DiGraph, claim: str) -> tuple[str, int, str]:
    """Where a claim stands: its document, its line, then its id (the contract's order)."""
    attrs = full.nodes[claim]
    return str(attrs.get("document", "")), int(attrs.get("line", 0)), claim


class EdgeBook:
    """Pairs of nodes and what joins them, collected before the lens is built.

    ``strength`` lists the relation names strongest first: an edge's ``kind``
    is the strongest relation that joins its pair.
    """

    def __init__(self, strength: Iterable[str]) -> None:
        self.strength = tuple(strength)
        self._kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._claims: dict[tuple[str, str], set[str]] = defaultdict(set)

    def join(self, a: str, b: str, kind: str, claim: str | None = None) -> None:
        """Join `a` and `b` by `kind`, on the evidence of `claim` (none: a structural edge)."""
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        self._kinds[pair].add(kind)
        if claim is not None:
            self._claims[pair].add(claim)

    def graph(self, full: nx.DiGraph, *, title: str) -> nx.Graph:
        """The lens: one edge a pair, its kinds, weight and evidence, nodes sized and grouped."""
        where = {c: evidence_order(full, c) for found in self._claims.values() for c in found}
        edges = []
        for (a, b), kinds in sorted(self._kinds.items()):
            ordered = sorted(kinds, key=self.strength.index)
            found = sorted(self._claims.get((a, b), ()), key=where.__getitem__)
            edges.append((a, b, {"kind": ordered[0], "kinds": "; ".join(ordered),
                                 "weight": max(1, len(found)), "evidence": found}))
        lens = nx.Graph(title=title)
        lens.add_edges_from(edges)
        return lens


def size_by(lens: nx.Graph, amount: dict[str, float]) -> None:
    """Each node's ``size``, 6..30 px, growing with the logarithm of its `amount`
    (weighted degree, times cited ...): the largest amount draws 30 px, none 6 px."""
    if not lens:
        return
    top = math.log1p(max(max(amount.get(n, 0.0) for n in lens), 0.0))
    for node in lens:
        share = math.log1p(max(amount.get(node, 0.0), 0.0)) / top if top else 0.0
        lens.nodes[node]["size"] = round(SMALLEST + (LARGEST - SMALLEST) * share, 1)


def weighted_degree(lens: nx.Graph) -> dict[str, float]:
    return {node: float(degree) for node, degree in lens.degree(weight="weight")}


def group(lens: nx.Graph) -> None:
    """Each node's ``community``: weighted Louvain on the lens, numbered 1.. by size.

    Louvain runs on integer labels in sorted node order with a fixed seed, so
    neither insertion order nor string hashing can change the outcome; ties in
    size are numbered by the first member's id.
    """
    if not lens:
        return
    order = sorted(lens)
    index = {node: i for i, node in enumerate(order)}
    plain = nx.Graph()
    plain.add_nodes_from(range(len(order)))
    plain.add_weighted_edges_from(sorted((min(index[a], index[b]), max(index[a], index[b]), w)
                                         for a, b, w in lens.edges(data="weight")))
    found = nx.community.louvain_communities(plain, weight="weight", seed=_SEED)
    groups = sorted((sorted(order[i] for i in g) for g in found), key=lambda g: (-len(g), g[0]))
    for number, members in enumerate(groups, start=1):
        for node in members:
            lens.nodes[node]["community"] = number


def plural(count: int, noun: str) -> str:
    """ "1 person", "3 works": nouns given as (singular, plural) via "person|people"."""
    one, _, many = noun.partition("|")
    return f"{count} {one if count == 1 else (many or one + 's')}"
