"""Run the endpoint's queries in a process of its own, so a runaway query can be stopped.

pyoxigraph cannot cancel a query once it runs, and a Python thread cannot be
killed; a process can. `QueryWorker` keeps one worker process that opens the
store once and answers one query at a time (`serve_answer.answer`) over a
socket. When an answer does not come within the time limit, the worker is
killed, so the query stops using CPU and memory at once, and a fresh worker is
started, which reopens the store (on disk for a build folder, so quickly).

A worker over a build folder answers from the on-disk store at once and, in a
thread, loads a copy of the graph into memory (about a second at corpus scale;
pyoxigraph lets queries run meanwhile), then answers from the copy: each lookup
costs about a quarter of one on disk. Graphs over ``memory_limit`` bytes of
Turtle stay on disk. Every answer says which store gave it
(``X-Claimgraph-Store``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import ClaimgraphError, QueryError
from graph_builder.serve_answer import Reply, answer, text_reply

#: Turtle bytes up to which a worker copies the graph into memory (about 4x that in RAM).
DEFAULT_MEMORY_LIMIT = 256 << 20


class QueryWorker:
    """One worker process holding the store; queries wait their turn for it.

    Queries run one at a time. A request waits at most the time limit for the
    worker, then at most the time limit for its answer; past that the worker is
    killed and restarted, and the request is answered 503.
    """

    def __init__(self, source: Path, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        self.source, self.memory_limit = source, memory_limit
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
                [sys.executable, "-c", _WORKER_START, str(theirs.fileno()), str(self.source),
                 str(self.memory_limit)],
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

    Started as ``python -c ... FD SOURCE MEMORY_LIMIT`` by `QueryWorker.start`; FD is
    its end of the socket pair to the server.
    """
    from graph_builder.query import open_store
    from graph_builder.store import graph_stat, store_is_fresh

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    conn, source, limit = Connection(int(sys.argv[1])), Path(sys.argv[2]), int(sys.argv[3])
    _exit_with_parent()
    stat = graph_stat(source)
    try:
        store = open_store(source)
    except ClaimgraphError as exc:
        conn.send(("error", str(exc)))
        return
    # a graph file, or a folder whose store could not be written, is in memory already
    on_disk = stat is not None and stat == graph_stat(source) and store_is_fresh(source)
    stores = _Stores(store, "disk" if on_disk else "memory")
    conn.send(("ready", ""))
    if on_disk:
        threading.Thread(target=stores.copy_to_memory, args=(source, stat, limit),
                         daemon=True, name="memory-copy").start()
    while True:
        try:
            sparql, accept, max_rows = conn.recv()
        except EOFError:
            return
        store, kind = stores.current
        conn.send(replace(answer(store, sparql, accept, max_rows), store=kind))


class _Stores:
    """The store the worker answers from: the disk store, then its memory copy."""

    def __init__(self, store: ox.Store, kind: str) -> None:
        self.current = (store, kind)  # one tuple, swapped in one assignment

    def copy_to_memory(self, source: Path, stat: tuple[int, int], limit: int) -> None:
        from graph_builder.store import memory_copy

        copy = memory_copy(source, stat, limit)
        if copy is not None:
            self.current = (copy, "memory")


def _exit_with_parent() -> None:
    """Exit when the server dies without stopping us (kill -9), even mid-query."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
