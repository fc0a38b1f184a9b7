"""Benchmark: our whole build against the cheapest spaCy pass, as a ratio on one machine.

``python bench/run_bench.py [CORPUS] [--repeat N] [--scale K] [--json FILE]``

Absolute seconds mean little across machines, so the benchmark reports a ratio
taken in one run: ``python -m graph_builder build CORPUS`` against
``bench/spacy_pass.py CORPUS`` (spaCy's blank English tokenizer + sentencizer,
the least any spaCy pipeline does). Both are timed as whole processes --
interpreter start-up and imports included, which is what a user waits for --
and, where each reports it, in-process. The project's goal is a whole-process
ratio ours/spaCy of 2 or less.

Each process runs N times, alternating ours and spaCy so that a change in machine
load touches both, and the median is reported. ``--scale K`` builds a temporary
corpus of K renamed copies of every file to show how the ratio grows with input.
See ``bench/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SPACY_PASS = Path(__file__).resolve().with_name("spacy_pass.py")
GOAL = 2.0


class BenchError(Exception):
    """A failure the user can act on; ``main`` prints it as one line and exits 1."""


@dataclass
class Runs:
    """Timings of one process over the repeats; every figure is a list, one item per run."""

    wall: list[float] = field(default_factory=list)
    in_process: list[float] = field(default_factory=list)
    stages: dict[str, list[float]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1, so --repeat 0 is refused before any work starts."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time `python -m graph_builder build` against a spaCy tokenizer+sentencizer "
        "pass over the same corpus and report the ratio (goal: 2 or less)."
    )
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"folder of texts (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--repeat",
        type=positive_int,
        default=3,
        help="runs of each process; the median is reported (default: 3)",
    )
    parser.add_argument(
        "--scale",
        type=positive_int,
        default=1,
        help="benchmark K renamed copies of every file (default: 1)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    return parser.parse_args(argv)


def scaled_corpus(corpus: Path, scale: int, dest: Path) -> Path:
    """Copy every file of ``corpus`` ``scale`` times into ``dest`` as ``copy_<k>_<name>``.

    Sub-folders are kept so a nested corpus stays nested. Copies are byte-identical,
    so the work grows linearly with K unless a stage does more than linear work --
    which is what the scaled ratio is there to reveal.
    """
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        (dest / rel.parent).mkdir(parents=True, exist_ok=True)
        for k in range(1, scale + 1):
            shutil.copyfile(path, dest / rel.parent / f"copy_{k}_{rel.name}")
    return dest


def last_line(text: str) -> str:
    """The last non-blank line of a process's output: where Python puts the exception."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def timed(cmd: list[str], what: str) -> tuple[float, str]:
    """Run ``cmd`` to completion; return its wall seconds and stdout, or raise BenchError."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise BenchError(f"{what} failed (exit {proc.returncode}): {last_line(proc.stderr)}")
    return wall, proc.stdout


def run_ours(corpus: Path, runs: Runs) -> None:
    """One whole-process build into a fresh folder; record wall, in-process and stage times."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-out-") as out:
        cmd = [sys.executable, "-m", "graph_builder", "build", str(corpus), "--out", out]
        wall, _ = timed(cmd, "build")
        report_path = Path(out) / "report.json"
        try:
            report = json.loads(report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BenchError(f"build wrote no readable {report_path.name}: {exc}") from None
    stages = report.get("stages", {}) if isinstance(report, dict) else None
    if not isinstance(stages, dict) or not all(
        isinstance(seconds, (int, float)) for seconds in stages.values()
    ):
        raise BenchError(
            f'{report_path.name} does not follow the contract: expected {{"stages": '
            '{name: seconds, ...}, "seconds": total}'
        )
    runs.wall.append(wall)
    if isinstance(report.get("seconds"), (int, float)):
        runs.in_process.append(float(report["seconds"]))
    for stage, seconds in stages.items():
        runs.stages.setdefault(stage, []).append(float(seconds))


def run_spacy(corpus: Path, runs: Runs) -> None:
    """One whole-process spaCy pass; record wall and in-process time and its counts."""
    wall, stdout = timed([sys.executable, str(SPACY_PASS), str(corpus)], "spaCy pass")
    figures = dict(item.split("=", 1) for item in last_line(stdout).split() if "=" in item)
    runs.wall.append(wall)
    if "seconds" in figures:
        runs.in_process.append(float(figures.pop("seconds")))
    runs.counts = {key: int(value) for key, value in figures.items()}


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(ours: list[float], theirs: list[float]) -> float | None:
    """Ratio of medians; None when either side did not report the figure."""
    a, b = median(ours), median(theirs)
    return a / b if a is not None and b else None


def figures(corpus: Path, args: argparse.Namespace, ours: Runs, spacy: Runs) -> dict:
    """Everything the table and the JSON file show, computed once."""
    return {
        "corpus": str(corpus),
        "scale": args.scale,
        "repeat": args.repeat,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "counts": spacy.counts,
        "ours": {
            "wall_seconds": median(ours.wall),
            "in_process_seconds": median(ours.in_process),
            "stages": {stage: median(values) for stage, values in ours.stages.items()},
            "runs": {"wall": ours.wall, "in_process": ours.in_process},
        },
        "spacy": {
            "wall_seconds": median(spacy.wall),
            "in_process_seconds": median(spacy.in_process),
            "runs": {"wall": spacy.wall, "in_process": spacy.in_process},
        },
        "ratio": {
            "wall": ratio(ours.wall, spacy.wall),
            "in_process": ratio(ours.in_process, spacy.in_process),
        },
        "goal": {"max_wall_ratio": GOAL},
    }


def table(ours: Runs, spacy: Runs, fig: dict) -> str:
    """A compact aligned table: one row per figure, median then min-max over the runs."""
    rows: list[tuple[str, str, str]] = []

    def timing(label: str, values: list[float]) -> None:
        if values:
            rows.append((label, f"{median(values):.3f}", f"{min(values):.3f}-{max(values):.3f}"))

    rows.append(("claimgraph build", "", ""))
    for stage, values in ours.stages.items():
        timing(f"  stage {stage}", values)
    timing("  in-process total", ours.in_process)
    timing("  whole process", ours.wall)
    rows.append(("spaCy blank('en') + sentencizer", "", ""))
    timing("  in-process", spacy.in_process)
    timing("  whole process", spacy.wall)
    rows.append(("ratio ours / spaCy", "", ""))
    for key, label in (("wall", "  whole process"), ("in_process", "  in-process")):
        if fig["ratio"][key] is not None:
            rows.append((label, f"{fig['ratio'][key]:.2f}", ""))
    width = max(len(row[0]) for row in rows)
    counts = {key: f"{value:,}" for key, value in fig["counts"].items()}
    sizes = ", ".join(
        f"{counts.get(key, '?')} {key}" for key in ("files", "chars", "tokens", "sentences")
    )
    lines = [
        f"corpus {fig['corpus']} x{fig['scale']}: {sizes}; median of {fig['repeat']} runs",
        f"{'':{width}}  {'median s':>8}  {'min-max':>13}",
    ]
    lines += [f"{label:{width}}  {med:>8}  {spread:>13}".rstrip() for label, med, spread in rows]
    wall_ratio = fig["ratio"]["wall"]
    verdict = "met" if wall_ratio is not None and wall_ratio <= GOAL else "NOT met"
    lines.append(f"goal: whole-process ratio ours/spaCy of {GOAL:g} or less -- {verdict}")
    return "\n".join(lines)


def bench(corpus: Path, args: argparse.Namespace) -> dict:
    ours, spacy = Runs(), Runs()
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-corpus-") as tmp:
        target = scaled_corpus(corpus, args.scale, Path(tmp)) if args.scale > 1 else corpus
        for _ in range(args.repeat):
            run_ours(target, ours)
            run_spacy(target, spacy)
    fig = figures(corpus, args, ours, spacy)
    print(table(ours, spacy, fig))
    return fig


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = args.corpus.resolve()
    try:
        if not corpus.is_dir():
            raise BenchError(f"corpus folder not found: {corpus} (pass a folder of texts)")
        fig = bench(corpus, args)
        if args.json:
            args.json.write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    except BenchError as exc:
        sys.exit(f"run_bench: {exc}")
    except OSError as exc:
        sys.exit(f"run_bench: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
