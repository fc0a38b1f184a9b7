"""Reading: a corpus folder into documents, their blocks, claims and footnotes (per document)."""
