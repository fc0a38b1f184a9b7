"""Time every registered export format on one graph: seconds and bytes per format.

``python bench/export_times.py [SOURCE] [--repeat N] [--format NAME ...] [--json FILE]``

SOURCE is a corpus folder (built once, in-process), a build folder (its
graph.ttl is read) or a graph file; the default is ``../shared/corpus``. Each
format is written N times (median reported) from a fresh ``GraphData``, so a
format that needs the SPARQL store pays for building it, as ``claimgraph
export`` does. The graph is read or built once, outside the timings; reading
graph.ttl back, which ``claimgraph export`` also does, is reported on its own.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere, like run_bench.py

from bench.run_bench import BenchError, positive_int  # noqa: E402 - needs REPO on the path

DEFAULT_SOURCE = REPO.parent / "shared" / "corpus"


def load(source: Path) -> tuple[list, str, float]:
    """The graph's sorted triples, how they were got, and the seconds that took."""
    from exports.graphdata import sort_triples
    from graph_builder.pipeline import build_graph
    from graph_builder.query.sparql import read_triples

    if not source.exists():
        raise BenchError(f"{source}: not found; give a corpus folder, a build folder or a "
                         "graph file.")
    start = time.perf_counter()
    if source.is_file() or (source / "graph.ttl").is_file():
        triples = sort_triples(read_triples(source))
        how = "read"
    else:
        triples = build_graph(source).triples
        how = "built"
    return triples, how, time.perf_counter() - start


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def time_format(triples: list, name: str, folder: Path, repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` exports, and the bytes written."""
    from exports import FORMATS, export
    from exports.graphdata import GraphData

    fmt = FORMATS[name]
    dest = folder / (name if name == "csv" else f"export{fmt.suffixes[0]}")
    runs = []
    for _ in range(repeat):
        graph = GraphData(triples, "claimgraph: bench")
        start = time.perf_counter()
        export(graph, name, dest)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), size_of(dest)


def read_back_seconds(triples: list, folder: Path) -> float:
    """What ``claimgraph export`` spends reading graph.ttl before any format is written."""
    from exports import export
    from exports.graphdata import GraphData
    from graph_builder.query.sparql import read_triples

    ttl = folder / "graph.ttl"
    export(GraphData(triples), "turtle", ttl)
    start = time.perf_counter()
    GraphData.from_triples(read_triples(ttl))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    from exports import FORMATS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--repeat", type=positive_int, default=3)
    parser.add_argument("--format", dest="formats", action="append", choices=sorted(FORMATS),
                        help="time only this format (repeatable); default: every format")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    try:
        triples, how, load_seconds = load(args.source)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    names = args.formats or list(FORMATS)
    print(f"{args.source}: {len(triples)} triples ({how} in {load_seconds:.2f} s); "
          f"median of {args.repeat}; Python {platform.python_version()} on "
          f"{platform.machine()}")
    figures = {}
    with tempfile.TemporaryDirectory(prefix="claimgraph-export-bench-") as tmp:
        read_back = read_back_seconds(triples, Path(tmp))
        print(f"reading graph.ttl back (as 'claimgraph export' does first): {read_back:.2f} s\n")
        print(f"{'format':<10}{'seconds':>9}{'bytes':>14}")
        for name in names:
            seconds, size = time_format(triples, name, Path(tmp), args.repeat)
            figures[name] = {"seconds": round(seconds, 3), "bytes": size}
            print(f"{name:<10}{seconds:>9.2f}{size:>14,}")
    if args.json:
        args.json.write_text(json.dumps({"source": str(args.source), "triples": len(triples),
                                         "read_back_seconds": round(read_back, 3),
                                         "formats": figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
