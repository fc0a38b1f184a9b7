"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, on the standard library.

Implements the query operation of the W3C SPARQL 1.1 Protocol at ``/sparql``:
``GET ?query=``, ``POST`` as ``application/x-www-form-urlencoded`` or as
``application/sparql-query``, results by content negotiation. Updates are
refused (403), a malformed query is answered 400 with the parser's message.
Queries run in a worker process (see `graph_builder.serve_worker`) that is
killed when a query passes the time limit; at most ``max_rows`` rows or triples
are returned, and a cut answer carries ``X-Claimgraph-Truncated: true``. The
worker answers from a memory copy of the graph once it has loaded one
(``X-Claimgraph-Store`` says which store answered).
Every response allows any origin (CORS), so pages elsewhere can query it.
``/`` is a small query page and ``/queries`` lists the named queries as JSON.
"""

from __future__ import annotations

import errno
import json
import sys
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from urllib.parse import parse_qs

from graph_builder import __version__
from graph_builder.errors import ClaimgraphError
from graph_builder.serve_answer import Reply, text_reply
from graph_builder.serve_page import CSP, named_queries, page
from graph_builder.serve_worker import DEFAULT_MEMORY_LIMIT, QueryWorker
from ontology import PREFIXES

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS = 10.0, 10_000
TRUNCATED_HEADER = "X-Claimgraph-Truncated"
STORE_HEADER = "X-Claimgraph-Store"  # "memory" or "disk": which store answered
_MAX_BODY = 1 << 20  # a query longer than 1 MiB is a mistake or an attack
_LOGGED_PATH = 120
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": f"{TRUNCATED_HEADER}, {STORE_HEADER}",
}
_PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}
_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"


@dataclass(frozen=True)
class ServeSettings:
    """Per-query limits (seconds before a query is stopped, rows or triples returned at
    most) and the largest graph.ttl, in bytes, the worker copies into memory."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    memory_limit: int = DEFAULT_MEMORY_LIMIT


class Endpoint(ThreadingHTTPServer):
    """The HTTP server, its query worker and its limits; `server_close` stops both."""

    daemon_threads = True

    def __init__(self, source: Path, host: str, port: int, settings: ServeSettings,
                 log: TextIO | None) -> None:
        self.source, self.settings, self.log = source, settings, log
        # no process yet: bind first, it fails faster
        self.worker = QueryWorker(source, settings.memory_limit)
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise ClaimgraphError(_bind_error(host, port, exc)) from exc
        try:
            self.worker.start()
        except ClaimgraphError:
            super().server_close()
            raise

    @property
    def url(self) -> str:
        """The SPARQL endpoint's address, with the port actually bound (useful with port 0)."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.worker.close()


def make_server(source: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                memory_limit: int = DEFAULT_MEMORY_LIMIT,
                log: TextIO | None = sys.stderr) -> Endpoint:
    """A bound endpoint with its store open, ready for ``serve_forever()``.

    Raises ClaimgraphError when the port is taken or the graph cannot be opened.
    Port 0 picks a free port (see ``Endpoint.url``). ``log=None`` silences the
    one line per request. ``memory_limit=0`` keeps a build folder's graph on disk.
    """
    return Endpoint(Path(source), host, port, ServeSettings(timeout, max_rows, memory_limit),
                    log)


def _bind_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"Port {port} on {host} is already in use (another 'claimgraph serve'?). Stop "
                "that server or choose another port with --port.")
    if exc.errno == errno.EACCES:
        return (f"Not allowed to listen on port {port} (ports below 1024 need privileges). "
                "Choose another port with --port.")
    return f"Cannot listen on {host}:{port} ({exc.strerror or exc}). Check --host and --port."


class _Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = f"claimgraph/{__version__}"
    timeout = 60  # seconds a client may take to send its request

    def do_OPTIONS(self) -> None:  # noqa: N802 (the name http.server looks up)
        self._send(Reply(HTTPStatus.NO_CONTENT, "", b""), _PREFLIGHT)

    def do_GET(self) -> None:  # noqa: N802
        path, _, query = self.path.partition("?")
        if path == "/":
            body = page(str(self.server.source), list(PREFIXES))
            self._send(Reply(200, "text/html; charset=utf-8", body),
                       {"Content-Security-Policy": CSP})
        elif path == "/queries":
            body = json.dumps(named_queries(), ensure_ascii=False).encode("utf-8")
            self._send(Reply(200, "application/json", body))
        elif path == "/sparql":
            self._sparql(self._params(query))
        elif path == "/favicon.ico":  # browsers ask for it; no icon, and no 404 in the log
            self._send(Reply(HTTPStatus.NO_CONTENT, "", b""))
        else:
            self._send(text_reply(404, f"Nothing at {path}: the endpoint is /sparql, the "
                                       "query page is /."))

    def do_POST(self) -> None:  # noqa: N802
        path, _, query = self.path.partition("?")
        if path != "/sparql":
            self._send(text_reply(404, f"Nothing to POST to at {path}: the endpoint is /sparql."))
            return
        body = self._body()
        if body is None:
            return
        media = self.headers.get_content_type()
        params = self._params(query)
        if params is None:
            return
        if media == _UPDATE_BODY:
            self._refuse_update()
            return
        if media == _FORM:
            form = self._params(body)
            if form is None:
                return
            params.update(form)
        elif media == _QUERY_BODY:
            params["query"] = [body]
        else:
            self._send(text_reply(415, f"Unsupported Content-Type '{media}'. Send the query as "
                                       f"{_FORM} (query=...) or as {_QUERY_BODY}."))
            return
        self._sparql(params)

    def _body(self) -> str | None:
        """The request body as text, or None after answering 411/413/400."""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(text_reply(411, "A POST needs a Content-Length header."))
            return None
        if int(length) > _MAX_BODY:
            self._send(text_reply(413, f"The request body is over {_MAX_BODY} bytes."))
            return None
        try:
            return self.rfile.read(int(length)).decode("utf-8")
        except UnicodeDecodeError:
            self._send(text_reply(400, "The request body is not UTF-8."))
            return None

    def _params(self, encoded: str) -> dict[str, list[str]] | None:
        try:
            return parse_qs(encoded, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            self._send(text_reply(400, "The query string is not percent-encoded UTF-8."))
            return None

    def _sparql(self, params: dict[str, list[str]] | None) -> None:
        if params is None:
            return
        if "update" in params:
            self._refuse_update()
            return
        dataset = [name for name in ("default-graph-uri", "named-graph-uri") if name in params]
        queries = params.get("query", [])
        if dataset:
            reply = text_reply(400, f"{' and '.join(dataset)} is not supported: the endpoint "
                                    "serves one graph, as the default graph; leave it out.")
        elif len(queries) != 1 or not queries[0].strip():
            reply = text_reply(400, "Give exactly one SPARQL query: GET /sparql?query=..., or "
                                    f"POST it as {_FORM} (query=...) or {_QUERY_BODY}.")
        else:
            settings = self.server.settings
            reply = self.server.worker.run(queries[0], self.headers.get("Accept"),
                                           settings.max_rows, settings.timeout)
        self._send(reply)

    def _refuse_update(self) -> None:
        self._send(text_reply(403, "SPARQL Update is refused: this endpoint is read-only."))

    def _send(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        headers = {**_CORS, **(extra or {}), "X-Content-Type-Options": "nosniff",
                   "Cache-Control": "no-store"}
        if reply.content_type:
            headers["Content-Type"] = reply.content_type
        if reply.truncated:
            headers[TRUNCATED_HEADER] = "true"
        if reply.store:
            headers[STORE_HEADER] = reply.store
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        try:
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.log_message("%s %s: the client left before the answer", self.command,
                             self.path[:_LOGGED_PATH])
            return
        self._log_answer(reply.status, len(reply.body))

    def parse_request(self) -> bool:
        self._started = time.perf_counter()
        return super().parse_request()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """One line per request, written once the answer is sent (see `_send`)."""

    def _log_answer(self, status: int, size: int) -> None:
        took = time.perf_counter() - getattr(self, "_started", time.perf_counter())
        path = self.path if len(self.path) <= _LOGGED_PATH else self.path[:_LOGGED_PATH] + "…"
        self.log_message("%s %s %d %d bytes %.3f s", self.command, path, status, size, took)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base signature)
        if self.server.log is not None:
            line = f"{time.strftime('%H:%M:%S')} {self.address_string()} {format % args}"
            print(line, file=self.server.log, flush=True)
