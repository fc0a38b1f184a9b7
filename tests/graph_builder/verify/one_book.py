"""A corpus of one invented book and a compilation quoting it, built in a test's folder.

Several verification tests set one sentence of a book against the way a compiler
quotes it; this writes the two files (the compilation citing the book in full) and
returns the build's quote checks, so each test states only the sentences.
"""

from __future__ import annotations

from pathlib import Path

from graph_builder.pipeline import build_graph
from graph_builder.verify import QuoteCheck

TITLE, AUTHOR = "The Harbour Book", "Anna Weller"
CITATION = "Weller, Anna. The Harbour Book. London: Quay Press, 1990, p. 3"


def quote_checks(folder: Path, book: str, *quoted: str) -> list[QuoteCheck]:
    """The checks of ``quoted`` (each a quotation under its own heading, citing the
    book) against a book whose text is ``book``, in the order quoted."""
    (folder / "book.txt").write_text(f"{TITLE}\n\n{AUTHOR}\n\n{book}\n", encoding="utf-8")
    blocks = [f"PART {n}\n\n{text}\n{CITATION}\n" for n, text in enumerate(quoted, start=1)]
    (folder / "quotes.txt").write_text("Harbours\n\n" + "\n".join(blocks), encoding="utf-8")
    checks = build_graph(folder).resolution.quote_checks
    return [checks[key] for key in sorted(checks, key=lambda k: int(k.split("|")[1]))]
