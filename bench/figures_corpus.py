"""Issue 17: the figure reader on a corpus -- how many figures per document, how
long reading them takes, and a sample to check by eye against the text.

    PYTHONPATH=$PWD python bench/figures_corpus.py [/work/shared/corpus] [--sample 40]

Prints, does not assert: the figures are judged by reading them.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from graph_builder.figures.read import read_figures
from graph_builder.pipeline import build_graph


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="/work/shared/corpus")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    extractions = build_graph(Path(args.folder)).extractions
    start = time.perf_counter()
    per_doc = [(e, read_figures(e)) for e in extractions]
    seconds = time.perf_counter() - start
    claims = sum(len(e.claims) for e in extractions)
    print(f"read {claims} claims of {len(extractions)} documents in {seconds:.3f} s")
    for e, figures in per_doc:
        shares = sum(f.kind == "share" for f in figures)
        with_thing = sum(bool(f.thing) for f in figures)
        with_time = sum(bool(f.time) for f in figures)
        print(f"{e.layout.document.doc_id}: {len(figures)} figures ({shares} shares; "
              f"{with_thing} say what they count, {with_time} when)")
    everything = [(e, f) for e, figures in per_doc for f in figures]
    for e, f in random.Random(args.seed).sample(everything, min(args.sample, len(everything))):
        text = e.layout.document.text
        around = " ".join(text[max(0, f.span.start - 90):f.span.end + 70].split())
        print(f"\n{f.doc_id[:3]} {f.printed!r} {f.kind} {f.value:g} [{f.low:g}-{f.high:g}] "
              f"q={f.qualifier!r} thing={f.thing!r} event={f.event!r} "
              f"time={f.time!r}/{f.time_from} place={f.place!r} total={f.total}\n"
              f"  measure: {f.measure}\n  text: ...{around}...")


if __name__ == "__main__":
    main()
