"""Score the pipeline's person mentions and their resolution against hand-labelled gold.

Two gold sets, each a folder of ``*.jsonl`` lines ``{"doc", "start", "end", "text",
"person"}`` (offsets into the document ``doc``; ``person`` is a gold id):

- ``tests/fixtures/mentions`` (dev): the demo corpus and other_country.txt, written
  and labelled while the recogniser was being written; every document is scored whole.
- ``tests/fixtures/mentions_heldout``: labelled blind on texts the recogniser was not
  tuned on; ``passages.json`` lists the scored regions ``{"doc", "path": "corpus" |
  "fixture", "start", "end"}`` and ``do_not_merge.json`` pairs of gold people who share
  a surname and must end in different entities.

Predictions come from the real pipeline (``build_graph``), so the recogniser gets
what it gets in use: corpus regions are scored from one build of ../shared/corpus
(families of cited authors, biographies and speakers across the corpus), each fixture
text from a build of a folder holding that text alone (the demo texts: of the demo
corpus). Figures per region and in total:

- strict P/R/F1: a prediction counts only with the gold span exactly;
- relaxed P/R/F1: any overlap counts (each gold and each prediction used once);
- pairwise resolution P/R/F1: a gold pair of mentions of one person is found when
  both are matched (relaxed) and resolved to one Person;
- wrong merges: do-not-merge pairs whose mentions landed on one Person.

    python bench/score_mentions.py [--dev] [--errors] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from graph_builder.pipeline import build_graph
from graph_builder.records import PersonMention

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "tests" / "fixtures" / "mentions"
HELDOUT_DIR = ROOT / "tests" / "fixtures" / "mentions_heldout"
DEMO_DIR = ROOT / "graph_builder" / "demo"
CORPUS_DIR = ROOT.parent / "shared" / "corpus"


@dataclass
class Score:
    """Counts for one region or the total; ratios computed on demand."""

    gold: int = 0
    pred: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    gold_pairs: int = 0
    pred_pairs: int = 0
    pair_tp: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 1.0
        r = tp / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.strict_tp, self.pred, self.gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return self.prf(self.relaxed_tp, self.pred, self.gold)

    @property
    def pairwise(self) -> tuple[float, float, float]:
        return self.prf(self.pair_tp, self.pred_pairs, self.gold_pairs)


@dataclass(frozen=True)
class Region:
    doc: str
    path: Path  # the text file
    start: int
    end: int
    corpus: bool  # scored from the corpus build, else from a build of the file alone


def load_gold(gold_dir: Path) -> list[dict]:
    rows = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                 if x.strip()]
    return rows


def regions(gold_dir: Path, gold: list[dict], corpus: Path) -> list[Region]:
    """The scored regions: passages.json, else every gold document whole."""
    listed = gold_dir / "passages.json"
    if listed.exists():
        found = []
        for r in json.loads(listed.read_text(encoding="utf-8")):
            in_corpus = r["path"] == "corpus"
            path = (corpus if in_corpus else gold_dir) / r["doc"]
            found.append(Region(r["doc"], path, r["start"], r["end"], in_corpus))
        return found
    found = []
    for doc in sorted({g["doc"] for g in gold}):
        path = next(p for p in (gold_dir / doc, DEMO_DIR / doc) if p.exists())
        found.append(Region(doc, path, 0, len(path.read_text(encoding="utf-8")), False))
    return found


def pipeline_mentions(folder: Path) -> dict[str, list[PersonMention]]:
    """Resolved person mentions of a built folder, by document file name."""
    by_doc: dict[str, list[PersonMention]] = {}
    for m in build_graph(folder).resolution.person_mentions:
        by_doc.setdefault(Path(m.doc_id).name, []).append(m)
    return by_doc


def predictions(regs: list[Region], corpus: Path) -> dict[str, list[PersonMention]]:
    """Mentions per document: the corpus build for corpus regions, a lone build else."""
    by_doc = pipeline_mentions(corpus) if any(r.corpus for r in regs) else {}
    demo = [r for r in regs if not r.corpus and r.path.parent == DEMO_DIR]
    if demo:
        by_doc.update(pipeline_mentions(DEMO_DIR))
    for r in regs:
        if not r.corpus and r.path.parent != DEMO_DIR:
            with tempfile.TemporaryDirectory() as tmp:
                shutil.copy(r.path, tmp)
                by_doc.update(pipeline_mentions(Path(tmp)))
    return by_doc


def score_region(pred: list[PersonMention], gold: list[dict]
                 ) -> tuple[Score, list[int | None]]:
    """Counts for one region, and for each gold mention the prediction overlapping it."""
    score = Score(gold=len(gold), pred=len(pred))
    spans = {(m.span.start, m.span.end) for m in pred}
    score.strict_tp = sum((g["start"], g["end"]) in spans for g in gold)
    used: set[int] = set()
    hits: list[int | None] = []
    for g in gold:
        hit = next((i for i, m in enumerate(pred) if i not in used
                    and m.span.start < g["end"] and g["start"] < m.span.end), None)
        if hit is not None:
            used.add(hit)
        hits.append(hit)
    score.relaxed_tp = len(used)
    keys = [None if hit is None else pred[hit].person for hit in hits]
    for (ga, ka), (gb, kb) in combinations(zip(gold, keys, strict=True), 2):
        same_gold = ga["person"] == gb["person"]
        same_pred = ka is not None and ka == kb
        score.gold_pairs += same_gold
        score.pred_pairs += same_pred
        score.pair_tp += same_gold and same_pred
    return score, hits


def wrong_merges(gold_dir: Path, gold: list[dict], persons: dict[tuple, str]) -> list[str]:
    """Do-not-merge pairs whose gold mentions resolved to one predicted Person."""
    listed = gold_dir / "do_not_merge.json"
    if not listed.exists():
        return []
    of_gold: dict[str, set[str]] = {}
    for g in gold:
        key = persons.get((g["doc"], g["start"], g["end"]))
        if key is not None:
            of_gold.setdefault(g["person"], set()).add(key)
    return [f"{a} ~ {b} -> {sorted(of_gold[a] & of_gold[b])}"
            for a, b in json.loads(listed.read_text(encoding="utf-8"))
            if of_gold.get(a, set()) & of_gold.get(b, set())]


def context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def evaluate(gold_dir: Path, corpus: Path = CORPUS_DIR, show_errors: bool = False
             ) -> tuple[dict[str, Score], list[str]]:
    """Scores per region plus "TOTAL", and the wrong merges; errors printed if asked."""
    gold = load_gold(gold_dir)
    regs = regions(gold_dir, gold, corpus)
    by_doc = predictions(regs, corpus)
    scores: dict[str, Score] = {}
    total = Score()
    persons: dict[tuple, str] = {}
    for r in regs:
        text = r.path.read_text(encoding="utf-8")
        rows = sorted((g for g in gold if g["doc"] == r.doc and r.start <= g["start"]
                       and g["end"] <= r.end), key=lambda g: g["start"])
        for g in rows:
            assert text[g["start"]:g["end"]] == g["text"], g
        pred = [m for m in by_doc.get(r.doc, []) if r.start <= m.span.start
                and m.span.end <= r.end]
        score, hits = score_region(pred, rows)
        for g, hit in zip(rows, hits, strict=True):
            if hit is not None:
                persons[(g["doc"], g["start"], g["end"])] = pred[hit].person
        name = r.doc if (r.start, r.end) == (0, len(text)) else f"{r.doc}[{r.start}:{r.end}]"
        scores[name] = score
        total.add(score)
        if show_errors:
            _print_errors(name, text, pred, rows, hits)
    scores["TOTAL"] = total
    return scores, wrong_merges(gold_dir, gold, persons)


def _print_errors(name: str, text: str, pred: list[PersonMention], rows: list[dict],
                  hits: list[int | None]) -> None:
    matched = set(hits)
    gold_spans = {(g["start"], g["end"]) for g in rows}
    print(f"\n== {name}")
    for i, m in enumerate(pred):
        if (m.span.start, m.span.end) not in gold_spans:
            tag = "FP " if i not in matched else "span"
            print(f"  {tag} {m.text!r:28} {m.kind:10} {context(text, m.span.start, m.span.end)}")
    for g, hit in zip(rows, hits, strict=True):
        if hit is None:
            print(f"  FN  {g['text']!r:28} {g['person']:10} {context(text, g['start'], g['end'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="score the dev gold instead")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    args = parser.parse_args()
    gold_dir = DEV_DIR if args.dev else HELDOUT_DIR
    scores, merges = evaluate(gold_dir, args.corpus, args.errors)
    print(f"\n{'region':42} {'gold':>4} {'pred':>4}  "
          "strict P/R/F1      relaxed P/R/F1     pairwise P/R/F1")
    for name, s in scores.items():
        cells = "   ".join("/".join(f"{x:.2f}" for x in t)
                           for t in (s.strict, s.relaxed, s.pairwise))
        print(f"{name:42} {s.gold:>4} {s.pred:>4}  {cells}")
    print(f"wrong merges (do-not-merge pairs on one Person): {len(merges)}")
    for line in merges:
        print(f"  {line}")


if __name__ == "__main__":
    main()
