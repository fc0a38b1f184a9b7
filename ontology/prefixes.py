"""The project's prefixes as plain strings, for SPARQL prologues and serializers.

Kept apart from ``ontology.namespaces`` (which builds rdflib namespaces from
them) so that querying a built graph never imports rdflib: ``claimgraph
query`` and the endpoint's worker start a tenth of a second sooner.
"""

PREFIXES = {
    "schema": "https://schema.org/",
    "cito": "http://purl.org/spar/cito/",
    "bibo": "http://purl.org/ontology/bibo/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "cg": "https://w3id.org/claimgraph/ns#",
}
