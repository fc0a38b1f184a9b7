"""Querying a built graph: its store, SPARQL with its guard, named queries, SHACL validation."""
