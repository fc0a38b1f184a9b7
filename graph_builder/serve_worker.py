"""Run the endpoint's queries in a process of its own, so a runaway query can be stopped.

pyoxigraph cannot cancel a query once it runs, and a Python thread cannot be
killed; a process can. `QueryWorker` keeps one worker process that opens the
store once and answers one query at a time (`serve_answer.answer`) over a
socket. When an answer does not come within the time limit, the worker is
killed, so the query stops using CPU and memory at once, and a fresh worker is
started, which reopens the store (on disk for a build folder, so quickly).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from graph_builder.errors import ClaimgraphError, QueryError
from graph_builder.serve_answer import Reply, answer, text_reply


class QueryWorker:
    """One worker process holding the store; queries wait their turn for it.

    Queries run one at a time. A request waits at most the time limit for the
    worker, then at most the time limit for its answer; past that the worker is
    killed and restarted, and the request is answered 503.
    """

    def __init__(self, source: Path) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The worker process's id, or None while none runs."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the worker and wait until its store is open; QueryError if it cannot open it."""
        # A fresh interpreter, not fork (the server has threads, and a forked child can
        # inherit a lock one of them held) and not multiprocessing's spawn (which re-runs
        # the caller's main module, breaking scripts without a __main__ guard).
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_START, str(theirs.fileno()), str(self.source)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=_worker_env())
        parent = Connection(ours.detach())
        while not parent.poll(0.1):
            if process.poll() is not None:
                parent.close()
                raise QueryError(f"{self.source}: the query worker stopped while opening the "
                                 f"graph (exit code {process.returncode}); see the message "
                                 "above.")
        status, message = parent.recv()
        if status != "ready":
            process.wait()
            parent.close()
            raise QueryError(message)
        self._process, self._conn = process, parent

    def run(self, sparql: str, accept: str | None, max_rows: int, timeout: float) -> Reply:
        """The worker's answer, or 503 when the worker is busy or the query runs too long."""
        if not self._lock.acquire(timeout=timeout):
            return text_reply(503, f"The endpoint is busy with another query (over {timeout:g} "
                                   "s); try again shortly.")
        try:
            return self._ask(sparql, accept, max_rows, timeout)
        except QueryError as exc:
            return text_reply(500, str(exc))
        finally:
            self._lock.release()

    def _ask(self, sparql: str, accept: str | None, max_rows: int, timeout: float) -> Reply:
        if self._closed:
            return text_reply(503, "The endpoint is shutting down.")
        if self._process is None:
            self.start()
        conn = self._conn
        try:
            conn.send((sparql, accept, max_rows))
            answered = conn.poll(timeout)
            if self._closed:
                return text_reply(503, "The endpoint is shutting down.")
            if answered:
                return conn.recv()
        except (EOFError, OSError):  # the worker died: out of memory, killed from outside
            code = self._process.poll()
            self._restart()
            return text_reply(500, f"The query worker stopped unexpectedly (exit code {code}) "
                                   "and was restarted; see the server's log.")
        self._restart()
        return text_reply(503, f"The query ran longer than the time limit of {timeout:g} s and "
                               "was stopped. Add a LIMIT or narrow the patterns (the limit is "
                               "set with 'claimgraph serve --timeout').")

    def _restart(self) -> None:
        self._stop()
        self.start()

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._conn.close()
        self._process, self._conn = None, None

    def close(self) -> None:
        """Stop the worker; a query in progress is cut off and answered 503."""
        self._closed = True
        process = self._process
        if process is not None:
            process.kill()  # wakes a request waiting for its answer
        if self._lock.acquire(timeout=5):
            try:
                self._stop()
            finally:
                self._lock.release()


_WORKER_START = "from graph_builder.serve_worker import worker_main; worker_main()"


def _worker_env() -> dict[str, str]:
    """The environment with this package importable, however the server was started."""
    root = str(Path(__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}


def worker_main() -> None:
    """The worker process: open the store, then answer queries until the pipe closes.

    Started as ``python -c ... FD SOURCE`` by `QueryWorker.start`; FD is its end of
    the socket pair to the server.
    """
    from graph_builder.query import open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    conn, source = Connection(int(sys.argv[1])), Path(sys.argv[2])
    _exit_with_parent()
    try:
        store = open_store(source)
    except ClaimgraphError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            sparql, accept, max_rows = conn.recv()
        except EOFError:
            return
        conn.send(answer(store, sparql, accept, max_rows))


def _exit_with_parent() -> None:
    """Exit when the server dies without stopping us (kill -9), even mid-query."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
