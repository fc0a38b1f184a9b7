"""claimgraph: a folder of historical texts in, an RDF graph of people, works and claims out.

The public API, importable from here (and only what is listed in ``__all__`` is
promised to stay). Names load on first use, so ``import graph_builder`` stays
cheap for the CLI and for a query that needs no build machinery::

    from graph_builder import BuildSettings, build_folder, open_store, run_query
    result, outputs = build_folder(Path("texts/"), Path("out"), BuildSettings(workers=4))
    answer = run_query(open_store(Path("out")), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it
_EXPORTS = {
    "build_graph": "graph_builder.pipeline",
    "BuildSettings": "graph_builder.pipeline",
    "BuildResult": "graph_builder.pipeline",
    "STAGES": "graph_builder.pipeline",
    "build_folder": "graph_builder.outputs",
    "write_outputs": "graph_builder.outputs",
    "export_graph": "graph_builder.outputs",
    "draw_view": "graph_builder.outputs",
    "ask_graph": "graph_builder.query.named",
    "parse_reference": "graph_builder.references",
    "open_store": "graph_builder.query.sparql",
    "run_query": "graph_builder.query.sparql",
    "format_answer": "graph_builder.query.sparql",
    "read_triples": "graph_builder.query.sparql",
    "validate_graph": "graph_builder.query.validate",
    "push_graph": "graph_builder.push",
    "make_server": "graph_builder.serve",
    "view_graph": "graph_builder.view.focus",
    "ClaimgraphError": "graph_builder.errors",
    "OntologyError": "graph_builder.errors",
}

__all__ = [
    "STAGES", "BuildResult", "BuildSettings", "ClaimgraphError", "OntologyError", "__version__",
    "ask_graph", "build_folder", "build_graph", "draw_view", "export_graph", "format_answer",
    "make_server", "open_store", "parse_reference", "push_graph", "read_triples", "run_query",
    "validate_graph", "view_graph", "write_outputs",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time names load on first use
    from graph_builder.errors import ClaimgraphError, OntologyError
    from graph_builder.outputs import build_folder, draw_view, export_graph, write_outputs
    from graph_builder.pipeline import STAGES, BuildResult, BuildSettings, build_graph
    from graph_builder.push import push_graph
    from graph_builder.query.named import ask_graph
    from graph_builder.query.sparql import format_answer, open_store, read_triples, run_query
    from graph_builder.query.validate import validate_graph
    from graph_builder.references import parse_reference
    from graph_builder.serve import make_server
    from graph_builder.view.focus import view_graph


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph_builder' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
