"""The life-date scorer: matching gold people to graph persons and counting, on made-up data."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_SCRIPT = _ROOT / "bench" / "score_life_dates.py"
_spec = importlib.util.spec_from_file_location("score_life_dates", _SCRIPT)
scorer = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scorer  # dataclasses look their module up while the class is built
_spec.loader.exec_module(scorer)


def _gold(person, family, given, born, died, source="note", **extra):
    return {"person": person, "family": family, "given": given, "born": born, "died": died,
            "doc": "x.txt", "line": 1, "source": source, **extra}


def test_scorer_matches_by_family_key_given_names_and_aliases():
    persons = [
        scorer.GraphPerson("p1", "Ezhov", "N. I.", born="1895", died="1940"),
        scorer.GraphPerson("p2", forms={"Bronshtein, Lev"}, born="1879", died="1941"),
        scorer.GraphPerson("p3", "Hidalgo", "Miguel", died="1811"),
        scorer.GraphPerson("p4", "Morelos", "J. M.", born="1765", died="1815"),
    ]
    gold = [
        _gold("Yezhov, N. I.", "Yezhov", "N. I.", "1895", "1940"),
        _gold("Trotsky, L. D.", "Trotsky", "L. D.", "1879", "1940", alias="Bronshtein"),
        _gold("Hidalgo", "Hidalgo", "", "", "1811", source="prose"),
        _gold("Hidalgo, C.", "Hidalgo", "C.", "", "1900", source="prose"),
    ]
    result = scorer.score(gold, persons)
    assert result["rows"]["all"] == {"people": 4, "found": 3, "born": 2, "born_right": 2,
                                     "died": 4, "died_right": 2, "both_right": 2}
    assert result["rows"]["prose"]["found"] == 1
    assert [m.split(" (")[0] for m in result["misses"]] == ["Trotsky, L. D.", "Hidalgo, C."]
    assert result["extra"] == ["J. M. Morelos (born 1765, died 1815)"]


def test_gold_lines_are_complete_and_years_are_years():
    rows = scorer.load_gold(scorer.GOLD)
    assert len(rows) >= 60
    for row in rows:
        assert {"person", "family", "given", "born", "died", "doc", "line", "source"} <= set(row)
        assert row["born"] or row["died"]
        assert all(not y or (len(y) == 4 and y.isdigit()) for y in (row["born"], row["died"]))
    assert len({json.dumps(r, sort_keys=True) for r in rows}) == len(rows)
