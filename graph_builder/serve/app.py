"""The endpoint's HTTP side: an ASGI application (ASGI 3.0, HTTP only) that uvicorn runs.

Implements the query operation of the W3C SPARQL 1.1 Protocol at ``/sparql``:
``GET ?query=``, ``POST`` as ``application/x-www-form-urlencoded`` or as
``application/sparql-query``, results by content negotiation. Updates are
refused (403); every query goes through `sparql_guard.check_query` before the
worker sees it (SERVICE 403, brackets nested too deep 400). Answers stream from
the worker to the client a chunk at a time, each ``send`` waiting for the
client's socket to drain, so a client that reads slowly or not at all costs the
server one chunk; one that has not taken its answer within the time limit plus a
second per MiB is cut off, freeing the worker for the next query.

Every response allows any origin (CORS). ``/`` is the query page, ``/queries``
lists the named queries as JSON. One line per request goes to the log.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import TextIO
from urllib.parse import parse_qs

from graph_builder import __version__
from graph_builder.query.guard import QueryTooDeep, ServiceRefused, check_query
from graph_builder.serve.answer import Reply, text_reply
from graph_builder.serve.page import CSP, named_queries, page
from graph_builder.serve.worker import Answer, QueryWorker, Request
from ontology import PREFIXES

TRUNCATED_HEADER = "X-Claimgraph-Truncated"
STORE_HEADER = "X-Claimgraph-Store"  # "memory" or "disk": which store answered
MAX_BODY = 1 << 20  # a query longer than 1 MiB is a mistake or an attack
READ_RATE = 1 << 20  # bytes a second a client must at least take of a long answer
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

Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


@dataclass(frozen=True)
class Limits:
    """What one request may take: seconds, rows or triples, bytes of answer."""

    timeout: float
    max_rows: int
    max_bytes: int


class EndpointApp:
    """The ASGI application: routes each request and answers it, one log line each."""

    def __init__(self, source: Path, worker: QueryWorker, limits: Limits,
                 log: TextIO | None) -> None:
        self.source, self.worker, self.limits, self.log = source, worker, limits, log

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan is off; websockets are not served
            return
        await _Exchange(self, scope, receive, send).handle()

    def write_log(self, line: str) -> None:
        if self.log is not None:
            print(f"{time.strftime('%H:%M:%S')} {line}", file=self.log, flush=True)


class _Exchange:
    """One request and its response."""

    def __init__(self, app: EndpointApp, scope: dict, receive: Receive, send: Send) -> None:
        self.app, self.receive, self.send = app, receive, send
        self.started = time.perf_counter()
        self.method, self.path = scope["method"], scope["path"]
        self.query_string = scope["query_string"].decode("latin-1")
        target = scope["raw_path"].decode("latin-1")
        self.target = target + ("?" + self.query_string if self.query_string else "")
        self.headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        self.client = (scope.get("client") or ("-",))[0]
        self.left: asyncio.Future | None = None  # done when the client goes (see sparql)

    async def handle(self) -> None:
        if self.method == "OPTIONS":
            await self.respond(Reply(HTTPStatus.NO_CONTENT, "", b""), _PREFLIGHT)
        elif self.method in ("GET", "HEAD"):
            await self.get()
        elif self.method == "POST":
            await self.post()
        else:
            await self.respond(text_reply(405, f"{self.method} is not served: use GET or POST "
                                               "(OPTIONS for CORS preflight)."),
                               {"Allow": "GET, POST, OPTIONS"})

    async def get(self) -> None:
        if self.path == "/":
            body = page(str(self.app.source), list(PREFIXES))
            await self.respond(Reply(200, "text/html; charset=utf-8", body),
                               {"Content-Security-Policy": CSP})
        elif self.path == "/queries":
            body = json.dumps(named_queries(), ensure_ascii=False).encode("utf-8")
            await self.respond(Reply(200, "application/json", body))
        elif self.path == "/sparql":
            params = self.params(self.query_string)
            await (self.respond(params) if isinstance(params, Reply) else self.sparql(params))
        elif self.path == "/favicon.ico":  # browsers ask for it; no icon, and no 404 in the log
            await self.respond(Reply(HTTPStatus.NO_CONTENT, "", b""))
        else:
            await self.respond(text_reply(404, f"Nothing at {self.path}: the endpoint is "
                                               "/sparql, the query page is /."))

    async def post(self) -> None:
        if self.path != "/sparql":
            await self.respond(text_reply(404, f"Nothing to POST to at {self.path}: the "
                                               "endpoint is /sparql."))
            return
        body = await self.body()
        if body is None:
            return
        params = self.params(self.query_string)
        if isinstance(body, Reply) or isinstance(params, Reply):
            await self.respond(body if isinstance(body, Reply) else params)
            return
        media = _media_type(self.headers.get("content-type"))
        if media == _UPDATE_BODY:
            await self.respond(_update_refused())
            return
        if media == _FORM:
            form = self.params(body)
            if isinstance(form, Reply):
                await self.respond(form)
                return
            params.update(form)
        elif media == _QUERY_BODY:
            params["query"] = [body]
        else:
            await self.respond(text_reply(415, f"Unsupported Content-Type '{media}'. Send the "
                                               f"query as {_FORM} (query=...) or as "
                                               f"{_QUERY_BODY}."))
            return
        await self.sparql(params)

    async def body(self) -> str | Reply | None:
        """The request body as text, a 411/413/400 reply, or None when the client left."""
        length = self.headers.get("content-length")
        chunked = "chunked" in self.headers.get("transfer-encoding", "").lower()
        if length is None and not chunked:
            return text_reply(411, "A POST needs a Content-Length header.")
        if length is not None and length.isdigit() and int(length) > MAX_BODY:
            return text_reply(413, f"The request body is over {MAX_BODY} bytes.")
        parts, size, more = [], 0, True
        while more:
            try:
                message = await asyncio.wait_for(self.receive(), self.app.limits.timeout)
            except asyncio.TimeoutError:  # noqa: UP041 (not the builtin before Python 3.11)
                return text_reply(408, f"The request body did not arrive within "
                                       f"{self.app.limits.timeout:g} s.")
            if message["type"] == "http.disconnect":
                self.log_line("the client left before sending its request")
                return None
            parts.append(message.get("body", b""))
            size += len(parts[-1])
            if size > MAX_BODY:
                return text_reply(413, f"The request body is over {MAX_BODY} bytes.")
            more = message.get("more_body", False)
        try:
            return b"".join(parts).decode("utf-8")
        except UnicodeDecodeError:
            return text_reply(400, "The request body is not UTF-8.")

    def params(self, encoded: str) -> dict[str, list[str]] | Reply:
        try:
            return parse_qs(encoded, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return text_reply(400, "The query string is not percent-encoded UTF-8.")

    async def sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            await self.respond(_update_refused())
            return
        dataset = [name for name in ("default-graph-uri", "named-graph-uri") if name in params]
        queries = params.get("query", [])
        if dataset:
            await self.respond(text_reply(400, f"{' and '.join(dataset)} is not supported: the "
                                               "endpoint serves one graph, as the default "
                                               "graph; leave it out."))
            return
        if len(queries) != 1 or not queries[0].strip():
            await self.respond(text_reply(400, "Give exactly one SPARQL query: GET "
                                               "/sparql?query=..., or POST it as "
                                               f"{_FORM} (query=...) or {_QUERY_BODY}."))
            return
        try:
            check_query(queries[0])
        except (ServiceRefused, QueryTooDeep) as exc:
            await self.respond(text_reply(exc.http_status, str(exc)))
            return
        limits = self.app.limits
        request = Request(queries[0], self.headers.get("accept"), limits.max_rows,
                          limits.max_bytes)
        self.left = asyncio.ensure_future(self._wait_for_disconnect())
        try:
            async with self.app.worker.query(request, limits.timeout, self.left) as answer:
                await self.stream(answer)
        finally:
            self.left.cancel()

    async def _wait_for_disconnect(self) -> None:
        """Completes when the client closes its connection (the request is read by now)."""
        while (await self.receive())["type"] != "http.disconnect":
            pass

    async def respond(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        await self.stream(Answer(reply, len(reply.body)), extra)

    async def stream(self, answer: Answer, extra: dict[str, str] | None = None) -> None:
        """Send the answer, a chunk at a time, within its deadline; log one line."""
        reply = answer.reply
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.app.limits.timeout + answer.length / READ_RATE
        sent, left = 0, False
        try:
            await self._within(deadline, {"type": "http.response.start", "status": reply.status,
                                          "headers": _headers(reply, answer.length, extra)})
            async for chunk in answer.chunks():
                left = self._gone()
                if left:
                    break
                await self._within(deadline, {"type": "http.response.body", "body": chunk,
                                              "more_body": True})
                sent += len(chunk)
            await self._within(deadline, {"type": "http.response.body", "body": b""})
        except asyncio.TimeoutError:  # noqa: UP041 (not the builtin before Python 3.11)
            self.log_line(f"{reply.status} cut off after {sent} of {answer.length} bytes: the "
                          "client did not read its answer in time")
            return  # uvicorn closes the connection of a response left unfinished
        if left:
            self.log_line(f"{reply.status}: the client left after {sent} of {answer.length} "
                          "bytes")
        elif sent < answer.length:
            self.log_line(f"{reply.status} cut off after {sent} of {answer.length} bytes: "
                          "the endpoint is shutting down")
        else:
            took = time.perf_counter() - self.started
            self.log_line(f"{reply.status} {sent} bytes {took:.3f} s")

    def _gone(self) -> bool:
        return self.left is not None and self.left.done()

    async def _within(self, deadline: float, message: dict) -> None:
        timeout = deadline - asyncio.get_running_loop().time()
        if timeout <= 0:
            raise asyncio.TimeoutError
        await asyncio.wait_for(self.send(message), timeout)

    def log_line(self, outcome: str) -> None:
        target = self.target
        if len(target) > _LOGGED_PATH:
            target = target[:_LOGGED_PATH] + "…"
        self.app.write_log(f"{self.client} {self.method} {target} {outcome}")


def _headers(reply: Reply, length: int, extra: dict[str, str] | None) -> list[tuple[bytes,
                                                                                   bytes]]:
    headers = {**_CORS, **(extra or {}), "Server": f"claimgraph/{__version__}",
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    if reply.content_type:
        headers["Content-Type"] = reply.content_type
    if reply.truncated:
        headers[TRUNCATED_HEADER] = "true"
    if reply.store:
        headers[STORE_HEADER] = reply.store
    if reply.status != HTTPStatus.NO_CONTENT:
        headers["Content-Length"] = str(length)
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


def _media_type(header: str | None) -> str:
    """The media type of a Content-Type header, as ``email.message`` reads it."""
    media = (header or "").split(";")[0].strip().lower()
    return media if media.count("/") == 1 else "text/plain"


def _update_refused() -> Reply:
    return text_reply(403, "SPARQL Update is refused: this endpoint is read-only.")
