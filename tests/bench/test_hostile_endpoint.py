"""The hostile-endpoint bench end to end on the fixture build, briefly: 5 clients for 1 s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import hostile_endpoint

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").exists(),
                                reason="the bench reads memory from /proc (Linux)")


def test_hostile_endpoint_reports_memory_clients_and_targets(fixture_out, tmp_path, capsys):
    figures = tmp_path / "figures.json"
    status = hostile_endpoint.main([str(fixture_out), "--clients", "5", "--seconds", "1",
                                    "--memory-limit", "256", "--json", str(figures)])
    printed = capsys.readouterr().out
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert status == 0, printed
    assert data["cartesian_status"] == 503
    assert 0 < data["cartesian_worker_peak"] <= (256 + 100) << 20
    assert data["requests"] > 0 and data["dropped"] == 0 and data["errors"] == 0
    assert data["server_peak"] > 0 and data["worker_peak"] > 0
    assert printed.count("met") == 2 and "NOT MET" not in printed


def test_hostile_endpoint_missing_source_is_one_line(tmp_path, capsys):
    assert hostile_endpoint.main([str(tmp_path / "missing")]) == 2
    assert "neither a corpus" in capsys.readouterr().err
