"""JSON-LD 1.1 (W3C), compact form, with the @context that ships in ``ontology/``.

Oxigraph writes JSON-LD only in expanded form (full IRIs, every value an
array), so the compact document is made here from the sorted triples: the
@context is ``ontology/context.jsonld`` (the project's prefixes, so web
developers can reuse it), the @graph holds one node object per subject, keys
and types are compact IRIs (``schema:name``), and a literal keeps its exact
lexical form and datatype as ``{"@value", "@type"}`` (a JSON number would turn
"0042"^^xsd:nonNegativeInteger into 42^^xsd:integer). Plain strings stay plain;
language-tagged strings carry ``@language``. Node IRIs stay absolute, since the
build's IRI base may differ from one graph to the next.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from exports.graphdata import GraphData
from graph_builder.support.atomic import write_text
from ontology.terms import RDF, XSD

CONTEXT_FILE = "context.jsonld"


@cache
def context() -> dict[str, object]:
    """The shipped @context's content: prefix -> namespace IRI."""
    text = resources.files("ontology").joinpath(CONTEXT_FILE).read_text(encoding="utf-8")
    return json.loads(text)["@context"]


class _Compactor:
    """IRIs to compact IRIs under the context's prefixes, each IRI worked out once."""

    def __init__(self, prefixes: dict[str, object]):
        # Longest namespace first, so a namespace nested in another wins.
        self._prefixes = sorted(((ns, p) for p, ns in prefixes.items() if isinstance(ns, str)),
                                key=lambda item: -len(item[0]))
        self._cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        compact = self._cache.get(iri)
        if compact is None:
            compact = self._cache[iri] = self._compact(iri)
        return compact

    def _compact(self, iri: str) -> str:
        for namespace, prefix in self._prefixes:
            suffix = iri[len(namespace):]
            # "p://x" would read back as an absolute IRI, not as a compact one.
            if iri.startswith(namespace) and suffix and not suffix.startswith("//"):
                return f"{prefix}:{suffix}"
        return iri


def _node_id(node: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else node.value


def _value(term: object, compact: _Compactor) -> object:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype == XSD.string:
            return term.value
        return {"@value": term.value, "@type": compact(term.datatype.value)}
    return {"@id": _node_id(term)}


def _add(node: dict[str, object], key: str, value: object) -> None:
    held = node.get(key)
    if held is None:
        node[key] = value
    elif isinstance(held, list):
        held.append(value)
    else:
        node[key] = [held, value]


def document(graph: GraphData) -> dict[str, object]:
    """The compact JSON-LD document of ``graph``, as JSON-ready Python objects."""
    compact = _Compactor(context())
    nodes: dict[str, dict[str, object]] = {}
    for t in graph.triples:
        subject = _node_id(t.subject)
        node = nodes.get(subject)
        if node is None:
            node = nodes[subject] = {"@id": subject}
        if t.predicate == RDF.type and not isinstance(t.object, ox.Literal):
            _add(node, "@type", compact(_node_id(t.object)))
        else:
            _add(node, compact(t.predicate.value), _value(t.object, compact))
    return {"@context": context(), "@graph": list(nodes.values())}


def render(doc: dict[str, object]) -> str:
    """The document as JSON with one node object per line: greppable and diffable, and
    twice as quick to write as indenting every value (json's C encoder does no indents)."""
    nodes = ",\n  ".join(json.dumps(node, ensure_ascii=False) for node in doc["@graph"])
    head = json.dumps(doc["@context"], ensure_ascii=False, indent=1).replace("\n", "\n ")
    return f'{{\n "@context": {head},\n "@graph": [\n  {nodes}\n ]\n}}\n'


def write(graph: GraphData, dest: Path) -> None:
    write_text(dest, render(document(graph)))
