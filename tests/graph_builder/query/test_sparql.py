import json

import pytest

from graph_builder.errors import QueryError
from graph_builder.query.sparql import format_answer, open_store, run_query


@pytest.fixture(scope="module")
def store(fixture_out):
    return open_store(fixture_out)


def test_query_count_matches_triples(store, fixture_build):
    answer = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    table = format_answer(answer, "table")
    assert table.splitlines()[2].strip() == str(len(fixture_build.triples))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "table"])
def test_query_formats(store, fmt):
    sparql = "SELECT ?n WHERE { ?w schema:name ?n } ORDER BY ?n LIMIT 2"
    text = format_answer(run_query(store, sparql), fmt)
    if fmt == "json":
        data = json.loads(text)
        assert data["head"]["vars"] == ["n"] and len(data["results"]["bindings"]) == 2
    elif fmt == "csv":
        assert text.splitlines()[0] == "n" and len(text.splitlines()) == 3
    elif fmt == "tsv":
        assert text.splitlines()[0] == "?n" and text.splitlines()[1].startswith('"')
    else:
        assert text.splitlines()[-1] == "(2 rows)"


def test_query_ask_and_construct(store):
    assert format_answer(run_query(store, "ASK { ?p a schema:Person }"), "table") == "yes\n"
    construct = "CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }"
    ttl = format_answer(run_query(store, construct), "table")
    assert "schema:Person" in ttl


def test_query_malformed_is_a_one_line_error(store):
    with pytest.raises(QueryError, match="SPARQL syntax error") as info:
        run_query(store, "SELEC ?x WHERE {}")
    assert "\n" not in str(info.value)


def test_query_syntax_error_points_into_the_users_text(store):
    # the project prefixes are predeclared, not pasted in front: line 3 is the user's line 3
    with pytest.raises(QueryError, match=r"error at 3:1\b"):
        run_query(store, "SELECT ?x WHERE {\n  ?x schema:name\n}")


def test_query_user_may_declare_a_project_prefix_again(store):
    again = "PREFIX schema: <https://schema.org/>\nASK { ?p a schema:Person }"
    assert format_answer(run_query(store, again), "table") == "yes\n"


def test_query_missing_graph_says_what_to_do(tmp_path):
    with pytest.raises(QueryError, match="claimgraph build"):
        open_store(tmp_path)


def test_query_table_cuts_long_values(store):
    sparql = "SELECT ?t WHERE { ?c a schema:Quotation ; schema:text ?t }"
    table = format_answer(run_query(store, sparql), "table")
    assert all(len(line) <= 80 for line in table.splitlines())
