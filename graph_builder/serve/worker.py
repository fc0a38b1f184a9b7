"""Run the endpoint's queries in a process of its own, watched for time and memory.

pyoxigraph cannot cancel a query once it runs, and a Python thread cannot be
killed; a process can. `QueryWorker` keeps one worker process
(`graph_builder.serve.process`) that holds the store and answers one query at a
time. While a query runs the server reads the worker's resident size from
``/proc/PID/statm`` every `WATCH_INTERVAL` seconds: past ``memory_limit`` bytes,
or past the time limit, the worker is killed, so the query stops using CPU and
memory at once, the client gets 503, and a fresh worker takes over (it reopens
the store: a fraction of a second on a build folder, whose store is on disk).
Polling from outside, not ``RLIMIT_AS`` inside, is the real bound: RocksDB and
the Rust runtime reserve far more address space than they touch, and Rust aborts
rather than fail gracefully when an allocation is refused.

Answers come back in frames of `serve_process.CHUNK` bytes that the caller
forwards one at a time (`Answer.chunks`), so the server process never holds a
whole answer. Everything here runs on the server's event loop, except starting a
worker, which waits for its store to open.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from pathlib import Path

from graph_builder.errors import QueryError
from graph_builder.serve.answer import Reply, over_memory, over_time, text_reply
from graph_builder.serve.process import CHUNK, MAX_HEAD, recv_frame

#: The worker's memory cap by default (bytes); the corpus needs about 250 MB at rest.
DEFAULT_MEMORY_LIMIT = 1024 << 20
#: The smallest cap that leaves a worker room to open a graph and answer anything.
MIN_MEMORY_LIMIT = 128 << 20
WATCH_INTERVAL = 0.02  # seconds between two looks at the worker's size: ~20 MB at 1 GB/s
_START_TIMEOUT = 600  # seconds a worker may take to open (and on first use, make) a store
_DRAIN_TIMEOUT = 30  # seconds to read the rest of an answer the client did not take
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Request:
    """One query for the worker, with the answer's limits."""

    query: str
    accept: str | None
    max_rows: int
    max_bytes: int


@dataclass
class Answer:
    """An answer's status and headers (``reply``, its body empty when streamed), its
    length, and its body: `chunks` yields it once, in frames from the worker."""

    reply: Reply
    length: int
    _worker: QueryWorker | None = None

    async def chunks(self) -> AsyncIterator[bytes]:
        if self._worker is None:
            yield self.reply.body
            return
        async for chunk in self._worker.body():
            yield chunk


def _inline(reply: Reply) -> Answer:
    return Answer(reply, len(reply.body))


def resident_bytes(pid: int) -> int:
    """A process's resident size from /proc (0 where there is no /proc or no process)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


class QueryWorker:
    """One worker process holding the store; queries wait their turn for it.

    A request waits at most the time limit for its turn, then at most the time
    limit for its answer, while the worker stays under ``memory_limit`` bytes of
    resident memory (0: unwatched). Whoever holds the turn reads the whole answer
    before the next query is sent; see `query`.
    """

    def __init__(self, source: Path, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        self.source, self.memory_limit = source, memory_limit
        self.isolated: bool | None = None  # whether the worker could forbid itself sockets
        self._turn = asyncio.Lock()
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self._unread = 0  # bytes of the current answer not yet read from the worker
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The worker process's id, or None while none runs."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the worker and wait until its store is open; QueryError if it cannot."""
        # A fresh interpreter, not fork (the server has threads, and a forked child can
        # inherit a lock one of them held) and not multiprocessing's spawn (which re-runs
        # the caller's main module, breaking scripts without a __main__ guard).
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_START, str(theirs.fileno()), str(self.source),
                 str(self.memory_limit)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=_worker_env())
        try:
            status = self._ready(process, ours)
        except BaseException:
            process.kill()
            process.wait()
            ours.close()
            raise
        self.isolated = status.get("isolated")
        self._process, self._socket = process, ours

    def _ready(self, process: subprocess.Popen, sock: socket.socket) -> dict:
        deadline = time.monotonic() + _START_TIMEOUT
        while not select.select([sock], [], [], 0.1)[0]:
            if process.poll() is not None or time.monotonic() > deadline:
                raise QueryError(f"{self.source}: the query worker stopped while opening the "
                                 f"graph (exit code {process.poll()}); see the message above.")
        frame = recv_frame(sock)
        status = json.loads(frame) if frame is not None else {"error": (
            f"{self.source}: the query worker stopped while opening the graph (exit code "
            f"{process.wait()}); see the message above.")}
        if "error" in status:
            raise QueryError(status["error"])
        size = resident_bytes(process.pid)
        if self.memory_limit and size > self.memory_limit:
            raise QueryError(f"{self.source}: the query worker needs {size >> 20} MB to hold "
                             f"this graph, over the memory limit of {self.memory_limit >> 20} "
                             "MB. Raise it with --memory-limit.")
        return status

    @contextlib.asynccontextmanager
    async def query(self, request: Request, timeout: float,
                    abandoned: asyncio.Future | None = None) -> AsyncIterator[Answer]:
        """The worker's answer to ``request``, or a 503/500 saying why there is none.

        A request waiting for its turn stops waiting when ``abandoned`` completes
        (its client left). The turn is held until the block ends; what the caller
        left of the body is read and dropped then, so the next query starts clean.
        """
        refused = await self._take_turn(timeout, abandoned)
        if refused is not None:
            yield _inline(refused)
            return
        try:
            answer = await self._ask(request, timeout)
            try:
                yield answer
            finally:
                if answer._worker is not None:
                    await self._drain()
        finally:
            self._turn.release()

    async def _take_turn(self, timeout: float, abandoned: asyncio.Future | None
                         ) -> Reply | None:
        """None once the turn is ours; otherwise the reply for a request that gave up."""
        acquire = asyncio.ensure_future(self._turn.acquire())
        waits = {acquire} if abandoned is None else {acquire, abandoned}
        done, _ = await asyncio.wait(waits, timeout=timeout,
                                     return_when=asyncio.FIRST_COMPLETED)
        if acquire in done:
            return None
        acquire.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            if await acquire:  # got it just as we gave up
                self._turn.release()
        if abandoned is not None and abandoned in done:
            return _client_left()
        return text_reply(503, f"The endpoint is busy with other queries (waited over "
                               f"{timeout:g} s); try again shortly.")

    async def _ask(self, request: Request, timeout: float) -> Answer:
        if self._closed:
            return _inline(_shutting_down())
        try:
            if self._process is None:
                await asyncio.to_thread(self.start)
            reader, writer = await self._connect()
            try:
                writer.write(_frame(json.dumps(asdict(request)).encode("utf-8")))
                await writer.drain()
            except OSError:  # died since the last query: killed from outside, say
                return _inline(await self._replace(None))
            head = await self._watch(reader, timeout)
        except QueryError as exc:
            return _inline(text_reply(500, str(exc)))
        if isinstance(head, Reply):
            return _inline(head)
        self._unread = head["length"]
        return Answer(Reply(head["status"], head["content_type"], b"", head["truncated"],
                            head["store"]), head["length"], self)

    async def _watch(self, reader: asyncio.StreamReader, timeout: float) -> dict | Reply:
        """The answer's head, or why there is none; kills the worker past a limit."""
        loop = asyncio.get_running_loop()
        deadline, why = loop.time() + timeout, None
        task = asyncio.ensure_future(_read_frame(reader, MAX_HEAD))
        while not task.done() and why is None:
            await asyncio.wait({task}, timeout=WATCH_INTERVAL)
            if task.done():
                break
            if self.memory_limit and resident_bytes(self.pid) > self.memory_limit:
                why = over_memory(self.memory_limit)
            elif loop.time() >= deadline:
                why = over_time(timeout)
            if why is not None:
                self._process.kill()
        try:
            head = await task
        except (asyncio.IncompleteReadError, OSError, ValueError):
            head = None
        if why is None and head is not None:
            return json.loads(head)
        return await self._replace(why)

    async def _replace(self, why: Reply | None) -> Reply:
        """Start a new worker after the last one was killed or died; the reply to give."""
        code = self._process.wait()
        if self._closed:
            return _shutting_down()
        if why is None and code == -signal.SIGABRT:
            # Rust aborts both when the address-space backstop refuses an allocation and
            # when the engine panics outside Python (Oxigraph's sort on some mixed terms)
            why = text_reply(500, "The query worker aborted: the query needed more memory "
                                  "than the limit allows, or made the query engine fail (see "
                                  "the server's log). It was restarted.")
        elif why is None:
            why = text_reply(500, f"The query worker stopped unexpectedly (exit code {code}) "
                                  "and was restarted; see the server's log.")
        await self._disconnect()
        await asyncio.to_thread(self.start)
        return why

    async def body(self) -> AsyncIterator[bytes]:
        """The rest of the current answer's body, frame by frame."""
        reader = self._streams[0]
        while self._unread > 0:
            try:
                chunk = await _read_frame(reader, CHUNK)
            except (asyncio.IncompleteReadError, OSError, ValueError):
                return  # killed at shutdown: the caller's client gets a short body
            self._unread -= len(chunk)
            yield chunk

    async def _drain(self) -> None:
        """Read what is left of the answer (the worker holds it all: milliseconds)."""
        async def rest() -> None:
            async for _ in self.body():
                pass

        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(rest(), _DRAIN_TIMEOUT)
        if self._unread > 0 and not self._closed:
            self._process.kill()
            with contextlib.suppress(QueryError):  # the next query starts one again
                await self._replace(None)
        self._unread = 0

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._streams is None:
            self._streams = await asyncio.open_connection(sock=self._socket, limit=CHUNK)
        return self._streams

    async def _disconnect(self) -> None:
        """Let go of a dead worker's socket (on this event loop, where it is registered)."""
        if self._streams is not None:
            writer = self._streams[1]
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        elif self._socket is not None:
            self._socket.close()
        self._process, self._socket, self._streams = None, None, None

    async def detach(self) -> None:
        """Stop and let go of the worker: call on the serving loop as it ends."""
        self.kill()
        if self._process is not None:
            self._process.wait()
        await self._disconnect()

    def kill(self) -> None:
        """Stop answering: the worker is killed and a query in progress is answered 503.
        Safe from any thread."""
        self._closed = True
        process = self._process
        if process is not None:
            process.kill()

    def close(self) -> None:
        """Stop the worker, outside any event loop (see `detach` for the serving loop)."""
        self.kill()
        if self._process is not None:
            self._process.wait()
        if self._streams is None and self._socket is not None:
            self._socket.close()
        self._process, self._socket = None, None


def _client_left() -> Reply:
    return text_reply(503, "The client left before its query's turn.")


def _shutting_down() -> Reply:
    return text_reply(503, "The endpoint is shutting down.")


def _frame(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


async def _read_frame(reader: asyncio.StreamReader, limit: int) -> bytes:
    size = int.from_bytes(await reader.readexactly(4), "big")
    if size > limit:
        raise ValueError(f"the worker sent a frame of {size} bytes, over {limit}")
    return await reader.readexactly(size)


_WORKER_START = "from graph_builder.serve.process import worker_main; worker_main()"


def _worker_env() -> dict[str, str]:
    """The environment with this package importable, however the server was started."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
