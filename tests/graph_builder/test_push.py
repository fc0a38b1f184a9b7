"""Tests for graph_builder/push.py: loading a build into a SPARQL 1.1 Graph Store endpoint.

A real ``oxigraph serve`` (PyPI package ``oxigraph``), started on a free port of
127.0.0.1 with a temporary store, receives the fixture build; what landed is
read back through its SPARQL endpoint and compared with the graph as a graph.
Failures a real store will not stage on demand (a 500 midway, a dropped
connection, a stall, a 401) come from a small local http.server stub.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph_builder.cli import main, push
from graph_builder.errors import ParseError, PushError
from graph_builder.push import DEFAULT_CHUNK_TRIPLES, DEFAULT_TIMEOUT, _Endpoint, push_graph
from tests.conftest import require_tool

GRAPH = "http://example.org/graph/claims"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_command() -> str:
    """The ``oxigraph`` script beside this Python (pip puts it there), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    if shutil.which("oxigraph") is None and os.environ.get("CLAIMGRAPH_REQUIRE_TOOLS") != "1":
        pytest.skip("oxigraph is not installed (pip install -e '.[test]' brings it)")
    return require_tool("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """The base URL of a live ``oxigraph serve``, stopped when the module is done."""
    command = _oxigraph_command()
    home = tmp_path_factory.mktemp("oxigraph")
    base = f"http://127.0.0.1:{_free_port()}"
    with open(home / "server.log", "wb") as log:
        server = subprocess.Popen([command, "serve", "--location", str(home / "store"),
                                   "--bind", base.removeprefix("http://")],
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(server, base, home / "server.log")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"oxigraph serve exited: {log.read_text(errors='replace')}")
        try:
            _select(base, "ASK { }")
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"oxigraph serve did not answer within 30 s: {log.read_text(errors='replace')}")


def _select(base: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        f"{base}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    return answer.get("results", {}).get("bindings", [])


def _count(base: str, graph: str | None = None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    rows = _select(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(rows[0]["n"]["value"])


def _landed(base: str, graph: str) -> set[ox.Triple]:
    """The triples of ``graph`` at the live store, as a set (the graph has no blank nodes)."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        f"{base}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {q.triple for q in ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES)}


def _expected(graph_ttl: Path) -> set[ox.Triple]:
    """The build's triples as a store keeps them: values, not spellings ("04" is 4)."""
    store = ox.Store()
    store.load(path=str(graph_ttl), format=ox.RdfFormat.TURTLE)
    return {q.triple for q in store}


@pytest.fixture(scope="module")
def triples(fixture_out) -> int:
    return sum(1 for _ in ox.parse(path=fixture_out / "graph.ttl", format=ox.RdfFormat.TURTLE))


def test_push_loads_every_triple_into_the_default_graph(oxigraph, fixture_out, triples):
    report = push_graph(fixture_out, f"{oxigraph}/store")
    assert (report.triples, report.chunks, report.graph) == (triples, 1, None)
    assert _count(oxigraph) == triples  # the default graph (no union default graph)
    assert report.where == f"the default graph of {oxigraph}/store"


def test_push_named_graph_lands_in_that_graph_only(oxigraph, fixture_out, triples):
    named = f"{GRAPH}/named"
    push_graph(fixture_out / "graph.ttl", f"{oxigraph}/store", named)
    assert _count(oxigraph, named) == triples
    assert _landed(oxigraph, named) == _expected(fixture_out / "graph.ttl")
    graphs = _select(oxigraph, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                               f"FILTER(STRSTARTS(STR(?g), '{named}')) }}")
    assert [row["g"]["value"] for row in graphs] == [named]


def test_push_twice_replaces_instead_of_doubling(oxigraph, fixture_out, triples):
    again = f"{GRAPH}/again"
    for _ in range(2):
        push_graph(fixture_out, f"{oxigraph}/store", again, chunk_triples=triples // 3)
        assert _count(oxigraph, again) == triples


def test_push_small_chunks_give_many_chunks_and_the_same_graph(oxigraph, fixture_out, triples):
    small = f"{GRAPH}/small"
    seen: list[tuple[str, int, int]] = []
    report = push_graph(fixture_out, f"{oxigraph}/store", small, chunk_triples=100,
                        progress=lambda *step: seen.append(step))
    assert report.chunks == -(-triples // 100) > 10
    assert [done for _, done, _ in seen] == [min(100 * n, triples)
                                            for n in range(1, report.chunks + 1)]
    assert {stage for stage, _, _ in seen} == {"push"}
    assert {total for _, _, total in seen} == {triples}
    assert _landed(oxigraph, small) == _expected(fixture_out / "graph.ttl")


def test_push_empty_graph_empties_the_target(oxigraph, fixture_out, tmp_path):
    emptied = f"{GRAPH}/emptied"
    push_graph(fixture_out, f"{oxigraph}/store", emptied)
    (tmp_path / "empty.nt").write_text("", encoding="utf-8")
    report = push_graph(tmp_path / "empty.nt", f"{oxigraph}/store", emptied)
    assert (report.chunks, report.triples) == (1, 0)
    assert _count(oxigraph, emptied) == 0


def test_push_cli_reports_what_it_loaded(oxigraph, fixture_out, triples):
    result = CliRunner().invoke(main, ["push", str(fixture_out), f"{oxigraph}/store",
                                       "--graph", f"{GRAPH}/cli", "--chunk-triples", "500"])
    assert result.exit_code == 0, result.output
    chunks = -(-triples // 500)
    assert re.fullmatch(rf"Pushed {triples:,} triples in {chunks} chunks into "
                        rf"<{re.escape(GRAPH)}/cli> at {re.escape(oxigraph)}/store in "
                        r"\d+\.\d s\.\n", result.stdout), result.stdout
    assert _count(oxigraph, f"{GRAPH}/cli") == triples


@pytest.mark.parametrize(("path", "message"), [
    ("/nope", "answered 404 Not Found"),  # a live server, but not its Graph Store endpoint
    ("/query", "answered 4"),  # the SPARQL query endpoint refuses a graph
])
def test_push_cli_refused_is_one_line_exit_2(oxigraph, fixture_out, path, message):
    url = f"{oxigraph}{path}"
    result = CliRunner().invoke(main, ["push", str(fixture_out), url])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {url} {message}") and result.stderr.count("\n") == 1


def test_push_cli_unreachable_is_one_line_exit_2(fixture_out):
    url = f"http://127.0.0.1:{_free_port()}/store"  # nothing listens there
    result = CliRunner().invoke(main, ["push", str(fixture_out), url])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr == (f"Error: {url} could not be reached (Connection refused); check "
                             "that the store is running and the URL is right.\n")


@pytest.mark.parametrize(("args", "message"), [
    (["{out}", "ftp://example.org/store"], "not an http(s) URL with a host"),
    (["{out}", "http://127.0.0.1:99999/store"], "Port out of range"),
    (["{out}", "store"], "not an http(s) URL with a host"),
    (["{out}", "http://127.0.0.1:1/store", "--graph", "claims"], "is not an absolute IRI"),
    (["{tmp}/missing", "http://127.0.0.1:1/store"], "no graph found"),
    (["{tmp}/bad.ttl", "http://127.0.0.1:1/store"], "cannot be read as RDF"),
])
def test_push_cli_bad_input_is_one_line_exit_2(fixture_out, tmp_path, args, message):
    (tmp_path / "bad.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    args = [a.format(out=fixture_out, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, ["push", *args])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_push_cli_defaults_are_the_library_defaults():
    options = {param.name: param.default for param in push.params}
    assert options["chunk_triples"] == DEFAULT_CHUNK_TRIPLES
    assert options["timeout"] == DEFAULT_TIMEOUT


class _Stub(ThreadingHTTPServer):
    """A Graph Store that answers each request as ``script`` says, and records them."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, script: list[str]) -> None:
        super().__init__(("127.0.0.1", 0), _StubHandler)
        self.script, self.seen = script, []
        self.release = threading.Event()  # lets a stalled answer go at teardown

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


class _StubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real stores do

    def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
        self._answer()

    do_POST = do_PUT  # noqa: N815

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        stub: _Stub = self.server  # type: ignore[assignment]
        stub.seen.append((self.command, self.path, dict(self.headers), body))
        step = stub.script[min(len(stub.seen), len(stub.script)) - 1]
        if step == "drop":
            self.close_connection = True
            return
        if step == "stall":
            stub.release.wait(10)
            self.close_connection = True
            return
        status = int(step.removesuffix(" close"))
        text = b"" if status < 300 else b"store full\nsecond line"
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "http://elsewhere/store")
        self.send_header("Content-Length", str(len(text)))
        if step.endswith(" close"):
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(text)

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture()
def stub():
    servers: list[_Stub] = []

    def start(*script: str) -> _Stub:
        server = _Stub(list(script))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.release.set()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("script", "failure"), [
    (("201", "204", "500"), "it answered 500 Internal Server Error (store full)"),
    (("204", "200", "drop"), "it could not be reached (Remote end closed connection"),
])
def test_push_failure_midway_says_the_load_is_partial(stub, fixture_out, triples, script,
                                                      failure):
    server = stub(*script)
    chunk = triples // 5
    result = CliRunner().invoke(main, ["push", str(fixture_out), server.url, "--graph", GRAPH,
                                       "--chunk-triples", str(chunk)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    chunks = -(-triples // chunk)
    assert result.stderr.startswith(
        f"Error: Loaded 2 of {chunks} chunks ({2 * chunk:,} of {triples:,} triples) into "
        f"<{GRAPH}> at {server.url} before {failure}")
    assert result.stderr.endswith("push again to replace it.\n")
    assert result.stderr.count("\n") == 1
    assert [method for method, *_ in server.seen] == ["PUT", "POST", "POST"]


def test_push_sends_n_triples_put_then_post_to_the_graph(stub, fixture_out, triples):
    server = stub("201", "204")
    push_graph(fixture_out, server.url, GRAPH, chunk_triples=triples // 2 + 1)
    assert [(method, path) for method, path, *_ in server.seen] == [
        ("PUT", f"/store?graph={urllib.parse.quote(GRAPH, safe='')}"),
        ("POST", f"/store?graph={urllib.parse.quote(GRAPH, safe='')}")]
    assert {h["Content-Type"] for _, _, h, _ in server.seen} == {"application/n-triples"}
    landed = b"".join(body for *_, body in server.seen)
    assert len(list(ox.parse(landed, format=ox.RdfFormat.N_TRIPLES))) == triples


def test_push_reconnects_when_the_store_closes_the_connection(stub, fixture_out, triples):
    server = stub("201 close", "204 close", "204")
    report = push_graph(fixture_out, server.url, chunk_triples=triples // 3 + 1)
    assert report.chunks == len(server.seen) == 3


def test_push_without_graph_targets_the_default_graph(stub, fixture_out):
    server = stub("204")
    push_graph(fixture_out, server.url + "?dataset=a")
    assert server.seen[0][1] == "/store?dataset=a&default"


def test_push_stalled_store_times_out(stub, fixture_out):
    server = stub("stall")
    with pytest.raises(PushError, match=r"did not answer within 0.5 s; push again with fewer "):
        push_graph(fixture_out, server.url, timeout=0.5)


def test_push_credentials_in_the_url_are_basic_auth_and_never_shown(stub, fixture_out):
    server = stub("401")
    url = server.url.replace("http://", "http://ann:p%40ss@")
    with pytest.raises(PushError) as caught:
        push_graph(fixture_out, url)
    assert server.seen[0][2]["Authorization"] == "Basic " + base64.b64encode(
        b"ann:p@ss").decode()
    assert str(caught.value).startswith(f"{server.url} answered 401 Unauthorized")
    assert "p%40ss" not in str(caught.value) and "ann" not in str(caught.value)


def test_push_blank_nodes_are_never_split_across_chunks(stub, tmp_path):
    graph = tmp_path / "blank.nt"
    graph.write_text('_:a <http://x.org/p> "1" .\n_:a <http://x.org/p> "2" .\n', "utf-8")
    server = stub("204")
    with pytest.raises(PushError, match="has blank nodes"):
        push_graph(graph, server.url, chunk_triples=1)
    assert server.seen == []
    assert push_graph(graph, server.url).chunks == 1


def test_push_unparsable_graph_sends_nothing(stub, tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text('<http://x.org/a> <http://x.org/p> "1" .\n<http://x.org/a> <b', "utf-8")
    server = stub("204")
    with pytest.raises(ParseError, match="cannot be read as RDF"):
        push_graph(graph, server.url)
    assert server.seen == []


def test_push_interrupted_midway_says_the_load_is_partial(stub, fixture_out, triples,
                                                          monkeypatch):
    server = stub("204")
    send = _Endpoint.send

    def send_twice(self, method, body):
        if len(server.seen) == 2:
            raise KeyboardInterrupt
        send(self, method, body)

    monkeypatch.setattr(_Endpoint, "send", send_twice)
    chunk = triples // 3
    result = CliRunner().invoke(main, ["push", str(fixture_out), server.url, "--chunk-triples",
                                       str(chunk)])
    assert result.exit_code == 130 and isinstance(result.exception, SystemExit)
    assert result.stderr == (
        f"Error: Interrupted after loading 2 of {-(-triples // chunk)} chunks ({2 * chunk:,} of "
        f"{triples:,} triples) into the default graph of {server.url}; the graph there is "
        "partial: push again to replace it.\n")
    with pytest.raises(KeyboardInterrupt) as caught:  # before anything landed: as it came
        push_graph(fixture_out, server.url, chunk_triples=chunk)
    assert not isinstance(caught.value, PushError)


def test_push_redirect_names_where_it_points(stub, fixture_out):
    server = stub("308")
    with pytest.raises(PushError, match=r"answered 308 Permanent Redirect \(store full\); give "
                                        r"the URL it points to \(http://elsewhere/store\)\.$"):
        push_graph(fixture_out, server.url)
