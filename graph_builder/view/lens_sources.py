"""The sources lens: documents, the works they cite, where those works are held and who wrote them.

Read left to right it is a bibliography drawn as a network:

* a document is joined to each work its claims cite (``cites``; weight = the
  citing claims, evidence = those claims);
* a cited work is joined to what holds it, up the chain (``part of``: an
  archival file to its inventory and fond, an article to its periodical, a
  chapter to its book; ``held by``: a fond to its archive), so an archive
  opens fond by fond and file by file. The graph says of every file, inventory
  and fond that the archive holds it; only the top of each chain is drawn so,
  or the archive would be a star of hundreds of files;
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
        cited = rel.linked(claim, "cites", "work")
        if document is not None:
            for work in cited:
                book.join(document, work, "cites", claim)
            beneath[document] += len(cited)
        holding = {holder for work in cited for holder in _holders(rel, work)}
        for holder in holding:  # a claim citing a file and its fond counts once for the fond
            beneath[holder] += 1
        reached |= holding
    for work in sorted(reached):
        if full.nodes[work]["kind"] != "work":
            continue
        parents = rel.linked(work, "part of", "work")
        for parent in parents:
            book.join(work, parent, "part of")
        above = {h for parent in parents for h in _holders(rel, parent)}
        for archive in rel.linked(work, "held by"):
            if archive not in above:  # drawn from the top of the chain only: fond by fond
                book.join(work, archive, "held by")
        for relation in _MAKERS:
            for maker in rel.linked(work, relation):
                book.join(work, maker, relation)
                beneath[maker] += beneath[work]
    lens = book.graph(full, title=_TITLE)
    size_by(lens, beneath)
    group(lens)
    works = sum(1 for _, kind in full.nodes(data="kind") if kind == "work")
    left = works - sum(1 for n in lens if full.nodes[n]["kind"] == "work")
    silent = sum(1 for n in documents.values() if n not in lens)
    lens.graph["note"] = (
        "Documents are linked to the works their claims cite (each link lists the claims "
        "behind it), cited works to the files, fonds, periodicals and books that hold them and "
        "on to their archives, and works to their authors and editors; size counts the "
        "citations beneath a node. " + _left_out(left, silent))
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


def _left_out(works: int, documents: int) -> str:
    """ "3 works that no claim cites ... are not drawn; search still finds them." """
    parts = ([f"{plural(works, 'work')} that no claim cites, directly or through a part"]
             if works else []) + ([f"{plural(documents, 'document')} citing nothing"]
                                  if documents else [])
    if not parts:
        return "Every work and document of the graph is drawn."
    verb = "is" if works + documents == 1 else "are"
    return f"{' and '.join(parts)} {verb} not drawn; search still finds them."
