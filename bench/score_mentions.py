"""Score ``find_person_mentions`` against the hand-written gold in tests/fixtures/mentions.

Each ``*.jsonl`` line is one gold mention ``{"doc", "start", "end", "text", "person"}``
with offsets into the document named ``doc`` (looked up next to the gold, then in
graph_builder/demo, then in ../shared/corpus). The recogniser is called plainly,
without ``known_families``, so the figures are what an unseen text gets.

Figures per file and overall:
- strict P/R/F1: a prediction counts only with the gold span exactly;
- relaxed P/R/F1: any overlap counts (each gold and each prediction used once);
- pairwise resolution P/R/F1: predicted mentions are grouped as resolve.PersonIndex
  groups names (family key + compatible given names); a gold pair of mentions of one
  person is found when both are matched (relaxed) and end in one predicted group.

    python bench/score_mentions.py [GOLD_DIR] [--speed CORPUS]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from graph_builder.mentions import Mention, find_person_mentions, surname_key
from graph_builder.names import family_key
from graph_builder.records import PersonName
from graph_builder.resolve import PersonIndex

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "mentions"
TEXT_DIRS = (GOLD_DIR, ROOT / "graph_builder" / "demo", ROOT.parent / "shared" / "corpus")


@dataclass
class Score:
    """Counts for one file or the total; ratios computed on demand."""

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


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, list[dict]]:
    """Gold mentions by document name."""
    gold: dict[str, list[dict]] = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold.setdefault(row["doc"], []).append(row)
    return gold


def read_doc(doc: str) -> str:
    for folder in TEXT_DIRS:
        if (folder / doc).exists():
            return (folder / doc).read_text(encoding="utf-8")
    raise FileNotFoundError(f"Gold names '{doc}' but no such text in {[str(d) for d in TEXT_DIRS]}")


def group_mentions(mentions: list[Mention]) -> list[str]:
    """A person key per mention, grouping as resolution would (fullest forms first)."""
    index = PersonIndex()
    keys: list[str] = [""] * len(mentions)
    order = sorted(range(len(mentions)), key=lambda i: -len(mentions[i].given))
    for i in order:
        m = mentions[i]
        if m.family:
            name = PersonName(family=m.family.split()[-1].split("’")[-1].split("'")[-1],
                              given=m.given)
            assert surname_key(m.family) == family_key(name.family)
            keys[i] = index.add(name, m.text, "doc")
    for i in order:  # a lone given name joins the one person who bears it, if only one does
        m = mentions[i]
        if not m.family:
            first = family_key(m.given)
            owners = [p.key for p in index.all().values()
                      if p.given and family_key(p.given.split()[0]) == first]
            keys[i] = owners[0] if len(owners) == 1 else f"given:{i}"
    return keys


def score_predictions(pred: list[Mention], gold: list[dict]) -> tuple[Score, list[int | None]]:
    """Counts for predicted mentions against gold ones, and for each gold mention
    the index of the prediction that overlaps it (greedy, each prediction used once)."""
    score = Score(gold=len(gold), pred=len(pred))
    spans = {(m.start, m.end) for m in pred}
    score.strict_tp = sum((g["start"], g["end"]) in spans for g in gold)
    keys = group_mentions(pred)
    used: set[int] = set()
    hits: list[int | None] = []
    for g in gold:
        hit = next((i for i, m in enumerate(pred) if i not in used
                    and m.start < g["end"] and g["start"] < m.end), None)
        if hit is not None:
            used.add(hit)
        hits.append(hit)
    score.relaxed_tp = len(used)
    group_of = [None if hit is None else keys[hit] for hit in hits]
    for (ga, ka), (gb, kb) in combinations(zip(gold, group_of, strict=True), 2):
        same_gold = ga["person"] == gb["person"]
        same_pred = ka is not None and ka == kb
        score.gold_pairs += same_gold
        score.pred_pairs += same_pred
        score.pair_tp += same_gold and same_pred
    return score, hits


def score_doc(text: str, gold: list[dict]) -> Score:
    """Mention and pairwise counts for one text."""
    return score_predictions(find_person_mentions(text), gold)[0]


def score_all(gold_dir: Path = GOLD_DIR) -> dict[str, Score]:
    """Per-document scores plus a "TOTAL" entry."""
    result = {doc: score_doc(read_doc(doc), rows) for doc, rows in load_gold(gold_dir).items()}
    total = Score()
    for s in result.values():
        total.add(s)
    result["TOTAL"] = total
    return result


def speed(corpus: Path) -> tuple[int, int, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    t0 = time.perf_counter()
    n = sum(len(find_person_mentions(t)) for t in texts)
    return sum(map(len, texts)), n, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=GOLD_DIR)
    parser.add_argument("--speed", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    print(f"{'file':28} {'gold':>4} {'pred':>4}  "
          "strict P/R/F1      relaxed P/R/F1     pairwise P/R/F1")
    for doc, s in score_all(args.gold_dir).items():
        figures = (s.strict, s.relaxed, s.pairwise)
        cells = "   ".join("/".join(f"{x:.2f}" for x in t) for t in figures)
        print(f"{doc:28} {s.gold:>4} {s.pred:>4}  {cells}")
    if args.speed.is_dir():
        chars, n, seconds = speed(args.speed)
        print(f"speed: {chars:,} chars, {n:,} mentions in {seconds:.3f} s ({args.speed})")


if __name__ == "__main__":
    main()
