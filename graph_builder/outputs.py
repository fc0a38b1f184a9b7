"""Write a build's outputs: graph.ttl, graph.html, report.json, and the store beside them.

Each file goes through the export registry (or ``atomic``), so every one is
written under a temporary name and renamed: an interrupted build never leaves
half a file behind. Export and view times join the stage timings that the
report and the benchmark show.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from exports import export
from exports.graphdata import GraphData
from graph_builder import __version__
from graph_builder.errors import ExportError
from graph_builder.parallel import process_pool
from graph_builder.pipeline import BuildResult, BuildSettings, Progress, build_graph
from graph_builder.query.store import install_store, prepare_store
from graph_builder.records import TEXTS_FOLDER, Document
from graph_builder.support import atomic
from graph_builder.support.gc_pause import gc_paused
from graph_builder.support.sorted_triples import SortedTriples
from graph_builder.view.pages import READER_FOLDER, drop_stale_readers, view_store, write_pages

GRAPH_FILE = "graph.ttl"
VIEW_FILE = "graph.html"
REPORT_FILE = "report.json"
CACHE_DIR = "cache"


@dataclass
class BuildOutputs:
    graph: Path
    view: Path
    report: Path
    stages: dict[str, float] = field(default_factory=dict)  # the build's, plus writing


def build_folder(corpus: Path, out_dir: Path, settings: BuildSettings | None = None,
                 progress: Progress | None = None, *, cache: bool = True,
                 name: Path | None = None) -> tuple[BuildResult, BuildOutputs]:
    """Build ``corpus`` into ``out_dir``: what ``claimgraph build`` does, in one call.

    ``out_dir/cache/`` keeps each document's task results, so the next build of a
    corpus with a few files changed redoes only those (``cache=False``: none kept).
    ``name`` is how the report names the corpus (default: its path)."""
    started = time.perf_counter()
    created = not out_dir.exists()
    atomic.make_folder(out_dir)  # first: an output that cannot be written fails before work
    try:
        with gc_paused():
            result = build_graph(corpus, settings, *(() if progress is None else (progress,)),
                                 cache_dir=out_dir / CACHE_DIR if cache else None)
            return result, write_outputs(result, out_dir, name or corpus, started)
    except BaseException:
        if created:  # a failed first build leaves no folder behind, not even its cache
            shutil.rmtree(out_dir, ignore_errors=True)
        raise


def write_outputs(result: BuildResult, out_dir: Path, corpus: Path,
                  started: float | None = None) -> BuildOutputs:
    """Write the outputs of a build into ``out_dir`` (created if missing; its parent
    must exist). The three files replace the previous build's as a set
    (`atomic.together`): an interrupted build leaves the old three, never a mix.
    The SPARQL store is loaded from the same triples meanwhile, in a thread (the
    loader runs outside the interpreter lock), and put in place after them."""
    atomic.make_folder(out_dir)
    for folder in (out_dir, out_dir / READER_FOLDER):
        atomic.sweep(folder)
    title = f"claimgraph: {corpus.name or corpus}"
    data = GraphData(result.triples, title)
    outputs = BuildOutputs(out_dir / GRAPH_FILE, out_dir / VIEW_FILE, out_dir / REPORT_FILE)
    stages = outputs.stages = dict(result.stages)  # the build's record stays untouched
    prepared: list[Path | None] = []
    loader = threading.Thread(target=lambda: prepared.append(
        prepare_store(out_dir, result.triples.blocks())), daemon=True)
    loader.start()
    try:
        with atomic.together():
            with atomic.atomic_path(outputs.graph) as graph_tmp:
                start = time.perf_counter()
                writer = _turtle_elsewhere(result, graph_tmp, title)
                if writer is None:
                    export(data, "turtle", graph_tmp)
                    stages["export"] = round(time.perf_counter() - start, 4)
                start = time.perf_counter()
                with gc_paused():
                    readers = write_pages(view_store(result.triples),
                                {doc.doc_id: doc.text for doc in result.documents},
                                out_dir, VIEW_FILE, title)
                stages["view"] = round(time.perf_counter() - start, 4)
                if writer is not None:  # what graph.ttl costs beyond the view it overlapped
                    start = time.perf_counter()
                    _finish(writer, outputs.graph)
                    stages["export"] = round(time.perf_counter() - start, 4)
            texts = write_texts(result.documents, out_dir)
            start = time.perf_counter()
            loader.join()  # what the store costs beyond the writing it overlapped
            stages["store"] = round(time.perf_counter() - start, 4)
            text = json.dumps(report(result, corpus, started, stages), indent=2,
                              ensure_ascii=False) + "\n"
            try:
                atomic.write_text(outputs.report, text)
            except OSError as exc:
                raise ExportError(f"{outputs.report}: cannot write ({atomic.os_reason(exc)}); "
                                  "check that the folder is writable and has room.") from exc
    except BaseException:
        loader.join()
        if prepared and prepared[0] is not None:  # the old store stays with the old graph
            shutil.rmtree(prepared[0], ignore_errors=True)
        raise
    if prepared and prepared[0] is not None:
        install_store(out_dir, prepared[0])
    _drop_stale_texts(out_dir, texts)
    drop_stale_readers(out_dir, readers)
    return outputs


def write_texts(documents: list[Document], out_dir: Path) -> set[Path]:
    """DIR/texts/<id>.txt: the text read from each file that is not plain text (HTML,
    TEI, PDF, EPUB), which its spans index and its document node names
    (cg:extractedText). Written with the other outputs, as part of their set."""
    written = set()
    for doc in documents:
        if not doc.text_file:
            continue
        dest = out_dir / doc.text_file
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(dest, doc.text)
        except OSError as exc:
            raise ExportError(f"{dest}: cannot write ({atomic.os_reason(exc)}); check that the "
                              "folder is writable and has room.") from exc
        written.add(dest)
    return written


def _drop_stale_texts(out_dir: Path, kept: set[Path]) -> None:
    """Texts of documents an earlier build read and this one did not."""
    folder = out_dir / TEXTS_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.txt"), reverse=True):
        if path not in kept and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def _turtle_elsewhere(result: BuildResult, dest: Path, title: str
                      ) -> tuple[ProcessPoolExecutor, Future] | None:
    """With more than one worker, graph.ttl is written by another process while this one
    draws the view; None with one worker (then it is written here, first)."""
    if result.workers < 2:
        return None
    pool = process_pool(1)
    return pool, pool.submit(write_turtle, result.triples.runs, str(dest), title)


def _finish(writer: tuple[ProcessPoolExecutor, Future], dest: Path) -> None:
    pool, future = writer
    try:
        future.result()
    except BrokenProcessPool as exc:
        raise ExportError(f"{dest}: the process writing it stopped ({exc}); the previous "
                          "outputs are kept. Run again, or with --workers 1.") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def write_turtle(runs: list[bytes], dest: str, title: str) -> None:
    """graph.ttl from the graph's runs (in a process of its own)."""
    export(GraphData(SortedTriples.chain(runs), title), "turtle", Path(dest))


def report(result: BuildResult, corpus: Path, started: float | None,
           stages: dict[str, float] | None = None) -> dict[str, object]:
    """What a user (or the benchmark) wants to know about a build; ``stages`` are the
    build's timings with the writing steps added (default: the build's own)."""
    stages = result.stages if stages is None else stages
    shapes = {e.layout.document.doc_id: e.layout.shape for e in result.extractions}
    return {
        "tool": "claimgraph",
        "version": __version__,
        # the clock time lives here, not in the graph, so graph.ttl stays byte-identical
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "corpus": str(corpus),
        "counts": result.counts(),
        "documents": [{"id": d.doc_id, "shape": shapes[d.doc_id], "encoding": d.encoding,
                       "characters": len(d.text), "sha256": d.sha256}
                      for d in result.documents],
        "warnings": [str(w) for w in result.warnings],
        "notes": result.notes,
        "stages": stages,
        "seconds": round(sum(stages.values()), 4),
        "wall_seconds": round(time.perf_counter() - started, 4) if started else None,
    }


def export_graph(source: Path, fmt: str | None, dest: Path) -> str:
    """What ``claimgraph export`` does: the built graph at ``source`` (a folder or a graph
    file) written to ``dest`` as ``fmt`` (None: from dest's suffix); the format's name."""
    from graph_builder.query.sparql import read_triples

    with gc_paused():
        data = GraphData.from_triples(read_triples(source), f"claimgraph: {source}")
        return export(data, fmt, dest).name


def draw_view(source: Path, dest: Path | None = None, *, focus: str | None = None,
              depth: int = 2, kinds: set[str] | None = None, min_degree: int = 0
              ) -> tuple[Path, object]:
    """What ``claimgraph viz`` does: the view of the built graph at ``source`` (focused,
    narrowed) written as a page to ``dest`` (default DIR/view.html); (dest, the view)."""
    from exports.html import write_html
    from graph_builder.view.focus import view_graph
    from graph_builder.view.pages import built_readers

    view = view_graph(source, focus=focus, depth=depth, kinds=kinds, min_degree=min_degree)
    build_dir = source if source.is_dir() else source.parent
    dest = dest or build_dir / "view.html"
    readers = built_readers(build_dir, dest.parent, view) if dest != atomic.STDOUT else {}
    write_html(view, dest, title=view.graph["title"], readers=readers)
    return dest, view
