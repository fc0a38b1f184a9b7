"""Refuse SERVICE and absurd nesting before a query reaches the SPARQL engine.

Oxigraph performs a ``SERVICE <url>`` call itself: on a public endpoint that
lets anyone make the server fetch any URL (SSRF) and read the reply. pyoxigraph
has no option that forbids federation, so the query is read here first.

A regex over the raw text is not enough: it must agree with the parser on where
comments, strings and IRIs end, and three spellings showed it did not (a
comment ended by a lone ``\\r``, a no-break space inside an IRI, ``"\\u0022"``
read as ``\"\"\"`` after codepoint unescaping). So the text is tokenised the way
the SPARQL 1.1 grammar does (§19.2 codepoint escapes first, then comments,
strings and IRIREFs) and, where a lexer could reasonably read the text another
way, under each reading: with and without the codepoint unescaping, with
comments ending at ``\\n``, at ``\\n`` or ``\\r``, or at any Unicode line break,
and with IRIs that stop or do not stop at Unicode spaces. The query is refused
if any reading shows the keyword SERVICE outside strings, IRIs and comments.
Refusing a query with a variable or name that merely contains "service" is the
price: ``?service`` and ``schema:serviceType`` pass, a prefix named
``service:`` does not.

The same readings give the nesting depth of brackets, checked before parsing
because Oxigraph's recursive parser overflows its stack on a few thousand.

The endpoint's query worker also forbids itself network sockets
(`graph_builder.serve.netguard`), so a spelling this module missed still reaches
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph_builder.errors import QueryError

#: Brackets ( { [ open at once at most; real queries stay under 20, Oxigraph's
#: parser overflows its stack somewhere past a few thousand.
MAX_DEPTH = 200


class ServiceRefused(QueryError):
    """The query asks the engine to call another endpoint (SERVICE)."""

    http_status = 403


class QueryTooDeep(QueryError):
    """The query nests brackets deeper than MAX_DEPTH."""

    http_status = 400


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# The SERVICE keyword: not inside a longer name, variable or prefixed name. No right
# boundary: a lexer that reads a keyword without one would take 'SERVICE' out of
# 'SERVICEex:x', so that spelling is refused too.
_SERVICE = re.compile(r"(?<![\w\-:?$])service", re.IGNORECASE)
# IRIREF's characters (SPARQL 1.1 grammar [139]): no controls, space or <>"{}|^`\
_IRI_SPEC = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_IRI_NO_UNICODE_SPACE = re.compile(r'<[^<>"{}|^`\\\x00-\x20\s\u00a0\u3000]*>')
_STRINGS = (
    re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*+"""', re.DOTALL),
    re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*+'''", re.DOTALL),
    re.compile(r'"(?:[^"\\\n\r]|\\.)*+"'),
    re.compile(r"'(?:[^'\\\n\r]|\\.)*+'"),
)
_COMMENT_ENDS = (
    re.compile(r"#[^\n]*+"),
    re.compile(r"#[^\n\r]*+"),
    re.compile(r"#[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*+"),
)
_OPEN = "({["


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Raise QueryTooDeep or ServiceRefused (unless ``allow_service``) for ``sparql``."""
    depth = 0
    uses_service = False
    for code in _readings(sparql):
        depth = max(depth, _depth(code))
        uses_service = uses_service or bool(_SERVICE.search(code))
    if depth > MAX_DEPTH:
        raise QueryTooDeep(f"The query nests brackets {depth} deep; at most {MAX_DEPTH} are "
                           "allowed. Flatten it (several patterns in one group, a VALUES list).")
    if uses_service and not allow_service:
        raise ServiceRefused("SERVICE is refused: this graph is queried on its own and never "
                             "fetches other endpoints. Remove the SERVICE clause (a variable or "
                             "prefix named 'service' counts too; rename it).")


def _readings(sparql: str) -> Iterator[str]:
    """The query's code (strings, IRIs and comments blanked) under every reading."""
    unescaped = _unescape(sparql)
    texts = (sparql,) if unescaped == sparql else (sparql, unescaped)
    for text in texts:
        for comment in _COMMENT_ENDS:
            for iri in (_IRI_SPEC, _IRI_NO_UNICODE_SPACE):
                yield _code(text, comment, iri)


def _unescape(text: str) -> str:
    """SPARQL 1.1 §19.2: \\uXXXX and \\UXXXXXXXX are replaced before the grammar applies."""
    def char(m: re.Match[str]) -> str:
        value = int(m.group(1) or m.group(2), 16)
        return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else m.group(0)
    return _CODEPOINT.sub(char, text)


def _code(text: str, comment: re.Pattern[str], iri: re.Pattern[str]) -> str:
    """``text`` with every comment, string and IRI replaced by one space, in one pass.

    A quote or ``<`` that opens no complete token stays as code: the parser
    would reject it, and treating what follows as code can only refuse more.
    """
    out: list[str] = []
    pos, n = 0, len(text)
    while pos < n:
        nxt = _next_special(text, pos)
        out.append(text[pos:nxt])
        if nxt >= n:
            break
        token = _token_at(text, nxt, comment, iri)
        if token is None:
            out.append(text[nxt])
            pos = nxt + 1
        else:
            out.append(" ")
            pos = token
    return "".join(out)


_SPECIAL = re.compile(r"[#\"'<]")


def _next_special(text: str, pos: int) -> int:
    m = _SPECIAL.search(text, pos)
    return m.start() if m else len(text)


def _token_at(text: str, pos: int, comment: re.Pattern[str], iri: re.Pattern[str]) -> int | None:
    """The end of the comment, string or IRI starting at ``pos``, or None."""
    first = text[pos]
    if first == "#":
        return comment.match(text, pos).end()
    if first == "<":
        m = iri.match(text, pos)
        return m.end() if m else None
    for pattern in _STRINGS:
        m = pattern.match(text, pos)
        if m:
            return m.end()
    return None


_BRACKET = re.compile(r"[(){}\[\]]")


def _depth(code: str) -> int:
    depth = deepest = 0
    for m in _BRACKET.finditer(code):
        if m.group() in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest
