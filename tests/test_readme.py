"""The README's data-model examples run on the demo corpus and answer with rows."""

from __future__ import annotations

import re
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
