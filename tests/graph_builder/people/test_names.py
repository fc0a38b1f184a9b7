import pytest

from graph_builder.people.names import family_key, givens_compatible, richer_given, title_case_name


@pytest.mark.parametrize(("a", "b"), [
    ("Yezhov", "Ezhov"), ("Kosior", "Kossior"), ("Piatakov", "Pyatakov"),
    ("Khrushchev", "Khrushchëv"), ("Zinoviev", "Zinov'ev"), ("Iagoda", "Yagoda"),
    ("Frinovsky", "Frinovskii"), ("Tomsky", "Tomskiy"),
])
def test_names_transliteration_variants_share_a_key(a, b):
    assert family_key(a) == family_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kamenev", "Kaganovich"), ("Smirnov", "Smirnova"),
                                      ("Tomski", "Tomskaia")])
def test_names_different_surnames_keep_different_keys(a, b):
    assert family_key(a) != family_key(b)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Anna L.", "Anna Louise", True),
    ("A.", "J. Arch", True),
    ("J. Arch", "J.", True),
    ("", "Nikolai", True),
    ("A. P.", "I. N.", False),
    ("Lev", "S. S.", False),
    ("Roy", "Zhores", False),
    ("A. Y.", "ALEXANDER YULEVICH", True),  # Y. stands for Yu- as for Ye-/Ya-
    ("P. I.", "Pavel Yakovlevich", False),  # a printed I. is not Ya-/Yu-
])
def test_names_given_name_compatibility(a, b, same):
    assert givens_compatible(a, b) is same


def test_names_richer_given_prefers_full_names():
    assert richer_given("Anna L.", "Anna Louise") == "Anna Louise"


def test_names_speaker_labels_become_names():
    assert title_case_name("MOLOTOV") == "Molotov"
    assert title_case_name("Stalin") == "Stalin"
