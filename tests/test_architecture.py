"""Issue 13: the tree reads as the data flow. No import cycle between modules or between
stage packages; ontology/ imports nothing of graph_builder; exports/ reaches only the
support, query and view layers; modules stay small unless they are one abstraction."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph_builder", "ontology", "exports")
# what exports/ may import of graph_builder: the layers below the pipeline, and the view
EXPORTS_MAY_USE = ("graph_builder.support", "graph_builder.query", "graph_builder.view",
                   "graph_builder.errors", "graph_builder")
MAX_LINES = 400
# modules over MAX_LINES that are one abstraction each, and why
ONE_ABSTRACTION: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _imports(path: Path, *, eager_only: bool) -> set[str]:
    """Modules of ours that ``path`` imports; with ``eager_only``, only at import time
    (not inside functions, not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    if eager_only:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or (
                    isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)):
                skip.update(id(n) for n in ast.walk(node) if n is not node or
                            isinstance(node, ast.If))
    names = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n in MODULES}


def test_architecture_no_import_cycle_between_modules():
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        for target in _imports(path, eager_only=True):
            if target != name and not name.startswith(target + "."):  # a package's own init
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, cycles[:5]


def _family(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "graph_builder" and len(parts) > 1 else parts[0]


def test_architecture_no_cycle_between_stage_packages():
    """Folders too: read/ may use references/, but then references/ may not use read/."""
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        for target in _imports(path, eager_only=True):
            a, b = _family(name), _family(target)
            if a != b and b != "graph_builder":
                graph.add_edge(a, b)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, cycles[:5]


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("ontology")))
def test_architecture_ontology_imports_nothing_of_the_pipeline(name):
    used = {t for t in _imports(MODULES[name], eager_only=False)
            if t.startswith(("graph_builder", "exports"))}
    assert not used


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("exports")))
def test_architecture_exports_use_no_pipeline_stage(name):
    used = {t for t in _imports(MODULES[name], eager_only=False) if t.startswith("graph_builder")}
    stray = {t for t in used if not any(t == p or t.startswith(p + ".")
                                        for p in EXPORTS_MAY_USE[:-1]) and t != "graph_builder"}
    assert not stray


@pytest.mark.parametrize("name", sorted(MODULES))
def test_architecture_modules_stay_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES or name in ONE_ABSTRACTION, f"{name}: {lines} lines"


@pytest.mark.parametrize("name", sorted(n for n, p in MODULES.items()
                                        if p.name == "__init__.py"))
def test_architecture_every_package_says_what_it_holds(name):
    doc = ast.get_docstring(ast.parse(MODULES[name].read_text(encoding="utf-8")))
    assert doc and doc.strip(), name
