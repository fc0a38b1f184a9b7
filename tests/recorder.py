"""A SPARQL endpoint on 127.0.0.1 that only counts the requests it gets.

Tests of the SERVICE guard point a query's SERVICE clause at it: a request that
arrives is a query that reached the network. It answers every request with one
empty solution, so an engine that does call it runs the query to the end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_ANSWER = b'{"head":{"vars":["a"]},"results":{"bindings":[{}]}}'


@dataclass
class Recorder:
    url: str
    paths: list[str] = field(default_factory=list)

    @property
    def hits(self) -> int:
        return len(self.paths)


@contextmanager
def recorder() -> Iterator[Recorder]:
    """A running recorder; stopped when the block ends."""
    record = Recorder("")

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            record.paths.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(_ANSWER)))
            self.end_headers()
            self.wfile.write(_ANSWER)

        do_GET = do_POST = _answer  # noqa: N815 (the names http.server looks up)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
