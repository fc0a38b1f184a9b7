"""Where in a source a quotation lies, and its words aligned with the source's.

The n-gram hits are grouped by where they fall in the source; the group that
covers most of the quotation's words gives a window, and difflib aligns the
quotation's words with the window's. Grouping by position in the source, not
by one diagonal, lets a quotation that leaves words out (or inserts some) still
be one group. A quotation whose sentences are printed in another order than
the source's leaves a long run unaligned; that run is looked for again, on its
own, so moved sentences are found and reported as moved rather than missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from graph_builder.verify.index import N, SourceIndex

_PAD = 12  # source words around a group's reach that the window adds
_MIN_EDGE_BLOCK = 3  # an aligned run this short at an edge, far from the rest, is chance
_MIN_RUN = 8  # an unaligned run of quotation words this long is looked for again
_MAX_WINDOW = 6  # a window spans at most this many times the quotation's words (and some)
_EDGE_WORDS = 3  # unaligned words at an edge, this few, are set against the source's there


@dataclass
class Alignment:
    """Aligned quotation (i) and source (j, word indices of the source) runs, as
    difflib opcodes in quotation order; ``moved`` holds runs found elsewhere."""

    ops: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    moved: list[tuple[int, int, int, int]] = field(default_factory=list)  # (i1, i2, j1, j2)

    @property
    def found(self) -> bool:
        return any(tag == "equal" for tag, *_ in self.ops)


def _best_group(hits: list[tuple[int, int]], length: int) -> tuple[int, int] | None:
    """The source window (first, last word) of the group of hits covering the most
    distinct quotation words; hits further apart than the quotation is long (twice,
    plus some) start a new group."""
    if not hits:
        return None
    reach = 2 * length + 40
    best, best_score = None, 0
    group = [hits[0]]
    for hit in [*hits[1:], None]:
        if hit is not None and hit[0] - group[-1][0] <= reach:
            group.append(hit)
            continue
        score = len({i for _, i in group})
        if score > best_score:
            best, best_score = _window(group, length), score
        if hit is not None:
            group = [hit]
    return best


def _window(group: list[tuple[int, int]], length: int) -> tuple[int, int]:
    """The source words a group of hits spans, at most a few times the quotation's
    length around the median hit: aligning costs the quotation's length times the
    window's, which must not grow with the source."""
    lo = min(j - i for j, i in group)
    hi = max(j + length - i for j, i in group)
    if hi - lo > _MAX_WINDOW * length + 300:
        diagonals = sorted(j - i for j, i in group)
        middle = diagonals[len(diagonals) // 2]
        lo, hi = middle - length - 100, middle + (_MAX_WINDOW - 1) * length + 200
    return max(0, lo), hi


def _trimmed(blocks: list[tuple[int, int, int]], length: int) -> list[tuple[int, int, int]]:
    """Matching blocks without chance ones at either edge: short blocks far (in the
    source) from the rest ("the" a page away), and the scattered short blocks of a
    stretch the source lacks (a quotation's invented ending matches only its "the"s)."""
    blocks = [b for b in blocks if b[2]]
    while len(blocks) > 1 and blocks[0][2] < _MIN_EDGE_BLOCK and (
            blocks[1][1] - blocks[0][1] - blocks[0][2]) > (blocks[1][0] - blocks[0][0]) + 3:
        blocks.pop(0)
    while len(blocks) > 1 and blocks[-1][2] < _MIN_EDGE_BLOCK and (
            blocks[-1][1] - blocks[-2][1] - blocks[-2][2]) > (blocks[-1][0] - blocks[-2][0]) + 3:
        blocks.pop()
    anchors = [k for k, b in enumerate(blocks) if b[2] >= _MIN_EDGE_BLOCK]
    if not anchors:
        return blocks
    first, last = anchors[0], anchors[-1]
    head = blocks[first][0]
    if head >= _MIN_RUN and 2 * sum(b[2] for b in blocks[:first]) < head:
        blocks, last = blocks[first:], last - first
    tail = length - blocks[last][0] - blocks[last][2]
    if tail >= _MIN_RUN and 2 * sum(b[2] for b in blocks[last + 1:]) < tail:
        blocks = blocks[:last + 1]
    return blocks


def _ops(blocks: list[tuple[int, int, int]], length: int, source_length: int
         ) -> list[tuple[str, int, int, int, int]]:
    """Opcodes between matching blocks. The quotation's words before the first and after
    the last block are unaligned, or, when a few, set against as many source words
    beside the match: a quotation's first or last word changed is a substitution."""
    ops: list[tuple[str, int, int, int, int]] = []
    i = j = None
    for a, b, size in blocks:
        if i is None:
            if a:
                ops.append(("replace", 0, a, b - a, b) if a <= min(_EDGE_WORDS, b) else
                           ("insert", 0, a, b, b))
        elif a > i or b > j:
            tag = "replace" if a > i and b > j else "insert" if a > i else "delete"
            ops.append((tag, i, a, j, b))
        ops.append(("equal", a, a + size, b, b + size))
        i, j = a + size, b + size
    if i is not None and i < length:
        tail = length - i
        ops.append(("replace", i, length, j, j + tail) if tail <= _EDGE_WORDS and
                    j + tail <= source_length else ("insert", i, length, j, j))
    return ops


def _tightened(ops: list[tuple[str, int, int, int, int]], norms: list[str],
               source: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Substitutions without the words they share at either end (a substitution set at
    an edge may begin with a word both have): "labor → labour", not "The labor → The
    labour"."""
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace":
            out.append((tag, i1, i2, j1, j2))
            continue
        a, b = i1, j1
        while a < i2 and b < j2 and norms[a] == source[b]:
            a, b = a + 1, b + 1
        c, d = i2, j2
        while c > a and d > b and norms[c - 1] == source[d - 1]:
            c, d = c - 1, d - 1
        if a > i1:
            out.append(("equal", i1, a, j1, b))
        if c > a or d > b:
            out.append(("replace" if c > a and d > b else "insert" if c > a else "delete",
                        a, c, b, d))
        if c < i2:
            out.append(("equal", c, i2, d, j2))
    return out


def align_in(index: SourceIndex, norms: list[str], *, again: bool = True) -> Alignment:
    """The quotation's words (``norms``) aligned with the source, or an empty
    alignment when no rare n-gram of it is there."""
    window = _best_group(index.hits(norms), len(norms)) if len(norms) >= N else None
    if window is None:
        return Alignment()
    lo = max(0, window[0] - _PAD)
    hi = min(len(index.tokens), window[1] + _PAD)
    source = index.tokens.norms[lo:hi]
    matcher = SequenceMatcher(None, norms, source, autojunk=False)
    matched = _trimmed(matcher.get_matching_blocks(), len(norms))
    blocks = [(a, b + lo, size) for a, b, size in matched]
    ops = _tightened(_ops(blocks, len(norms), len(index.tokens)), norms, index.tokens.norms)
    result = Alignment(_over_page_feet(index, ops))
    if again:
        _find_moved(index, norms, result)
    return result


def _over_page_feet(index: SourceIndex, ops: list[tuple[str, int, int, int, int]]
                    ) -> list[tuple[str, int, int, int, int]]:
    """Without the source words "left out" between a run that ends its block and one
    that goes on where it stops in print: the index holds the notes (and the body's
    next blocks) between them, the printed page does not."""
    return [op for k, op in enumerate(ops)
            if not (op[0] == "delete" and 0 < k < len(ops) - 1 and ops[k + 1][0] == "equal"
                    and _continues_in_print(index, ops[k - 1], ops[k + 1][3]))]


def _find_moved(index: SourceIndex, norms: list[str], result: Alignment) -> None:
    """Long unaligned runs of the quotation, looked for on their own (sentences in
    another order than the source's); a run found nearly whole joins ``moved``, or,
    when it goes on where the run before it stops in print, the alignment itself."""
    spliced: list[tuple[str, int, int, int, int]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(result.ops):
        if tag not in ("insert", "replace") or i2 - i1 < _MIN_RUN:
            spliced.append((tag, i1, i2, j1, j2))
            continue
        part = align_in(index, norms[i1:i2], again=False)
        equal = [o for o in part.ops if o[0] == "equal"]
        same = sum(o[2] - o[1] for o in equal)
        if same < 0.8 * (i2 - i1):
            spliced.append((tag, i1, i2, j1, j2))
            continue
        if k and _continues_in_print(index, result.ops[k - 1], equal[0][3]):
            spliced.extend((t, a + i1, b + i1, c, d) for t, a, b, c, d in part.ops)
            continue
        spliced.append((tag, i1, i2, j1, j2))
        js = [o[3] for o in equal] + [o[4] for o in equal]
        result.moved.append((i1, i2, min(js), max(js)))
    result.ops = spliced


def _continues_in_print(index: SourceIndex, before: tuple[str, int, int, int, int],
                        found: int) -> bool:
    """Whether source word ``found`` follows, in the printed text, the aligned run
    ``before`` that ends its block: a paragraph broken by a page's foot goes on
    after the notes printed there, and the index reads notes last (the reader may
    even take the paragraph's next lines for a note's), so its words come later in
    the index than in print. They come before the body's next block, though."""
    tag, _i1, _i2, _j1, end = before
    tokens = index.tokens
    if tag != "equal" or not end or (end < len(tokens) and
                                     tokens.blocks[end] == tokens.blocks[end - 1]):
        return False
    after_run = tokens.starts[found] > tokens.ends[end - 1]
    return after_run and (end == len(tokens) or tokens.starts[found] < tokens.starts[end])
