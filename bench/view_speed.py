"""How long `claimgraph viz` pages take to draw in headless Chromium: full view and focus views.

``python bench/view_speed.py [SOURCE] [--focus NAME ...] [--repeat N] [--screenshots DIR]
[--json FILE]``

SOURCE is a build folder or graph file; a corpus folder is built first, once,
in-process (default: ``../shared/corpus``). Each view (the full one, then one
per ``--focus``, default Yezhov) is written as ``claimgraph viz`` writes it, then
loaded N times, each in a fresh headless Chromium (``tests/browser.py``: offline,
new profile). A run's figure is the page's ``performance.now()`` at vis-network's
first ``afterDrawing`` event, counted from navigation start, and it only counts
when every node of the view was drawn in that frame. Physics is off (positions
are computed in Python), so the first frame is the settled one; the script
checks that no node moves in the half second after it.
"""

from __future__ import annotations

import argparse
import json
import os
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
#: The issue's budgets, milliseconds from navigation start to the drawn, settled network.
TARGET_MS = {"full": 2000, "focus": 1000}
_POSITIONS = "JSON.stringify(claimgraph.network.getPositions())"


def graph_source(source: Path, folder: Path) -> Path:
    """A build folder or graph file for `source`, building a corpus folder into `folder`."""
    from graph_builder.outputs import write_outputs
    from graph_builder.pipeline import build_graph

    if not source.exists():
        raise BenchError(f"{source}: not found; give a build folder, a graph file or a corpus.")
    if source.is_file() or (source / "graph.ttl").is_file():
        return source
    write_outputs(build_graph(source), folder, source)
    return folder


def write_view(source: Path, focus: str | None, dest: Path) -> dict:
    """Write one view as `claimgraph viz` does; its size and the seconds Python took."""
    from exports.html import write_html
    from graph_builder.errors import ClaimgraphError
    from graph_builder.view.focus import view_graph

    start = time.perf_counter()
    try:
        view = view_graph(source, focus=focus)
    except ClaimgraphError as exc:
        raise BenchError(str(exc)) from None
    write_html(view, dest, title=view.graph["title"])
    return {"nodes": view.number_of_nodes(), "edges": view.number_of_edges(),
            "bytes": dest.stat().st_size, "viz_seconds": round(time.perf_counter() - start, 3)}


def load_once(page_file: Path, nodes: int, folder: Path, png: Path | None) -> tuple[float, int]:
    """Milliseconds to the first full frame, and how many nodes moved in the next 0.5 s."""
    from tests import browser

    with browser.open_page(page_file.as_uri(), folder) as page:
        page.wait_for("document.body && document.body.dataset.drawn === 'yes'", timeout=60)
        drawn = int(page.evaluate("document.body.dataset.drawnNodes"))
        first_ms = float(page.evaluate("document.body.dataset.drawMs"))
        before = json.loads(page.evaluate(_POSITIONS))
        time.sleep(0.5)
        after = json.loads(page.evaluate(_POSITIONS))
        if png is not None:
            page.screenshot(png)
        errors = page.errors
    if drawn != nodes:
        raise BenchError(f"{page_file}: first frame drew {drawn} of {nodes} nodes")
    if errors:
        raise BenchError(f"{page_file}: console error: {errors[0]}")
    return first_ms, sum(before[k] != after.get(k) for k in before)


def chromium_version() -> str:
    import subprocess

    from tests.browser import chromium_path

    path = chromium_path()
    if path is None:
        raise BenchError("Chromium not found on PATH (install the 'chromium' package).")
    done = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--focus", action="append", metavar="NAME",
                        help="also time the view focused on this person (repeatable); "
                             "default: Yezhov")
    parser.add_argument("--repeat", type=positive_int, default=5)
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="save a PNG of each view (1400x900) in this folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    focuses = args.focus or ["Yezhov"]
    try:
        version = chromium_version()
        with tempfile.TemporaryDirectory(prefix="claimgraph-view-bench-") as tmp:
            figures = run(args, focuses, Path(tmp), version)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if all(v["met"] for v in figures["views"]) else 3


def run(args: argparse.Namespace, focuses: list[str], tmp: Path, version: str) -> dict:
    source = graph_source(args.source, tmp / "build")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.source}: median of {args.repeat} loads, each in a fresh headless {version}; "
          f"{os.cpu_count()} CPUs, load average {load}; Python {platform.python_version()}\n")
    print(f"{'view':<22}{'nodes':>7}{'edges':>7}{'page MB':>9}{'viz s':>7}"
          f"{'first frame ms':>16}{'min-max':>13}{'moved':>7}  target")
    views = []
    for focus in [None, *focuses]:
        name = "full" if focus is None else f"--focus {focus}"
        page_file = tmp / f"view-{len(views)}.html"
        view = write_view(source, focus, page_file)
        runs, moved = [], 0
        for i in range(args.repeat):
            png = None
            if args.screenshots and i == 0:
                args.screenshots.mkdir(parents=True, exist_ok=True)
                png = args.screenshots / f"view-{'full' if focus is None else focus}.png"
            ms, shifted = load_once(page_file, view["nodes"], tmp, png)
            runs.append(ms)
            moved = max(moved, shifted)
        median, target = statistics.median(runs), TARGET_MS["full" if focus is None else "focus"]
        met = median <= target
        print(f"{name:<22}{view['nodes']:>7}{view['edges']:>7}{view['bytes'] / 1e6:>9.1f}"
              f"{view['viz_seconds']:>7.1f}{median:>16.0f}{min(runs):>6.0f}-{max(runs):<6.0f}"
              f"{moved:>7}  <= {target} {'met' if met else 'NOT met'}")
        views.append({"view": name, **view, "first_frame_ms": runs, "median_ms": median,
                      "nodes_moved": moved, "target_ms": target, "met": met})
    return {"source": str(args.source), "chromium": version, "load_average": load,
            "views": views}


if __name__ == "__main__":
    sys.exit(main())
