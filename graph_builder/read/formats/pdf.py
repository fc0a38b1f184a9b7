"""PDF to readable text with pypdf, keeping the page each stretch of text is on.

A PDF holds positioned glyphs, not paragraphs. pypdf's layout mode lays each
page out as lines of text with blank lines where the page has vertical gaps,
so a blank line is a paragraph break; the lines of one paragraph are joined
with spaces, a word hyphenated at a line end is joined again, and a page's
first or last line that is only its page number is dropped (it is no text).
A paragraph running on from one page to the next (the page ends mid-sentence
and the next starts in lower case) is joined, the page break inside it.

Each page's label is what the PDF prints: its page label (``/PageLabels``:
"xii", "41") where it has them, else its physical number from 1. Encrypted
files are opened with the empty password that most "protected" PDFs use;
otherwise they, and scans with no text layer, are skipped with a warning.
"""

from __future__ import annotations

import io
import logging
import re

from graph_builder.read.formats.assemble import Assembly, Extracted, FormatError

_FOLIO = re.compile(r"(?:[-–—]\s*)?(?:\d{1,3}|[ivxlcdm]{1,7})(?:\s*[-–—])?", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", "\"", "”", "’", ")", "]", "…")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad]$")


def extract(raw: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings would flood the report
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("needs a password")
        labels = list(reader.page_labels)
        pages = [(labels[i] if i < len(labels) else str(i + 1), _page_text(page))
                 for i, page in enumerate(reader.pages)]
    except (FileNotDecryptedError, DependencyError):
        raise FormatError("is an encrypted PDF that needs a password; skipped. Save a copy "
                          "without the password (qpdf --decrypt IN.pdf OUT.pdf) to include "
                          "it.") from None
    except PdfReadError as exc:
        raise FormatError(f"is not a readable PDF ({exc}); skipped. Repair it (qpdf IN.pdf "
                          "OUT.pdf) or export its text to include it.") from None
    paragraphs = [(label, _paragraphs(text, label)) for label, text in pages]
    if not any(ps for _, ps in paragraphs):
        raise FormatError(f"is a PDF of {len(pages)} page(s) with no text layer (a scan "
                          "without OCR?); skipped. Run OCR on it (ocrmypdf IN.pdf OUT.pdf) to "
                          "include it.")
    return _assemble(paragraphs)


def _page_text(page: object) -> str:
    """The page laid out as lines; pypdf's plain mode where layout mode fails on it."""
    try:
        return page.extract_text(extraction_mode="layout")
    except (ValueError, KeyError, TypeError, ZeroDivisionError, AttributeError):
        return page.extract_text()


def _paragraphs(text: str, label: str) -> list[str]:
    """A page's paragraphs: runs of non-blank lines, joined, without the page number."""
    paragraphs, lines = [], []
    for line in [*text.split("\n"), ""]:
        line = " ".join(line.split())
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append(_join(lines))
            lines = []
    for end in (0, -1):
        if paragraphs and (paragraphs[end] == label or _FOLIO.fullmatch(paragraphs[end])):
            paragraphs.pop(end)
    return paragraphs


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if _HYPHENATED.search(text) and line[:1].islower():
            text = text[:-1] + line  # "revo-" + "lution"
        else:
            text = f"{text} {line}"
    return text.replace("\u00ad", "")


def _assemble(pages: list[tuple[str, list[str]]]) -> Extracted:
    assembly = Assembly()
    last = ""
    for label, paragraphs in pages:
        for i, paragraph in enumerate(paragraphs):
            runs_on = i == 0 and last and not last.endswith(_SENTENCE_END) \
                and paragraph[:1].islower()
            if not runs_on:
                assembly.paragraph()
            else:
                assembly.add(" ")
            if i == 0:
                assembly.mark("page", label)
            assembly.add(paragraph)
            last = paragraph
    return assembly.result("pdf", "")
