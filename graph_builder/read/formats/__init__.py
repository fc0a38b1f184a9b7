"""Readers that turn HTML, TEI XML, PDF and EPUB files into plain text.

Every later stage reads plain text line by line and points into it by
character offsets, so a file of another format is read once, here, into the
text those stages expect: one paragraph per line, a blank line between
paragraphs, headings on lines of their own (``assemble``). That extracted
text is the document's text; the build ships it beside the graph, so every
span stays checkable. One module per format, chosen by the file's suffix:

    .html .htm .xhtml  html   (lxml.html, with a readable-text step)
    .xml               tei    (TEI P5 only; other XML is skipped)
    .pdf               pdf    (pypdf, page labels kept)
    .epub              epub   (zip -> container.xml -> OPF spine -> html)

A file that cannot be read raises ``FormatError`` whose message is the one
warning line the corpus stage gives; the build goes on with the other files.
"""

from __future__ import annotations

import importlib

from graph_builder.read.formats.assemble import Extracted, FormatError

__all__ = ["FORMATS", "SUFFIXES", "Extracted", "FormatError", "extract_text"]

# suffix -> (module, what a file of the format is called in messages)
FORMATS: dict[str, tuple[str, str]] = {
    ".html": ("html", "an HTML file"),
    ".htm": ("html", "an HTML file"),
    ".xhtml": ("html", "an HTML file"),
    ".xml": ("tei", "a TEI XML file"),
    ".pdf": ("pdf", "a PDF"),
    ".epub": ("epub", "an EPUB"),
}
SUFFIXES = tuple(FORMATS)
MEDIA_TYPES = {"html": "text/html", "tei": "application/tei+xml", "pdf": "application/pdf",
               "epub": "application/epub+zip"}  # of each source_format


def extract_text(suffix: str, raw: bytes) -> Extracted:
    """The readable text of a file of one of these formats (``suffix`` as ".pdf").

    Raises FormatError, in one line, for a file that cannot be read: broken,
    encrypted, hostile, without text. The format libraries are imported only
    when a file of their format is met."""
    module_name, name = FORMATS[suffix.lower()]
    module = importlib.import_module(f"graph_builder.read.formats.{module_name}")
    try:
        extracted = module.extract(raw)
    except FormatError:
        raise
    except RecursionError:
        raise FormatError(f"is {name} too deeply nested to read; skipped. Convert it to "
                          "plain text to include it.") from None
    except Exception as exc:  # noqa: BLE001 - a third-party parser on hostile input: any error
        raise FormatError(f"could not be read as {name} ({type(exc).__name__}: "
                          f"{' '.join(str(exc).split())[:200]}); skipped. Convert it to plain "
                          "text to include it.") from None
    if not extracted.text.strip():
        raise FormatError(f"is {name} with no readable text (none at all, or only past the "
                          "parser's limits on size and nesting); skipped.")
    return extracted
