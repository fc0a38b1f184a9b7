"""Named queries: the .rq convention, listing, safe parameter binding, errors, the CLI,
and every query answering on ../shared/corpus with its defaults."""

import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from graph_builder.errors import QueryError
from graph_builder.query import named as named_queries
from graph_builder.query.named import bind, listing, load, names, parse, parse_params, run_named
from graph_builder.query.sparql import open_store, run_query

ISSUE_QUESTIONS = {  # issue #6: at least these
    "most-cited-works", "most-cited-authors", "claims-citing-work", "person-said",
    "claims-mentioning-person", "co-mentioned-people", "claims-by-thesis", "topics-of-person",
    "works-from-archive", "people-life-dates", "documents"}
NASTY = ['say "hi"', 'x") } DROP ALL #', "back\\slash", "line\nbreak\r", "}", "\\u0022",
         "'single'", "\\", "tab\there", "Ежов"]
ECHO = '# question: What comes back?\n# param value = "" -- anything\n' \
       "SELECT ?x WHERE { BIND($value AS ?x) }\n"


def rows(answer):
    return list(answer.value)


@pytest.fixture(scope="module")
def store(fixture_out):
    return open_store(fixture_out)


def test_named_queries_cover_the_issue():
    assert set(names()) >= ISSUE_QUESTIONS


def test_named_queries_listing_is_name_then_question():
    lines = listing().splitlines()
    assert [line.split()[0] for line in lines] == names()
    for line, query in zip(lines, named_queries.load_all(), strict=True):
        assert line.startswith(query.name + " ") and line.endswith(query.question)


@pytest.mark.parametrize("name", names())
def test_named_queries_each_starts_with_its_question(name):
    from importlib.resources import files

    text = (files("graph_builder.query") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    assert text.startswith("# question: ")
    assert load(name).question.endswith("?")


@pytest.mark.parametrize("name", names())
def test_named_queries_each_runs_on_the_fixture(store, name):
    answer = run_named(store, name)
    assert answer.kind == "select"
    rows(answer)


@pytest.mark.parametrize("value", NASTY)
def test_named_queries_value_stays_one_literal(store, value):
    [row] = rows(run_query(store, parse("echo", ECHO).sparql({"value": value})))
    assert row["x"].value == value


@pytest.mark.parametrize("value", NASTY)
def test_named_queries_value_cannot_change_the_query_shape(store, value):
    plain = run_named(store, "person-said", {"person": "nobody"}).value
    nasty = run_named(store, "person-said", {"person": value}).value
    assert [v.value for v in nasty.variables] == [v.value for v in plain.variables]
    assert list(nasty) == []


def test_named_queries_person_in_any_spelling(store):
    spellings = ["E. P. Thompson", "thompson, e. p.", "THOMPSON"]
    answers = [[tuple(map(str, r)) for r in rows(run_named(store, "person-said", {"person": s}))]
               for s in spellings]
    assert answers[0] and answers[0] == answers[1] == answers[2]


def test_named_queries_integer_parameter(store):
    assert len(rows(run_named(store, "most-cited-authors", {"limit": "2"}))) == 2
    for bad in ["x", "-1", "2; DROP ALL", "1.5", "²"]:
        with pytest.raises(QueryError, match="must be a whole number"):
            bind("most-cited-authors", {"limit": bad})


def test_named_queries_defaults_fill_what_is_not_given():
    query = load("person-said")
    assert query.sparql() == query.sparql({"person": query.params[0].default})
    assert '"Yezhov"' in query.sparql()


def test_named_queries_unknown_name_lists_the_available():
    with pytest.raises(QueryError, match="Unknown named query 'nope'. Available: ") as info:
        load("nope")
    assert "documents" in str(info.value) and "--list" in str(info.value)


def test_named_queries_unknown_param_lists_the_parameters():
    with pytest.raises(QueryError, match=r"has no parameter 'who'\. Available: person "
                                         r'\(default "Yezhov"'):
        bind("person-said", {"who": "x"})
    with pytest.raises(QueryError, match="It takes none"):
        bind("documents", {"who": "x"})


@pytest.mark.parametrize(("text", "message"), [
    ("SELECT * WHERE {}", "no '# question: ...' line"),
    ("# question: q?\nSELECT * WHERE { BIND($x AS ?y) }", r"\$x is not declared"),
    ('# question: q?\n# param x = "a"\nSELECT * WHERE {}', "declared but never used"),
    ('# question: q?\n# param x = "a"\nSELECT ?x WHERE { BIND($x AS ?y) }', r"\?x is the param"),
    ("# question: q?\n# param x = a\nSELECT * WHERE {}", "cannot read '# param x = a'"),
])
def test_named_queries_malformed_files_are_one_line_errors(text, message):
    with pytest.raises(QueryError, match=message) as info:
        parse("bad", text)
    assert "\n" not in str(info.value) and str(info.value).startswith("bad.rq")


def test_named_queries_question_may_continue_and_params_have_help():
    query = parse("q", '# question: Who said\n#   what?\n# param who = "X" -- a name\n#\n'
                       "# a note\nSELECT ?y WHERE { BIND($who AS ?y) }")
    assert query.question == "Who said what?"
    assert query.params[0].default == "X" and query.params[0].help == "a name"


def test_named_queries_parse_params():
    assert parse_params(["a=b=c", "person=Ezhov", "a=d"]) == {"a": "d", "person": "Ezhov"}
    for bad in ["novalue", "=x"]:
        with pytest.raises(QueryError, match="KEY=VALUE"):
            parse_params([bad])


# --- the CLI ---------------------------------------------------------------------------


@pytest.fixture()
def runner():
    return CliRunner()


def test_named_queries_cli_list(runner, fixture_out):
    result = runner.invoke(main, ["query", str(fixture_out), "--list"])
    assert result.exit_code == 0 and result.output == listing()


def test_named_queries_cli_runs_a_named_query_with_params(runner, fixture_out):
    result = runner.invoke(main, ["query", str(fixture_out), "--name", "person-said",
                                  "--param", "person=Thompson", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("who,basis,claim")
    assert "E. P. Thompson,cited-author," in result.output


def test_named_queries_cli_default_params(runner, fixture_out):
    result = runner.invoke(main, ["query", str(fixture_out), "--name", "documents"])
    assert result.exit_code == 0 and result.output.rstrip().endswith("(5 rows)")


@pytest.mark.parametrize(("args", "message"), [
    (["--name", "nope"], "Unknown named query 'nope'. Available: claims-by-thesis"),
    (["--name", "person-said", "--param", "who=x"], "has no parameter 'who'"),
    (["--name", "person-said", "--param", "who"], "KEY=VALUE"),
    (["--name", "most-cited-works", "--param", "limit=many"], "must be a whole number"),
    (["SELECT * {}", "--name", "documents"], "not both"),
    (["SELECT * {}", "--param", "a=b"], "--param goes with --name"),
])
def test_named_queries_cli_errors_are_one_line_exit_2(runner, fixture_out, args, message):
    result = runner.invoke(main, ["query", str(fixture_out), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1


# --- the corpus --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_store(corpus_out):
    out, _ = corpus_out
    return open_store(out)


@pytest.mark.corpus
@pytest.mark.parametrize("name", names())
def test_named_queries_each_answers_on_the_corpus(corpus_store, name):
    assert rows(run_named(corpus_store, name)), f"{name} returned no rows with its defaults"


@pytest.mark.corpus
def test_named_queries_ezhov_finds_yezhov_on_the_corpus(corpus_store):
    def said(person):
        return [tuple(map(str, r)) for r in rows(run_named(corpus_store, "person-said",
                                                           {"person": person}))]
    yezhov = said("Yezhov")
    assert yezhov and said("Ezhov") == yezhov == said("nikolai ivanovich yezhov")
    assert all("Yezhov" in row[0] for row in yezhov)
