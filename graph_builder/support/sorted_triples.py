"""A graph's triples held compactly: runs of sorted N-Triples lines, compressed.

Each document's task returns its triples as one *run*: its N-Triples lines,
sorted and deduplicated, compressed. Holding a triple as a compressed line
costs a few bytes; holding it as an Oxigraph Quad in a global sort cost about
1 KB, and that was what made a large corpus run out of memory.

The build's runs are disjoint: a document's run holds only triples about nodes
that document owns (its claims, citations, annotations, the document itself),
and the corpus's run the rest (the build, persons, works, topics). So the graph
is the runs one after another (``chain``), in corpus order, which is the same
however many workers made them: graph.ttl is byte-identical for 1 worker, N
workers or a cluster, and nothing global is sorted. ``merge`` unites runs that
may overlap (an external merge, one block of each run in memory at a time).
Within a run a subject's lines are adjacent (sorted: an IRI term ends at ``>``,
which no IRI holds), so Turtle groups them.
"""

from __future__ import annotations

import heapq
import io
import zlib
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LEVEL = 1  # fast: the runs are passed between processes and merged once
_HEADER = 16  # a run's header: its lines' bytes uncompressed, and their count
_CHUNK = 1 << 20
_BLOCK = 256 << 10  # bytes of lines a merge inflates per run at a time


def line_of(quad: ox.Quad) -> bytes:
    """One N-Triples line (default graph), as Oxigraph writes terms."""
    return f"{quad.subject} {quad.predicate} {quad.object} .\n".encode()


def encode_run(lines: Iterable[str]) -> bytes:
    """A run: N-Triples lines (each ending in a newline), sorted by their UTF-8 bytes
    and without duplicates, compressed, after a header giving their size uncompressed
    and their count (so a merge knows what it would hold before it inflates anything)."""
    unique = sorted({line.encode() for line in lines})
    data = b"".join(unique)
    return _header(len(data), len(unique)) + zlib.compress(data, _LEVEL)


def _header(size: int, count: int) -> bytes:
    return size.to_bytes(8, "big") + count.to_bytes(8, "big")


def run_size(run: bytes) -> int:
    """The bytes of a run's lines, uncompressed."""
    return int.from_bytes(run[:8], "big")


def run_count(run: bytes) -> int:
    """The number of a run's lines."""
    return int.from_bytes(run[8:_HEADER], "big")


def run_lines(run: bytes) -> Iterator[bytes]:
    """The lines of a run, decompressed a block at a time."""
    return _inflated_lines(memoryview(run)[_HEADER:])


def _inflated_lines(run: bytes | memoryview) -> Iterator[bytes]:
    """The lines of compressed data, inflated at most ``_BLOCK`` bytes at a time: a merge
    holds one such block per run, so its memory is the runs' count, not their size."""
    inflate = zlib.decompressobj()
    pending = memoryview(run)
    rest = b""
    while pending or inflate.unconsumed_tail:
        source = inflate.unconsumed_tail or pending[:_CHUNK]
        if not inflate.unconsumed_tail:
            pending = pending[_CHUNK:]
        lines = (rest + inflate.decompress(source, _BLOCK)).split(b"\n")
        rest = lines.pop()
        for line in lines:
            yield line + b"\n"
    lines = (rest + inflate.flush()).split(b"\n")
    yield from (line + b"\n" for line in lines if line)


class SortedTriples:
    """A graph as runs of sorted, distinct N-Triples lines, one after another.

    Iterating gives pyoxigraph Quads, parsed a block at a time; ``len`` is the
    number of triples; ``lines``, ``blocks`` and ``reader`` give the N-Triples.
    """

    def __init__(self, runs: list[bytes]) -> None:
        self.runs = runs
        self.count = sum(map(run_count, runs))

    @classmethod
    def chain(cls, runs: list[bytes]) -> SortedTriples:
        """Disjoint runs (no line in two of them) as one graph, in their order."""
        return cls(list(runs))

    @classmethod
    def merge(cls, runs: list[bytes], memory: int = 128 << 20) -> SortedTriples:
        """The union of runs that may share lines, as one sorted run. While their lines fit
        in ``memory`` bytes they are sorted together (quick, in C); past that, by an
        external merge that holds one block of each run at a time. Both give the same
        bytes."""
        if sum(map(run_size, runs)) > memory:
            return cls([_written(heapq.merge(*(run_lines(r) for r in runs)))])
        lines: list[bytes] = []
        for run in runs:
            lines += zlib.decompress(memoryview(run)[_HEADER:]).splitlines(keepends=True)
        lines.sort()  # timsort merges the sorted runs it finds
        ordered = list(dict.fromkeys(lines))  # and the repeats, adjacent now, go
        data = b"".join(ordered)
        return cls([_header(len(data), len(ordered)) + zlib.compress(data, _LEVEL)])

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> SortedTriples:
        return cls([encode_run(line_of(q).decode() for q in quads)])

    def __len__(self) -> int:
        return self.count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SortedTriples):
            return NotImplemented
        return self.count == other.count and all(
            a == b for a, b in zip(self.lines(), other.lines(), strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal by content, and not immutable

    def __iter__(self) -> Iterator[ox.Quad]:
        for block in self.blocks():
            yield from ox.parse(input=block, format=ox.RdfFormat.N_TRIPLES)

    def reader(self) -> io.BufferedIOBase:
        """The N-Triples as a binary file."""
        return io.BufferedReader(_BlockReader(self.blocks()), _CHUNK)

    def select(self, predicates: Iterable[str], types: Iterable[str] = ()) -> Iterator[ox.Quad]:
        """Only the triples with one of ``predicates`` (IRIs); of rdf:type, only those
        naming one of ``types``. Picked from the lines before any is parsed (splitting a
        line costs a tenth of parsing it): what makes a view of a large graph quick."""
        wanted = {f"<{p}>".encode() for p in predicates}
        classes = {f"<{c}> .\n".encode() for c in types}
        rdf_type = f"<{_RDF_TYPE}>".encode()
        chosen = []
        for block in self.blocks():
            for line in block.splitlines(keepends=True):
                predicate, _, rest = line.partition(b"> ")[2].partition(b" ")
                if predicate in wanted and (predicate != rdf_type or rest in classes):
                    chosen.append(line)
        return iter(ox.parse(input=b"".join(chosen), format=ox.RdfFormat.N_TRIPLES))

    def blocks(self, size: int = 16 << 20) -> Iterator[bytes]:
        """The N-Triples in blocks of about ``size`` bytes, each ending with a line:
        for loaders that take many lines at once (no per-line work in Python)."""
        rest = b""
        for run in self.runs:
            inflate = zlib.decompressobj()
            body = memoryview(run)[_HEADER:]
            for start in range(0, len(body), _CHUNK):
                rest += inflate.decompress(body[start:start + _CHUNK])
                if len(rest) >= size:
                    cut = rest.rfind(b"\n") + 1
                    yield rest[:cut]
                    rest = rest[cut:]
            rest += inflate.flush()
        if rest:
            yield rest

    def lines(self) -> Iterator[bytes]:
        for block in self.blocks():
            yield from block.splitlines(keepends=True)


class _BlockReader(io.RawIOBase):
    """Blocks of bytes as a binary file, so Oxigraph's parsers and loaders stream them."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks, self._ready = blocks, memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._ready:
            self._ready = memoryview(next(self._blocks, b""))
            if not self._ready:
                return 0
        size = min(len(buffer), len(self._ready))
        buffer[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size


def _written(ordered: Iterator[bytes]) -> bytes:
    """Sorted lines, without repeats, compressed into one run."""
    compress = zlib.compressobj(_LEVEL)
    out: list[bytes] = []
    count = size = 0
    last, pending = b"", []
    for line in ordered:
        if line == last:
            continue
        last, count, size = line, count + 1, size + len(line)
        pending.append(line)
        if len(pending) >= 4096:
            out.append(compress.compress(b"".join(pending)))
            pending.clear()
    out.append(compress.compress(b"".join(pending)))
    out.append(compress.flush())
    return _header(size, count) + b"".join(out)
