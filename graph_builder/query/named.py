"""Named queries: canned SPARQL kept as ``.rq`` files in ``graph_builder/queries/``.

A named query is looked up by its file name without ``.rq`` (``most-cited-works``),
the way exports are looked up by format name. Each file starts with a header of
comment lines, then the SPARQL::

    # question: Which claims cite a given work, and at which pages?
    # param work = "Molotov Remembers" -- the work's title or part of it, any case
    # param limit = 25 -- how many rows
    SELECT ... WHERE { ... FILTER(CONTAINS(LCASE(?title), LCASE($work))) } LIMIT $limit

- ``# question:`` (required) says what the query answers; header lines after it
  that are not ``# param`` lines continue it, up to a bare ``#``.
- ``# param NAME = DEFAULT -- help`` declares a parameter. A DEFAULT in double
  quotes (JSON string syntax) makes a string parameter; a whole number makes an
  integer one (for LIMIT). Every parameter has a default, so every query runs
  without any.
- In the body ``$NAME`` stands for the parameter's value. (``$x`` is SPARQL's other
  spelling of ``?x``, so the body must not use ``?NAME`` for anything else, and
  uses ``$`` for nothing but parameters; ``load`` checks both.)

Binding replaces each ``$NAME`` with one SPARQL term, never with raw text: a
string becomes a quoted literal whose quotes, backslashes and line breaks are
escaped, and an integer must be digits. A value such as ``x") } DROP ALL #``
therefore stays the literal it is and cannot change the query's shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import QueryError
from graph_builder.query.sparql import QueryAnswer, open_store, run_query

_HEADER = re.compile(r"#\s?(.*)")
_QUESTION = re.compile(r"question:\s*(.+)")
_PARAM = re.compile(r'param\s+([A-Za-z_]\w*)\s*=\s*("(?:[^"\\]|\\.)*"|\d+)\s*(?:--\s*(.*))?$')
_PLACEHOLDER = re.compile(r"\$([A-Za-z_]\w*)")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: its name, default and what it means."""

    name: str
    default: str | int
    help: str = ""

    def term(self, value: str | int, query: str = "") -> str:
        """The value as one SPARQL term: an escaped string literal or an integer."""
        if isinstance(self.default, int):
            text = str(value).strip()
            if not text.isdigit() or not text.isascii():
                raise QueryError(f"Parameter '{self.name}'{f' of {query!r}' if query else ''} "
                                 f"must be a whole number, not {text!r}.")
            return str(int(text))
        return '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(value)) + '"'

    def describe(self) -> str:
        default = json.dumps(self.default, ensure_ascii=False)
        return f"{self.name} (default {default}{': ' + self.help if self.help else ''})"


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name, the question it answers, its parameters and SPARQL."""

    name: str
    question: str
    params: tuple[Param, ...]
    body: str

    def sparql(self, values: Mapping[str, str] | None = None) -> str:
        """The SPARQL with every parameter bound (defaults for those not given)."""
        values = dict(values or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"Named query '{self.name}' has no parameter '{unknown[0]}'. "
                             f"{self._available()}")
        terms = {name: p.term(values.get(name, p.default), self.name)
                 for name, p in known.items()}
        return _PLACEHOLDER.sub(lambda m: terms[m.group(1)], self.body)

    def _available(self) -> str:
        if not self.params:
            return "It takes none."
        return "Available: " + "; ".join(p.describe() for p in self.params) + "."


def names() -> list[str]:
    """The names of the named queries, sorted."""
    folder = files("graph_builder.query") / "queries"
    return sorted(entry.name[:-3] for entry in folder.iterdir() if entry.name.endswith(".rq"))


def load(name: str) -> NamedQuery:
    """The named query NAME, parsed and checked."""
    available = names()
    if name not in available:
        raise QueryError(f"Unknown named query '{name}'. Available: {', '.join(available)} "
                         "(see 'claimgraph query DIR --list').")
    text = (files("graph_builder.query") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return parse(name, text)


def load_all() -> list[NamedQuery]:
    return [load(name) for name in names()]


def parse(name: str, text: str) -> NamedQuery:
    """A named query from the text of its ``.rq`` file (see the module docstring)."""
    lines = text.splitlines()
    header = []
    while lines and lines[0].startswith("#"):
        header.append(_HEADER.match(lines.pop(0)).group(1).strip())  # type: ignore[union-attr]
    question, params = _read_header(name, header)
    body = "\n".join(lines).strip() + "\n"
    _check_body(name, body, params)
    return NamedQuery(name, question, params, body)


def _read_header(name: str, header: list[str]) -> tuple[str, tuple[Param, ...]]:
    question: list[str] = []
    params: list[Param] = []
    in_question = False
    for line in header:
        if match := _QUESTION.fullmatch(line):
            question, in_question = [match.group(1)], True
        elif match := _PARAM.fullmatch(line):
            raw = match.group(2)
            default = json.loads(raw) if raw.startswith('"') else int(raw)
            params.append(Param(match.group(1), default, (match.group(3) or "").strip()))
            in_question = False
        elif line.startswith("param"):
            raise QueryError(f"{name}.rq: cannot read '# {line}'; write it as "
                             '\'# param NAME = "default" -- help\'.')
        elif in_question and line:
            question.append(line)
        else:
            in_question = False
    if not question:
        raise QueryError(f"{name}.rq: no '# question: ...' line; start the file with one "
                         "saying what the query answers.")
    return " ".join(question), tuple(params)


def _check_body(name: str, body: str, params: tuple[Param, ...]) -> None:
    declared = {p.name for p in params}
    used = set(_PLACEHOLDER.findall(body))
    if used - declared:
        raise QueryError(f"{name}.rq: ${sorted(used - declared)[0]} is not declared; add a "
                         "'# param' line for it.")
    if declared - used:
        raise QueryError(f"{name}.rq: parameter '{sorted(declared - used)[0]}' is declared "
                         "but never used as $NAME in the query.")
    for param in params:
        if re.search(rf"\?{param.name}\b", body):
            raise QueryError(f"{name}.rq: ?{param.name} is the parameter ${param.name}; "
                             "rename the variable.")


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``key=value`` strings (from ``--param``) as a mapping; the last of a key wins."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: write it as KEY=VALUE, "
                             "e.g. --param person=Yezhov.")
        values[key.strip()] = value
    return values


def listing() -> str:
    """One line per named query: its name, then the question it answers."""
    queries = load_all()
    width = max(len(q.name) for q in queries)
    return "".join(f"{q.name.ljust(width)}  {q.question}\n" for q in queries)


def bind(name: str, values: Mapping[str, str] | None = None) -> str:
    """The SPARQL of the named query NAME with its parameters bound."""
    return load(name).sparql(values)


def run_named(store: ox.Store, name: str, values: Mapping[str, str] | None = None
              ) -> QueryAnswer:
    """Run the named query NAME on a store (``query.open_store``)."""
    return run_query(store, bind(name, values))


def ask_graph(source: Path, sparql: str | None = None, *, name: str | None = None,
              params: Iterable[str] = (), allow_service: bool = False) -> QueryAnswer:
    """What ``claimgraph query`` answers: SPARQL text, or the named query ``name`` bound
    with ``params`` ("key=value"), run on the built graph at ``source``."""
    params = tuple(params)
    if name is not None and sparql is not None:
        raise QueryError("Give either SPARQL or --name NAME, not both.")
    if params and name is None:
        raise QueryError("--param goes with --name NAME; write the values into your SPARQL.")
    if name is None and sparql is None:
        raise QueryError("No query given. Pass it as an argument, '@file.rq', or '-' for stdin.")
    text = bind(name, parse_params(params)) if name is not None else sparql
    return run_query(open_store(source), text, allow_service=allow_service)
