"""A text as normalised words, each with the characters it came from.

Quotations and their sources differ in what does not change the words: case,
quote and dash style, punctuation, footnote superscripts, a page break or a line
broken with a hyphen. Comparing normalised words makes those differences vanish
from the search and the alignment; keeping each word's offsets lets a match map
back to an exact span, and the raw text between words lets the verdict still
name the harmless differences ("variant") instead of hiding them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# a word: letters or digits (superscript footnote markers are not), with inner apostrophes;
# or a number printed with thousands separators ("1,000" is the word "1000")
_WORD = re.compile(r"\d{1,3}(?:[,.]\d{3})+(?!\d)|[^\W_¹²³⁰-⁹]+(?:['’][^\W_¹²³⁰-⁹]+)*")
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,300}\]")  # an editor's insertion: [Soviet], [...]
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
_APOSTROPHES = str.maketrans("", "", "'’,.")


@lru_cache(maxsize=1 << 16)  # a corpus has far fewer word forms than words
def normalise(word: str) -> str:
    """Case folded, accents and apostrophes dropped, digits' separators dropped."""
    word = word.casefold().translate(_APOSTROPHES)
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word)
                       if not unicodedata.combining(c))
    return word


@dataclass
class Tokens:
    """Parallel lists: each word's normal form, its span in the document, whether an
    editor's brackets hold it, and which stretch of text (block) it lies in."""

    norms: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    bracketed: list[bool] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    ellipsis_before: set[int] = field(default_factory=set)  # word indices after an ellipsis

    def add(self, text: str, offset: int, block: int = 0, skip: tuple[int, int] | None = None
            ) -> None:
        """The words of ``text`` (which starts at ``offset`` of the document), but
        none inside ``skip`` (document offsets, e.g. a compiler's headnote)."""
        brackets = [(m.start(), m.end()) for m in _BRACKETED.finditer(text)]
        ellipses = [m.start() for m in _ELLIPSIS.finditer(text)]
        b = e = 0
        for m in _WORD.finditer(text):
            start = m.start()
            if skip is not None and skip[0] <= start + offset < skip[1]:
                continue
            while b < len(brackets) and brackets[b][1] <= start:
                b += 1
            while e < len(ellipses) and ellipses[e] < start:
                self.ellipsis_before.add(len(self.norms))
                e += 1
            self.norms.append(normalise(m.group()))
            self.starts.append(start + offset)
            self.ends.append(m.end() + offset)
            self.bracketed.append(b < len(brackets) and brackets[b][0] < start)
            self.blocks.append(block)

    def __len__(self) -> int:
        return len(self.norms)


def claim_tokens(text: str, span_start: int, span_end: int, headnote: str = "") -> Tokens:
    """A claim's words (``text[span_start:span_end]`` of its document), without the
    compiler's headnote that opens it: the headnote is the compiler's, not the
    quoted words."""
    skip = None
    if headnote:
        at = text.find(headnote, span_start, span_end)
        if at >= 0:
            skip = (at, at + len(headnote))
    tokens = Tokens()
    tokens.add(text[span_start:span_end], span_start, skip=skip)
    return tokens
