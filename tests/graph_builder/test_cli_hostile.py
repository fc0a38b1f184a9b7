"""Issue 12: hostile input to the CLI gives one line and exit 2, never a traceback or a leak.

Each test is named for the defect it guards against.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from tests.conftest import FIXTURE_CORPUS
from tests.recorder import recorder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-out")
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for needle in needles:
        assert needle in lines[0]


def test_issue_12_service_query_in_the_cli_is_refused(built):
    with recorder() as rec:
        sparql = f"SELECT ?x WHERE {{ # c\rSERVICE <{rec.url}> {{ ?x ?p ?o }} }}"
        result = CliRunner().invoke(main, ["query", str(built), sparql])
        _one_line_error(result, "SERVICE is refused")
        assert rec.hits == 0


def test_issue_12_allow_service_lets_the_cli_federate(built):
    with recorder() as rec:
        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{rec.url}> {{ ?x ?p ?o }} }}"
        result = CliRunner().invoke(main, ["query", str(built), "--allow-service", sparql,
                                           "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == ["n", "1"] and rec.hits == 1


def test_issue_12_allow_service_failure_is_one_line(built):
    sparql = "SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/x> { ?x ?p ?o } }"
    result = CliRunner().invoke(main, ["query", str(built), "--allow-service", sparql])
    _one_line_error(result, "query failed")


def test_issue_12_deeply_nested_query_is_one_line(built):
    sparql = "SELECT ?x WHERE { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }"
    result = CliRunner().invoke(main, ["query", str(built), sparql])
    _one_line_error(result, "5002 deep")
