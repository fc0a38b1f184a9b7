"""How long the view's pages take to be ready in headless Chromium: each lens, focus views, readers.

``python bench/view_speed.py [SOURCE] [--focus NAME ...] [--repeat N] [--screenshots DIR]
[--json FILE]``

SOURCE is a corpus folder (default: ``../shared/corpus``), built once in-process as
``claimgraph build`` builds it (graph.html, its lenses, and reader/ beside it), or a build
folder. Every page is loaded N times, each in a fresh headless Chromium (``tests/browser.py``:
offline, new profile):

* each lens of graph.html, opened by its URL fragment (``#lens=people``). The figure is
  the page's ``performance.now()`` at vis-network's first ``afterDrawing`` event, counted
  from navigation start, and it only counts when every node of the lens was drawn in that
  frame. Physics is off, so the first frame is the settled one; the script checks that no
  node moves in the half second after it. Target: 1 s.
* each ``--focus`` view as ``claimgraph viz --focus`` writes it (default Yezhov), the same way.
* each document's reader page: ``performance.now()`` when the page marks itself ready
  (``document.body.dataset.readyMs``). Target: 0.5 s.
* search: a few queries typed into graph.html's box; the page times each answer
  (``document.body.dataset.searchMs``). Target: 50 ms.
* the size of graph.html. Target: 5 MB.
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
#: The issue's budgets: milliseconds from navigation start to a drawn lens or focus view,
#: or to a ready reader; milliseconds per search answer; bytes of graph.html.
TARGET_MS = {"lens": 1000, "focus": 1000, "reader": 500, "search": 50}
TARGET_PAGE_BYTES = 5_000_000
SEARCHES = ("Ezhov", "Kirov", "purge", "Central Committee", "a")
_POSITIONS = "JSON.stringify(claimgraph.network.getPositions())"
_DRAWN = "document.body && document.body.dataset.drawn === 'yes'"


def build_folder(source: Path, folder: Path) -> Path:
    """A build folder for `source`: itself when it is one, else `source` built into `folder`."""
    from graph_builder.outputs import write_outputs
    from graph_builder.pipeline import build_graph

    if not source.exists():
        raise BenchError(f"{source}: not found; give a build folder or a corpus folder.")
    if (source / "graph.ttl").is_file() and (source / "graph.html").is_file():
        return source
    write_outputs(build_graph(source), folder, source)
    return folder


def write_focus_view(source: Path, focus: str, dest: Path) -> dict:
    """Write one focus view as `claimgraph viz --focus` does; its size and Python seconds."""
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
            "bytes": dest.stat().st_size, "python_seconds": round(time.perf_counter() - start, 3)}


def load_view(url: str, folder: Path, png: Path | None) -> tuple[float, int, int]:
    """(milliseconds to the first full frame, nodes drawn, nodes moved in the next 0.5 s)."""
    from tests import browser

    with browser.open_page(url, folder) as page:
        page.wait_for(_DRAWN, timeout=60)
        drawn = int(page.evaluate("document.body.dataset.drawnNodes"))
        wanted = int(page.evaluate("claimgraph.nodes.length"))
        first_ms = float(page.evaluate("document.body.dataset.drawMs"))
        before = json.loads(page.evaluate(_POSITIONS))
        time.sleep(0.5)
        after = json.loads(page.evaluate(_POSITIONS))
        if png is not None:
            page.screenshot(png)
        errors = page.errors
    if drawn != wanted:
        raise BenchError(f"{url}: first frame drew {drawn} of {wanted} nodes")
    if errors:
        raise BenchError(f"{url}: console error: {errors[0]}")
    return first_ms, drawn, sum(before[k] != after.get(k) for k in before)


def load_reader(url: str, folder: Path) -> float:
    """Milliseconds from navigation start until the reader page marks itself ready."""
    from tests import browser

    with browser.open_page(url, folder) as page:
        page.wait_for("document.body && document.body.dataset.readyMs", timeout=60)
        ready = float(page.evaluate("document.body.dataset.readyMs"))
        errors = page.errors
    if errors:
        raise BenchError(f"{url}: console error: {errors[0]}")
    return ready


def search_times(url: str, folder: Path, repeat: int) -> dict[str, float]:
    """The page's own timing of each query in `SEARCHES` (median of `repeat`), in ms."""
    from tests import browser

    times: dict[str, list[float]] = {q: [] for q in SEARCHES}
    with browser.open_page(url, folder) as page:
        page.wait_for(_DRAWN, timeout=60)
        for _ in range(repeat):
            for query in SEARCHES:
                page.evaluate("(() => { const box = document.getElementById('cg-search');"
                              f" box.value = {json.dumps(query)};"
                              " box.dispatchEvent(new Event('input')); })()")
                times[query].append(float(page.evaluate("document.body.dataset.searchMs")))
    return {q: statistics.median(t) for q, t in times.items()}


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
                        help="save a PNG of each lens and focus view (1400x900) in this folder")
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
    return 0 if figures["met"] else 3


def _row(name: str, runs: list[float], target: int, extra: str) -> tuple[str, bool]:
    median = statistics.median(runs)
    met = median <= target
    return (f"{name:<34}{extra}{median:>10.0f}{min(runs):>7.0f}-{max(runs):<6.0f}"
            f"  <= {target} {'met' if met else 'NOT met'}"), met


def run(args: argparse.Namespace, focuses: list[str], tmp: Path, version: str) -> dict:
    folder = build_folder(args.source, tmp / "build")
    page = folder / "graph.html"
    lenses = _page_lenses(page, tmp)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.source}: median of {args.repeat} loads, each in a fresh headless {version}; "
          f"{os.cpu_count()} CPUs, load average {load}; Python {platform.python_version()}\n")
    size = page.stat().st_size
    size_met = size <= TARGET_PAGE_BYTES
    print(f"graph.html: {size:,} bytes  <= {TARGET_PAGE_BYTES:,} {'met' if size_met else 'NOT met'}"
          "\n")
    print(f"{'page':<34}{'nodes':>7}{'moved':>7}{'median ms':>10}{'min-max':>14}  target")
    rows, met = [], [size_met]
    shots = args.screenshots
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    for lens in lenses:
        runs, nodes, moved = [], 0, 0
        for i in range(args.repeat):
            png = shots / f"lens-{lens}.png" if shots and i == 0 else None
            ms, nodes, shifted = load_view(f"{page.as_uri()}#lens={lens}", tmp, png)
            runs.append(ms)
            moved = max(moved, shifted)
        line, ok = _row(f"graph.html lens {lens}", runs, TARGET_MS["lens"], f"{nodes:>7}{moved:>7}")
        print(line)
        rows.append({"page": f"lens {lens}", "nodes": nodes, "moved": moved, "ms": runs,
                     "met": ok})
        met.append(ok)
    for focus in focuses:
        dest = tmp / f"focus-{len(rows)}.html"
        view = write_focus_view(folder, focus, dest)
        runs, nodes, moved = [], 0, 0
        for i in range(args.repeat):
            png = shots / f"focus-{focus}.png" if shots and i == 0 else None
            ms, nodes, shifted = load_view(dest.as_uri(), tmp, png)
            runs.append(ms)
            moved = max(moved, shifted)
        line, ok = _row(f"viz --focus {focus}", runs, TARGET_MS["focus"], f"{nodes:>7}{moved:>7}")
        print(line)
        rows.append({"page": f"focus {focus}", **view, "moved": moved, "ms": runs, "met": ok})
        met.append(ok)
    for reader in sorted((folder / "reader").glob("*.html")):
        runs = [load_reader(reader.as_uri(), tmp) for _ in range(args.repeat)]
        line, ok = _row(f"reader {reader.name[:27]}", runs, TARGET_MS["reader"],
                        f"{reader.stat().st_size // 1000:>6}K{'':>7}")
        print(line)
        rows.append({"page": f"reader {reader.name}", "bytes": reader.stat().st_size, "ms": runs,
                     "met": ok})
        met.append(ok)
    searched = search_times(page.as_uri(), tmp, args.repeat)
    worst = max(searched.values())
    search_met = worst <= TARGET_MS["search"]
    met.append(search_met)
    print("\nsearch on graph.html (median ms per answer): " +
          ", ".join(f"{q!r} {ms:.1f}" for q, ms in searched.items()) +
          f"; worst {worst:.1f}  <= {TARGET_MS['search']} {'met' if search_met else 'NOT met'}")
    return {"source": str(args.source), "chromium": version, "load_average": load,
            "page_bytes": size, "pages": rows, "search_ms": searched, "met": all(met)}


def _page_lenses(page: Path, folder: Path) -> list[str]:
    """The lenses graph.html offers, asked of the page itself."""
    from tests import browser

    with browser.open_page(page.as_uri(), folder) as tab:
        tab.wait_for(_DRAWN, timeout=60)
        return list(tab.evaluate("claimgraph.lensNames"))


if __name__ == "__main__":
    sys.exit(main())
