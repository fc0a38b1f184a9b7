"""The ontology's closed namespaces as Oxigraph nodes, for the modules that build triples.

rdflib's closed-namespace check costs a microsecond per access; a build makes
hundreds of thousands, so each checked node is cached as a plain attribute on
first use (an unknown term still fails, at that first use).
"""

from __future__ import annotations

import pyoxigraph as ox

from ontology import BIBO as _BIBO
from ontology import CG as _CG
from ontology import CITO as _CITO
from ontology import OA as _OA
from ontology import SDO as _SDO
from ontology.namespaces import PROV as _PROV
from ontology.namespaces import RDF as _RDF
from ontology.namespaces import RDFS as _RDFS
from ontology.namespaces import SKOS as _SKOS
from ontology.namespaces import XSD as _XSD


class _OxTerms:
    """A closed rdflib namespace seen as Oxigraph nodes, each looked up once."""

    def __init__(self, namespace: object):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


BIBO, CG, CITO, OA, SDO = (_OxTerms(ns) for ns in (_BIBO, _CG, _CITO, _OA, _SDO))
PROV, RDF, RDFS, SKOS, XSD = (_OxTerms(ns) for ns in (_PROV, _RDF, _RDFS, _SKOS, _XSD))
