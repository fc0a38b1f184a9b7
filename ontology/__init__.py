"""The claimgraph vocabulary: namespaces, IRI minting, ontology.ttl and shapes.ttl.

The rdflib namespaces (``SDO``, ``CG``...) load on first use, so that code that
only needs prefixes or IRIs (querying a built graph) does not import rdflib.
"""

from ontology.iris import DEFAULT_BASE, mint_iri
from ontology.prefixes import PREFIXES

__all__ = ["BIBO", "CG", "CITO", "DEFAULT_BASE", "OA", "PREFIXES", "SDO", "mint_iri"]
_NAMESPACES = {"BIBO", "CG", "CITO", "OA", "SDO"}


def __getattr__(name: str):
    if name in _NAMESPACES:
        from ontology import namespaces

        return getattr(namespaces, name)
    raise AttributeError(f"module 'ontology' has no attribute {name!r}")
