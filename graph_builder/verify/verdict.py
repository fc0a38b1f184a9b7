"""What an alignment shows: a verdict, the differences in words, the share matched.

The verdict weighs what changes meaning above what does not: a part of the
quotation that the source lacks (partial) above words substituted, inserted or
moved (altered), above words left out (abridged), above differences of case,
punctuation, quote or dash style, spelling or number format (variant). Every
difference is listed, so a reader sees "abandonment → abandoning" rather than a
score; harmless ones are listed too, since hiding them would hide the check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph_builder.verify.align import Alignment
from graph_builder.verify.check import (
    ABRIDGED,
    ALTERED,
    NOT_FOUND,
    PARTIAL,
    VARIANT,
    VERBATIM,
)
from graph_builder.verify.tokens import Tokens

_LONG_GAP = 6  # quotation words the source lacks in one run: a part not found, not an insertion
_LONG_INSERT = 15  # ... inside the quotation: shorter is a clause added (altered)
_FOUND_RUN = 8  # a run of this many words, a fifth of the quotation, aligned is a find
_LONG_RUN = 20  # a run this long aligned is a find, however long the quotation
_MAX_ITEMS = 20
_SHOWN = 70  # characters of a long run shown in a difference
_STYLE = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": '"',
                        "’": '"', "‚": '"', "'": '"', "–": "-", "—": "-", "‑": "-", "−": "-"})
_MARKERS = str.maketrans("", "", " \t\n\r\u00a0¹²³⁰⁴⁵⁶⁷⁸⁹")
# British and American spellings of one word ("labour"/"labor", "organise"/"organize")
_SPELLINGS = (("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("our", "or"),
              ("ogue", "og"), ("ence", "ense"), ("ll", "l"), ("ae", "e"), ("oe", "e"))


_UNITS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"))}
_TENS = {w: 10 * n for n, w in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def number_of(words: list[str]) -> int | None:
    """The number a run of words states, in digits ("600") or in English words ("six
    hundred", "thirty thousand"); None if it states none."""
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    total = current = 0
    for word in words:
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        elif word in _SCALES and current:
            current *= _SCALES[word]
            if _SCALES[word] > 100:
                total, current = total + current, 0
        elif word != "and" or not (total or current):
            return None
    return total + current if words else None


@dataclass
class Reading:
    """A checked quotation: its verdict, share of words matched, differences and the
    source span (start, end) it was matched to."""

    verdict: str
    matched: float
    differences: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None


def _found(runs: list[int], share: float, length: int) -> bool:
    """Half the quotation's words aligned; or a run of several words that is a fifth of
    it; or a long run. A formula both texts share ("The Central Committee and the
    Council of ...") inside a quotation the source lacks is no find."""
    longest = max(runs, default=0)
    return bool(runs) and (share >= 0.5 or longest >= _LONG_RUN or (
        longest >= min(_FOUND_RUN, length) and share >= 0.2))


def _spelling(word: str) -> str:
    """A British spelling made American; a short word is left alone, since "four" and
    "for", "our" and "or" are other words, not other spellings."""
    if len(word) < 5:
        return word
    for british, american in _SPELLINGS:
        word = word.replace(british, american)
    return word[:-3] + "ter" if word.endswith("tre") else word


def _words(tokens: Tokens, text: str, i1: int, i2: int) -> str:
    """The words i1..i2 as printed (brackets kept), shortened when long."""
    shown = " ".join(text[tokens.starts[i1] - 0:tokens.ends[i2 - 1]].split())
    if tokens.bracketed[i1] and not shown.startswith("["):
        shown = f"[{shown}]"
    if len(shown) > _SHOWN:
        shown = f"{shown[:_SHOWN // 2].rstrip()} … {shown[-_SHOWN // 2:].lstrip()}"
    return shown


class _Reader:
    def __init__(self, quote: Tokens, quote_text: str, source: Tokens, source_text: str):
        self.q, self.qt, self.s, self.st = quote, quote_text, source, source_text
        self.items: list[str] = []
        self.style: list[str] = []  # harmless differences
        self.flags: set[str] = set()

    def read(self, alignment: Alignment) -> Reading:
        moved = {(i1, i2) for i1, i2, _, _ in alignment.moved}
        same = 0
        swapped = self._swapped_numbers(alignment.ops)
        shifted = self._shifted_words(alignment.ops, swapped)
        for k, (tag, i1, i2, j1, j2) in enumerate(alignment.ops):
            if k in swapped:
                same += i2 - i1
                if tag == "insert":
                    self._harmless(self._order(alignment.ops[k], alignment.ops[swapped[k]]))
            elif k in shifted:
                same += i2 - i1
                if tag == "insert":
                    self.flags.add(ALTERED)
                    self.items.append(self._past(alignment.ops[k], alignment.ops[shifted[k]]))
            elif tag == "equal":
                same += i2 - i1
                self._equal(i1, i2, j1)
            elif (i1, i2) in moved:
                same += i2 - i1
                self.flags.add(ALTERED)
                self.items.append(f"moved: “{_words(self.q, self.qt, i1, i2)}” is elsewhere "
                                  "in the source (sentences in another order)")
            elif tag == "replace":
                same += self._replace(i1, i2, j1, j2)
            elif tag == "insert":
                self._insert(i1, i2)
            else:
                self._delete(i1, j1, j2)
        share = same / len(self.q) if len(self.q) else 0.0
        runs = [i2 - i1 for tag, i1, i2, *_ in alignment.ops if tag == "equal"]
        if not _found(runs, share, len(self.q)):
            return Reading(NOT_FOUND, round(share, 3))
        verdict = next((v for v in (PARTIAL, ALTERED, ABRIDGED, VARIANT) if v in self.flags),
                       VERBATIM)
        items = self.items + self.style
        if len(items) > _MAX_ITEMS:
            items = items[:_MAX_ITEMS] + [f"… and {len(items) - _MAX_ITEMS} more"]
        return Reading(verdict, round(share, 3), items, self._span(alignment))

    def _swapped_numbers(self, ops: list[tuple[str, int, int, int, int]]) -> dict[int, int]:
        """Ops that only move one number past a word or two ("May 7" / "7 May"): one
        word inserted and the same word left out, within two ops of each other; each
        op's index maps to its partner's."""
        found: dict[int, int] = {}
        for k, (tag, i1, i2, _j1, _j2) in enumerate(ops):
            if tag != "insert" or i2 - i1 != 1 or not self.q.norms[i1].isdigit():
                continue
            for m in range(max(0, k - 2), min(len(ops), k + 3)):
                other = ops[m]
                if (other[0] == "delete" and other[4] - other[3] == 1 and m not in found
                        and self.s.norms[other[3]] == self.q.norms[i1]):
                    found.update({k: m, m: k})
                    break
        return found

    def _shifted_words(self, ops: list[tuple[str, int, int, int, int]],
                       taken: dict[int, int]) -> dict[int, int]:
        """Ops that move a few words past others in one sentence ("the band, the
        proprietors" / "the proprietors, the band"): words inserted and the same words
        left out, within two ops of each other. Read as "− the proprietors; + the
        proprietors" a reader sees words lost and added, not words that changed place."""
        found: dict[int, int] = {}
        for k, (tag, i1, i2, _j1, _j2) in enumerate(ops):
            if tag != "insert" or k in taken or not 0 < i2 - i1 < _LONG_GAP:
                continue
            words = sorted(self.q.norms[i1:i2])
            for m in range(max(0, k - 2), min(len(ops), k + 3)):
                other = ops[m]
                if (other[0] == "delete" and m not in taken and m not in found
                        and sorted(self.s.norms[other[3]:other[4]]) == words):
                    found.update({k: m, m: k})
                    break
        return found

    def _past(self, inserted: tuple[str, int, int, int, int],
              deleted: tuple[str, int, int, int, int]) -> str:
        """Words moved, and the quotation's words they were moved past."""
        _, i1, i2, _, _ = inserted
        at = deleted[1]  # where in the quotation the source has them
        moved = _words(self.q, self.qt, i1, i2)
        a, b = (i2, at) if at > i2 else (at, i1)
        past = f" past “{_words(self.q, self.qt, a, b)}”" if b > a else ""
        return f"moved within the sentence: “{moved}”{past}"

    def _order(self, inserted: tuple[str, int, int, int, int],
               deleted: tuple[str, int, int, int, int]) -> str:
        """The words a moved number is printed beside, in the quotation's order and the
        source's: "March 5 → 5 March", not the number alone."""
        _, number, _, j_at, _ = inserted  # the quotation's number; where the source lacks it
        _, i_at, _, j_number, _ = deleted  # the source's number; where the quotation lacks it
        quoted = _words(self.q, self.qt, min(number, i_at), max(number + 1, i_at))
        printed = _words(self.s, self.st, min(j_number, j_at), max(j_number + 1, j_at))
        return f"date or number order: {quoted} → {printed}"

    def _span(self, alignment: Alignment) -> tuple[int, int]:
        runs = [(j1, j2) for tag, _, _, j1, j2 in alignment.ops if tag != "insert" and j2 > j1]
        runs += [(j1, j2) for _, _, j1, j2 in alignment.moved]
        start = min(self.s.starts[j1] for j1, _ in runs)
        return start, max(self.s.ends[j2 - 1] for _, j2 in runs)

    def _equal(self, i1: int, i2: int, j1: int) -> None:
        q, s = self.q, self.s
        for k in range(i2 - i1):
            i, j = i1 + k, j1 + k
            a, b = self.qt[q.starts[i]:q.ends[i]], self.st[s.starts[j]:s.ends[j]]
            if a != b:
                kind = ("case" if a.casefold() == b.casefold() else "quote/dash style"
                        if a.translate(_STYLE) == b.translate(_STYLE) else "spelling")
                self._harmless(f"{kind}: {a} → {b}")
            if k and s.blocks[j] == s.blocks[j - 1]:
                self._separator(self.qt[q.ends[i - 1]:q.starts[i]],
                                self.st[s.ends[j - 1]:s.starts[j]])

    def _separator(self, a: str, b: str) -> None:
        a, b = a.translate(_MARKERS), b.translate(_MARKERS)
        if a == b:
            return
        kind = "quote/dash style" if a.translate(_STYLE) == b.translate(_STYLE) else "punctuation"
        self._harmless(f"{kind}: “{a}” → “{b}”" if a and b else
                       f"{kind}: {'+' if a else '−'} “{a or b}”")

    def _harmless(self, item: str) -> None:
        self.flags.add(VARIANT)
        self.style.append(item)

    def _replace(self, i1: int, i2: int, j1: int, j2: int) -> int:
        """Words substituted; returns how many count as matched (a spelling variant)."""
        qw, sw = self.q.norms[i1:i2], self.s.norms[j1:j2]
        was, now = _words(self.q, self.qt, i1, i2), _words(self.s, self.st, j1, j2)
        number = number_of(qw)
        if number is not None and number == number_of(sw):
            self._harmless(f"number format: {was} → {now}")
            return i2 - i1
        if "".join(qw) == "".join(sw) or (len(qw) == len(sw) and all(
                _spelling(a) == _spelling(b) for a, b in zip(qw, sw, strict=True))):
            self._harmless(f"spelling: {was} → {now}")
            return i2 - i1
        self.flags.add(ALTERED)
        self.items.append(f"{was} → {now}")
        return 0

    def _insert(self, i1: int, i2: int) -> None:
        """Words the source lacks: at an edge, or a passage's worth inside, a part not
        found (partial); a clause inside, an insertion (altered)."""
        words = _words(self.q, self.qt, i1, i2)
        edge = i1 == 0 or i2 == len(self.q)
        if i2 - i1 >= (_LONG_GAP if edge else _LONG_INSERT) and not all(
                self.q.bracketed[i1:i2]):
            self.flags.add(PARTIAL)
            self.items.append(f"not in the source: “{words}”")
        else:
            self.flags.add(ALTERED)
            self.items.append(f"+ {words}")

    def _delete(self, i1: int, j1: int, j2: int) -> None:
        self.flags.add(ABRIDGED)
        mark = " (at an ellipsis)" if i1 in self.q.ellipsis_before else ""
        count = f"{j2 - j1} words: " if j2 - j1 > 12 else ""
        self.items.append(f"− {count}{_words(self.s, self.st, j1, j2)}{mark}")


def read_alignment(alignment: Alignment, quote: Tokens, quote_text: str, source: Tokens,
                   source_text: str) -> Reading:
    """The verdict and differences of an aligned quotation (texts: the documents')."""
    if not alignment.found:
        return Reading(NOT_FOUND, 0.0)
    return _Reader(quote, quote_text, source, source_text).read(alignment)
