"""Load a built graph into a triple store over HTTP, in chunks, so the store can live elsewhere.

Implements the client side of the SPARQL 1.1 Graph Store HTTP Protocol
(https://www.w3.org/TR/sparql11-http-rdf-update/), which Oxigraph server, Fuseki,
GraphDB, Virtuoso and others speak: ``URL?graph=IRI`` names a graph and
``URL?default`` the default graph (indirect graph identification, section 4.2).
The first chunk is sent with PUT, which replaces the graph, and the rest with POST,
which adds to it (sections 5.3 and 5.5), so pushing twice gives the same graph,
not a doubled one. Success is any 2xx: 201 Created, 200 OK or 204 No Content.

The graph file is read twice by pyoxigraph's streaming parser and never held
whole: once to count its triples (so a file that does not parse is refused before
anything is sent, and the progress bar and a partial-load message know the total)
and once to send it, ``chunk_triples`` triples at a time as N-Triples, the one
RDF syntax every store accepts and whose lines need no prefixes to stand alone.
Only http.client is used: one connection, kept alive across chunks, with its own
connect and read timeouts, and basic auth when the URL carries ``user:pass@``.
"""

from __future__ import annotations

import base64
import http.client
import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pyoxigraph as ox

from graph_builder.errors import ParseError, PushError
from graph_builder.query.store import GRAPH_FORMATS, first_line, graph_file, unreadable

Progress = Callable[[str, int, int], None]  # (stage, done, total), as in pipeline.build_graph

DEFAULT_CHUNK_TRIPLES = 50_000  # about 10 MB of N-Triples: a few seconds of work per request
DEFAULT_TIMEOUT = 300.0  # seconds to wait for a store to answer one chunk
CONNECT_TIMEOUT = 10.0
_DETAIL_CHARS = 120  # of a refusal's body, quoted in the message
_MAX_READ = 4096  # bytes of an answer read; a longer one drops the connection
_HINTS = {
    400: "the store could not read the N-Triples it was sent; check its log",
    401: "give a user and password in the URL (http://USER:PASS@HOST/...)",
    403: "check that this user may write to the store",
    404: "check that the URL is the store's Graph Store endpoint (Oxigraph: "
         "http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data)",
    413: "push again with fewer triples per chunk (--chunk-triples)",
}
_HINTS[405] = _HINTS[404]


@dataclass(frozen=True)
class PushReport:
    """What a push loaded, and where."""

    target: str  # the endpoint URL, without credentials
    graph: str | None  # the graph's IRI; None for the default graph
    chunks: int
    triples: int
    bytes: int  # of N-Triples sent
    seconds: float

    @property
    def where(self) -> str:
        return _where(self.target, self.graph)


def push_graph(source: Path, url: str, graph: str | None = None, *,
               chunk_triples: int = DEFAULT_CHUNK_TRIPLES, timeout: float = DEFAULT_TIMEOUT,
               connect_timeout: float = CONNECT_TIMEOUT,
               progress: Progress | None = None) -> PushReport:
    """Replace ``graph`` (default: the default graph) at the Graph Store endpoint ``url``
    with the triples of ``source``, a build folder or a graph file.

    The triples of a dataset file (.nq, .trig) all go to that one graph. Raises
    ``PushError`` when the store is unreachable or refuses a chunk; the message says
    how much had landed if some had.
    """
    if chunk_triples < 1:
        raise PushError(f"chunk size {chunk_triples}: give at least 1 triple per chunk.")
    endpoint = _Endpoint(url, graph, connect_timeout, timeout)
    path = graph_file(source)
    total, blank = _count(path)
    chunks = max(1, math.ceil(total / chunk_triples))
    if blank and chunks > 1:
        raise PushError(f"{path}: has blank nodes, which a store scopes to one request, so "
                        f"chunks would split them; push it in one chunk (--chunk-triples "
                        f"{total}).")
    started = time.perf_counter()
    try:
        tally = _send_all(endpoint, path, chunk_triples, chunks, total, progress)
    finally:
        endpoint.close()
    return PushReport(endpoint.shown, graph, chunks, tally.triples, tally.bytes,
                      time.perf_counter() - started)


class PushInterrupted(PushError, KeyboardInterrupt):
    """Ctrl-C after some chunks had landed: still a KeyboardInterrupt, but one that says so."""

    exit_code = 130


@dataclass
class _Tally:
    chunks: int = 0  # that landed
    triples: int = 0
    bytes: int = 0


def _send_all(endpoint: _Endpoint, path: Path, size: int, chunks: int, total: int,
              progress: Progress | None) -> _Tally:
    """PUT the first chunk, POST the rest; a failure or Ctrl-C says how much landed."""
    tally = _Tally()
    bodies = _chunks(path, size) if total else iter([(0, b"")])  # "" still empties the graph
    try:
        for count, body in bodies:
            endpoint.send("POST" if tally.chunks else "PUT", body)
            tally.chunks, tally.triples = tally.chunks + 1, tally.triples + count
            tally.bytes += len(body)
            if progress is not None:
                progress("push", tally.triples, total)
    except _Failed as exc:
        if not tally.chunks:
            raise PushError(f"{endpoint.shown} {exc.what}; {exc.hint}.") from exc
        raise PushError(f"Loaded {_landed(endpoint, tally, chunks, total)} before it "
                        f"{exc.what}; the graph there is partial: {exc.hint}, then push "
                        "again to replace it.") from exc
    except KeyboardInterrupt as exc:
        if not tally.chunks:
            raise
        raise PushInterrupted(f"Interrupted after loading "
                              f"{_landed(endpoint, tally, chunks, total)}; the graph there "
                              "is partial: push again to replace it.") from exc
    return tally


def _count(path: Path) -> tuple[int, bool]:
    """How many triples the file holds, and whether any has a blank node."""
    total, blank = 0, False
    try:
        for quad in _parse(path):
            total += 1
            blank = blank or isinstance(quad.subject, ox.BlankNode) or \
                isinstance(quad.object, ox.BlankNode)
    except (SyntaxError, ValueError, OSError, MemoryError) as exc:
        raise ParseError(unreadable(path, exc)) from exc
    return total, blank


def _parse(path: Path) -> Iterator[ox.Quad]:
    return ox.parse(path=path, format=GRAPH_FORMATS[path.suffix.lower()])


def _chunks(path: Path, size: int) -> Iterator[tuple[int, bytes]]:
    """The file's triples as N-Triples documents of ``size`` triples (the last may be short),
    each with its number of triples.

    A term's str() is its N-Triples form, byte for byte what ox.serialize writes.
    """
    lines: list[str] = []
    for quad in _parse(path):
        lines.append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
        if len(lines) == size:
            yield size, "".join(lines).encode("utf-8")
            lines = []
    if lines:
        yield len(lines), "".join(lines).encode("utf-8")


class _Failed(Exception):
    """A request that did not succeed: what the store did ("answered 500 ...") and the fix."""

    def __init__(self, what: str, hint: str) -> None:
        super().__init__(what)
        self.what, self.hint = what, hint


class _Endpoint:
    """One kept-alive connection to a Graph Store endpoint, and the target graph's URL."""

    def __init__(self, url: str, graph: str | None, connect_timeout: float,
                 timeout: float) -> None:
        parts = _split(url)
        if graph is not None:
            try:
                ox.NamedNode(graph)
            except ValueError as exc:
                raise PushError(f"graph name '{graph}' is not an absolute IRI ({exc}); give "
                                "one like http://example.org/graph/claims.") from exc
        self.graph = graph
        self.shown = _without_credentials(url)
        target = f"graph={quote(graph, safe='')}" if graph is not None else "default"
        self.path = f"{parts.path or '/'}?{parts.query + '&' if parts.query else ''}{target}"
        self.headers = {"Content-Type": "application/n-triples", "Accept": "*/*"}
        if parts.username is not None:
            user_pass = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            self.headers["Authorization"] = "Basic " + base64.b64encode(
                user_pass.encode("utf-8")).decode("ascii")
        connection = http.client.HTTPSConnection if parts.scheme == "https" else \
            http.client.HTTPConnection
        self.connection = connection(parts.hostname, parts.port, timeout=connect_timeout)
        self.timeout = timeout

    def send(self, method: str, body: bytes) -> None:
        """One request; raises _Failed unless the store answers 2xx."""
        conn = self.connection
        try:
            if conn.sock is None:  # first request, or the store closed the last connection
                conn.connect()
                conn.sock.settimeout(self.timeout)
            conn.request(method, self.path, body=body, headers=self.headers)
            response = conn.getresponse()
            detail = response.read(_MAX_READ)
        except TimeoutError as exc:
            conn.close()
            raise _Failed(f"did not answer within {self.timeout:g} s",
                          "push again with fewer triples per chunk (--chunk-triples) or a "
                          "longer --timeout") from exc
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else \
                first_line(exc)
            raise _Failed(f"could not be reached ({reason})",
                          "check that the store is running and the URL is right") from exc
        if response.will_close or not response.isclosed():  # closing, or said too much
            conn.close()
        status = response.status
        if not 200 <= status < 300:
            moved = response.getheader("Location") if 300 <= status < 400 else None
            hint = f"give the URL it points to ({moved})" if moved else _HINTS.get(
                status, "check the store's log" if status >= 500 else
                "check the URL and the store's log")
            raise _Failed(f"answered {status} {response.reason}".rstrip() + _detail(detail),
                          hint)

    def close(self) -> None:
        self.connection.close()


def _split(url: str):
    """The parts of an http(s) URL, or a PushError saying how to write one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        parts, bad = None, str(exc)
    else:
        bad = "" if parts.scheme in ("http", "https") and parts.hostname else \
            "not an http(s) URL with a host"
    if bad:
        raise PushError(f"{_without_credentials(url)}: {bad}; give the store's Graph Store "
                        "endpoint, e.g. http://localhost:7878/store for Oxigraph.")
    return parts


def _without_credentials(url: str) -> str:
    """The URL to show: without the user:pass@ it may carry, and without a fragment."""
    return re.sub(r"^([^:/?#]+://)[^/?#]*@", r"\1", url).partition("#")[0]


def _detail(body: bytes) -> str:
    """The first line of a refusal's body, shortened, in brackets ("" when empty)."""
    lines = body.decode("utf-8", "replace").strip().splitlines()
    if not lines:
        return ""
    text = lines[0].strip()
    return f" ({text[:_DETAIL_CHARS - 1]}…)" if len(text) > _DETAIL_CHARS else f" ({text})"


def _where(shown: str, graph: str | None) -> str:
    return f"<{graph}> at {shown}" if graph is not None else f"the default graph of {shown}"


def _landed(endpoint: _Endpoint, tally: _Tally, chunks: int, total: int) -> str:
    return (f"{tally.chunks} of {chunks} chunks ({tally.triples:,} of {total:,} triples) "
            f"into {_where(endpoint.shown, endpoint.graph)}")
