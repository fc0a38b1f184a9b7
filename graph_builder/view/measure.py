"""How central each node is and which community it belongs to, for every view and export.

Measured on the full projection (``projection.project(full=True)``) before
any narrowing, so a node looks the same in every view of one graph, in the
page ``claimgraph viz`` draws and in Gephi alike:

* PageRank (damping 0.85) on the directed projection, where links run from
  claims to what they cite, mention and are about and from works to their
  authors; rank therefore gathers on the people, works, topics and documents
  many claims lean on, while claims stay small. A node's drawn ``size`` grows
  with the logarithm of its rank;
* communities are networkx's Louvain communities of the undirected projection
  with a fixed seed, numbered by size; the details panel names each one's most
  central members.

Both are computed here with numpy and networkx alone (``nx.pagerank`` needs
scipy, which claimgraph does not depend on) and never depend on the order in
which nodes or edges were added.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SMALLEST, LARGEST = 6.0, 30.0  # node radius in pixels at the lowest and highest PageRank
_DAMPING = 0.85
_SEED = 1
_NAMED_MEMBERS = 3


def measure(view: nx.DiGraph) -> None:
    """Give every node its ``pagerank``, a ``size`` from it and a ``community`` number,
    and name the community in its details."""
    if not view:
        return
    rank = pagerank(view)
    low, high = math.log(min(rank.values())), math.log(max(rank.values()))
    spread = (high - low) or 1.0
    for node, value in rank.items():
        share = (math.log(value) - low) / spread if high > low else 0.5
        view.nodes[node]["pagerank"] = value
        view.nodes[node]["size"] = round(SMALLEST + (LARGEST - SMALLEST) * share, 1)
    groups = communities(view)
    for number, members in enumerate(groups, start=1):
        central = sorted(members, key=lambda n: (-rank[n], n))[:_NAMED_MEMBERS]
        text = (f"{number} of {len(groups)}: {len(members)} node{'s' if len(members) > 1 else ''}"
                f"; most central: {'; '.join(view.nodes[n]['label'] for n in central)}")
        for node in members:
            view.nodes[node]["community"] = number
            view.nodes[node].setdefault("details", {})["Community"] = text


def pagerank(view: nx.DiGraph, damping: float = _DAMPING, tol: float = 1e-10) -> dict[str, float]:
    """PageRank by power iteration with numpy (``nx.pagerank`` needs scipy, which we do not).

    A node without out-links shares its rank with every node, as in networkx.
    """
    order = sorted(view)
    index = {node: i for i, node in enumerate(order)}
    n = len(order)
    pairs = np.array([(index[u], index[v]) for u, v in view.edges], dtype=np.intp).reshape(-1, 2)
    src, dst = pairs[:, 0], pairs[:, 1]
    out = np.bincount(src, minlength=n).astype(float)
    sink = out == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(1000):
        share = np.divide(rank, out, out=np.zeros(n), where=~sink)
        new = damping * np.bincount(dst, weights=share[src], minlength=n)
        new += (damping * rank[sink].sum() + 1 - damping) / n
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return dict(zip(order, rank.tolist(), strict=True))


def communities(view: nx.Graph) -> list[list[str]]:
    """Louvain communities, largest first, each sorted; the same graph always gives the same.

    Louvain is run on integer labels in sorted order, so neither insertion
    order nor string hashing (which varies between runs) can change its course.
    """
    order = sorted(view)
    index = {node: i for i, node in enumerate(order)}
    plain = nx.Graph()
    plain.add_nodes_from(range(len(order)))
    plain.add_edges_from(sorted((index[u], index[v]) for u, v in view.edges if u != v))
    found = nx.community.louvain_communities(plain, seed=_SEED)
    groups = [sorted(order[i] for i in group) for group in found]
    return sorted(groups, key=lambda g: (-len(g), g[0]))
