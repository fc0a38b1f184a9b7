"""The query-speed bench end to end on the fixture build, one run of everything."""

from __future__ import annotations

import json

from bench import query_speed
from graph_builder.query.named import names


def test_query_speed_reports_every_named_query(fixture_out, tmp_path, capsys):
    figures = tmp_path / "figures.json"
    assert query_speed.main([str(fixture_out), "--repeat", "1", "--json", str(figures)]) == 0
    printed = capsys.readouterr().out
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert [q["name"] for q in data["queries"]] == names()
    assert all(q["rows"] == q["rdflib_rows"] == q["memory_rows"] for q in data["queries"])
    assert all(q[side] > 0 for q in data["queries"] for side in ("ours", "memory", "rdflib"))
    assert data["store_bytes"] > 0 and data["open"]["store"] > 0
    assert "rows differ" not in printed
    for goal in ("every named query at least 15x faster as the endpoint answers it",
                 "named queries at least 15x faster on disk (geometric mean)"):
        assert f"goal: {goal} -- " in printed


def test_query_speed_missing_source_is_one_line(tmp_path, capsys):
    assert query_speed.main([str(tmp_path / "missing")]) == 1
    assert "not found" in capsys.readouterr().err
