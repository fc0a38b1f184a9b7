"""Topics found by general means (glosses, acronyms, headings, recurring phrases), with my
own fixture text about Meiji Japan (no corpus prose), and once over ../shared/corpus."""

from __future__ import annotations

import time

import pytest

from graph_builder.people.names import family_key, fold
from graph_builder.pipeline import build_graph
from graph_builder.records import BlockKind
from graph_builder.topics.index import Topic, read_index
from graph_builder.topics.terms import count_terms, find_terms, merge_topics

MEIJI = """Rice, Swords and Ballots: Notes on the Meiji State

Chapter 1. Land Tax Reform

The new government inherited some two hundred and seventy domains (*han*), each ruled by \
its own lord. In 1871 every *han* was abolished and replaced by a prefecture, and the former \
lords were pensioned off in Tokyo. Land tax reform followed two years later, when the old rice \
levy gave way to the land tax (*chiso*), a money payment fixed at three percent of assessed value.

Critics of land tax reform said the *chiso* fell hardest on small cultivators. Okubo \
Toshimichi defended it in the council, and Okubo Toshimichi was still defending it when the \
price of rice fell in 1880. The Ministry of Public Works (MPW) meanwhile built railways and \
telegraph lines; the MPW hired foreign engineers, and by 1880 the MPW ran mines as well.

Chapter 2. Conscription and the Samurai

The conscription law of 1873 called every man of twenty to three years in the army, which the \
IJA (Imperial Japanese Army) has counted as its birth. Conscription laws had been proposed \
before, but this one ended the monopoly of the *shizoku*, or former samurai, on arms. The \
samurai stipends were then commuted into bonds, and the loss of the samurai stipends drove many \
former retainers into poverty. Some joined the Satsuma Rebellion under Saigo Takamori; the \
Satsuma Rebellion was crushed by the IJA in 1877, and Saigo Takamori died at Shiroyama.

The *genro* (“elders”) who survived the rebellion guided policy for thirty years. The *genro* \
chose prime ministers, and the *genro* settled quarrels between the army and the navy. They \
had grown up under the *bakufu* (the military government), and the *bakufu* had taught them \
how fragile a regime could be.

Railways

The first railways were laid from Tokyo to Yokohama. Private railways followed, and the Bank \
of Japan lent to them; by 1906 the Bank of Japan held the bonds of most railway companies.

Chapter 3. Lanterns at Dusk

Westernization touched dress, schooling and law. Writers who attacked westernization called it \
shallow, yet westernization of the courts was the price of revising the unequal treaties. The \
unequal treaties had given foreigners their own courts, and ending the unequal treaties took \
until 1899.

Large merchant houses, the *zaibatsu*, or financial cliques, bought state mines cheaply. By \
1900 the *zaibatsu* controlled banking, shipping and trade, and the NYK alone carried half the \
coastal freight; the NYK also ran the Shanghai line.

¹ Tokyo University Press, Survey of Meiji Finance (Tokyo, 1960), 12.
² Tokyo University Press, Survey of Meiji Finance (Tokyo, 1960), 14.
³ Tokyo University Press, Survey of Meiji Finance (Tokyo, 1960), 19.
"""
PEOPLE = frozenset({family_key("Saigo"), family_key("Okubo")})


@pytest.fixture(scope="module")
def meiji(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meiji")
    (folder / "meiji.txt").write_text(MEIJI, encoding="utf-8")
    return build_graph(folder).extractions


def _by_label(topics: list[Topic]) -> dict[str, Topic]:
    """Every label and alt label (folded) -> its topic."""
    found: dict[str, Topic] = {}
    for topic in topics:
        for label in {topic.label} | topic.alt_labels:
            found.setdefault(fold(label), topic)
    return found


def _labels(topic: Topic) -> set[str]:
    return {fold(label) for label in {topic.label} | topic.alt_labels}


def test_glossed_foreign_terms_take_their_gloss_as_another_label(meiji):
    topics = _by_label(find_terms(meiji, PEOPLE))
    assert {"land tax", "chiso"} <= _labels(topics["chiso"])  # land tax (*chiso*)
    assert topics["chiso"].label == "land tax"  # the English gloss, used more, is the label
    assert {"han", "domains"} <= _labels(topics["han"])  # domains (*han*)
    assert {"genro", "elders"} <= _labels(topics["genro"])  # *genro* (“elders”)
    assert {"bakufu", "military government"} <= _labels(topics["bakufu"])  # (the ...)
    assert {"shizoku", "former samurai"} <= _labels(topics["shizoku"])  # the X, or Y,
    assert {"zaibatsu", "financial cliques"} <= _labels(topics["zaibatsu"])


def test_acronyms_defined_in_the_text_either_way_round(meiji):
    topics = _by_label(find_terms(meiji, PEOPLE))
    assert topics["mpw"].label == "MPW"  # used more than its expansion
    assert "Ministry of Public Works" in topics["mpw"].alt_labels
    assert "Imperial Japanese Army" in topics["ija"].alt_labels
    assert topics["nyk"].label == "NYK"  # never defined, but used as a name


def test_headings_count_only_when_the_body_uses_their_phrase(meiji):
    topics = _by_label(find_terms(meiji, PEOPLE))
    assert topics["land tax reform"].label == "land tax reform"  # the body's case, not Title
    assert topics["railways"].source == ("meiji.txt", 15)  # a one-word heading, used below
    assert "lanterns" not in topics and "lanterns at dusk" not in topics  # never in the body
    assert "samurai" not in topics  # "Conscription and the Samurai" is no list of nouns


def test_recurring_noun_phrases_fold_number_and_case(meiji):
    topics = _by_label(find_terms(meiji, PEOPLE))
    law = topics["conscription law"]
    assert law.label == "conscription law" and "conscription laws" in law.alt_labels
    for phrase in ("samurai stipends", "unequal treaties", "satsuma rebellion", "bank of japan",
                   "westernization"):
        assert phrase in topics, phrase
    assert "japan" not in topics and "bank" not in topics  # parts of "Bank of Japan"


def test_no_person_names_notes_or_function_words(meiji):
    topics = find_terms(meiji, PEOPLE)
    labels = _by_label(topics)
    assert "saigo takamori" not in labels and "okubo toshimichi" not in labels
    assert "tokyo university press" not in labels  # only in the notes
    for topic in topics:
        assert topic.key == fold(topic.label)
        words = topic.label.lower().split()
        assert words[0] not in {"the", "of", "and", "a"} and words[-1] not in {"the", "of", "and"}
    assert "saigo takamori" in _by_label(find_terms(meiji))  # a name only for its people


def test_results_are_deterministic_and_most_used_first(meiji):
    first, second = count_terms(meiji, PEOPLE), count_terms(meiji, PEOPLE)
    assert [(t.key, t.label, sorted(t.alt_labels), t.source, n) for t, n in first] == [
        (t.key, t.label, sorted(t.alt_labels), t.source, n) for t, n in second]
    counts = [n for _, n in first]
    assert counts == sorted(counts, reverse=True)


def test_merge_keeps_index_topics_and_adds_the_rest():
    index = [Topic("land tax", "Land tax", source=("book.txt", 90)),
             Topic("financial cliques", "Financial cliques", {"Combines"}),
             Topic("army", "Army"), Topic("army conscription", "Army: Conscription",
                                            broader="army")]
    found = [Topic("land tax", "land tax", {"chiso"}),
             Topic("zaibatsu", "zaibatsu", {"financial cliques"}),
             Topic("conscription", "conscription"), Topic("railways", "railways"),
             Topic("samurai stipends", "samurai stipends")]
    merged = merge_topics(index, found, limit=2)
    assert [t.label for t in merged] == ["Land tax", "Financial cliques", "Army",
                                         "Army: Conscription", "conscription", "railways"]
    assert merged[0].alt_labels == {"chiso"} and merged[0].source == ("book.txt", 90)
    assert merged[1].alt_labels == {"Combines", "zaibatsu"}
    assert index[1].alt_labels == {"Combines"} and found[1].alt_labels == {"financial cliques"}
    assert merge_topics(index, [], limit=2) == index


@pytest.mark.corpus
@pytest.mark.slow
def test_general_topics_of_the_shared_corpus_without_its_index(shared_corpus):
    result = build_graph(shared_corpus)
    people = frozenset(family_key(p.family) for p in result.resolution.persons.values())
    start = time.perf_counter()
    topics = find_terms(result.extractions, people)
    assert time.perf_counter() - start < 2.0  # about 0.4 s on a shared two-core machine
    labels = _by_label(topics)
    assert {"purge", "chistka"} <= _labels(labels["chistka"])
    assert {"show trial", "show trials"} <= _labels(labels["show trial"])
    assert "nkvd" in labels and "gulag" in labels and "collectivization" in labels
    kirov = labels.get("kirov assassination") or labels["kirov murder"]
    assert {"kirov assassination", "assassination of kirov"} & _labels(kirov)
    index_lines = {(e.layout.document.doc_id, b.line) for e in result.extractions
                   for b in e.layout.blocks if b.kind is BlockKind.INDEX_ENTRY}
    assert index_lines and not any(t.source in index_lines for t in topics)
    index = [t for e in result.extractions for t in read_index(e)]
    merged = merge_topics(index, topics)
    assert len(merged) <= len(index) + 150


@pytest.mark.corpus
@pytest.mark.slow
def test_issue_13_thresholds_do_not_drift_with_corpus_size(corpus_out):
    """Five copies of a corpus are about the same things as one: the thresholds are rates
    of the corpus's words, so repeating it admits no generic phrase. (With the old fixed
    counts, five copies gave some 12,000 found topics against 407.)"""
    _, result = corpus_out
    people = frozenset(family_key(p.family) for p in result.resolution.persons.values())
    from graph_builder.topics.counts import group  # the key a topic's forms share

    one = {group(t.label) for t in find_terms(result.extractions, people)}
    five = {group(t.label) for t in find_terms(result.extractions * 5, people)}
    assert len(one) > 100 and five == one


def test_issue_13_a_small_text_keeps_its_floor(meiji):
    """Below the size where the rates pass the floors, two uses still make a topic."""
    from graph_builder.topics.counts import ClaimText

    text = ClaimText(meiji)
    assert text.min_uses == text.min_heading == text.min_marked == 2
    bigger = ClaimText(meiji * 1000)
    assert bigger.min_uses == pytest.approx(len(bigger.tokens) / 52_000) and bigger.min_uses > 2
    assert bigger.min_marked == pytest.approx(2 * len(bigger.tokens) / 300_000)
    assert bigger.min_marked > 2
    assert bigger.min_heading == pytest.approx(0.6 * bigger.min_uses)
