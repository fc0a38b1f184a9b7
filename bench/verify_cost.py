"""What checking quotations and finding text reuse cost a build (issue 16).

``python bench/verify_cost.py [CORPUS] [--sizes 1,2,4]``

Builds the corpus, then K distinct copies of every file (``bench/scale.py``'s
``make_copies``), each as a whole process with no cache and one worker, and reads
the seconds of each stage from report.json. Prints the ``verify`` stage's seconds,
its share of the build (the other stages' sum; target: at most 15% on the corpus)
and its seconds per MB at each size, whose ratio to the 1x figure must stay near
1 (cost grows with the words, never with pairs of documents). Copies are a hard
case for reuse: every claim shares its words with its copies, up to the n-gram
limit, so every one of them is aligned.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import DEFAULT_CORPUS, build, make_copies  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1,2,4", help="copies of the corpus to build")
    args = parser.parse_args(argv)
    print(f"{'size':>5} {'MB':>6} {'build s':>8} {'verify s':>9} {'share':>6} "
          f"{'verify s/MB':>12} {'x 1x':>6}")
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = make_copies(args.corpus, size, Path(tmp) / f"c{size}")
            mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            run = build(folder, Path(tmp) / f"out{size}", f"{size}x", "--no-cache",
                        "--workers", "1")
            verify = run.stages["verify"]
            rest = sum(v for k, v in run.stages.items() if k != "verify")
            per_mb = verify / mb
            base = base or per_mb
            print(f"{size:>4}x {mb:6.2f} {rest + verify:8.2f} {verify:9.2f} "
                  f"{verify / rest:6.1%} {per_mb:12.3f} {per_mb / base:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
