"""The claimgraph vocabulary: namespaces, IRI minting, ontology.ttl and shapes.ttl."""

from ontology.iris import DEFAULT_BASE, mint_iri
from ontology.namespaces import BIBO, CG, CITO, OA, PREFIXES, SDO

__all__ = ["BIBO", "CG", "CITO", "DEFAULT_BASE", "OA", "PREFIXES", "SDO", "mint_iri"]
