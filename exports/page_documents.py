"""Which source documents each node of a page stands in, for the page's document filter.

A claim stands in its own document (the page already has it as ``doc``); a
person, work, topic or figure group in the documents of the claims it is
linked to, counted over the whole graph (not only the few claims its details
list), so choosing a document keeps exactly the nodes that document speaks of.
What holds a cited work (its volume, fond, archive, publisher) and who wrote
it stand in the documents that cite the work: an archive no claim names
still belongs to the documents that cite its files, and to no other.
Documents are written once (``docList``) and referred to by number.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from graph_builder.view.projection import CLAIM_KINDS


def add_documents(data: dict, full: nx.Graph, order: list,
                  claims: Callable[[object], list]) -> None:
    """Give each non-claim entry of ``data["info"]`` its documents, as numbers into
    ``data["docList"]`` (sorted identifiers); `claims` gives a node's claims in `full`."""
    found: list[set[str]] = []
    for node in order:
        attrs = full.nodes[node] if node in full else {}
        if attrs.get("kind") in CLAIM_KINDS:
            found.append(set())
            continue
        docs = {str(attrs[key]) for key in ("document", "identifier") if attrs.get(key)}
        docs.update(str(full.nodes[c]["document"]) for c in claims(node)
                    if full.nodes[c].get("document"))
        found.append(docs)
    _pass_up(full, order, found)
    listed = sorted(set().union(*found)) if found else []
    number = {doc: i for i, doc in enumerate(listed)}
    data["docList"] = listed
    for entry, docs in zip(data["info"], found, strict=True):
        if docs:
            entry["docs"] = sorted(number[d] for d in docs)


#: Links along which a work's documents pass to what holds it and who made it.
_UPWARD = frozenset({"part of", "held by", "publisher", "author", "editor", "translator"})


def _pass_up(full: nx.Graph, order: list, found: list[set[str]]) -> None:
    """Give containers and makers the documents of the works below them, through chains
    (file, inventory, fond, archive) of any length."""
    at = {node: i for i, node in enumerate(order)}
    ready = [node for node in order if node in full and found[at[node]]]
    while ready:
        node = ready.pop()
        docs = found[at[node]]
        for _, up, kind in full.out_edges(node, data="kind"):
            if kind in _UPWARD and up in at and full.nodes[node].get("kind") == "work" \
                    and not docs <= found[at[up]]:
                found[at[up]] |= docs
                ready.append(up)
