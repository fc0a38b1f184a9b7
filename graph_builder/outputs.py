"""Write a build's outputs: graph.ttl, graph.html and report.json.

Each file goes through the export registry (or ``atomic``), so every one is
written under a temporary name and renamed: an interrupted build never leaves
half a file behind. Export and view times join the stage timings that the
report and the benchmark show.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from exports import export
from exports.graphdata import GraphData
from graph_builder import __version__
from graph_builder.errors import ExportError
from graph_builder.pipeline import BuildResult
from graph_builder.support import atomic

GRAPH_FILE = "graph.ttl"
VIEW_FILE = "graph.html"
REPORT_FILE = "report.json"


@dataclass
class BuildOutputs:
    graph: Path
    view: Path
    report: Path
    stages: dict[str, float] = field(default_factory=dict)  # the build's, plus writing


def write_outputs(result: BuildResult, out_dir: Path, corpus: Path,
                  started: float | None = None) -> BuildOutputs:
    """Write the three outputs of a build into ``out_dir`` (created if missing; its parent
    must exist). They replace the previous build's as a set (`atomic.together`):
    an interrupted build leaves the old three, never a mix."""
    atomic.make_folder(out_dir)
    atomic.sweep(out_dir)
    title = f"claimgraph: {corpus.name or corpus}"
    data = GraphData(result.triples, title)
    outputs = BuildOutputs(out_dir / GRAPH_FILE, out_dir / VIEW_FILE, out_dir / REPORT_FILE)
    stages = outputs.stages = dict(result.stages)  # the build's record stays untouched
    with atomic.together():
        for stage, fmt, dest in (("export", "turtle", outputs.graph),
                                 ("view", "html", outputs.view)):
            start = time.perf_counter()
            export(data, fmt, dest)
            stages[stage] = round(time.perf_counter() - start, 4)
        text = json.dumps(report(result, corpus, started, stages), indent=2,
                          ensure_ascii=False) + "\n"
        try:
            atomic.write_text(outputs.report, text)
        except OSError as exc:
            raise ExportError(f"{outputs.report}: cannot write ({atomic.os_reason(exc)}); "
                              "check that the folder is writable and has room.") from exc
    return outputs


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
        "stages": stages,
        "seconds": round(sum(stages.values()), 4),
        "wall_seconds": round(time.perf_counter() - started, 4) if started else None,
    }
