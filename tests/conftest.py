"""Shared fixtures: the hand-written fixture corpus, built once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CORPUS = FIXTURES / "corpus"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def require_tool(name: str) -> str:
    """The path of an external checker, or skip — or fail where CI demands it."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CLAIMGRAPH_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is required (CLAIMGRAPH_REQUIRE_TOOLS=1) but not installed")
    pytest.skip(f"{name} is not installed (apt-get install the package that provides it)")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({SHARED_CORPUS})")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def fixture_build():
    """The fixture corpus built in-process (records and triples)."""
    from graph_builder.pipeline import build_graph

    return build_graph(FIXTURE_CORPUS)


@pytest.fixture(scope="session")
def fixture_out(tmp_path_factory, fixture_build):
    """The fixture corpus's build folder (graph.ttl, graph.html, report.json)."""
    from graph_builder.outputs import write_outputs

    out = tmp_path_factory.mktemp("fixture-out")
    write_outputs(fixture_build, out, FIXTURE_CORPUS)
    return out


@pytest.fixture(scope="session")
def corpus_out(tmp_path_factory, shared_corpus):
    """../shared/corpus built once through the real pipeline and outputs."""
    from graph_builder.outputs import write_outputs
    from graph_builder.pipeline import build_graph

    out = tmp_path_factory.mktemp("corpus-out")
    result = build_graph(shared_corpus)
    write_outputs(result, out, shared_corpus)
    return out, result
