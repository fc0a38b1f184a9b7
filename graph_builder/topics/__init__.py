"""Topics: the SKOS vocabulary, from back-of-book indexes and repeated terms, and its mentions."""
