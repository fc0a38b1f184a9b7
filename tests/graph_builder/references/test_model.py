"""The CRF reference labeller and the reading of labelled spans into fields.

The reference strings here are written for these tests in common citation
styles (APA, Vancouver, IEEE, Chicago bibliography); none comes from the
benchmark's gold set, which is kept for scoring.
"""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_builder.records import PersonName, Reference
from graph_builder.references.fields import reference_from_spans, split_names, split_volume
from graph_builder.references.model import (
    MODEL_NAME,
    _tagger,
    label_tokens,
    parse_with_model,
    token_features,
    tokenize,
)


def names(*pairs: tuple[str, str]) -> tuple[PersonName, ...]:
    return tuple(PersonName(family, given) for family, given in pairs)


def test_reference_model_file_ships_with_the_package_and_is_small():
    model = resources.files("graph_builder.references").joinpath("models", MODEL_NAME)
    licence = resources.files("graph_builder.references").joinpath("models", "LICENSE-anystyle.txt")
    assert model.is_file() and licence.is_file()
    assert len(model.read_bytes()) < 5_000_000
    assert "BSD" in licence.read_text(encoding="utf-8") or "Redistribution" in (
        licence.read_text(encoding="utf-8")
    )


def test_reference_model_is_loaded_once_per_process():
    assert _tagger() is _tagger()


def test_reference_model_features_one_list_per_whitespace_token():
    tokens = tokenize("Smith, J.  (2001).\tA title. *Journal*, 3(2), pp. 1-9.")
    assert tokens == ["Smith,", "J.", "(2001).", "A", "title.", "*Journal*,", "3(2),", "pp.",
                      "1-9."]
    features = token_features(tokens)
    assert len(features) == len(tokens)
    assert "year" in features[2] and "parenoc" in features[2]
    assert "kw=PP" in features[7] and "volissue" in features[6] and "italic" in features[5]
    assert tokenize("") == [] and label_tokens("   ") == []


def test_reference_model_labels_an_apa_journal_article():
    spans = label_tokens("Novak, P., & Ortiz, M. (2015). Soil moisture and crop yield in "
                         "dry summers. Journal of Agricultural Science, 12(3), 45-61.")
    labels = [label for label, _ in spans]
    assert labels[:3] == ["author", "date", "title"]
    assert {"journal", "volume", "pages"} <= set(labels)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Novak, P., & Ortiz, M. (2015). Soil moisture and crop yield in dry summers. "
            "Journal of Agricultural Science, 12(3), 45-61.",
            dict(authors=names(("Novak", "P."), ("Ortiz", "M.")), year="2015", volume="12",
                 issue="3", pages="45-61", container_title="Journal of Agricultural Science",
                 title="Soil moisture and crop yield in dry summers", kind="article"),
            id="apa-article",
        ),
        pytest.param(
            "Hansen KL, Berg T, Olsen PR. Night shifts and sleep quality among nurses. "
            "Scand J Work Health. 2011;37(4):301-9.",
            dict(authors=names(("Hansen", "KL"), ("Berg", "T"), ("Olsen", "PR")), year="2011",
                 volume="37", issue="4", pages="301-9"),
            id="vancouver-article",
        ),
        pytest.param(
            "[7] A. Kumar and L. Chen, \u201cFast routing in sparse mesh networks,\u201d "
            "IEEE Trans. Netw., vol. 9, no. 2, pp. 110\u2013121, 2004.",
            dict(authors=names(("Kumar", "A."), ("Chen", "L.")), volume="9", issue="2",
                 title="Fast routing in sparse mesh networks", year="2004"),
            id="ieee-numbered",
        ),
        pytest.param(
            "Fielding, Mary. The Salt Roads of the North. Oxford: Clarendon Press, 1977.",
            dict(authors=names(("Fielding", "Mary")), title="The Salt Roads of the North",
                 place="Oxford", publisher="Clarendon Press", year="1977", kind="book"),
            id="chicago-book",
        ),
    ],
)
def test_reference_model_parses_styles_without_rules(text, expected):
    ref = parse_with_model(text)
    assert {key: getattr(ref, key) for key in expected} == expected
    assert ref.text == text


def test_reference_model_spans_become_fields():
    ref = reference_from_spans("raw", [
        ("citation-number", "[3]"), ("author", "Lee, A. and Park, S."), ("date", "(Jul., 1981),"),
        ("title", "\u201cOn waves.\u201d"), ("editor", "In D. Roy (Ed.),"),
        ("container-title", "In: Essays on the Sea,"), ("volume", "vol. 4, no. 2,"),
        ("pages", "pp. 12\u201319."), ("location", "Boston:"), ("publisher", "Beacon,"),
    ])
    assert ref.authors == names(("Lee", "A."), ("Park", "S."))
    assert ref.editors == names(("Roy", "D."))
    assert (ref.title, ref.container_title, ref.year) == ("On waves", "Essays on the Sea", "1981")
    assert (ref.volume, ref.issue, ref.pages) == ("4", "2", "12\u201319")
    assert (ref.place, ref.publisher, ref.kind) == ("Boston", "Beacon", "chapter")


@pytest.mark.parametrize(
    ("text", "people", "organization"),
    [
        ("Bergk, V., Haefeli, W. E. & Martin- Facklam, M.",
         [("Bergk", "V."), ("Haefeli", "W. E."), ("Martin-Facklam", "M.")], ""),
        ("K. Keeton, B. A. Mah, and D. Ferrari.",
         [("Keeton", "K."), ("Mah", "B. A."), ("Ferrari", "D.")], ""),
        ("Umrigar, Zerksis D. and Pitchumani, Vijay",
         [("Umrigar", "Zerksis D."), ("Pitchumani", "Vijay")], ""),
        ("Stewart, Charles and Jonathan Woon.", [("Stewart", "Charles"), ("Woon", "Jonathan")],
         ""),
        ("Hansen KL, Berg T, de la Cruz JM.", [("Hansen", "KL"), ("Berg", "T"),
                                                ("de la Cruz", "JM")], ""),
        ("O'Connor, E., et al.,", [("O'Connor", "E.")], ""),
        ("van Dam, A., Feiner, S. K.", [("van Dam", "A."), ("Feiner", "S. K.")], ""),
        ("Thomas von Eicken and David E. Culler.", [("von Eicken", "Thomas"),
                                                    ("Culler", "David E.")], ""),
        ("Heidegger M.,", [("Heidegger", "M.")], ""),
        ("GORDON M. J.,", [("GORDON", "M. J.")], ""),
        ("SIERVO (M.), GREY (P.)", [("SIERVO", "M."), ("GREY", "P.")], ""),
        ("Guerney, Jr., B. G.", [("Guerney", "B. G.")], ""),
        ("In D. J. Cain & J. Seeman (eds.).", [("Cain", "D. J."), ("Seeman", "J.")], ""),
        ("Translated by E. A. Goodland.", [("Goodland", "E. A.")], ""),
        ("(H. J. Silverman, Trans.).", [("Silverman", "H. J.")], ""),
        ("Smith, J.; Jones, K.; and Brown, L.", [("Smith", "J."), ("Jones", "K."),
                                                 ("Brown", "L.")], ""),
        ("American Educational Research Association.", [],
         "American Educational Research Association"),
        ("———.", [], ""),
        ("", [], ""),
    ],
)
def test_reference_model_splits_name_lists(text, people, organization):
    found, org = split_names(text)
    assert [(p.family, p.given) for p in found] == people
    assert org == organization


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23(4),", {"volume": "23", "issue": "4"}),
        ("vol.36, no. 9", {"volume": "36", "issue": "9"}),
        ("37.2", {"volume": "37", "issue": "2"}),
        ("(Vol. 1),", {"volume": "1"}),
        ("no. 36.", {"issue": "36"}),
        ("2014;61(3):327-35", {"year": "2014", "volume": "61", "issue": "3", "pages": "327-35"}),
        ("XIV:4", {"volume": "XIV", "issue": "4"}),
        ("3 vols.", {}),
        ("Volume E", {"volume": "E"}),
    ],
)
def test_reference_model_splits_volume_spans(text, expected):
    assert split_volume(text) == expected


@settings(database=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(st.text())
def test_reference_model_never_raises_on_any_text(text):
    ref = parse_with_model(text)
    assert isinstance(ref, Reference) and ref.text == text
    assert not ref.year or (len(ref.year) == 4 and ref.year.isdigit())


def test_reference_model_handles_a_very_long_string():
    text = "Smith, J. (2001). " + "word " * 5000
    assert parse_with_model(text).text == text
