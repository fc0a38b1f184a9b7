"""Issue 13: DIR/cache/ makes a rebuild after one changed file redo only that file's tasks;
a cache from other code, or a corrupt entry, is ignored with a one-line note, and the
graph is always the one a build without a cache makes."""

from __future__ import annotations

import shutil

import pytest

from graph_builder.cache import TaskCache, code_version
from graph_builder.outputs import CACHE_DIR, build_folder
from graph_builder.pipeline import BuildSettings
from tests.conftest import FIXTURE_CORPUS

TASKS = ("extract", "find_people", "find_topics", "find_figures", "make_triples")


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, folder)
    return folder


def _build(corpus, out):
    result, outputs = build_folder(corpus, out, BuildSettings(workers=1))
    return result, outputs.graph.read_bytes()


def _fresh_graph(corpus, tmp_path) -> bytes:
    _, outputs = build_folder(corpus, tmp_path / "nocache", BuildSettings(), cache=False)
    assert not (tmp_path / "nocache" / CACHE_DIR).exists()
    return outputs.graph.read_bytes()


def test_cache_second_build_reuses_every_task_and_writes_the_same_graph(corpus, tmp_path):
    out = tmp_path / "out"
    first, graph = _build(corpus, out)
    documents = len(first.documents)
    assert first.ran == dict.fromkeys(TASKS, documents) and sum(first.reused.values()) == 0
    second, again = _build(corpus, out)
    assert second.reused == dict.fromkeys(TASKS, documents) and sum(second.ran.values()) == 0
    assert again == graph == _fresh_graph(corpus, tmp_path)


def test_cache_one_changed_file_is_the_only_one_read_again(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    article = corpus / "article.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA closing line, added.\n",
                       encoding="utf-8")
    result, graph = _build(corpus, out)
    assert result.ran["extract"] == 1 and result.ran["find_people"] <= 1
    assert result.ran["make_triples"] < len(result.documents)
    assert graph == _fresh_graph(corpus, tmp_path)
    assert "A closing line, added." in graph.decode()


def test_cache_from_other_code_is_dropped_with_a_note(corpus, tmp_path):
    out = tmp_path / "out"
    _, graph = _build(corpus, out)
    (out / CACHE_DIR / "VERSION").write_text("0.0.1+feedface\n", encoding="utf-8")
    result, again = _build(corpus, out)
    [note] = [n for n in result.notes if "a cache from claimgraph" in n]
    assert "0.0.1+feedface" in note and code_version() in note and "ignored" in note
    assert sum(result.reused.values()) == 0 and again == graph
    assert (out / CACHE_DIR / "VERSION").read_text(encoding="utf-8").strip() == code_version()


def test_cache_a_corrupt_entry_is_redone_with_a_note(corpus, tmp_path):
    out = tmp_path / "out"
    _, graph = _build(corpus, out)
    entries = sorted((out / CACHE_DIR).glob("*.bin"))
    damaged, cut = entries[0], entries[1]
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0xFF
    damaged.write_bytes(bytes(data))
    cut.write_bytes(cut.read_bytes()[:20])
    result, again = _build(corpus, out)
    notes = [n for n in result.notes if "corrupt cache entry" in n]
    assert sorted(notes) == sorted(f"{p}: corrupt cache entry; ignored and redone."
                                   for p in (damaged, cut))
    assert sum(result.ran.values()) == 2 and again == graph


def test_cache_keeps_only_what_the_last_build_used(corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    before = {p.name for p in (out / CACHE_DIR).glob("*.bin")}
    (corpus / "article.txt").unlink()
    result, _ = _build(corpus, out)
    after = {p.name for p in (out / CACHE_DIR).glob("*.bin")}
    assert len(after) == len(TASKS) * len(result.documents) and len(after) < len(before)


def test_cache_entry_round_trip_and_a_pickle_that_fails_is_noted(tmp_path):
    cache = TaskCache(tmp_path / "c")
    cache.store("k", {"any": ["picklable", 1]})
    assert TaskCache(tmp_path / "c").load("k") == {"any": ["picklable", 1]}
    assert TaskCache(None).load("k") is None
