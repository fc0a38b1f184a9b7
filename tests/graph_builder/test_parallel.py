"""Issue 13: per-document tasks on 1 worker, N worker processes and a Dask cluster give one
graph, byte for byte; a task that fails or a worker that dies stops the build with one
line naming its file, and nothing is written."""

from __future__ import annotations

import os
import shutil

import pytest

from graph_builder import parallel, pipeline
from graph_builder.outputs import build_folder
from graph_builder.parallel import Tasks, WorkerError
from graph_builder.pipeline import BuildSettings
from tests.conftest import FIXTURE_CORPUS


def _graph(corpus, out, **settings) -> bytes:
    result, outputs = build_folder(corpus, out, BuildSettings(**settings), cache=False)
    assert any("ran in" in note for note in result.notes)
    return outputs.graph.read_bytes()


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    return _graph(FIXTURE_CORPUS, tmp_path_factory.mktemp("w1"), workers=1)


def test_parallel_two_workers_write_the_same_bytes_as_one(one_worker, tmp_path):
    result, outputs = build_folder(FIXTURE_CORPUS, tmp_path, BuildSettings(workers=2),
                                   cache=False)
    assert "per-document tasks ran in 2 worker processes" in result.notes
    assert outputs.graph.read_bytes() == one_worker
    assert len(one_worker) > 10_000  # a real graph, not two empty files


def test_parallel_dask_local_cluster_writes_the_same_bytes(one_worker, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=50) as cluster:
        result, outputs = build_folder(
            FIXTURE_CORPUS, tmp_path, BuildSettings(scheduler=cluster.scheduler_address),
            cache=False)
    assert f"per-document tasks ran in the Dask cluster at {cluster.scheduler_address}" \
        in result.notes
    assert outputs.graph.read_bytes() == one_worker


def test_parallel_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 2)
    with pytest.raises(Exception, match=r"Cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        build_folder(FIXTURE_CORPUS, tmp_path, BuildSettings(scheduler="tcp://127.0.0.1:9"),
                     cache=False)
    assert not (tmp_path / "graph.ttl").exists()


def dies_on_book(document):
    """A task whose worker process dies while it reads book.txt (as an OOM kill would)."""
    if document.doc_id == "book.txt":
        os._exit(9)
    return pipeline_extract(document)


def fails_on_book(document):
    if document.doc_id == "book.txt":
        raise RuntimeError("a bug met in this file")
    return pipeline_extract(document)


pipeline_extract = pipeline.extract


@pytest.mark.parametrize("task, says", [
    (dies_on_book, "the worker process reading it stopped"),
    (fails_on_book, "RuntimeError: a bug met in this file"),
])
def test_parallel_a_dead_worker_names_its_file_and_writes_nothing(task, says, tmp_path,
                                                                  monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    out = tmp_path / "out"
    build_folder(corpus, out, BuildSettings(workers=1), cache=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    monkeypatch.setattr(pipeline, "extract", task)
    with pytest.raises(WorkerError) as caught:
        build_folder(corpus, out, BuildSettings(workers=2), cache=False)
    message = str(caught.value)
    assert message.startswith(f"{corpus / 'book.txt'}: ") and says in message
    assert "\n" not in message and "no graph was written" in message
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in out.iterdir() if ".part" in p.name]


def _square(n: int) -> int:
    return n * n


def test_parallel_results_come_back_in_order_whatever_finishes_first():
    with Tasks(2) as tasks:
        assert list(tasks.map(_square, range(40), str)) == [n * n for n in range(40)]
    with Tasks(1) as tasks:
        assert list(tasks.map(_square, range(5), str)) == [0, 1, 4, 9, 16]


def test_parallel_small_corpus_stays_in_this_process_unless_asked():
    docs = [pipeline.Document("a", FIXTURE_CORPUS, "x" * 10, "utf-8", "0")] * 3
    assert pipeline._workers(BuildSettings(), docs) == 1
    assert pipeline._workers(BuildSettings(workers=3), docs) == 3
    big = [pipeline.Document("a", FIXTURE_CORPUS, "x" * 1_500_000, "utf-8", "0")] * 3
    assert pipeline._workers(BuildSettings(), big) == min(len(os.sched_getaffinity(0)), 3)


@pytest.mark.parametrize("how", ["script", "stdin"])
def test_parallel_workers_never_run_the_callers_script_again(how, tmp_path):
    """A library user's script without a ``__main__`` guard, or code piped to python, can
    build with workers: multiprocessing would otherwise start every worker by running the
    caller's script again (or fail to find ``<stdin>``)."""
    import subprocess
    import sys

    code = ("from pathlib import Path\n"
            "from graph_builder import BuildSettings, build_graph\n"
            "print('STARTED', flush=True)\n"
            f"r = build_graph(Path({str(FIXTURE_CORPUS)!r}), BuildSettings(workers=2))\n"
            "print('TRIPLES', len(r.triples), flush=True)\n")
    if how == "script":
        script = tmp_path / "unguarded.py"
        script.write_text(code, encoding="utf-8")
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
    else:
        proc = subprocess.run([sys.executable, "-"], input=code, capture_output=True,
                              text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert proc.stdout.count("STARTED") == 1 and "TRIPLES" in proc.stdout
