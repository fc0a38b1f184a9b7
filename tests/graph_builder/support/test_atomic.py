import os
import stat
import subprocess
import sys

import pytest

from graph_builder.errors import ExportError
from graph_builder.support import atomic


def test_atomic_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    dest = tmp_path / "graph.ttl"
    dest.write_text("old complete graph", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.atomic_path(dest) as tmp:
        tmp.write_text("half a gra", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert dest.read_text(encoding="utf-8") == "old complete graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_write_replaces_and_keeps_normal_mode(tmp_path):
    dest = tmp_path / "report.json"
    atomic.write_text(dest, "{}\n")
    assert dest.read_text(encoding="utf-8") == "{}\n"
    assert stat.S_IMODE(dest.stat().st_mode) & 0o044  # readable by others, like any output


def test_atomic_interrupted_export_leaves_no_half_file(tmp_path, fixture_build, monkeypatch):
    from exports import export
    from exports.graphdata import GraphData

    dest = tmp_path / "graph.ttl"

    def explode(*args, **kwargs):
        (tmp_path / "partial").touch()
        raise KeyboardInterrupt

    monkeypatch.setattr("pyoxigraph.serialize", explode)
    with pytest.raises(KeyboardInterrupt):
        export(GraphData(fixture_build.triples), "turtle", dest)
    assert not dest.exists()
    assert not any(p.name.startswith(".graph.ttl") for p in tmp_path.iterdir())


def test_issue_12_output_onto_a_symlink_writes_through_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    atomic.write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="making a device node needs root")
def test_issue_12_output_onto_a_device_writes_into_it_and_leaves_it_a_device(tmp_path):
    # a private twin of /dev/null (same major:minor), so a regression breaks no real device
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    atomic.write_text(null, "nothing to keep")
    assert stat.S_ISCHR(null.stat().st_mode)


def test_issue_12_output_onto_a_fifo_is_written_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    atomic.write_text(fifo, "through the pipe")
    assert reader.communicate(timeout=10)[0] == b"through the pipe"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_issue_12_output_dash_is_standard_output(capfdbinary):
    atomic.write_text(atomic.STDOUT, "to stdout\n")
    assert capfdbinary.readouterr().out == b"to stdout\n"


def test_issue_12_output_with_a_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(ExportError, match=r"nonexistent does not exist; create it first"):
        atomic.write_text(tmp_path / "nonexistent" / "x.nt", "x")
    assert not (tmp_path / "nonexistent").exists()


def test_issue_12_together_replaces_all_or_none(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.together():
        atomic.write_text(a, "new a")
        assert a.read_text(encoding="utf-8") == "old a"  # held back until the end
        raise RuntimeError("interrupted before b")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with atomic.together():
        atomic.write_text(a, "new a")
        atomic.write_text(b, "new b")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("new a", "new b")


def test_issue_12_sweep_removes_temp_files_of_killed_writers_only(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = tmp_path / f".graph.ttl.{dead}.k3x9q2.part"
    mine = tmp_path / f".graph.html.{os.getpid()}.a1b2c3.part"
    other = tmp_path / "notes.part.txt"
    for path in (left, mine, other):
        path.write_text("x", encoding="utf-8")
    atomic.sweep(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
