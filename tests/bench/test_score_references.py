"""The reference scorer: normalisation, field mapping and counting, on hand-made records."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from graph_builder.records import PersonName, Reference

_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "score_references.py"
_spec = importlib.util.spec_from_file_location("score_references", _SCRIPT)
scorer = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scorer  # dataclasses look their module up while the class is built
_spec.loader.exec_module(scorer)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("The  Road to Terror.", "the road to terror"),
        ("“Stalin’s  War: Part I”", "stalins war part i"),
        ("Martin-Facklam", "martin-facklam"),
        ("ﬁnal ＡＢＣ", "final abc"),  # NFKC folds ligatures and full-width letters
        ("``Quoted''", "quoted"),
    ],
)
def test_score_references_normalise_text(raw, normalised):
    assert scorer.normalise(raw) == normalised


@pytest.mark.parametrize(
    ("name", "value", "normalised"),
    [
        ("page", "pp. 57–58", "57-58"),
        ("page", "p.12 - 14.", "12-14"),
        ("page", "xiv", "xiv"),
        ("year", "c1999", "1999"),
        ("year", 2005, "2005"),
        ("year", "n.d.", None),
        ("author", [{"family": "Getty", "given": "J. Arch"}, {"literal": "U.S. Army"}],
         ("getty", "us army")),
        ("author", (PersonName("Naumov", "Oleg"),), ("naumov",)),
        ("author", [], None),
        ("title", "", None),
        ("title", None, None),
    ],
)
def test_score_references_normalise_fields(name, value, normalised):
    assert scorer.normalise_field(name, value) == normalised


def test_score_references_maps_gold_keys_to_fields():
    gold = scorer.gold_fields({
        "raw": "x", "authors": [{"family": "Getty", "given": "J."}], "container": "Slavic Review",
        "place": "New Haven", "pages": "12-14", "year": 1986, "issue": "2",
    })
    assert gold["author"] == ("getty",)
    assert gold["container-title"] == "slavic review"
    assert gold["publisher-place"] == "new haven"
    assert (gold["page"], gold["year"], gold["issue"]) == ("12-14", "1986", "2")
    assert gold["title"] is None and gold["editor"] is None


def test_score_references_reads_a_corporate_author_as_an_author():
    fields = scorer.predicted_fields(Reference(text="x", organization="Socialist Clarity Group"))
    assert fields["author"] == ("socialist clarity group",)


@pytest.mark.parametrize(
    ("gold", "predicted", "outcome", "tp", "fp", "fn"),
    [
        ("a", "a", "", 1, 0, 0),
        ("a", "b", "wrong", 0, 1, 1),  # a wrong value is a false positive and a false negative
        (None, "b", "extra", 0, 1, 0),
        ("a", None, "missing", 0, 0, 1),
        (None, None, "", 0, 0, 0),
    ],
)
def test_score_references_counts(gold, predicted, outcome, tp, fp, fn):
    counts = scorer.Counts()
    assert counts.add(gold, predicted) == outcome
    assert (counts.tp, counts.fp, counts.fn) == (tp, fp, fn)


def test_score_references_scores_records_field_by_field(tmp_path):
    records = [
        {"raw": "one", "title": "A Book", "year": 1950, "authors": [{"family": "Smith"}]},
        {"raw": "two", "title": "Other", "pages": "p. 5"},
    ]
    answers = {
        "one": Reference(text="one", title="A book.", year="1950",
                         authors=(PersonName("Smith", "J."),)),
        "two": Reference(text="two", title="Wrong", publisher="Extra Press"),
    }
    result = scorer.score(records, answers.__getitem__)
    assert result.references == 2 and result.exact == 1
    assert (result.fields["title"].tp, result.fields["title"].fp, result.fields["title"].fn) == (
        1, 1, 1)
    assert (result.fields["publisher"].fp, result.fields["page"].fn) == (1, 1)
    micro = result.micro
    assert (micro.tp, micro.fp, micro.fn) == (3, 2, 2)
    figures = result.as_dict()
    assert figures["micro"]["f1"] == pytest.approx(0.6)
    assert figures["exact_share"] == 0.5
    assert [e[0] for e in result.errors["title"]] == ["wrong"]


def test_score_references_command_line_writes_json(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "raw": "Smith, John. A Book. London: Hut, 1950, p. 12.", "authors": [{"family": "Smith"}],
        "title": "A Book", "place": "London", "publisher": "Hut", "year": 1950, "pages": "12",
    }) + "\n", encoding="utf-8")
    out = tmp_path / "figures.json"
    assert scorer.main([str(gold), "--parser", "rules", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))[str(gold)]
    assert figures["micro"]["f1"] == 1.0 and figures["parser"] == "rules"
    assert "micro" in capsys.readouterr().out


def test_score_references_command_line_names_a_missing_gold_file(tmp_path, capsys):
    assert scorer.main([str(tmp_path / "absent.jsonl")]) == 1
    assert "Gold file not found" in capsys.readouterr().err
