"""Scaling benchmark: builds of 1x, 5x, 20x and 50x the corpus, workers, and an incremental build.

``python bench/scale.py [CORPUS] [--sizes 1,5,20,50] [--json FILE]``

Each size is a folder of K copies of every corpus file, each copy made distinct
(its own file name and a closing line naming the copy), so no two files are
alike, as no two books of a real collection are. Every build runs as a whole
process (``claimgraph build DIR --out OUT -q --no-cache --workers 1``), timed by
the wall clock, with its peak memory taken as the largest sum of the resident
sizes of the process and its children (sampled every 20 ms from /proc), and its
seconds per stage read from report.json. Then, in the same run:

- the 20x corpus with 2 workers, as a ratio to the 1-worker build;
- an incremental rebuild of the 20x corpus (the cache on) after one file
  changed, as a share of the full build that filled the cache.

Targets (issue 13): 50x within 55x the 1x time, with peak RSS at most 4 GB; 2
workers at most 0.65x of 1 on 20x; an incremental rebuild at most 10% of a full
one. Exit 3 when one is missed. See bench/README.md for the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGETS = {"time_50x": 55.0, "rss_50x_gb": 4.0, "workers_2": 0.65, "incremental": 0.10}


@dataclass
class Run:
    """One whole-process build."""

    label: str
    wall: float
    peak_rss_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    triples: int = 0
    reused: str = ""


def make_copies(corpus: Path, copies: int, dest: Path) -> Path:
    """``copies`` distinct copies of every file of ``corpus`` in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.iterdir()):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for k in range(copies):
            (dest / f"{path.stem}-copy{k:03d}{path.suffix}").write_text(
                f"{text.rstrip()}\n\nThis is copy {k + 1} of {path.name}.\n", encoding="utf-8")
    return dest


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def build(corpus: Path, out: Path, label: str, *extra: str) -> Run:
    """One build as a whole process, with its wall time and peak tree RSS."""
    command = [sys.executable, "-m", "graph_builder", "build", str(corpus), "--out", str(out),
               "-q", *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{label}: the build failed: {proc.stderr.read().decode()[-400:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    reused = next((n for n in report.get("notes", []) if n.startswith("cache:")), "")
    return Run(label, round(wall, 2), round(peak / 2**20, 1), report["stages"],
               report["counts"]["triples"], reused)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1,5,20,50",
                        help="copies of the corpus to build (default 1,5,20,50)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"Error: {args.corpus}: no corpus folder; pass one.", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    runs: dict[str, Run] = {}
    print(f"{args.corpus}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="claimgraph-scale-") as tmp:
        root = Path(tmp)
        for size in sizes:
            corpus = make_copies(args.corpus, size, root / f"corpus-{size}x")
            run = runs[f"{size}x"] = build(corpus, root / f"out-{size}x", f"{size}x",
                                            "--workers", "1", "--no-cache")
            _show(run, runs.get("1x"))
            if size == 20:
                two = runs["20x-2w"] = build(corpus, root / "out-20x-2w", "20x, 2 workers",
                                             "--workers", "2", "--no-cache")
                _show(two, runs.get("1x"))
                full = runs["20x-cache"] = build(corpus, root / "out-20x-inc", "20x, cache filled",
                                                 "--workers", "1")
                changed = sorted(corpus.iterdir())[0]
                changed.write_text(changed.read_text(encoding="utf-8") + "\nOne line more.\n",
                                   encoding="utf-8")
                again = runs["20x-incremental"] = build(corpus, root / "out-20x-inc",
                                                        "20x, one file changed", "--workers", "1")
                _show(full, runs.get("1x"))
                _show(again, runs.get("1x"))
            shutil.rmtree(corpus)
    return _summary(runs, args.json)


def _show(run: Run, base: Run | None) -> None:
    ratio = f"{run.wall / base.wall:5.1f}x of 1x" if base else "         "
    stages = ", ".join(f"{k} {v:.2f}" for k, v in run.stages.items())
    print(f"{run.label:>22}: {run.wall:7.2f} s ({ratio}), peak RSS {run.peak_rss_mb:7.0f} MB, "
          f"{run.triples:,} triples {run.reused}\n{'':>24}{stages}")


def _summary(runs: dict[str, Run], json_path: Path | None) -> int:
    figures: dict[str, float] = {}
    missed = []
    if "1x" in runs and "50x" in runs:
        figures["time_50x"] = runs["50x"].wall / runs["1x"].wall
        figures["rss_50x_gb"] = runs["50x"].peak_rss_mb / 1024
    if "20x-2w" in runs:
        figures["workers_2"] = runs["20x-2w"].wall / runs["20x"].wall
        figures["incremental"] = runs["20x-incremental"].wall / runs["20x-cache"].wall
    for name, value in figures.items():
        ok = value <= TARGETS[name]
        missed += [] if ok else [name]
        print(f"{name:>12}: {value:6.2f} (target at most {TARGETS[name]}) "
              f"{'met' if ok else 'MISSED'}")
    if json_path:
        json_path.write_text(json.dumps({"runs": {k: asdict(v) for k, v in runs.items()},
                                         "figures": figures, "targets": TARGETS}, indent=2)
                             + "\n", encoding="utf-8")
    return 3 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
