"""PDF to readable text with pypdf, keeping the page each stretch of text is on.

A PDF holds positioned glyphs, not paragraphs. pypdf's layout mode lays each
page out as lines of text with blank lines where the page has vertical gaps,
so a blank line is a paragraph break; the lines of one paragraph are joined
with spaces, a word hyphenated at a line end is joined again, and a page's
furniture is dropped: a first or last line that is its page number, or a
running head or foot (a first or last line recurring, numbers aside, on three
pages or more).
A paragraph running on from one page to the next (the page ends mid-sentence
and the next starts in lower case) is joined, the page break inside it.

pypdf is imported here, so only a build that meets a PDF loads it. Each
page's label is what the PDF prints: its page label (``/PageLabels``:
"xii", "41") where it has them, else its physical number from 1. Encrypted
files are opened with the empty password that most "protected" PDFs use;
otherwise they, and scans with no text layer, are skipped with a warning.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from graph_builder.read.formats.assemble import Assembly, Extracted, FormatError

_FOLIO = re.compile(r"(?:[-–—]\s*)?(?:\d{1,3}|[ivxlcdm]{1,7})(?:\s*[-–—])?", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", "\"", "”", "’", ")", "]", "…")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad]$")
_NUMBERS = re.compile(r"\d+")
RUNNING_HEAD = 3  # pages a first or last line must recur on to be a running head


def extract(raw: bytes) -> Extracted:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings would flood the report
    with warnings.catch_warnings():  # ... as would Python warnings about odd files
        warnings.simplefilter("ignore")
        pages = _read(raw)
    lines = [_lines(text) for _, text in pages]
    heads = running_heads([(label, page) for (label, _), page in zip(pages, lines,
                                                                      strict=True)])
    paragraphs = [(label, _paragraphs(page, label, heads))
                  for (label, _), page in zip(pages, lines, strict=True)]
    if not any(ps for _, ps in paragraphs):
        raise FormatError(f"is a PDF of {len(pages)} page(s) with no text layer (a scan "
                          "without OCR?); skipped. Run OCR on it (ocrmypdf IN.pdf OUT.pdf) to "
                          "include it.")
    return _assemble(paragraphs)


def _read(raw: bytes) -> list[tuple[str, str]]:
    """(label, layout text) of every page."""
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("needs a password")
        labels = list(reader.page_labels)
        return [(labels[i] if i < len(labels) else str(i + 1), _page_text(page))
                for i, page in enumerate(reader.pages)]
    except (FileNotDecryptedError, DependencyError):
        raise FormatError("is an encrypted PDF that needs a password; skipped. Save a copy "
                          "without the password (qpdf --decrypt IN.pdf OUT.pdf) to include "
                          "it.") from None
    except PdfReadError as exc:
        raise FormatError(f"is not a readable PDF ({exc}); skipped. Repair it (qpdf IN.pdf "
                          "OUT.pdf) or export its text to include it.") from None


def _page_text(page: PageObject) -> str:
    """The page laid out as lines; pypdf's plain mode where layout mode fails on it."""
    try:
        return page.extract_text(extraction_mode="layout")
    except (ValueError, KeyError, TypeError, ZeroDivisionError, AttributeError):
        return page.extract_text()


def _lines(text: str) -> list[str]:
    """A page's lines with their white space collapsed ("" for a blank line)."""
    return [" ".join(line.split()) for line in text.split("\n")]


def _key(line: str) -> str:
    """A line as a running head repeats it: its numbers (chapter, page) set aside."""
    return _NUMBERS.sub("#", line.casefold())


def running_heads(pages: list[tuple[str, list[str]]]) -> set[str]:
    """Keys of first and last lines that recur on RUNNING_HEAD pages or more, or on two
    when they carry their page's label at one end: running heads and feet ("Chapter 2:
    The Terror   37"), which are the book's, not the text's. ``pages``: (label, lines)."""
    counts: Counter[str] = Counter()
    folioed: Counter[str] = Counter()
    for label, lines in pages:
        body = [line for line in lines if line]
        for line in {body[0], body[-1]} if body else ():
            counts[_key(line)] += 1
            words = line.split()
            folioed[_key(line)] += label in (words[0], words[-1])
    return {key for key, n in counts.items() if n >= RUNNING_HEAD or folioed[key] >= 2}


def _paragraphs(lines: list[str], label: str, heads: set[str] = frozenset()) -> list[str]:
    """A page's paragraphs: runs of non-blank lines, joined, without page furniture (a
    running head or foot, the page number) at its top or foot."""
    body = list(lines)
    for end in (0, -1, 0, -1):  # a head and a number may be two lines
        while body and not body[end]:
            body.pop(end)
        if body and (body[end] == label or _FOLIO.fullmatch(body[end])
                     or _key(body[end]) in heads):
            body.pop(end)
    paragraphs, run = [], []
    for line in [*body, ""]:
        if line:
            run.append(line)
        elif run:
            paragraphs.append(_join(run))
            run = []
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
