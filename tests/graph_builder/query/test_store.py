"""The persistent store: made lazily beside graph.ttl, reused, remade when the graph
changes, never half-made, and bypassed for plain graph files."""

import json
import os
import shutil
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from graph_builder.errors import QueryError
from graph_builder.query import sparql as query
from graph_builder.query import store
from graph_builder.query.store import STAMP_FILE, STORE_DIR, open_store, store_is_fresh

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EXTRA = b'\n<https://example.org/extra> <https://schema.org/name> "extra" .\n'


def count(handle: ox.Store) -> int:
    return int(next(iter(handle.query(COUNT)))["n"].value)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture()
def build_dir(tmp_path, fixture_out):
    """A build folder of its own (graph.ttl only), so each test starts without a store."""
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(fixture_out / "graph.ttl", folder / "graph.ttl")
    return folder


def test_store_made_lazily_on_first_open(build_dir, fixture_build):
    assert not (build_dir / STORE_DIR).exists()
    handle = open_store(build_dir)
    assert count(handle) == len(fixture_build.triples)
    stamp = json.loads((build_dir / STORE_DIR / STAMP_FILE).read_text("utf-8"))
    assert stamp["size"] == (build_dir / "graph.ttl").stat().st_size
    assert store_is_fresh(build_dir) and leftovers(build_dir) == []


def test_store_reused_when_fresh(build_dir, monkeypatch):
    open_store(build_dir)
    monkeypatch.setattr(store, "_make", lambda *a: pytest.fail("the store was made again"))
    assert count(open_store(build_dir)) > 100


def test_store_remade_when_graph_changes(build_dir):
    before = count(open_store(build_dir))
    with (build_dir / "graph.ttl").open("ab") as handle:
        handle.write(EXTRA)
    assert not store_is_fresh(build_dir)
    assert count(open_store(build_dir)) == before + 1
    assert store_is_fresh(build_dir) and leftovers(build_dir) == []


def test_store_kept_when_graph_rewritten_byte_identical(build_dir, monkeypatch):
    """A rebuild writes the same bytes with a new mtime: the hash says the store is fresh."""
    open_store(build_dir)
    graph = build_dir / "graph.ttl"
    stat = graph.stat()
    os.utime(graph, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    monkeypatch.setattr(store, "_make", lambda *a: pytest.fail("the store was made again"))
    assert count(open_store(build_dir)) > 100
    stamp = json.loads((build_dir / STORE_DIR / STAMP_FILE).read_text("utf-8"))
    assert stamp["mtime_ns"] == graph.stat().st_mtime_ns  # next time, no hashing


def test_store_same_size_other_bytes_is_stale(build_dir):
    open_store(build_dir)
    graph = build_dir / "graph.ttl"
    data = graph.read_bytes()
    graph.write_bytes(data.replace(b"Luddism", b"Luddizm", 1))
    assert graph.stat().st_size == len(data) and not store_is_fresh(build_dir)


def test_store_stale_store_replaced_while_an_old_handle_reads(build_dir):
    old = open_store(build_dir)
    before = count(old)
    with (build_dir / "graph.ttl").open("ab") as handle:
        handle.write(EXTRA)
    assert count(open_store(build_dir)) == before + 1
    assert count(old) == before  # POSIX keeps the old files for whoever has them open
    assert leftovers(build_dir) == []


def test_store_plain_file_is_loaded_in_memory(build_dir, fixture_build):
    handle = open_store(build_dir / "graph.ttl")
    assert count(handle) == len(fixture_build.triples)
    assert not (build_dir / STORE_DIR).exists()


def test_store_unwritable_folder_falls_back_to_memory(build_dir, monkeypatch, fixture_build):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store.tempfile, "mkdtemp", refuse)
    assert count(open_store(build_dir)) == len(fixture_build.triples)
    assert not (build_dir / STORE_DIR).exists()


def test_store_bad_graph_is_a_one_line_error_and_leaves_nothing(build_dir):
    (build_dir / "graph.ttl").write_text("<a> <b> oops .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="graph.ttl: cannot be read as RDF") as info:
        open_store(build_dir)
    assert "\n" not in str(info.value) and "claimgraph build" in str(info.value)
    assert not (build_dir / STORE_DIR).exists() and leftovers(build_dir) == []


def test_store_missing_graph_says_what_to_do(tmp_path):
    with pytest.raises(QueryError, match="no graph found; run 'claimgraph build"):
        open_store(tmp_path)


def test_store_query_module_delegates():
    assert query.open_store is store.open_store


def test_store_opens_an_existing_store_quickly(build_dir):
    open_store(build_dir)
    started = time.perf_counter()
    handle = open_store(build_dir)
    assert time.perf_counter() - started < 1.0  # generous: it takes hundredths
    assert count(handle) > 100


def test_store_racing_processes_share_one_store(build_dir, fixture_build):
    """Processes that find no store all make one; one rename wins, nobody sees half."""
    code = ("import sys; from pathlib import Path; "
            "from graph_builder.query.store import open_store; "
            "s = open_store(Path(sys.argv[1])); "
            "print(next(iter(s.query('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')))['n'].value)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(build_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), [err for _, err in outputs]
    assert {out.strip() for out, _ in outputs} == {str(len(fixture_build.triples))}
    assert store_is_fresh(build_dir) and leftovers(build_dir) == []


def test_store_loser_of_a_race_keeps_the_winners_store(build_dir):
    open_store(build_dir)
    winner = (build_dir / STORE_DIR / STAMP_FILE).stat().st_ino
    late = build_dir / ".store-late.part"
    late.mkdir()
    store._make(late, build_dir / "graph.ttl", build_dir / STORE_DIR)
    assert (build_dir / STORE_DIR / STAMP_FILE).stat().st_ino == winner
    assert late.exists()  # left for the caller to remove, as _open_persistent does


def test_store_sweeps_leftovers_of_killed_processes(build_dir):
    old, recent = build_dir / ".store-old.part", build_dir / ".store-recent.part"
    for folder in (old, recent):
        folder.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    open_store(build_dir)
    assert leftovers(build_dir) == [".store-recent.part"]  # it may still be loading


def test_store_memory_copy_holds_the_graph(build_dir, fixture_build):
    stat = store.graph_stat(build_dir)
    copy = store.memory_copy(build_dir, stat, max_bytes=1 << 30)
    assert copy is not None and count(copy) == len(fixture_build.triples)
    assert not (build_dir / STORE_DIR).exists()  # a copy of graph.ttl, not a second store


def test_store_memory_copy_refused_over_the_limit(build_dir):
    stat = store.graph_stat(build_dir)
    assert store.memory_copy(build_dir, stat, max_bytes=stat[0] - 1) is None
    assert store.memory_copy(build_dir, stat, max_bytes=stat[0]) is not None


def test_store_memory_copy_refused_when_graph_changed_since_open(build_dir):
    stat = store.graph_stat(build_dir)
    with (build_dir / "graph.ttl").open("ab") as handle:
        handle.write(EXTRA)
    assert store.memory_copy(build_dir, stat, max_bytes=1 << 30) is None


def test_store_graph_stat_only_for_build_folders(build_dir):
    assert store.graph_stat(build_dir) == (
        (build_dir / "graph.ttl").stat().st_size, (build_dir / "graph.ttl").stat().st_mtime_ns)
    assert store.graph_stat(build_dir / "graph.ttl") is None
    assert store.graph_stat(build_dir / "missing") is None
