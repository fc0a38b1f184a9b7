"""The CLI in-process (CliRunner) for every command and documented error, plus the
installed console script once as a real subprocess."""

import json
import shutil
import subprocess

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph_builder import __version__
from graph_builder.cli import main
from tests.conftest import FIXTURE_CORPUS


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-out")
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_cli_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["export"]])
def test_cli_help_on_every_command(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_cli_build_writes_the_three_outputs(built):
    out, result = built
    assert {p.name for p in out.iterdir()} == {"graph.ttl", "graph.html", "report.json",
                                              "reader", "store", "cache"}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["quotations"] == 5 and set(report["stages"]) >= {
        "corpus", "extract", "resolve", "mentions", "topics", "triples", "merge", "export",
        "view"}
    assert "Built 5 documents" in result.output


def test_cli_build_demo_corpus_by_default(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "claimgraph-out" / "report.json").read_text("utf-8"))
    assert report["counts"]["documents"] == 4 and report["counts"]["quotations"] >= 10


@pytest.mark.parametrize(("args", "message"), [
    (["build", "{tmp}/missing"], "no such file or folder"),
    (["build", "{tmp}/emptydir"], "no .txt or .md files"),
    (["query", "{tmp}/emptydir", "SELECT * {}"], "no graph found"),
    (["query", "{out}", "SELEC ?x"], "SPARQL syntax error"),
    (["query", "{out}"], "No query given"),
    (["query", "{out}", "@{tmp}/missing.rq"], "cannot read the query file"),
    (["export", "{out}", "-o", "{tmp}/g.xyz"], "Cannot tell the format"),
    (["build", "{tmp}/emptydir", "--base", "not an iri"], "not a usable base IRI"),
    (["build", "{tmp}/emptydir", "--base", "https://example.org/id"], "ending in '/' or '#'"),
])
def test_cli_documented_errors_are_one_line_and_exit_2(runner, built, tmp_path, args, message):
    (tmp_path / "emptydir").mkdir()
    out, _ = built
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{out}", str(out)) for a in args]
    result = runner.invoke(main, argv)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_cli_unknown_format_lists_choices(runner, built, tmp_path):
    out, _ = built
    result = runner.invoke(main, ["export", str(out), "--format", "tll", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "turtle" in result.output


def test_cli_strict_stops_at_first_problem(runner, tmp_path):
    (tmp_path / "bad.txt").write_bytes("Title\nCaf\u00e9\n".encode("cp1252"))
    result = runner.invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 2 and "bad.txt:2" in result.output
    assert not (tmp_path / "o").exists()


def test_cli_query_table_counts_triples(runner, built):
    out, _ = built
    result = runner.invoke(main, ["query", str(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
    count = int(result.output.splitlines()[2])
    ttl_triples = runner.invoke(main, ["query", str(out / "graph.ttl"),
                                       "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
    assert result.exit_code == 0 and count > 100 and str(count) in ttl_triples.output


def test_cli_query_from_file_and_stdin(runner, built, tmp_path):
    out, _ = built
    rq = tmp_path / "q.rq"
    rq.write_text("# persons\nSELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }", "utf-8")
    from_file = runner.invoke(main, ["query", str(out), f"@{rq}", "--format", "csv"])
    from_stdin = runner.invoke(main, ["query", str(out), "-", "--format", "csv"],
                               input=rq.read_text("utf-8"))
    assert from_file.exit_code == 0 and from_file.output == from_stdin.output
    assert "E. P. Thompson" in from_file.output


def test_cli_export_turtle_round_trips(runner, built, tmp_path):
    out, _ = built
    dest = tmp_path / "copy.ttl"
    result = runner.invoke(main, ["export", str(out), "-o", str(dest)])
    assert result.exit_code == 0, result.output
    from rdflib import Graph
    from rdflib.compare import isomorphic
    assert isomorphic(Graph().parse(dest), Graph().parse(out / "graph.ttl"))


def test_cli_installed_script_runs(tmp_path):
    script = shutil.which("claimgraph")
    if script is None:
        pytest.skip("the claimgraph script is not installed (pip install -e .)")
    proc = subprocess.run([script, "build", str(FIXTURE_CORPUS), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "graph.ttl").stat().st_size > 0
    assert proc.stderr == ""  # piped: no progress bar


def test_cli_build_base_prefixes_every_instance_iri(runner, tmp_path):
    from tests.conftest import FIXTURE_CORPUS

    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(out), "-q",
                                  "--base", "https://example.org/h/"])
    assert result.exit_code == 0, result.output
    subjects = {q.subject.value for q in ox.parse(path=str(out / "graph.ttl"))}
    assert len(subjects) > 100
    assert all(s.startswith("https://example.org/h/") for s in subjects)
