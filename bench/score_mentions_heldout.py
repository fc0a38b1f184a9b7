"""Score person mentions on the held-out fixture texts per shape, and title-neutrally.

``score_mentions.py`` scores each region once, as its file is written. A text
reaches the tool in other shapes, and the recogniser should not care which, so
each fixture text of ``tests/fixtures/mentions_heldout`` (``"path": "fixture"``
in ``passages.json``) is built alone and scored in each shape:

- ``written``: the file as it is (hard-wrapped newspapers and book pages keep
  their line breaks and line-end hyphens);
- ``paragraph``: one paragraph per line: the lines of a paragraph (a run of
  non-blank lines) joined by a space, a line-end hyphen between two letters
  undone ("Parn-\\nell" -> "Parnell"); a break is joined only after a full line,
  so headings, datelines and advertisement lines stay lines; gold offsets are
  carried through the same edit, so a gold span keeps exactly its characters;
- ``html``, ``tei``, ``pdf``, ``epub``: the paragraph shape written by
  ``tests/support/make_formats.py`` (when that module exists), read back by the
  pipeline; offsets change in extracted text, so gold is mapped by the text of
  each mention, in order, in the document text the pipeline read.

The format shapes need ``tests/support/make_formats.py`` (it is skipped when absent)
and a build that reads those formats; a text a writer cannot write (the PDF writer
holds Windows-1252 only, so not "Ōkubo") is listed as not scored.

Figures are strict, relaxed and title-neutral P/R/F1. Title-neutral is strict
after a leading title or office word ("General", "Police Commissioner", "Hon.")
is cut from both gold and prediction, so a recogniser that put the title inside
its span would lose nothing there: the gap between strict and title-neutral is
what the span convention (title outside the span, on ``Mention.title``) costs.

    python bench/score_mentions_heldout.py [--errors] [--doc NAME]
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph_builder.errors import ClaimgraphError
from graph_builder.people.name_lexicon import TITLE_PREFIXES, fold_word, is_title
from graph_builder.pipeline import build_graph

ROOT = Path(__file__).resolve().parents[1]
HELDOUT_DIR = ROOT / "tests" / "fixtures" / "mentions_heldout"
FORMATS_MODULE = ROOT / "tests" / "support" / "make_formats.py"
FORMAT_SUFFIX = {"html": ".html", "tei": ".xml", "pdf": ".pdf", "epub": ".epub"}

_BREAK_RE = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])|\n")


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    neutral: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, tp: int) -> str:
        p = tp / self.pred if self.pred else 1.0
        r = tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.2f}/{r:.2f}/{f:.2f}"


def wrap_width(text: str) -> int:
    """The column a hard-wrapped text breaks its lines at (the longest line of most
    of them), or 0 when its lines are too long to be wrapped ones."""
    lengths = sorted(len(x) for x in text.split("\n") if x.strip())
    if not lengths:
        return 0
    width = lengths[int(len(lengths) * 0.9) - (len(lengths) >= 10)]
    return width if width <= 100 else 0


def one_paragraph_per_line(text: str) -> tuple[str, list[int]]:
    """The text with each paragraph on one line, and for each of its characters the
    offset it came from (one more entry: the end).

    A line break is joined only after a full line (within 15 columns of the text's
    wrap width) and before a non-blank one: a short line ends its paragraph, as a
    heading, a dateline's paragraph or an advertisement's line does. A text whose lines
    are not wrapped at all is left as it is."""
    width = wrap_width(text)
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _BREAK_RE.finditer(text) if width else ():
        line_start = text.rfind("\n", 0, m.start()) + 1
        full = m.start() - line_start >= width - 15
        if not full or text.startswith("\n", m.end()) or not text[m.end():m.end() + 1].strip():
            continue
        out.append(text[pos:m.start()])
        origin.extend(range(pos, m.start()))
        if m.group() == "\n":  # a plain break reads as a space
            out.append(" ")
            origin.append(m.start())
        pos = m.end()
    out.append(text[pos:])
    origin.extend(range(pos, len(text)))
    origin.append(len(text))
    return "".join(out), origin


def remap(gold: list[dict], origin: list[int], new_text: str) -> list[dict]:
    """Gold spans carried into the joined text: first kept character to last."""
    rows = []
    for g in gold:
        start = bisect.bisect_left(origin, g["start"])
        end = bisect.bisect_left(origin, g["end"])
        rows.append({**g, "start": start, "end": end, "text": new_text[start:end]})
    return rows


def by_text(gold: list[dict], text: str) -> list[dict]:
    """Gold found in an extracted text by each mention's words, in order (a mention not
    found is kept with an empty span, so it counts as missed)."""
    rows, pos = [], 0
    for g in gold:
        words = re.split(r"\s+", g["text"].strip())
        pattern = r"\s+".join(map(re.escape, words))
        m = re.compile(pattern).search(text, pos)
        if m is None:
            rows.append({**g, "start": -1, "end": -1})
            continue
        rows.append({**g, "start": m.start(), "end": m.end(), "text": m.group()})
        pos = m.end()
    return rows


_LEAD_RE = re.compile(r"\S+\s+")


def title_neutral(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its leading title or office words ("Police Commissioner",
    "Gen.", "Vice President"), as long as a word is left."""
    while True:
        m = _LEAD_RE.match(text, start, end)
        if m is None:
            return start, end
        word = m.group().strip()
        if not (is_title(word) or fold_word(word) in TITLE_PREFIXES):
            return start, end
        start = m.end()


def score(text: str, pred: list[tuple[int, int]], gold: list[dict]) -> tuple[Tally, list, list]:
    tally = Tally(gold=len(gold), pred=len(pred))
    spans = set(pred)
    tally.strict = sum((g["start"], g["end"]) in spans for g in gold)
    neutral = {title_neutral(text, s, e) for s, e in pred}
    tally.neutral = sum(title_neutral(text, g["start"], g["end"]) in neutral for g in gold)
    used: set[int] = set()
    missed = []
    for g in gold:
        hit = next((i for i, (s, e) in enumerate(pred) if i not in used
                    and s < g["end"] and g["start"] < e), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    tally.relaxed = len(used)
    wrong = [p for p in pred if p not in {(g["start"], g["end"]) for g in gold}]
    return tally, missed, wrong


def _formats() -> dict[str, Callable] | None:
    if not FORMATS_MODULE.exists():
        return None
    spec = importlib.util.spec_from_file_location("make_formats", FORMATS_MODULE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, f"write_{name}") for name in FORMAT_SUFFIX
            if hasattr(module, f"write_{name}")}


def built(name: str, write: Callable[[Path], None]) -> tuple[str, list[tuple[int, int]]]:
    """The text the pipeline read from a folder holding one written file, and the
    spans of its person mentions."""
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp) / name)
        result = build_graph(Path(tmp))
        doc = result.documents[0]
        spans = sorted((m.span.start, m.span.end) for m in result.resolution.person_mentions)
        return doc.text, spans


def shapes_of(doc: str, text: str, gold: list[dict], formats: dict[str, Callable] | None):
    """(shape, file name, writer, gold mapper) for each shape of one fixture text."""
    joined, origin = one_paragraph_per_line(text)
    yield "written", doc, lambda p: p.write_text(text, encoding="utf-8"), lambda t: gold
    moved = remap(gold, origin, joined)
    yield "paragraph", doc, lambda p: p.write_text(joined, encoding="utf-8"), lambda t: moved
    paragraphs = [p for p in joined.split("\n") if p.strip()]
    stem = Path(doc).stem
    for shape, write in (formats or {}).items():
        yield (shape, stem + FORMAT_SUFFIX[shape],
               lambda p, w=write: w(p, paragraphs[0], paragraphs[1:]),
               lambda t: by_text(moved, t))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--doc", help="only this fixture text")
    args = parser.parse_args()
    gold = [json.loads(x) for x in (HELDOUT_DIR / "gold.jsonl").read_text(
        encoding="utf-8").splitlines() if x.strip()]
    docs = [r["doc"] for r in json.loads((HELDOUT_DIR / "passages.json").read_text(
        encoding="utf-8")) if r["path"] == "fixture" and (not args.doc or r["doc"] == args.doc)]
    formats = _formats()
    totals: dict[str, Tally] = {}
    rows, unread = [], []
    for doc in docs:
        text = (HELDOUT_DIR / doc).read_text(encoding="utf-8")
        doc_gold = sorted((g for g in gold if g["doc"] == doc), key=lambda g: g["start"])
        for shape, name, write, mapped in shapes_of(doc, text, doc_gold, formats):
            try:
                read, pred = built(name, write)
            except (ClaimgraphError, ValueError) as err:  # a format this build cannot read
                # yet, or a text its writer cannot write (the PDF writer's Windows-1252)
                unread.append(f"{doc} ({shape}): {str(err).splitlines()[0][:90]}")
                continue
            tally, missed, wrong = score(read, pred, mapped(read))
            totals.setdefault(shape, Tally()).add(tally)
            rows.append((doc, shape, tally))
            if args.errors:
                print(f"\n== {doc} ({shape})")
                for s, e in wrong:
                    print(f"  FP/span {read[s:e]!r}  …{read[max(0, s - 25):e + 25]!r}…")
                for g in missed:
                    print(f"  FN {g['text']!r}")
    print(f"\n{'text':28} {'shape':10} {'gold':>4} {'pred':>4}  strict P/R/F1   "
          "relaxed P/R/F1  title-neutral P/R/F1")
    for doc, shape, t in rows + [("TOTAL", s, t) for s, t in totals.items()]:
        print(f"{doc:28} {shape:10} {t.gold:>4} {t.pred:>4}  {t.prf(t.strict)}  "
              f"{t.prf(t.relaxed)}  {t.prf(t.neutral)}")
    for line in unread:
        print(f"not scored: {line}")
    if formats is None:
        print("(html/tei/pdf/epub shapes: tests/support/make_formats.py is not in the tree yet)")


if __name__ == "__main__":
    main()
