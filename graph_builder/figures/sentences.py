"""Where the sentence and the clause around a figure begin and end.

What a figure counts, when and where, is said in its own clause or sentence: a
semicolon separates the items of a list of figures ("in 1921 25%; in 1929 11%"),
so the clause is searched first and the sentence after it.
"""

from __future__ import annotations

import bisect
import re

# a full stop, question or exclamation mark (and a closing quote or bracket) before
# white space and a capital or an opening quote: not "1.5", not "p. 25"
# and a footnote's superscript number: "were executed.¹⁵ In Siberia"
SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]?[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s+(?=[\"“‘(\[]?[A-Z])|\n\s*\n")
CLAUSE_END = re.compile(r";|:\s")


class Sentences:
    """The sentence and clause boundaries of one text, looked up by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        self.clause_starts = sorted({0, *self.starts, *(m.end() for m in
                                                       CLAUSE_END.finditer(text))})

    @staticmethod
    def _around(starts: list[int], size: int, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_left(starts, end)
        return starts[max(i, 0)], (starts[j] if j < len(starts) else size)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding ``[start, end)``."""
        return self._around(self.starts, len(self.text), start, end)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding ``[start, end)`` (a sentence, or its part between
        semicolons)."""
        return self._around(self.clause_starts, len(self.text), start, end)
