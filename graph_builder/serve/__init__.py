"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, served by uvicorn.

`make_server` binds the port, starts the query worker (`graph_builder.serve.worker`)
and returns an `Endpoint` whose ``serve_forever`` runs the ASGI application
(`graph_builder.serve.app`) under uvicorn's HTTP/1.1 server, on an event loop of
its own. The standard library's ``http.server`` was replaced because its listen
backlog of 5 dropped connections under 50 clients and each of its threads held a
whole answer; here the backlog is `BACKLOG`, at most ``max_connections``
connections are open at once (uvicorn answers any beyond 503 at once), a
connection must send its request headers within `REQUEST_TIMEOUT` seconds, and an
answer passes through the server one chunk at a time.

What a query may take is bounded per query: ``timeout`` seconds, ``max_rows`` rows
or triples and ``max_bytes`` bytes of answer (more is cut and flagged with
``X-Claimgraph-Truncated: true``), and ``memory_limit`` bytes of memory in the
worker (past it the worker is killed and the client gets 503).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from graph_builder.errors import ClaimgraphError
from graph_builder.serve.answer import DEFAULT_MAX_BYTES
from graph_builder.serve.app import STORE_HEADER, TRUNCATED_HEADER, EndpointApp, Limits
from graph_builder.serve.worker import DEFAULT_MEMORY_LIMIT, MIN_MEMORY_LIMIT, QueryWorker

__all__ = ["STORE_HEADER", "TRUNCATED_HEADER", "Endpoint", "ServeSettings", "make_server"]

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS = 10.0, 10_000
DEFAULT_MAX_CONNECTIONS = 256
BACKLOG = 2048  # connections the kernel queues before accept (capped by net.core.somaxconn)
REQUEST_TIMEOUT = 30  # seconds a connection may take to send a request's headers
_MAX_HEADERS = 80 << 10  # request line and headers: a GET query may be long
_GRACE = 5  # seconds to finish answers in progress once asked to stop


@dataclass(frozen=True)
class ServeSettings:
    """Per-query limits: seconds before a query is stopped, rows or triples and bytes
    returned at most, bytes of memory the worker may use (0: unwatched, graph kept on
    disk); and connections open at once."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    memory_limit: int = DEFAULT_MEMORY_LIMIT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_connections: int = DEFAULT_MAX_CONNECTIONS


class Endpoint:
    """The bound socket, the query worker and the HTTP server; `server_close` stops all."""

    def __init__(self, source: Path, host: str, port: int, settings: ServeSettings,
                 log: TextIO | None) -> None:
        _check(settings)
        self.source, self.settings, self.log = source, settings, log
        self.worker = QueryWorker(source, settings.memory_limit)
        self.socket = _listen(host, port)  # before the worker: a taken port fails faster
        try:
            self.worker.start()
        except ClaimgraphError:
            self.socket.close()
            raise
        self.server_address = self.socket.getsockname()[:2]
        app = EndpointApp(source, self.worker,
                          Limits(settings.timeout, settings.max_rows, settings.max_bytes), log)
        self._server = _Server(uvicorn.Config(
            app, http=_Protocol, loop="asyncio", lifespan="off", interface="asgi3",
            log_config=None, access_log=False, proxy_headers=False, server_header=False,
            backlog=BACKLOG, limit_concurrency=settings.max_connections,
            timeout_graceful_shutdown=_GRACE, h11_max_incomplete_event_size=_MAX_HEADERS),
            self.worker)
        self._log_handler = _UvicornLog(app)
        logging.getLogger("uvicorn.error").addHandler(self._log_handler)
        self._serving = threading.Event()
        self._stopped = threading.Event()
        if not self.worker.isolated:
            app.write_log("note: the query worker could not forbid itself network sockets "
                          "here; SERVICE is still refused before any query runs")

    @property
    def url(self) -> str:
        """The SPARQL endpoint's address, with the port actually bound (useful with port 0)."""
        host, port = self.server_address
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"

    def serve_forever(self) -> None:
        """Answer requests until `shutdown` (or Ctrl-C in the main thread: KeyboardInterrupt)."""
        self._serving.set()
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop `serve_forever` and wait until it has returned (from another thread)."""
        self.worker.kill()
        self._server.should_exit = True
        if self._serving.is_set():
            self._stopped.wait()

    def server_close(self) -> None:
        self.socket.close()
        self.worker.close()
        logging.getLogger("uvicorn.error").removeHandler(self._log_handler)


def make_server(source: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                memory_limit: int = DEFAULT_MEMORY_LIMIT, max_bytes: int = DEFAULT_MAX_BYTES,
                max_connections: int = DEFAULT_MAX_CONNECTIONS,
                log: TextIO | None = sys.stderr) -> Endpoint:
    """A bound endpoint with its store open, ready for ``serve_forever()``.

    Raises ClaimgraphError when the port is taken, a limit makes no sense or the
    graph cannot be opened. Port 0 picks a free port (see ``Endpoint.url``).
    ``log=None`` silences the one line per request. Limits are in seconds, rows and
    bytes; ``memory_limit=0`` leaves the worker's memory unwatched and the graph on disk.
    """
    settings = ServeSettings(timeout, max_rows, memory_limit, max_bytes, max_connections)
    return Endpoint(Path(source), host, port, settings, log)


def _check(settings: ServeSettings) -> None:
    if 0 < settings.memory_limit < MIN_MEMORY_LIMIT:
        raise ClaimgraphError(f"A memory limit of {settings.memory_limit >> 20} MB is too "
                              f"small for the query worker; give at least "
                              f"{MIN_MEMORY_LIMIT >> 20} MB, or 0 for no limit.")
    if settings.max_bytes < 1 or settings.max_connections < 1 or settings.timeout <= 0:
        raise ClaimgraphError("The timeout, byte and connection limits must be positive.")


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or ClaimgraphError in one line.

    Made with ``IPPROTO_TCP`` named (``socket.create_server`` leaves it 0): asyncio
    turns Nagle's algorithm off only on connections that say they are TCP, and with
    it on, each answer waited 40 ms for the client's delayed ACK.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP,
            flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ClaimgraphError(_bind_error(host, port, exc)) from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise ClaimgraphError(_bind_error(host, port, exc)) from exc
    return sock


def _bind_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"Port {port} on {host} is already in use (another 'claimgraph serve'?). Stop "
                "that server or choose another port with --port.")
    if exc.errno == errno.EACCES:
        return (f"Not allowed to listen on port {port} (ports below 1024 need privileges). "
                "Choose another port with --port.")
    return f"Cannot listen on {host}:{port} ({exc.strerror or exc}). Check --host and --port."


class _Server(uvicorn.Server):
    """uvicorn's server, which stops the query worker first when asked to stop, so
    answers in progress end at once (503) instead of holding the shutdown."""

    def __init__(self, config: uvicorn.Config, worker: QueryWorker) -> None:
        super().__init__(config)
        self.worker = worker

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().serve(sockets)
        finally:
            await self.worker.detach()  # its socket is registered with this loop

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.worker.kill()
        await super().shutdown(sockets)


class _Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline on each request's headers.

    uvicorn waits for a request's headers as long as the client likes, so idle
    or trickling connections could take every slot of ``limit_concurrency``.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._idle_since = self.loop.time()
        self._check_timer = self.loop.call_later(REQUEST_TIMEOUT, self._check_request)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._idle_since = self.loop.time()

    def _check_request(self) -> None:
        waiting = self.cycle is None or self.cycle.response_complete
        if self.transport.is_closing():
            return
        if waiting and self.loop.time() - self._idle_since >= REQUEST_TIMEOUT:
            self.transport.close()
            return
        self._check_timer = self.loop.call_later(REQUEST_TIMEOUT / 4, self._check_request)

    def connection_lost(self, exc: Exception | None) -> None:
        self._check_timer.cancel()
        super().connection_lost(exc)


class _UvicornLog(logging.Handler):
    """uvicorn's own warnings and errors (a connection over the limit, a malformed
    request, a bug) as lines in the endpoint's log."""

    _OURS = "ASGI callable returned without completing response."  # logged as "cut off"

    def __init__(self, app: EndpointApp) -> None:
        super().__init__(logging.WARNING)
        self.app = app

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == self._OURS:
            return
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.app.write_log(f"uvicorn: {text}")
