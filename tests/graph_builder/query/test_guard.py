"""The SERVICE guard against the engine itself: what it lets through never reaches the network.

Each bypass is first run unguarded in pyoxigraph against a local recorder, so
the test proves the spelling really calls out, then checked against the guard.
The fuzz test builds thousands of spellings from the pieces that confuse
lexers and asserts that no query the guard accepts makes a request.
"""

from __future__ import annotations

import contextlib
import random

import pyoxigraph as ox
import pytest

from graph_builder.query.guard import MAX_DEPTH, QueryTooDeep, ServiceRefused, check_query
from tests.recorder import recorder

BYPASSES = {
    "comment ended by a lone CR": "SELECT ?x WHERE {{ # c\rSERVICE <{url}> {{ ?x ?p ?o }} }}",
    "no-break space in an IRI before #": (
        "SELECT * WHERE {{ {{}} OPTIONAL {{ ?s <http://x\u00a0#> ?o }} "
        "SERVICE <{url}> {{ ?a ?b ?c }} }}"),
    "ideographic space in an IRI before #": (
        "SELECT * WHERE {{ {{}} OPTIONAL {{ ?s <http://x\u3000#> ?o }} "
        "SERVICE <{url}> {{ ?a ?b ?c }} }}"),
    "\\u0022 read as the start of a long string": (
        'SELECT * WHERE {{ BIND("\\u0022" AS ?z) SERVICE <{url}> {{ ?a ?b ?c }} }} # """'),
    "no space around the keyword": "SELECT * WHERE {{ SERVICE<{url}>{{?a ?b ?c}} }}",
    "lower case, after a dot": "SELECT * WHERE {{ {{}} .service silent <{url}> {{ ?a ?b ?c }} }}",
}


def _run(sparql: str) -> None:
    with contextlib.suppress(SyntaxError, OSError, ValueError):
        list(ox.Store().query(sparql))


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_issue_12_service_bypass_is_refused(name):
    with recorder() as rec:
        sparql = BYPASSES[name].format(url=rec.url)
        _run(sparql)
        assert rec.hits == 1, "the spelling no longer reaches the network unguarded"
        with pytest.raises(ServiceRefused):
            check_query(sparql)


@pytest.mark.parametrize("sparql", [
    "SELECT ?service WHERE { ?service <http://schema.org/serviceType> ?t }",
    'SELECT ?t WHERE { ?c <http://schema.org/text> ?t FILTER(CONTAINS(?t, "civil service")) }',
    "SELECT * WHERE { ?s ?p <http://example.org/service> } # a comment naming SERVICE",
    "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s schema:serviceType $service }",
    "SELECT * WHERE { ?s ?p '''multi\nline SERVICE <http://x/> {}''' }",
])
def test_sparql_guard_lets_service_words_that_are_not_the_keyword_pass(sparql):
    check_query(sparql)


def test_sparql_guard_allow_service_lets_federation_through():
    check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                allow_service=True)


def test_issue_12_deep_nesting_is_refused_before_parsing():
    deep = "SELECT ?x WHERE { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }"
    with pytest.raises(QueryTooDeep, match="5002 deep"):
        check_query(deep)


def test_sparql_guard_depth_within_the_limit_runs():
    n = MAX_DEPTH - 5
    sparql = "SELECT ?x WHERE { BIND(" + "(" * n + "1" + ")" * n + " AS ?x) }"
    check_query(sparql)
    assert list(ox.Store().query(sparql))[0]["x"].value == "1"


def test_sparql_guard_brackets_in_strings_do_not_count():
    check_query('SELECT * WHERE { ?s ?p "' + "(" * 1000 + '" }')


# Pieces that make lexers disagree, each a valid part of a group pattern, so most
# fuzzed queries parse and really run: comments closed by every kind of line end,
# strings holding quotes and codepoint escapes, IRIs holding the spaces an IRI may
# or may not hold next to a '#'.
_LINE_ENDS = ["\n", "\r", "\r\n", "\u2028\n", "\u0085\n", "\x0b\n", "\x0c\n"]
_STRINGS = ['"a"', "'a'", '"\\u0022"', "'\\u0027'", '"""a"b"""', "'''a'b'''", '"a\\"b"',
            '"#"', '"<"', '"\\u0023"', '"\\u003C"', '"""\\u0022"""']
_IRI_SPACES = ["", "\u00a0", "\u3000", "\u2028", "\u0085", "\u200b"]
_COMMENT_TAILS = ["", "#", '"', "<"]
_KEYWORDS = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "SERV\\u0049CE"]


def _piece(rng: random.Random, n: int) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f"# c{rng.choice(_COMMENT_TAILS)}{rng.choice(_LINE_ENDS)}"
    if kind == 1:
        return f"BIND({rng.choice(_STRINGS)} AS ?v{n}) "
    if kind == 2:
        space = rng.choice(_IRI_SPACES)
        return f"OPTIONAL {{ ?s{n} <http://x/{space}#{rng.choice(['', space])}> ?o{n} }} "
    return rng.choice([" . ", "{} ", "\t", " "])


def _fuzzed(rng: random.Random, url: str) -> str:
    before = "".join(_piece(rng, n) for n in range(rng.randint(0, 4)))
    after = "".join(_piece(rng, n) for n in range(10, 10 + rng.randint(0, 2)))
    keyword = rng.choice(_KEYWORDS)
    gap = rng.choice(["", " ", "\t", "\r", "\n"])
    clause = f"{keyword}{gap}<{url}> {{ ?a ?b ?c }}"
    hide = rng.randrange(4)  # sometimes in a comment or a string, where it is no keyword
    if hide == 1:
        clause = f"# {clause}{rng.choice(_LINE_ENDS)}"
    elif hide == 2:
        clause = f'BIND("""{clause}""" AS ?h) '
    return f"SELECT * WHERE {{ {{}} {before}{clause} {after} }}"


def test_issue_12_fuzzed_service_spellings_never_reach_the_network():
    rng = random.Random(12)
    accepted = called_unguarded = 0
    with recorder() as rec:
        for _ in range(3000):
            sparql = _fuzzed(rng, rec.url)
            before = rec.hits
            try:
                check_query(sparql)
            except ServiceRefused:
                _run(sparql)
                called_unguarded += rec.hits > before
                continue
            accepted += 1
            _run(sparql)
            assert rec.hits == before, f"reached the network: {sparql!r}"
    # the fuzzer must produce live SERVICE calls, or it proves nothing
    assert called_unguarded > 1000
    assert accepted > 300
