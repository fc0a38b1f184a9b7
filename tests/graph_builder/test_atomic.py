import stat

import pytest

from graph_builder import atomic


def test_atomic_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    dest = tmp_path / "graph.ttl"
    dest.write_text("old complete graph", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.atomic_path(dest) as tmp:
        tmp.write_text("half a gra", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert dest.read_text(encoding="utf-8") == "old complete graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_write_replaces_and_keeps_normal_mode(tmp_path):
    dest = tmp_path / "sub" / "report.json"
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
