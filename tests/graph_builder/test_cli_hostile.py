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


def test_issue_12_export_dash_writes_to_stdout_and_no_file(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", str(built), "--format", "nt", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<") and " .\n" in result.stdout
    assert "Wrote -" in result.stderr and "Wrote" not in result.stdout
    assert not (tmp_path / "-").exists()


def test_issue_12_viz_dash_writes_the_page_to_stdout(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["viz", str(built), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and not (tmp_path / "-").exists()


def test_issue_12_export_into_a_missing_folder_names_it(built, tmp_path):
    result = CliRunner().invoke(main, ["export", str(built), "-o",
                                       str(tmp_path / "nonexistent" / "dir" / "x.nt")])
    _one_line_error(result, "nonexistent/dir does not exist")
    assert not (tmp_path / "nonexistent").exists()


def test_issue_12_out_under_an_existing_file_is_one_line(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out",
                                       str(tmp_path / "afile" / "out"), "-q"])
    _one_line_error(result, "which is a file")


@pytest.fixture()
def tmpfs(tmp_path):
    """A small RAM file system mounted for the test (root only), unmounted after."""
    import subprocess

    mount = tmp_path / "mnt"
    mount.mkdir()

    def mounted(options: str):
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()})")
        return mount

    yield mounted
    subprocess.run(["umount", str(mount)], capture_output=True)


def test_issue_12_out_on_a_read_only_file_system_is_one_line(tmpfs):
    mount = tmpfs("ro,size=1m")
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(mount / "out"),
                                       "-q"])
    _one_line_error(result, "Read-only file system")


def test_issue_12_disk_full_says_so_and_leaves_no_part_file(tmpfs):
    mount = tmpfs("size=64k")
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(mount / "out"),
                                       "-q"])
    _one_line_error(result, "No space left on device")
    assert "None" not in result.output
    assert not (mount / "out").exists()  # the build made it, and took it away again


def test_issue_12_an_interrupted_build_keeps_the_old_outputs_as_a_set(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(out),
                                     "-q"]).exit_code == 0
    def outputs():
        return {p.name: p.read_bytes() for p in [*out.iterdir(), out / "store" / "source.json",
                                                 *(out / "reader").iterdir()] if p.is_file()}

    before = outputs()
    assert {"graph.ttl", "graph.html", "report.json", "source.json"} <= set(before)
    assert sum(name.endswith(".html") for name in before) > 3  # the reader pages
    import graph_builder.view.pages

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    # after graph.ttl and the reader pages are written, before graph.html is
    monkeypatch.setattr(graph_builder.view.pages, "write_lens_view", interrupted)
    result = CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(out), "-q",
                                       "--base", "https://example.org/other/"])
    assert result.exit_code == 130
    assert outputs() == before
    assert sorted(p.name for p in out.iterdir()) == [
        "cache", "graph.html", "graph.ttl", "reader", "report.json", "store"]  # no half store


def test_issue_12_part_files_of_a_killed_build_are_cleaned_on_the_next(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (out / f".graph.ttl.{dead}.q8w7e6.part").write_text("half a gra", encoding="utf-8")
    assert CliRunner().invoke(main, ["build", str(FIXTURE_CORPUS), "--out", str(out),
                                     "-q"]).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "cache", "graph.html", "graph.ttl", "reader", "report.json", "store"]


def test_issue_12_corpus_of_only_empty_files_is_exit_2(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o"), "-q"])
    _one_line_error(result, "no readable text")


@pytest.fixture(scope="module")
def old_huge_graph(tmp_path_factory):
    """A graph file such as a build before the literal cap wrote: one 17 MB literal."""
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("huge") / "graph.ttl"
    quad = ox.Quad(ox.NamedNode("https://example.org/c"), ox.NamedNode("https://schema.org/text"),
                   ox.Literal("word " * (17 << 18)))
    ox.serialize([quad], output=str(path), format=ox.RdfFormat.TURTLE)
    return path


@pytest.mark.parametrize("command", [["validate"], ["query", "-", "ASK {}"],
                                     ["export", "-", "-o", "{tmp}/x.nt"], ["viz", "-"]])
def test_issue_12_a_graph_over_the_readers_limit_is_one_line(old_huge_graph, tmp_path, command):
    args = [str(old_huge_graph) if a == "-" else a.replace("{tmp}", str(tmp_path))
            for a in command]
    if len(args) == 1:
        args.append(str(old_huge_graph))
    result = CliRunner().invoke(main, args)
    _one_line_error(result, "cannot be read as RDF", "claimgraph build")


def test_issue_12_a_file_name_that_is_not_utf8_builds_without_a_traceback(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lettre-\udce9t\udce9.txt").write_text(
        "Lettres\n\nHenri Martin wrote from Lyon.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "lettre-\\\\xe9t\\\\xe9.txt" in graph and "Henri Martin" in graph
