"""Helpers the tests share: fixture files written on the fly (HTML, TEI, PDF, EPUB)."""
