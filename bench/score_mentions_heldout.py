"""Score ``find_person_mentions`` on the held-out gold in tests/fixtures/mentions_heldout.

The gold there was labelled blind (before the recogniser was run or read) on texts
the recogniser was not tuned on: an original fixture (italy_1848.txt) and three
passages of ../shared/corpus. ``passages.json`` lists the scored regions
``{"doc", "path": "corpus"|"fixture", "start", "end"}``; ``gold.jsonl`` holds one
mention per line as in tests/fixtures/mentions.

For each region the recogniser runs on the whole document (no ``known_families``),
and only predictions lying inside the region are kept. Strict (exact span) and
relaxed (overlap, each gold and prediction used once) P/R/F1 per region and in
total, plus pairwise resolution as in bench/score_mentions.py; then every false
positive and false negative.

    python bench/score_mentions_heldout.py [GOLD_DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from score_mentions import ROOT, Score, score_predictions

from graph_builder.mentions import Mention, find_person_mentions

HELDOUT_DIR = ROOT / "tests" / "fixtures" / "mentions_heldout"
CORPUS_DIR = ROOT.parent / "shared" / "corpus"


def load_regions(gold_dir: Path = HELDOUT_DIR) -> list[dict]:
    return json.loads((gold_dir / "passages.json").read_text(encoding="utf-8"))


def load_gold(gold_dir: Path = HELDOUT_DIR) -> list[dict]:
    lines = (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def region_text(region: dict, gold_dir: Path = HELDOUT_DIR) -> str:
    folder = CORPUS_DIR if region["path"] == "corpus" else gold_dir
    return (folder / region["doc"]).read_text(encoding="utf-8")


def score_region(text: str, region: dict, gold: list[dict]
                 ) -> tuple[Score, list[Mention], list[dict], list[Mention], list[dict]]:
    """Counts plus (strict FP, strict FN, relaxed FP, relaxed FN) for one region."""
    start, end = region["start"], region["end"]
    gold = sorted((g for g in gold if g["doc"] == region["doc"]
                   and start <= g["start"] and g["end"] <= end), key=lambda g: g["start"])
    for g in gold:
        assert text[g["start"]:g["end"]] == g["text"], g
    pred = [m for m in find_person_mentions(text) if start <= m.start and m.end <= end]
    score, hits = score_predictions(pred, gold)
    gold_spans = {(g["start"], g["end"]) for g in gold}
    pred_spans = {(m.start, m.end) for m in pred}
    strict_fp = [m for m in pred if (m.start, m.end) not in gold_spans]
    strict_fn = [g for g in gold if (g["start"], g["end"]) not in pred_spans]
    relaxed_fn = [g for g, hit in zip(gold, hits, strict=True) if hit is None]
    matched = set(hits)
    relaxed_fp = [m for i, m in enumerate(pred) if i not in matched]
    return score, strict_fp, strict_fn, relaxed_fp, relaxed_fn


def context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=HELDOUT_DIR)
    args = parser.parse_args()
    gold = load_gold(args.gold_dir)
    total = Score()
    errors = []
    print(f"{'region':40} {'gold':>4} {'pred':>4}  "
          "strict P/R/F1      relaxed P/R/F1     pairwise P/R/F1")
    for region in load_regions(args.gold_dir):
        text = region_text(region, args.gold_dir)
        score, *errs = score_region(text, region, gold)
        total.add(score)
        name = f"{region['doc']}[{region['start']}:{region['end']}]"
        cells = "   ".join("/".join(f"{x:.2f}" for x in t)
                           for t in (score.strict, score.relaxed, score.pairwise))
        print(f"{name:40} {score.gold:>4} {score.pred:>4}  {cells}")
        errors.append((name, text, errs))
    cells = "   ".join("/".join(f"{x:.2f}" for x in t)
                       for t in (total.strict, total.relaxed, total.pairwise))
    print(f"{'TOTAL':40} {total.gold:>4} {total.pred:>4}  {cells}")
    labels = ("strict FP", "strict FN", "relaxed FP", "relaxed FN")
    for name, text, errs in errors:
        print(f"\n== {name}")
        for label, items in zip(labels, errs, strict=True):
            print(f"  {label} ({len(items)}):")
            for item in items:
                if isinstance(item, Mention):
                    print(f"    {item.start:>7} {item.text!r:32} {item.kind:8} "
                          f"{context(text, item.start, item.end)}")
                else:
                    print(f"    {item['start']:>7} {item['text']!r:32} {item['person']:22} "
                          f"{context(text, item['start'], item['end'])}")


if __name__ == "__main__":
    main()
