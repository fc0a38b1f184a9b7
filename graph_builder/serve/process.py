"""The endpoint's query worker process, and the frames it exchanges with the server.

The server (`graph_builder.serve.worker`) starts this process, which opens the
store once, forbids itself network sockets (`graph_builder.serve.netguard`: a SERVICE
spelling the query check missed still reaches nothing) and then answers one
query at a time (`serve_answer.answer`). Its memory is bounded from outside: the
server watches its resident size and kills it past ``--memory-limit``; here an
address-space limit well above that (``RLIMIT_AS``) is only a backstop, since
Rust aborts on a failed allocation (SIGABRT) instead of raising.

A worker over a build folder answers from the on-disk store at once and, in a
thread, loads a copy of the graph into memory (about a second at corpus scale),
then answers from the copy, where each lookup costs about a quarter of one on
disk. It takes the copy only when its loading peak fits in half the memory
limit, so queries keep the other half.

Frames on the socket pair are a 4-byte big-endian length and that many bytes.
The server sends a request as JSON; the worker answers with a JSON head (status,
media type, flags, body length) and then the body in frames of at most `CHUNK`
bytes, so the server never holds more than one chunk of an answer.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import ClaimgraphError
from graph_builder.serve.answer import Reply, answer, over_memory

CHUNK = 64 << 10  # bytes of answer per frame: what the server holds of it at once
MAX_HEAD = 1 << 20  # a JSON frame (request, head) longer than this is a protocol error
#: Resident bytes a memory copy takes while it loads, per byte of Turtle (measured on
#: the corpus: 190 MB at peak, 120 MB after, for a 31 MB graph.ttl).
COPY_PEAK = 6
#: The address-space backstop: the worker's size once ready plus this many memory limits.
_BACKSTOP = 2
_LENGTH = 4


def copy_budget(memory_limit: int) -> int:
    """The largest graph.ttl (bytes) copied into memory under ``memory_limit`` (0: none)."""
    return memory_limit // (2 * COPY_PEAK)


def send_frame(sock: socket.socket, data: bytes) -> None:
    sock.sendall(len(data).to_bytes(_LENGTH, "big"))
    if data:
        sock.sendall(data)


def send_json(sock: socket.socket, value: object) -> None:
    send_frame(sock, json.dumps(value).encode("utf-8"))


def recv_frame(sock: socket.socket, limit: int = MAX_HEAD) -> bytes | None:
    """The next frame, or None when the other side has closed the socket."""
    header = _recv_exactly(sock, _LENGTH)
    if header is None:
        return None
    size = int.from_bytes(header, "big")
    if size > limit:
        raise OSError(f"a frame of {size} bytes, over the {limit} expected")
    data = _recv_exactly(sock, size)
    if data is None:
        return None
    return data


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        part = sock.recv(min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def worker_main() -> None:
    """The worker process: open the store, then answer queries until the socket closes.

    Started as ``python -c ... FD SOURCE MEMORY_LIMIT`` by `QueryWorker.start`; FD is
    its end of the socket pair to the server, MEMORY_LIMIT in bytes (0: none).
    """
    from graph_builder.query.sparql import open_store
    from graph_builder.query.store import graph_stat, store_is_fresh
    from graph_builder.serve.netguard import forbid_network

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    sock = socket.socket(fileno=int(sys.argv[1]))
    source, limit = Path(sys.argv[2]), int(sys.argv[3])
    _exit_with_parent()
    stat = graph_stat(source)
    try:
        store = open_store(source)
    except ClaimgraphError as exc:
        send_json(sock, {"error": str(exc)})
        return
    # a graph file, or a folder whose store could not be written, is in memory already
    on_disk = stat is not None and stat == graph_stat(source) and store_is_fresh(source)
    stores = _Stores(store, "disk" if on_disk else "memory")
    isolated = forbid_network()
    _cap_address_space(limit)
    send_json(sock, {"ready": True, "isolated": isolated})
    if on_disk and limit:
        threading.Thread(target=stores.copy_to_memory, args=(source, stat, limit),
                         daemon=True, name="memory-copy").start()
    _serve(sock, stores, limit)


def _serve(sock: socket.socket, stores: _Stores, limit: int) -> None:
    while (frame := recv_frame(sock)) is not None:
        request = json.loads(frame)
        store, kind = stores.current
        try:
            reply = answer(store, request["query"], request["accept"], request["max_rows"],
                           request["max_bytes"])
        except MemoryError:
            reply = over_memory(limit)
        _send_reply(sock, reply, kind)
        del reply  # an answer of tens of MB should not wait for the next one to be freed


def _send_reply(sock: socket.socket, reply: Reply, store: str) -> None:
    body = memoryview(reply.body)
    send_json(sock, {"status": reply.status, "content_type": reply.content_type,
                     "truncated": reply.truncated, "store": store, "length": len(body)})
    for start in range(0, len(body), CHUNK):
        send_frame(sock, body[start:start + CHUNK])


def _cap_address_space(limit: int) -> None:
    """Set the address-space backstop, where the system lets us (0: no limit, none)."""
    if not limit:
        return
    try:
        size = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = size + _BACKSTOP * limit, resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError):
        pass  # no /proc or no rlimit here: the server's watch on the resident size remains


class _Stores:
    """The store the worker answers from: the disk store, then its memory copy."""

    def __init__(self, store: ox.Store, kind: str) -> None:
        self.current = (store, kind)  # one tuple, swapped in one assignment

    def copy_to_memory(self, source: Path, stat: tuple[int, int], limit: int) -> None:
        from graph_builder.query.store import memory_copy

        copy = memory_copy(source, stat, copy_budget(limit))
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
