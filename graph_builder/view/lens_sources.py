"""The sources lens: documents, the works they cite, where those works are held and who wrote them.

Read left to right it is a bibliography drawn as a network:

* a document is joined to each work its claims cite (``cites``; weight = the
  citing claims, evidence = those claims);
* a cited work is joined to what holds it, up the chain (``part of``: an
  archival file to its inventory and fond, an article to its periodical, a
  chapter to its book; ``held by``: a fond to its archive), so an archive
  opens fond by fond and file by file;
* every work on the way is joined to its authors and editors (``author``,
  ``editor``; persons or organizations).

These links are structural: they carry no claim and weigh 1. A node is sized
by the citations beneath it: a work by the claims citing it or any of its
parts, a fond by all its files' citations, an archive by all it holds, a
person by the citations of what they wrote, a document by the claims in it
that cite. Works no claim cites, directly or through a part, are left out.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph_builder.view.lens_parts import EdgeBook, Relations, claims, group, plural, size_by

STRENGTH = ("cites", "part of", "held by", "author", "editor")
_MAKERS = ("author", "editor")
_TITLE = "Sources"


def sources_lens(full: nx.DiGraph, rel: Relations | None = None) -> nx.Graph:
    """Documents -> cited works -> their containers, archives and authors (module docstring)."""
    rel = rel or Relations(full)
    book = EdgeBook(STRENGTH)
    documents = {str(attrs["identifier"]): node for node, attrs in full.nodes(data=True)
                 if attrs["kind"] == "document" and "identifier" in attrs}
    beneath: dict[str, float] = defaultdict(float)  # citations of a node and all below it
    reached: set[str] = set()
    for claim in claims(full):
        document = documents.get(str(full.nodes[claim].get("document", "")))
        for work in rel.linked(claim, "cites", "work"):
            if document is not None:
                book.join(document, work, "cites", claim)
                beneath[document] += 1
            for holder in _holders(rel, work):
                beneath[holder] += 1
                reached.add(holder)
    for work in sorted(reached):
        if full.nodes[work]["kind"] != "work":
            continue
        for relation in ("part of", "held by"):
            for holder in rel.linked(work, relation):
                book.join(work, holder, relation)
        for relation in _MAKERS:
            for maker in rel.linked(work, relation):
                book.join(work, maker, relation)
                beneath[maker] += beneath[work]
    lens = book.graph(full, title=_TITLE)
    size_by(lens, beneath)
    group(lens)
    works = sum(1 for _, kind in full.nodes(data="kind") if kind == "work")
    left = works - sum(1 for n in lens if full.nodes[n]["kind"] == "work")
    lens.graph["note"] = (
        "Documents are linked to the works their claims cite (line width counts the claims), "
        "cited works to the files, fonds, periodicals and books that hold them and on to their "
        "archives, and works to their authors and editors; size counts the citations beneath a "
        "node; " + (f"{plural(left, 'work')} that no claim cites, directly or through a part, "
                    f"{'is' if left == 1 else 'are'} not drawn, and search still finds them."
                    if left else "every work of the graph is drawn."))
    return lens


def _holders(rel: Relations, work: str) -> list[str]:
    """`work` and all that holds it (``part of`` up the chain, then ``held by``), each once."""
    found, todo = [], [work]
    seen = {work}
    while todo:
        node = todo.pop()
        found.append(node)
        for relation in ("part of", "held by"):
            for holder in rel.linked(node, relation):
                if holder not in seen:
                    seen.add(holder)
                    todo.append(holder)
    return found
