"""Paragraphs in, one plain text out: the shape every format reader produces.

The later stages read a text line by line (``read.segment``), so every reader
hands its paragraphs and headings here and gets back one text with one
paragraph per line and a blank line between paragraphs, its white space
collapsed. Marks placed among the pieces of a paragraph (a page break, the
start and end of a marked name) come out as offsets into that final text, so
what a reader knows about where things are survives the normalisation.

``Walker`` walks a parsed lxml tree without recursion (a hostile file may nest
thousands deep) and leaves the per-format decisions (which elements are
blocks, which are dropped) to a subclass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"(\s+)")
# Control characters have no place in a text line (the segmenter would keep them, and RDF
# literals escape them); tabs and newlines are white space and collapse like spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")  # as read.segment's note markers


class FormatError(ValueError):
    """A file of a known format that cannot be read; the message says what and what to
    do, and becomes the file's one warning line."""


@dataclass(frozen=True)
class Extracted:
    """A file's readable text and what the reader knew about it.

    ``pages`` are (offset where a page starts in ``text``, its label), in order;
    ``names`` are (start, end) spans the markup itself marks as personal names."""

    text: str
    source_format: str
    encoding: str = ""
    pages: tuple[tuple[int, str], ...] = ()
    names: tuple[tuple[int, int], ...] = ()


class Assembly:
    """Collects the pieces of paragraphs and joins them into one text."""

    def __init__(self) -> None:
        self._paragraphs: list[str] = []
        self._length = 0  # of the text so far, "\n\n" separators included
        self._pieces: list[str | tuple[str, str]] = []
        self._waiting: list[tuple[str, str]] = []  # start marks waiting for the next word
        self.pages: list[tuple[int, str]] = []
        self.names: list[tuple[int, int]] = []
        self._name_start: list[int] = []

    def add(self, text: str | None) -> None:
        """Running text of the current paragraph."""
        if text:
            self._pieces.append(text)

    def mark(self, kind: str, value: str = "") -> None:
        """``page`` (a page starts here, labelled ``value``), ``name`` / ``end-name``."""
        self._pieces.append((kind, value))

    def has_text(self) -> bool:
        return any(isinstance(p, str) and p.strip() for p in self._pieces)

    def paragraph_text(self) -> str:
        """The current paragraph so far, normalised."""
        return " ".join("".join(p for p in self._pieces if isinstance(p, str)).split())

    def first_paragraph(self) -> str:
        return self._paragraphs[0] if self._paragraphs else ""

    def paragraph(self, text: str | None = None) -> None:
        """End the current paragraph (after adding ``text``); nothing if it is empty."""
        self.add(text)
        words: list[str] = []
        at, space, started = 0, False, False
        base = self._length + (2 if self._paragraphs else 0)
        for piece in self._pieces:
            if isinstance(piece, tuple):
                if piece[0] == "end-name":
                    if ("name", "") in self._waiting:  # a name with no words in it
                        self._waiting.remove(("name", ""))
                    elif self._name_start:
                        self.names.append((self._name_start.pop(), base + at))
                else:
                    self._waiting.append(piece)
                continue
            for token in _SPACES.split(_CONTROL.sub("", piece)):
                if not token:
                    continue
                if token.isspace():
                    space = started
                    continue
                if space:
                    words.append(" ")
                    at += 1
                    space = False
                self._settle(base + at)
                words.append(token)
                at += len(token)
                started = True
        self._pieces = []
        if not words:
            return
        self._paragraphs.append("".join(words))
        self._length = base + at

    def _settle(self, offset: int) -> None:
        for kind, value in self._waiting:
            if kind == "page":
                if self.pages and self.pages[-1][0] == offset:
                    self.pages.pop()  # an empty page: the next label is the one shown
                self.pages.append((offset, value))
            elif kind == "name":
                self._name_start.append(offset)
        self._waiting = []

    def result(self, source_format: str, encoding: str = "") -> Extracted:
        self.paragraph()
        text = "\n\n".join(self._paragraphs)
        if text:
            text += "\n"
        names = tuple(sorted((s, e) for s, e in self.names if s < e))
        return Extracted(text, source_format, encoding, tuple(self.pages), names)


def with_title(extracted: Extracted, title: str) -> Extracted:
    """``extracted`` led by ``title`` on a line of its own, unless it starts with it
    already: the first line is what names a document (``Document.title``)."""
    title = " ".join(_CONTROL.sub("", title).split())
    first = extracted.text.split("\n", 1)[0]
    if not title or first.casefold() == title.casefold():
        return extracted
    shift = len(title) + 2
    return Extracted(f"{title}\n\n{extracted.text}" if extracted.text else title + "\n",
                     extracted.source_format, extracted.encoding,
                     tuple((o + shift, label) for o, label in extracted.pages),
                     tuple((s + shift, e + shift) for s, e in extracted.names))


SKIP = "skip"


class Walker:
    """Walks an lxml element tree in document order, iteratively.

    ``start`` returns SKIP to leave an element's content (not its tail) out;
    text and tails go to ``add``. Subclasses decide what starts and ends blocks."""

    def __init__(self, assembly: Assembly) -> None:
        self.out = assembly

    def walk(self, root: object) -> None:
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            elem, done = stack.pop()
            if done:
                self.end(elem)
                if elem is not root:
                    self.add(elem.tail)
                continue
            if not isinstance(elem.tag, str) or self.start(elem) == SKIP:
                if elem is not root:  # comments, processing instructions, entities
                    self.add(elem.tail)
                continue
            self.add(elem.text)
            stack.append((elem, True))
            stack.extend((child, False) for child in reversed(elem))

    def add(self, text: str | None) -> None:
        self.out.add(text)

    def start(self, elem: object) -> str | None:
        raise NotImplementedError

    def end(self, elem: object) -> None:
        raise NotImplementedError
