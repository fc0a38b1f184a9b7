"""A graph's triples held compactly: sorted N-Triples lines, compressed, merged from runs.

Each document's task returns its triples as one *run*: its N-Triples lines,
sorted and deduplicated, compressed. The build merges the runs (an external
merge: one line of each run in memory at a time) into one compressed run, the
graph. Holding a triple as a compressed line costs a few bytes; holding it as
an Oxigraph Quad in a global sort cost about 1 KB, and that was what made a
large corpus run out of memory.

The order is the bytes of the lines, which is the same however many workers
made the runs: so graph.ttl is byte-identical for 1 worker, N workers or a
cluster. UTF-8 byte order is code point order, and a subject's lines are
adjacent (an IRI term ends at ``>``, which no IRI holds).
"""

from __future__ import annotations

import heapq
import io
import zlib
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LEVEL = 1  # fast: the runs are passed between processes and merged once
_SIZE = 8  # bytes of a run's size header
_CHUNK = 1 << 20
_BLOCK = 256 << 10  # bytes of lines a merge inflates per run at a time


def line_of(quad: ox.Quad) -> bytes:
    """One N-Triples line (default graph), as Oxigraph writes terms."""
    return f"{quad.subject} {quad.predicate} {quad.object} .\n".encode()


def encode_run(lines: Iterable[str]) -> bytes:
    """A run: N-Triples lines (each ending in a newline), sorted by their UTF-8 bytes
    and without duplicates, compressed, after 8 bytes giving their size uncompressed
    (so a merge knows what it would hold before it inflates anything)."""
    data = b"".join(sorted({line.encode() for line in lines}))
    return len(data).to_bytes(_SIZE, "big") + zlib.compress(data, _LEVEL)


def run_size(run: bytes) -> int:
    """The bytes of a run's lines, uncompressed."""
    return int.from_bytes(run[:_SIZE], "big")


def run_lines(run: bytes) -> Iterator[bytes]:
    """The lines of a run, decompressed a chunk at a time."""
    return _inflated_lines(memoryview(run)[_SIZE:])


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


class _RunReader(io.RawIOBase):
    """A run as a binary file, so Oxigraph's parsers and loaders stream it."""

    def __init__(self, run: bytes) -> None:
        self._inflate = zlib.decompressobj()
        self._run, self._at, self._ready = run, 0, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._ready and (self._at < len(self._run) or self._inflate.unconsumed_tail):
            chunk = self._run[self._at:self._at + _CHUNK]
            self._at += len(chunk)
            self._ready = self._inflate.decompress(chunk)
            if self._at >= len(self._run):
                self._ready += self._inflate.flush()
        size = min(len(buffer), len(self._ready))
        buffer[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size


class SortedTriples:
    """A graph as one run of sorted, distinct N-Triples lines: compressed when the
    graph is large, as it is when it is small enough to hold (128 MB).

    Iterating gives pyoxigraph Quads in order, parsed a chunk at a time;
    ``len`` is the number of triples; ``reader()`` is the N-Triples as a file.
    """

    def __init__(self, run: bytes, count: int, compressed: bool = True) -> None:
        self.run, self.count, self.compressed = run, count, compressed

    @classmethod
    def merge(cls, runs: list[bytes], memory: int = 128 << 20) -> SortedTriples:
        """The union of sorted runs. While their lines fit in ``memory`` bytes they are
        sorted together (quick, in C); past that, by an external merge that holds one
        line of each run at a time. Both give the same bytes."""
        if sum(map(run_size, runs)) > memory:
            return cls._written(heapq.merge(*(run_lines(r) for r in runs)))
        lines: list[bytes] = []
        for run in runs:
            lines += zlib.decompress(memoryview(run)[_SIZE:]).splitlines(keepends=True)
        lines.sort()  # timsort merges the sorted runs it finds
        ordered = dict.fromkeys(lines)  # and the repeats, adjacent now, go
        # small enough to keep as it is: no compressing, no inflating
        return cls(b"".join(ordered), len(ordered), compressed=False)

    @classmethod
    def _written(cls, ordered: Iterator[bytes]) -> SortedTriples:
        """Sorted lines, without repeats, compressed into one run."""
        compress = zlib.compressobj(_LEVEL)
        out: list[bytes] = []
        count, last, pending = 0, b"", []
        for line in ordered:
            if line == last:
                continue
            last, count = line, count + 1
            pending.append(line)
            if len(pending) >= 4096:
                out.append(compress.compress(b"".join(pending)))
                pending.clear()
        out.append(compress.compress(b"".join(pending)))
        out.append(compress.flush())
        return cls(b"".join(out), count)

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> SortedTriples:
        return cls.merge([encode_run(line_of(q).decode() for q in quads)])

    def __len__(self) -> int:
        return self.count

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SortedTriples):
            return NotImplemented
        return self.count == other.count and all(
            a == b for a, b in zip(self.lines(), other.lines(), strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal by content, and not immutable

    def __iter__(self) -> Iterator[ox.Quad]:
        source = self.run if not self.compressed else self.reader()
        return iter(ox.parse(input=source, format=ox.RdfFormat.N_TRIPLES))

    def reader(self) -> io.BufferedIOBase:
        """The N-Triples as a binary file."""
        if not self.compressed:
            return io.BytesIO(self.run)
        return io.BufferedReader(_RunReader(self.run), _CHUNK)

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
        if not self.compressed:
            start = 0
            while start < len(self.run):
                end = self.run.find(b"\n", start + size)
                end = len(self.run) if end < 0 else end + 1
                yield self.run[start:end]
                start = end
            return
        inflate, rest = zlib.decompressobj(), b""
        for start in range(0, len(self.run), _CHUNK):
            rest += inflate.decompress(self.run[start:start + _CHUNK])
            if len(rest) >= size:
                cut = rest.rfind(b"\n") + 1
                yield rest[:cut]
                rest = rest[cut:]
        rest += inflate.flush()
        if rest:
            yield rest

    def lines(self) -> Iterator[bytes]:
        if not self.compressed:
            return iter(self.run.splitlines(keepends=True))
        return _inflated_lines(self.run)
