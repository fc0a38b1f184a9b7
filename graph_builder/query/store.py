"""Open a built graph for SPARQL: a persistent Oxigraph store kept beside graph.ttl.

Parsing graph.ttl on every ``claimgraph query`` costs about a second at corpus
scale; opening an on-disk Oxigraph (RocksDB) store costs a few hundredths. The
store is made lazily, the first time a build folder is queried, not by ``build``
(whose speed budget would pay ~2 s for it), and ``graph.ttl`` stays the portable
source of truth: the store is a cache of it.

Layout of a build folder::

    DIR/graph.ttl              what the build wrote
    DIR/store/                 the Oxigraph store loaded from it
    DIR/store/source.json      the stamp: graph.ttl's size, mtime and SHA-256

The store is fresh when the stamp's size and mtime match graph.ttl's, or, failing
that, its SHA-256 does (a rebuild writes a byte-identical graph.ttl with a new
mtime). A stale or missing store is loaded into a temporary sibling folder and
renamed into place, so a reader never sees half a store; when two processes race,
the first rename wins and the loser opens the winner's store. Stores are opened
read-only, so any number of processes can read one at once.

A graph file (not a folder), or a folder we cannot write to, is loaded into an
in-memory store instead. Either way the store keeps values, not spellings
("04"^^xsd:integer comes back as "4", and "4"^^xsd:positiveInteger as
"4"^^xsd:integer), which is why exports read graph.ttl (``query.read_triples``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import QueryError

GRAPH_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                 ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                 ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}
GRAPH_FILE = "graph.ttl"
STORE_DIR = "store"
STAMP_FILE = "source.json"
_ATTEMPTS = 3  # store swaps by other processes we put up with before loading in memory
_ABANDONED_AFTER = 3600  # seconds after which a temporary store is a crash's leftover


def graph_file(source: Path) -> Path:
    """The graph file of a build folder, or the file itself."""
    path = source / GRAPH_FILE if source.is_dir() else source
    if not path.exists():
        hint = ("run 'claimgraph build CORPUS --out DIR' first" if source.is_dir() or not
                source.suffix else "check the path")
        raise QueryError(f"{path}: no graph found; {hint}.")
    if path.suffix.lower() not in GRAPH_FORMATS:
        raise QueryError(f"{path}: unknown graph format '{path.suffix}'. Available: "
                         f"{', '.join(sorted(GRAPH_FORMATS))}")
    return path


def unreadable(path: Path, exc: Exception) -> str:
    """The one-line message for a graph file that does not parse."""
    return (f"{path}: cannot be read as RDF ({first_line(exc)}). Rebuild it with "
            "'claimgraph build'.")


def first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_store(source: Path) -> ox.Store:
    """A store for SPARQL over a build folder (on disk, made if needed) or a graph file."""
    path = graph_file(source)
    if not source.is_dir():
        return memory_store(path)
    for _ in range(_ATTEMPTS):
        store = _open_persistent(source, path)
        if store is not None:
            return store
    return memory_store(path)


def memory_store(path: Path) -> ox.Store:
    """An in-memory store loaded from a graph file."""
    store = ox.Store()
    _load(store, path)
    return store


def memory_copy(folder: Path, stat: tuple[int, int], max_bytes: int) -> ox.Store | None:
    """An in-memory copy of a build folder's graph, for a long-running process.

    Lookups in memory cost about a quarter of those on disk, which matters to a
    server answering query after query (`serve_worker`), not to a one-shot
    ``claimgraph query`` (loading costs a second; opening the disk store 0.01 s).
    ``stat`` is graph.ttl's (size, mtime) when the disk store was opened: when
    graph.ttl is not that file any more, or is larger than ``max_bytes`` (memory
    takes about four times the Turtle's size), the answer is None, and the caller
    keeps the disk store.
    """
    path = folder / GRAPH_FILE
    try:
        if _stat(path) != stat or stat[0] > max_bytes:
            return None
        store = memory_store(path)
        return store if _stat(path) == stat else None
    except (OSError, QueryError):
        return None


def graph_stat(folder: Path) -> tuple[int, int] | None:
    """A build folder's graph.ttl (size, mtime), or None for a graph file or none at all."""
    try:
        return _stat(folder / GRAPH_FILE) if folder.is_dir() else None
    except OSError:
        return None


def store_is_fresh(folder: Path) -> bool:
    """Whether ``folder/store`` holds exactly what ``folder/graph.ttl`` holds."""
    return _fresh(folder / STORE_DIR, folder / GRAPH_FILE)


def _open_persistent(folder: Path, path: Path) -> ox.Store | None:
    """The folder's store, made first if missing or stale; None to look again."""
    dest = folder / STORE_DIR
    if not _fresh(dest, path):
        _sweep(folder)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}-", suffix=".part", dir=folder))
        except OSError:
            return memory_store(path)  # a folder we may read but not write
        try:
            tmp.chmod(0o777 & ~_umask())  # mkdtemp makes 0700; the store is an ordinary output
            _make(tmp, path, dest)
        except OSError:
            return memory_store(path)  # a full disk, say: still answer, from memory
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if not _fresh(dest, path):
            return None  # graph.ttl changed while we loaded it
    try:
        return ox.Store.read_only(str(dest))
    except OSError:
        return None  # swapped out under us by a newer build's store


def _sweep(folder: Path) -> None:
    """Remove temporary stores that a killed process left behind more than an hour ago."""
    cutoff = time.time() - _ABANDONED_AFTER
    for leftover in folder.glob(f".{STORE_DIR}-*"):
        with contextlib.suppress(OSError):
            if leftover.is_dir() and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)


def _make(tmp: Path, path: Path, dest: Path) -> None:
    """Load graph.ttl into ``tmp``, stamp it, and rename it to ``dest``."""
    stamp = _stamp(path)
    store = ox.Store(str(tmp))
    try:
        store.bulk_load(path=str(path), format=GRAPH_FORMATS[path.suffix.lower()])
    except (SyntaxError, ValueError, MemoryError) as exc:
        raise QueryError(unreadable(path, exc)) from exc
    store.flush()
    del store  # closes the database before it moves
    if _stat(path) != (stamp["size"], stamp["mtime_ns"]):
        return  # replaced while we read it: leave the store unstamped
    (tmp / STAMP_FILE).write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    _install(tmp, dest, path)


def _install(tmp: Path, dest: Path, path: Path) -> None:
    """Rename ``tmp`` to ``dest``; a fresh store already there wins, a stale one goes."""
    try:
        os.rename(tmp, dest)
        return
    except OSError:
        if _fresh(dest, path):
            return  # another process got there first with the same graph
    old = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}-old-", dir=dest.parent))
    try:
        with contextlib.suppress(OSError):  # another process may have moved it already
            os.replace(dest, old / STORE_DIR)
        with contextlib.suppress(OSError):  # and may have won meanwhile: then use theirs
            os.rename(tmp, dest)
    finally:
        # readers that have the old store open keep its files until they close them
        shutil.rmtree(old, ignore_errors=True)


def prepare_store(folder: Path, blocks: Iterable[bytes]) -> Path | None:
    """Load N-Triples (the build's sorted stream, in blocks of whole lines of a few MB,
    so the loader's memory stays flat however large the graph) into a temporary
    store in ``folder``; None when the folder will not hold one (the first query
    then loads graph.ttl)."""
    tmp = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}-", suffix=".part", dir=folder))
        tmp.chmod(0o777 & ~_umask())
        store = ox.Store(str(tmp))
        for block in blocks:
            store.bulk_load(input=block, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        del store  # closes the database before it moves
    except (OSError, SyntaxError, ValueError, MemoryError):
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        return None
    return tmp


def install_store(folder: Path, tmp: Path) -> None:
    """Stamp a prepared store with the graph.ttl now in ``folder`` and put it in place."""
    path = folder / GRAPH_FILE
    try:
        (tmp / STAMP_FILE).write_text(json.dumps(_stamp(path)) + "\n", encoding="utf-8")
        _install(tmp, folder / STORE_DIR, path)
    except OSError:
        pass  # the first query makes it instead
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _load(store: ox.Store, path: Path) -> None:
    try:
        store.bulk_load(path=str(path), format=GRAPH_FORMATS[path.suffix.lower()])
    except (SyntaxError, ValueError, OSError, MemoryError) as exc:
        raise QueryError(unreadable(path, exc)) from exc


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _stamp(path: Path) -> dict[str, object]:
    size, mtime_ns = _stat(path)
    return {"graph": path.name, "size": size, "mtime_ns": mtime_ns, "sha256": _sha256(path)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fresh(dest: Path, path: Path) -> bool:
    """Whether the store in ``dest`` was loaded from the current ``path``."""
    try:
        stamp = json.loads((dest / STAMP_FILE).read_text(encoding="utf-8"))
        if (stamp["size"], stamp["mtime_ns"]) == _stat(path):
            return True
        if stamp["size"] != path.stat().st_size or stamp["sha256"] != _sha256(path):
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    _refresh_stamp(dest, path, stamp)
    return True


def _refresh_stamp(dest: Path, path: Path, stamp: dict[str, object]) -> None:
    """Same bytes, new mtime (a byte-identical rebuild): remember it to skip the hash."""
    size, mtime_ns = _stat(path)
    fresh = {**stamp, "size": size, "mtime_ns": mtime_ns}
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{STAMP_FILE}.", suffix=".part", dir=dest)
    except OSError:
        return  # a read-only folder: hash again next time
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(fresh) + "\n")
        os.replace(tmp, dest / STAMP_FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
