"""A document's text as HTML: one element per line, highlighted spans as nested marks.

Spans may nest (a name inside a claim) or overlap (a reference string that
starts inside one claim and ends in the next), and HTML elements can only nest.
So the text is cut at every span boundary and at every line break, and each
piece is wrapped in the marks of the spans covering it, outermost first
(earliest start, then longest). An element left open from the piece before is
kept when the next piece needs it at the same depth, so a span that only nests
is one element; one that overlaps or crosses a line is several, all carrying
its ``data-i``, and only the first carries its verdict (``data-v``, the badge).

The text is written with ``html.escape``: markup in a source is shown, never run.
The server does this work so that the page opens without building thousands of
DOM nodes in script, which is what keeps a 700 KB book's reader under half a second.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

_NEWLINE = re.compile("\n")
#: Lines per lazily laid out section, and the guess at a section's height: characters
#: per screen row of the text column and pixels per row (its 16px font, 1.6 line height).
CHUNK_LINES = 40
ROW_CHARS, ROW_PX = 85, 26
#: One letter per layer: the class of its marks (kept short, a book has thousands).
LAYER_CLASS = {"passage": "pa", "claim": "c", "source": "s", "reuse": "r", "citation": "ci",
               "topic": "t", "person": "p", "figure": "g"}


def text_markup(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """HTML for `text` with each (start, end, layer, verdict) span marked.

    A span's ``data-i`` is its index in `spans`; empty or out-of-range spans are
    skipped by the caller. Every line is ``<div class=l data-n=N data-s=OFFSET>``
    (line number, offset of its first character). Attribute values that need no
    quotes get none: a book has fifteen thousand of these tags.
    """
    opens: dict[int, list[int]] = defaultdict(list)
    closes: dict[int, list[int]] = defaultdict(list)
    for i, (start, end, _layer, _verdict) in enumerate(spans):
        opens[start].append(i)
        closes[end].append(i)
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    cuts = sorted({0, len(text), *opens, *closes, *breaks, *(b + 1 for b in breaks)})
    order = {i: (s[0], -s[1], i) for i, s in enumerate(spans)}
    out: list[str] = [_chunk_open(text, 0), "<div class=l data-n=1 data-s=0>"]
    active: set[int] = set()
    stack: list[int] = []
    line = 1
    for here, there in zip(cuts, cuts[1:], strict=False):
        active.difference_update(closes.get(here, ()))
        active.update(opens.get(here, ()))
        if text[here:there] == "\n":
            out.append("</mark>" * len(stack))
            stack = []
            line += 1
            out.append("</div>\n")
            if line % CHUNK_LINES == 1:
                out.append("</section>\n" + _chunk_open(text, there))
            out.append(f"<div class=l data-n={line} data-s={there}>")
            continue
        wanted = sorted(active, key=order.__getitem__)
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] == wanted[keep]:
            keep += 1
        out.append("</mark>" * (len(stack) - keep))
        for i in wanted[keep:]:
            out.append(_open(i, spans[i], first=here == spans[i][0]))
        stack = wanted
        out.append(html.escape(text[here:there], quote=False))
    out.append("</mark>" * len(stack))
    out.append("</div></section>")
    return "".join(out)


def _chunk_open(text: str, start: int) -> str:
    """A section of CHUNK_LINES lines that the browser lays out only when near the screen
    (``content-visibility: auto``), with a guess at its height until it has: laying out
    all of a 700 KB book took most of the reader's first half second."""
    rows = 0
    at = start
    for _ in range(CHUNK_LINES):
        end = text.find("\n", at)
        stop = len(text) if end < 0 else end
        rows += max(1, -(-(stop - at) // ROW_CHARS))
        if end < 0:
            break
        at = end + 1
    return f'<section class="k" style="contain-intrinsic-size:auto {rows * ROW_PX}px">'


def _open(index: int, span: tuple[int, int, str, str], *, first: bool) -> str:
    """The opening tag of one piece of a span: layer class, index, and on the first piece
    the verdict."""
    _start, _end, layer, verdict = span
    badge = f' data-v="{html.escape(verdict)}"' if verdict and first else ""
    return f"<mark class={LAYER_CLASS[layer]} data-i={index}{badge}>"
