"""Named queries on our persistent store against rdflib's in-memory Graph, in one run.

``python bench/query_speed.py [SOURCE] [--repeat N] [--json FILE]``

SOURCE is a corpus folder (built once, in-process), a build folder or a graph.ttl;
the default is ``../shared/corpus``. Its graph.ttl is copied into a temporary build
folder, so the store is made fresh and timed. Then:

- **open**: in a fresh process each time, opening the existing ``DIR/store`` the way
  ``claimgraph query DIR`` does, against loading graph.ttl into an in-memory store
  (what ``claimgraph query`` did before the store), plus both whole ``claimgraph
  query`` processes;
- **queries**: every named query, with its default parameters and the project
  prologue -- the same SPARQL text on both sides -- run N times on our store
  (opened as above) and on ``rdflib.Graph()`` holding the same triples (parsed from
  graph.ttl once, timed on its own), alternating so machine load touches both. The
  table shows each query's median seconds, the ratio rdflib / ours and whether both
  returned the same number of rows.

The issue's goal is named queries at least 15x faster on our store; the figure it
is checked against is the geometric mean of the per-query ratios, so one very slow
rdflib query cannot carry the rest. The median, total-time and lowest ratios are
shown too.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere, like run_bench.py

from bench.run_bench import BenchError, positive_int  # noqa: E402 - needs REPO on the path

DEFAULT_SOURCE = REPO.parent / "shared" / "corpus"
GOAL = 15.0
_OPEN_SCRIPT = """
import sys, time
from pathlib import Path
from graph_builder.store import memory_store, open_store
started = time.perf_counter()
path = Path(sys.argv[1])
store = open_store(path) if sys.argv[2] == "store" else memory_store(path)
assert bool(store.query("ASK { ?s ?p ?o }"))
print(time.perf_counter() - started)
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time every named query on our on-disk store against rdflib's in-memory "
        "Graph holding the same graph (goal: 15x faster, geometric mean).")
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="corpus folder, build folder or graph.ttl "
                        f"(default: {DEFAULT_SOURCE})")
    parser.add_argument("--repeat", type=positive_int, default=5,
                        help="runs of each query and each open; the median is reported "
                        "(default: 5)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    return parser.parse_args(argv)


def graph_into(source: Path, folder: Path) -> float:
    """Put SOURCE's graph.ttl into ``folder`` (building a corpus first); the build seconds."""
    if not source.exists():
        raise BenchError(f"{source}: not found; give a corpus folder, a build folder or a "
                         "graph.ttl.")
    graph = source if source.is_file() else source / "graph.ttl"
    if graph.is_file():
        shutil.copyfile(graph, folder / "graph.ttl")
        return 0.0
    from graph_builder.outputs import write_outputs
    from graph_builder.pipeline import build_graph

    started = time.perf_counter()
    write_outputs(build_graph(source), folder, source)
    return time.perf_counter() - started


def fresh_process_seconds(folder: Path, how: str, repeat: int) -> list[float]:
    """In-process seconds to open the graph in a fresh interpreter, ``repeat`` times."""
    target = folder if how == "store" else folder / "graph.ttl"
    times = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-c", _OPEN_SCRIPT, str(target), how], cwd=REPO,
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise BenchError(f"opening {target} ({how}) failed: {proc.stderr.strip()[-200:]}")
        times.append(float(proc.stdout.strip()))
    return times


def cli_seconds(target: Path, repeat: int) -> list[float]:
    """Wall seconds of a whole ``claimgraph query TARGET --name documents`` process."""
    cmd = [sys.executable, "-m", "graph_builder", "query", str(target), "--name", "documents"]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise BenchError(f"{' '.join(cmd)} failed: {proc.stderr.strip()[-200:]}")
    return times


def timed_rows(run) -> tuple[float, int]:
    started = time.perf_counter()
    rows = len(list(run()))
    return time.perf_counter() - started, rows


def time_queries(store, graph, repeat: int) -> list[dict]:
    """Median seconds of every named query on both sides, with row counts."""
    from graph_builder.named_queries import bind, names
    from graph_builder.query import prologue

    results = []
    for name in names():
        text = prologue() + bind(name)
        ours, theirs = [], []
        for _ in range(repeat):
            seconds, ours_rows = timed_rows(lambda t=text: store.query(t))
            ours.append(seconds)
            seconds, their_rows = timed_rows(lambda t=text: graph.query(t))
            theirs.append(seconds)
        results.append({"name": name, "rows": ours_rows, "rdflib_rows": their_rows,
                        "ours": statistics.median(ours), "rdflib": statistics.median(theirs),
                        "runs": {"ours": ours, "rdflib": theirs}})
        results[-1]["ratio"] = results[-1]["rdflib"] / results[-1]["ours"]
        print(f"  {name}: {results[-1]['ratio']:.1f}x", file=sys.stderr, flush=True)
    return results


def figures(args: argparse.Namespace, folder: Path, timings: dict, queries: list[dict]) -> dict:
    ratios = [q["ratio"] for q in queries]
    med = {key: statistics.median(values) for key, values in timings.items()
           if isinstance(values, list)}
    return {
        "source": str(args.source), "repeat": args.repeat,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "graph_bytes": (folder / "graph.ttl").stat().st_size,
        "store_bytes": sum(p.stat().st_size for p in (folder / "store").rglob("*")
                           if p.is_file()),
        "build_seconds": timings["build"], "store_create_seconds": timings["create"],
        "rdflib_parse_seconds": timings["rdflib_parse"],
        "open": med, "open_runs": {k: v for k, v in timings.items() if isinstance(v, list)},
        "queries": queries,
        "ratio": {"geometric_mean": math.exp(statistics.fmean(math.log(r) for r in ratios)),
                  "median": statistics.median(ratios),
                  "total": sum(q["rdflib"] for q in queries) / sum(q["ours"] for q in queries),
                  "lowest": min(ratios)},
        "goal": {"min_geometric_mean_ratio": GOAL},
    }


def table(fig: dict) -> str:
    mb = 1024 * 1024
    rows = [("store made from graph.ttl (first query only)", fig["store_create_seconds"]),
            ("open existing DIR/store", fig["open"]["store"]),
            ("load graph.ttl into an in-memory store", fig["open"]["memory"]),
            ("rdflib Graph().parse(graph.ttl)", fig["rdflib_parse_seconds"]),
            ("whole 'claimgraph query DIR --name documents'", fig["open"]["cli_store"]),
            ("the same on DIR/graph.ttl (in memory)", fig["open"]["cli_memory"])]
    lines = [f"graph.ttl {fig['graph_bytes'] / mb:.1f} MB, store {fig['store_bytes'] / mb:.1f} MB;"
             f" median of {fig['repeat']} runs",
             f"{'open (fresh process, OS file cache warm)':48} {'seconds':>9}"]
    lines += [f"  {label:46} {seconds:9.3f}" for label, seconds in rows]
    lines += ["", f"{'named query':26} {'rows':>5} {'ours s':>9} {'rdflib s':>9} {'ratio':>7}"]
    for q in fig["queries"]:
        same = "" if q["rows"] == q["rdflib_rows"] else f"  rows differ: rdflib {q['rdflib_rows']}"
        lines.append(f"{q['name']:26} {q['rows']:5} {q['ours']:9.4f} {q['rdflib']:9.4f} "
                     f"{q['ratio']:6.1f}x{same}")
    ratio = fig["ratio"]
    met = "met" if ratio["geometric_mean"] >= GOAL else "NOT met"
    lines += [f"ratio rdflib / ours: geometric mean {ratio['geometric_mean']:.1f}x, "
              f"median {ratio['median']:.1f}x, total time {ratio['total']:.1f}x, "
              f"lowest {ratio['lowest']:.1f}x",
              f"goal: named queries at least {GOAL:g}x faster (geometric mean) -- {met}"]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> dict:
    import rdflib

    from graph_builder.store import open_store

    with tempfile.TemporaryDirectory(prefix="claimgraph-query-bench-") as tmp:
        folder = Path(tmp)
        timings: dict = {"build": graph_into(args.source, folder)}
        started = time.perf_counter()
        open_store(folder)
        timings["create"] = time.perf_counter() - started
        timings["store"] = fresh_process_seconds(folder, "store", args.repeat)
        timings["memory"] = fresh_process_seconds(folder, "memory", args.repeat)
        timings["cli_store"] = cli_seconds(folder, args.repeat)
        timings["cli_memory"] = cli_seconds(folder / "graph.ttl", args.repeat)
        started = time.perf_counter()
        graph = rdflib.Graph()
        graph.parse(folder / "graph.ttl", format="turtle")
        timings["rdflib_parse"] = time.perf_counter() - started
        queries = time_queries(open_store(folder), graph, args.repeat)
        return figures(args, folder, timings, queries)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        fig = run(args)
    except BenchError as exc:
        print(f"query_speed: {exc}", file=sys.stderr)
        return 1
    print(table(fig), end="")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
