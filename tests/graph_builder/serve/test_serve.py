"""Tests for graph_builder/serve/__init__.py: the read-only SPARQL 1.1 Protocol endpoint.

A module-wide endpoint serves the fixture build on a free port; SPARQLWrapper
(an independent client) and plain urllib drive it. Answers are checked against
the same query run in-process on the build's own store, and graphs are
compared as graphs.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import os
import select
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph_builder.cli import main
from graph_builder.errors import ClaimgraphError
from graph_builder.query import named as named_queries
from graph_builder.serve import STORE_HEADER, TRUNCATED_HEADER, make_server
from graph_builder.serve.answer import (
    GRAPH_TYPES,
    RESULT_TYPES,
    answer,
    looks_like_update,
    negotiate,
)
from graph_builder.serve.page import CSP
from ontology import PREFIXES
from tests import browser

TIMEOUT, MAX_ROWS = 2.0, 50
NAMES = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"
NAMES_GRAPH = "CONSTRUCT { ?p schema:name ?name } WHERE { ?p a schema:Person ; schema:name ?name }"
# Four copies of every triple joined with each other: far more than TIMEOUT at any size.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MALFORMED = "SELECT ?s WHERE { ?s ?p "
# rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib 7 deprecates.
RDFLIB_JSONLD_WARNING = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
HOSTILE = "<img src=x onerror=\"document.body.dataset.pwned = 'yes'\">"


@contextlib.contextmanager
def running(server):
    """The server answering in a thread of its own, stopped and closed afterwards."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def endpoint(fixture_out):
    log = io.StringIO()
    with running(make_server(fixture_out, port=0, timeout=TIMEOUT, max_rows=MAX_ROWS,
                             log=log)) as server:
        yield server


@pytest.fixture(scope="module")
def oracle(fixture_build):
    """The build's own in-memory store: what the endpoint must answer."""
    return fixture_build.store()


def client(endpoint, query: str, fmt: str = JSON, method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint.url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method is not None:
        sparql.setMethod(POST)
        sparql.setRequestMethod(method)
    return sparql


def raw(endpoint, path: str = "/sparql", *, data: bytes | None = None, method: str | None = None,
        headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request, error statuses included."""
    return fetch(endpoint.url.removesuffix("/sparql") + path, data, method, headers or {})


def fetch(url: str, data: bytes | None, method: str | None, headers: dict[str, str]
          ) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read()


def form(query: str, **extra: str) -> bytes:
    return urllib.parse.urlencode({"query": query, **extra}).encode()


def oracle_names(oracle) -> set[str]:
    return {row["name"].value for row in oracle.query(NAMES, prefixes=PREFIXES)}


def as_rdflib(data: bytes, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format=fmt)


def oracle_graph(oracle, query: str) -> rdflib.Graph:
    triples = list(oracle.query(query, prefixes=PREFIXES))
    return as_rdflib(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "nt")


# -- SELECT and ASK -----------------------------------------------------------------------

def _names_json(body: bytes) -> set[str]:
    return {b["name"]["value"] for b in json.loads(body)["results"]["bindings"]}


def _names_parsed(fmt: ox.QueryResultsFormat):
    return lambda body: {row["name"].value for row in ox.parse_query_results(body, format=fmt)}


def _names_csv(body: bytes) -> set[str]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["name"]
    return {row[0] for row in rows[1:]}


@pytest.mark.parametrize(("fmt", "media", "read"), [
    (JSON, "application/sparql-results+json", _names_json),
    (XML, "application/sparql-results+xml", _names_parsed(ox.QueryResultsFormat.XML)),
    (CSV, "text/csv", _names_csv),
    (TSV, "text/tab-separated-values", _names_parsed(ox.QueryResultsFormat.TSV)),
])
def test_serve_select_in_every_results_format(endpoint, oracle, fmt, media, read):
    result = client(endpoint, NAMES, fmt).query()
    body = result.response.read()
    assert result.info()["content-type"].startswith(media)
    assert read(body) == oracle_names(oracle) != set()


@pytest.mark.parametrize("method", [None, URLENCODED, POSTDIRECTLY],
                         ids=["GET", "POST-form", "POST-direct"])
def test_serve_select_by_get_and_both_posts(endpoint, oracle, method):
    result = client(endpoint, NAMES, JSON, method).queryAndConvert()
    assert {b["name"]["value"] for b in result["results"]["bindings"]} == oracle_names(oracle)


@pytest.mark.parametrize(("query", "expected"), [
    ("ASK { ?p a schema:Person }", True),
    ("ASK { ?p a schema:Person ; schema:name 'Nobody at all' }", False),
])
def test_serve_ask(endpoint, query, expected):
    assert client(endpoint, query).queryAndConvert()["boolean"] is expected


def test_serve_query_declaring_a_predeclared_prefix_itself(endpoint, oracle):
    query = f"PREFIX schema: <{PREFIXES['schema']}>\n{NAMES}"
    result = client(endpoint, query).queryAndConvert()
    assert {b["name"]["value"] for b in result["results"]["bindings"]} == oracle_names(oracle)


# -- CONSTRUCT and DESCRIBE ---------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "media", "parse_as"), [
    (TURTLE, "text/turtle", "turtle"),
    pytest.param(JSONLD, "application/ld+json", "json-ld",
                 marks=pytest.mark.filterwarnings(RDFLIB_JSONLD_WARNING)),
])
def test_serve_construct_as_turtle_and_jsonld(endpoint, oracle, fmt, media, parse_as):
    result = client(endpoint, NAMES_GRAPH, fmt).query()
    body = result.response.read()
    assert result.info()["content-type"].startswith(media)
    got, expected = as_rdflib(body, parse_as), oracle_graph(oracle, NAMES_GRAPH)
    assert len(expected) > 0
    assert isomorphic(got, expected)


def test_serve_describe_as_ntriples(endpoint, oracle):
    person = next(iter(oracle.query("SELECT ?p WHERE { ?p a schema:Person } LIMIT 1",
                                    prefixes=PREFIXES)))["p"]
    query = f"DESCRIBE {person}"
    status, headers, body = raw(endpoint, data=form(query),
                                headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert isomorphic(as_rdflib(body, "nt"), oracle_graph(oracle, query))


# -- refusals and errors ------------------------------------------------------------------

@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_serve_update_refused_with_403(endpoint, method):
    sparql = client(endpoint, "INSERT DATA { <urn:x:a> <urn:x:b> 'c' }", JSON, method)
    with pytest.raises(urllib.error.HTTPError) as info:
        sparql.query()
    with info.value as err:
        assert err.code == 403 and b"read-only" in err.read()
    assert client(endpoint, "ASK { <urn:x:a> ?p ?o }").queryAndConvert()["boolean"] is False


def test_serve_update_sent_as_query_refused_with_403(endpoint):
    status, _, body = raw(endpoint, data=form("PREFIX x: <urn:x:>\nDELETE WHERE { ?s ?p ?o }"))
    assert status == 403 and b"read-only" in body


def test_serve_malformed_query_answered_400_with_the_parsers_message(endpoint):
    with pytest.raises(SyntaxError) as parser:
        ox.Store().query(MALFORMED)
    with pytest.raises(QueryBadFormed) as info:
        client(endpoint, MALFORMED).query()
    position = str(parser.value).split(": expected")[0]  # "error at 1:25"
    assert position.startswith("error at ") and position in str(info.value)
    status, headers, body = raw(endpoint, data=form(MALFORMED))
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert body.decode().startswith(f"SPARQL syntax error: {str(parser.value).splitlines()[0]}")


@pytest.mark.parametrize(("data", "headers", "status", "says"), [
    (None, {}, 400, b"exactly one SPARQL query"),
    (form(NAMES, **{"default-graph-uri": "urn:g"}), {}, 400, b"default-graph-uri"),
    (b"query=a&query=b", {}, 400, b"exactly one"),
    (NAMES.encode(), {"Content-Type": "text/plain"}, 415, b"application/sparql-query"),
    (form(NAMES), {"Accept": "text/turtle"}, 406, b"application/sparql-results+json"),
    (form("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"), {}, 403,
     b"SERVICE"),
])
def test_serve_bad_requests_get_a_status_and_a_reason(endpoint, data, headers, status, says):
    got, answer_headers, body = raw(endpoint, data=data, headers=headers)
    assert got == status and says in body
    assert answer_headers["Content-Type"].startswith("text/plain")


def test_serve_service_inside_a_string_is_no_service(endpoint):
    query = "SELECT ?x WHERE { BIND('SERVICE <http://x/>' AS ?x) }"
    assert client(endpoint, query).queryAndConvert()["results"]["bindings"][0]["x"]["value"] \
        == "SERVICE <http://x/>"


def test_serve_unknown_path_is_404(endpoint):
    assert raw(endpoint, "/nothing")[0] == 404


# -- limits -------------------------------------------------------------------------------

def test_serve_row_limit_cuts_and_flags(endpoint, fixture_build):
    assert len(fixture_build.triples) > MAX_ROWS
    status, headers, body = raw(endpoint, "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o }"}))
    assert status == 200 and headers[TRUNCATED_HEADER] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    status, headers, body = raw(endpoint, data=form("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert status == 200 and headers[TRUNCATED_HEADER] == "true"
    assert len(as_rdflib(body, "turtle")) == MAX_ROWS


def test_serve_answer_within_the_limit_is_not_flagged(endpoint):
    status, headers, _ = raw(endpoint, data=form("SELECT * WHERE { ?s ?p ?o } LIMIT 3"))
    assert status == 200 and TRUNCATED_HEADER not in headers


def test_serve_time_limit_stops_the_query_and_the_endpoint_goes_on(endpoint):
    before = endpoint.worker.pid
    started = time.monotonic()
    status, _, body = raw(endpoint, data=form(SLOW))
    took = time.monotonic() - started
    assert status == 503 and b"time limit" in body
    assert TIMEOUT <= took < TIMEOUT + 30  # the limit, plus restarting the worker
    with pytest.raises(ProcessLookupError):
        os.kill(before, 0)  # the runaway query's process is gone, not left computing
    assert endpoint.worker.pid not in (None, before)
    assert client(endpoint, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


def test_serve_worker_killed_from_outside_is_replaced(endpoint):
    os.kill(endpoint.worker.pid, signal.SIGKILL)
    status, _, body = raw(endpoint, data=form("ASK { ?s ?p ?o }"))
    assert status == 500 and b"restarted" in body
    assert client(endpoint, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


# -- CORS, page, log ----------------------------------------------------------------------

def answering_store(endpoint, within: float = 60.0) -> str:
    """The store the endpoint answers from, once it is "memory" or ``within`` runs out."""
    deadline = time.monotonic() + within
    while True:
        status, headers, _ = raw(endpoint, data=form("ASK { ?s ?p ?o }"))
        assert status == 200
        if headers[STORE_HEADER] == "memory" or time.monotonic() > deadline:
            return headers[STORE_HEADER]
        time.sleep(0.1)


def test_serve_answers_from_a_memory_copy_once_loaded(endpoint, oracle):
    assert answering_store(endpoint) == "memory"
    assert _names_json(raw(endpoint, data=form(NAMES))[2]) == oracle_names(oracle)


def test_serve_memory_limit_zero_keeps_the_graph_on_disk(fixture_out, oracle):
    with running(make_server(fixture_out, port=0, memory_limit=0, log=None)) as server:
        # the fixture's copy loads in well under a second; give it three
        assert answering_store(server, within=3.0) == "disk"
        assert _names_json(raw(server, data=form(NAMES))[2]) == oracle_names(oracle)


def test_serve_graph_file_answers_from_memory_at_once(fixture_out, tmp_path):
    graph = tmp_path / "graph.ttl"
    shutil.copyfile(fixture_out / "graph.ttl", graph)
    with running(make_server(graph, port=0, log=None)) as server:
        assert raw(server, data=form("ASK { ?s ?p ?o }"))[1][STORE_HEADER] == "memory"


def test_serve_cors_on_answers_and_errors(endpoint):
    for data in (form(NAMES), form(MALFORMED)):
        _, headers, _ = raw(endpoint, data=data, headers={"Origin": "https://example.org"})
        assert headers["Access-Control-Allow-Origin"] == "*"
        assert TRUNCATED_HEADER in headers["Access-Control-Expose-Headers"]
        assert STORE_HEADER in headers["Access-Control-Expose-Headers"]


def test_serve_cors_preflight(endpoint):
    status, headers, body = raw(endpoint, method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and body == b""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


def test_serve_page_is_self_contained_and_writes_no_html(endpoint):
    status, headers, body = raw(endpoint, "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Content-Security-Policy"] == CSP
    assert '<textarea id="query"' in page and '<button id="run"' in page
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "src=",
                 "href=", "eval("):
        assert sink not in page


def test_serve_named_queries_listed_with_defaults_bound(endpoint):
    status, _, body = raw(endpoint, "/queries")
    listed = json.loads(body)
    assert status == 200
    assert [q["name"] for q in listed] == named_queries.names()
    for item in listed:
        query = named_queries.load(item["name"])
        assert item["question"] == query.question and item["query"] == query.sparql()


@pytest.mark.parametrize("name", named_queries.names())
def test_serve_every_named_query_runs(endpoint, name):
    status, _, body = raw(endpoint, data=form(named_queries.bind(name)))
    assert status == 200, body.decode()


def test_serve_logs_one_line_per_request(endpoint):
    raw(endpoint, "/sparql?query=ASK%7B%7D")
    deadline = time.monotonic() + 10  # the line is written just after the answer is sent
    while " GET /sparql?query=ASK%7B%7D 200 " not in endpoint.log.getvalue():
        assert time.monotonic() < deadline, endpoint.log.getvalue()[-2000:]
        time.sleep(0.01)


# -- answers written as pyoxigraph writes them ---------------------------------------------

TERMS = """SELECT ?iri ?plain ?lang ?typed ?unbound WHERE {
  VALUES (?iri ?plain ?lang ?typed) {
    (<urn:x:a> "tab\\there, \\"quoted\\"" "Москва"@ru "4"^^xsd:positiveInteger)
    (<urn:x:b> "line\\nbreak" "x"@en-GB 2.5)
  }
}"""


@pytest.mark.parametrize("media", list(RESULT_TYPES))
def test_serve_answer_matches_pyoxigraphs_own_writer(oracle, media):
    got = answer(oracle, TERMS, media, max_rows=100)
    expected = oracle.query(TERMS, prefixes=PREFIXES).serialize(format=RESULT_TYPES[media])
    assert got.status == 200 and not got.truncated
    if media.endswith("json"):
        assert json.loads(got.body) == json.loads(expected)
    else:
        assert got.body == expected


ALL = "SELECT * WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("media", list(RESULT_TYPES))
def test_serve_answer_byte_cap_cuts_and_flags_rows(oracle, media):
    whole = answer(oracle, ALL, media, max_rows=100_000)
    got = answer(oracle, ALL, media, max_rows=100_000, max_bytes=len(whole.body) // 3)
    assert not whole.truncated and got.truncated and got.status == 200
    assert 0 < len(got.body) <= len(whole.body) // 3
    if media == "text/csv":  # pyoxigraph reads no CSV results: count the lines
        kept = got.body.decode("utf-8").splitlines()[1:]
    else:
        kept = list(ox.parse_query_results(got.body, format=RESULT_TYPES[media]))
    assert 0 < len(kept) < len(list(oracle.query(ALL)))


@pytest.mark.parametrize("media", list(GRAPH_TYPES))
@pytest.mark.filterwarnings(RDFLIB_JSONLD_WARNING)
def test_serve_answer_byte_cap_cuts_and_flags_triples(oracle, media):
    query = "CONSTRUCT WHERE { ?s ?p ?o }"
    whole = answer(oracle, query, media, max_rows=100_000)
    got = answer(oracle, query, media, max_rows=100_000, max_bytes=len(whole.body) // 3)
    assert not whole.truncated and got.truncated
    assert 0 < len(got.body) <= len(whole.body) // 3
    parse_as = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                "application/n-triples": "nt", "application/rdf+xml": "xml"}[media]
    assert 0 < len(as_rdflib(got.body, parse_as)) < len(as_rdflib(whole.body, parse_as))


def test_serve_answer_row_over_the_byte_cap_leaves_an_empty_flagged_answer(oracle):
    got = answer(oracle, "SELECT ?x WHERE { VALUES ?y { '" + "y" * 5000 + "' } "
                         "BIND(CONCAT('x', ?y) AS ?x) }", None, 10, max_bytes=1000)
    assert got.truncated and json.loads(got.body)["results"]["bindings"] == []


def test_serve_answer_keeps_blank_nodes(oracle):
    got = answer(oracle, "SELECT ?b WHERE { BIND(BNODE() AS ?b) }", None, max_rows=10)
    assert json.loads(got.body)["results"]["bindings"][0]["b"]["type"] == "bnode"


# -- negotiation and update detection -----------------------------------------------------

@pytest.mark.parametrize(("accept", "offers", "expected"), [
    (None, RESULT_TYPES, "application/sparql-results+json"),
    ("*/*", GRAPH_TYPES, "text/turtle"),
    ("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES,
     "application/sparql-results+xml"),
    ("application/json", RESULT_TYPES, "application/sparql-results+json"),
    ("application/json", GRAPH_TYPES, "application/ld+json"),
    ("application/turtle,text/turtle", GRAPH_TYPES, "text/turtle"),
    ("text/*", RESULT_TYPES, "text/csv"),
    ("text/turtle", RESULT_TYPES, None),
    ("application/sparql-results+json;q=0", RESULT_TYPES, None),
])
def test_serve_negotiate(accept, offers, expected):
    from graph_builder.serve.answer import _GRAPH_ALIASES, _RESULT_ALIASES

    aliases = _GRAPH_ALIASES if offers is GRAPH_TYPES else _RESULT_ALIASES
    assert negotiate(accept, offers, aliases) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("INSERT DATA { <a:a> <a:b> <a:c> }", True),
    ("  prefix x: <urn:x:>\nBASE <urn:y>\n delete where { ?s ?p ?o }", True),
    ("# a comment\nCLEAR ALL", True),
    ("SELECT * WHERE { ?s ?p 'INSERT' }", False),
    ("PREFIX insert: <urn:x:> SELECT * WHERE { ?s ?p ?o }", False),
    ("SELECT * WHERE { ?s ?p ", False),
])
def test_serve_looks_like_update(text, expected):
    assert looks_like_update(text) is expected


# -- the command --------------------------------------------------------------------------

def test_serve_port_in_use_is_one_line(endpoint, fixture_out):
    port = endpoint.server_address[1]
    with pytest.raises(ClaimgraphError, match=f"Port {port} .* in use"):
        make_server(fixture_out, port=port, log=None)
    result = CliRunner().invoke(main, ["serve", str(fixture_out), "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--port" in result.output


def test_serve_without_a_graph_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "claimgraph build" in result.output


def test_serve_installed_script_answers_and_stops_on_ctrl_c(fixture_out):
    script = shutil.which("claimgraph")
    if script is None:
        pytest.skip("the claimgraph script is not installed (pip install -e .)")
    proc = subprocess.Popen([script, "serve", str(fixture_out), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        assert ready, "the server printed nothing in 60 s"
        line = proc.stdout.readline()
        assert line.startswith(f"Serving {fixture_out} at http://127.0.0.1:")
        url = line.split(" at ")[1].split()[0]
        sparql = SPARQLWrapper(url)
        sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        sparql.setReturnFormat(JSON)
        count = sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"]
        assert int(count) > 0
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Stopped." in err and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


# -- in a browser -------------------------------------------------------------------------

class _Relay:
    """Answer the page's requests to the endpoint from the test, over the DevTools pipe.

    browser.py keeps Chromium off every network, loopback included (a dead proxy,
    a resolver that resolves nothing), which is right for file pages. Here Fetch
    interception pauses each request the page makes, the test sends it to the
    endpoint with urllib and hands the answer back, so the page talks to the real
    server while the browser itself still reaches nothing.
    """

    _FIRST_ID = 1_000_000  # ids of our own commands, apart from Page.call's

    def __init__(self, page: browser.Page, root: str) -> None:
        self.page, self.root, self.next_id = page, root, self._FIRST_ID
        self.record = page._record
        page._record = self.intercept  # type: ignore[method-assign]

    def start(self) -> None:
        self.page.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        self.page.call("Network.setBlockedURLs", {"urls": []})  # every request is relayed
        self.page.call("Page.navigate", {"url": self.root})

    def intercept(self, event: dict) -> None:
        self.record(event)
        if event.get("method") == "Fetch.requestPaused":
            self.fulfil(event["params"])

    def fulfil(self, paused: dict) -> None:
        request = paused["request"]
        assert request["url"].startswith(self.root), f"the page asked for {request['url']}"
        body = request.get("postData")
        if body is None and request.get("postDataEntries"):
            body = "".join(base64.b64decode(e.get("bytes", "")).decode("utf-8")
                           for e in request["postDataEntries"])
        status, headers, data = fetch(request["url"], body and body.encode("utf-8"),
                                      request["method"], request["headers"])
        self.send("Fetch.fulfillRequest", {
            "requestId": paused["requestId"], "responseCode": status,
            "responseHeaders": [{"name": k, "value": v} for k, v in headers.items()],
            "body": base64.b64encode(data).decode("ascii")})

    def send(self, method: str, params: dict) -> None:
        """A command whose reply nobody waits for (Page.call ignores unknown ids)."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params,
                   "sessionId": self.page.session}
        os.write(self.page.to_browser, json.dumps(message).encode() + b"\0")


@pytest.mark.browser
def test_serve_page_runs_a_query_and_shows_markup_as_text(endpoint, tmp_path):
    root = endpoint.url.removesuffix("sparql")
    query = ("SELECT ?text ?n WHERE { VALUES (?text ?n) { (" + json.dumps(HOSTILE)
             + " 1) ('plain' 2) } }")
    with browser.open_page("about:blank", tmp_path) as page:
        _Relay(page, root).start()
        page.wait_for("document.querySelectorAll('#named li').length > 0")
        page.evaluate(f"document.getElementById('query').value = {json.dumps(query)}")
        page.evaluate("document.getElementById('run').click()")
        page.wait_for("document.querySelectorAll('#results tr').length === 3")
        cells = page.evaluate("[...document.querySelectorAll('#results td')]"
                              ".map((td) => td.textContent)")
        status = page.evaluate("document.getElementById('status').textContent")
        injected = page.evaluate("document.querySelectorAll('#results img').length")
        pwned = page.evaluate("document.body.dataset.pwned || ''")
        page.evaluate("document.querySelector('#named button').click()")
        loaded = page.evaluate("document.getElementById('query').value")
        requests, errors = page.requests, page.errors
    assert cells == [HOSTILE, "1", "plain", "2"]
    assert status.startswith("2 rows")
    assert injected == 0 and pwned == ""
    assert loaded == named_queries.bind(named_queries.names()[0])
    assert all(url.startswith(root) for url in requests), requests
    assert errors == []
