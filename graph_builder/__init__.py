"""claimgraph: a folder of historical texts in, an RDF graph of people, works and claims out."""

__version__ = "0.1.0"
