"""The README's data-model examples run on the demo corpus and answer with rows."""

from __future__ import annotations

import re
import shutil
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from graph_builder.pipeline import build_graph
from graph_builder.query.sparql import prologue

README = Path(__file__).resolve().parents[1] / "README.md"


def _data_model_queries() -> list[str]:
    text = README.read_text("utf-8")
    section = text.split("## Data model", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.DOTALL)


@pytest.fixture(scope="module")
def demo_store():
    with as_file(files("graph_builder") / "demo") as demo:
        return build_graph(demo).store()


def test_readme_has_three_data_model_examples_and_a_diagram():
    assert len(_data_model_queries()) >= 3
    assert "```mermaid" in README.read_text("utf-8").split("## Data model", 1)[1]


@pytest.mark.parametrize("number", range(3))
def test_readme_data_model_example_answers_on_the_demo(demo_store, number):
    rows = list(demo_store.query(prologue() + _data_model_queries()[number]))
    assert rows


def test_readme_python_api_imports_only_the_package_and_runs(tmp_path, monkeypatch):
    """The README's API example, run as printed on a copy of the demo corpus."""
    import graph_builder

    text = README.read_text("utf-8").split("## Python API", 1)[1].split("\n## ", 1)[0]
    [code] = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    imports = re.findall(r"^(?:from|import) (\S+)", code, re.MULTILINE)
    assert set(imports) <= {"pathlib", "graph_builder"}
    named = re.search(r"from graph_builder import (.*)", code).group(1).split(", ")
    assert set(named) <= set(graph_builder.__all__)
    with as_file(files("graph_builder") / "demo") as demo:
        shutil.copytree(demo, tmp_path / "texts")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000


def test_api_every_public_name_resolves():
    import graph_builder

    assert set(graph_builder.__all__) == {"__version__", *graph_builder._EXPORTS}
    for name in graph_builder.__all__:
        assert getattr(graph_builder, name) is not None, name
    with pytest.raises(AttributeError):
        graph_builder.no_such_name  # noqa: B018
