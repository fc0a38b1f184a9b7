"""A CRF sequence labeller for reference strings in styles no rule was written for.

The model labels each whitespace token of a reference with the field it belongs
to (``author``, ``title``, ``journal``, ``volume``, ``pages``, ...), as in
AnyStyle's training data (``res/parser/core.xml``, BSD-2-Clause, see
``models/LICENSE-anystyle.txt``), where every labelled span is a run of whole
whitespace tokens. Plain labels, not BIO: the data never puts two spans of the
same label side by side, so a run of one label is one span.

Features are the token's own form (lower-cased word, shape, affixes, digits,
punctuation at its edges), lexical cues ("eds", "pp", "vol", "trans", "In",
months, publisher words), where it sits (relative position, inside quotes,
parentheses or ``*italics*``, after a full stop) and the same for its
neighbours. The model (``models/references.crfsuite``, written by
``bench/train_reference_model.py``) is loaded once per process, on first use.
``graph_builder.references.fields`` turns the labelled spans into a ``Reference``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from graph_builder.records import Reference
from graph_builder.support.text_patterns import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    SEASON_NAMES,
    YEAR,
)

__all__ = ["MODEL_NAME", "label_tokens", "parse_with_model", "token_features", "tokenize"]

MODEL_NAME = "references.crfsuite"
_MAX_TOKENS = 120  # longer strings are not one reference; the tail is left unlabelled

_EDGE = "\"'“”‘’«»„.,;:!?()[]{}<>*_/\\"
_year = re.compile(rf"(?<!\d)({YEAR})(?!\d)")
_roman = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_range = re.compile(r"(?<!\d)\d++\s*+[-–—‐]++\s*+\d")  # from a run's first digit only
_vol_issue = re.compile(r"^\d+\s*\(\s*[\w\s/–-]+\)")
_initials = re.compile(r"^(?:[A-ZÀ-Þ]\.?-?){1,3}$")
_shape_runs = re.compile(r"(.)\1+")
_note_mark = re.compile(r"^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+")

_KEYWORDS = {
    "ed": "ED", "eds": "ED", "editor": "ED", "editors": "ED", "edited": "ED", "hrsg": "ED",
    "hg": "ED", "dir": "ED", "coord": "ED", "éd": "ED", "éds": "ED", "ed(s)": "ED",
    "trans": "TRANS", "translated": "TRANS", "translator": "TRANS", "tr": "TRANS",
    "trad": "TRANS", "übers": "TRANS", "transl": "TRANS",
    "p": "PP", "pp": "PP", "pages": "PP", "page": "PP", "s": "PP", "ss": "PP", "pg": "PP",
    "vol": "VOL", "vols": "VOL", "volume": "VOL", "volumes": "VOL", "bd": "VOL", "t": "VOL",
    "tome": "VOL", "jg": "VOL",
    "no": "NO", "nos": "NO", "nr": "NO", "n": "NO", "n°": "NO", "issue": "NO", "heft": "NO",
    "number": "NO", "núm": "NO",
    "in": "IN", "dans": "IN", "en": "IN",
    "and": "AND", "&": "AND", "und": "AND", "et": "AND", "y": "AND", "e": "AND",
    "al": "ETAL", "others": "ETAL",
    "press": "PUB", "publishers": "PUB", "publisher": "PUB", "publishing": "PUB",
    "verlag": "PUB", "books": "PUB", "inc": "PUB", "ltd": "PUB", "co": "PUB", "editions": "PUB",
    "éditions": "PUB", "presses": "PUB", "university": "UNIV", "univ": "UNIV", "université": "UNIV",
    "universität": "UNIV", "institute": "UNIV", "proceedings": "PROC", "proc": "PROC",
    "conference": "PROC", "symposium": "PROC", "workshop": "PROC", "congress": "PROC",
    "journal": "JOUR", "j": "JOUR", "review": "JOUR", "quarterly": "JOUR", "bulletin": "JOUR",
    "annals": "JOUR", "transactions": "JOUR", "letters": "JOUR", "magazine": "JOUR",
    "edition": "EDN", "edn": "EDN", "aufl": "EDN", "rev": "EDN", "ed.": "EDN",
    "thesis": "GENRE", "dissertation": "GENRE", "phd": "GENRE", "report": "GENRE",
    "diss": "GENRE", "master's": "GENRE", "technical": "GENRE", "patent": "GENRE",
    "retrieved": "URLNOTE", "available": "URLNOTE", "accessed": "URLNOTE", "online": "URLNOTE",
    "doi": "DOI", "isbn": "ISBN", "issn": "ISBN", "pmid": "DOI", "arxiv": "DOI",
}
# English months and seasons as every stage reads them, and the other languages' months
_MONTHS = {word.lower() for word in (*MONTH_NAMES, *MONTH_ABBREVIATIONS, *SEASON_NAMES)} | {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "januar", "februar", "märz", "juni", "juli", "oktober",
    "dezember",
}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th|e|er|ème|\.)?$")


def tokenize(text: str) -> list[str]:
    """Whitespace tokens: the unit AnyStyle's spans are made of."""
    return str(text).split()[:_MAX_TOKENS]


def _shape(core: str) -> str:
    out = []
    for c in core:
        if c.isupper():
            out.append("X")
        elif c.isalpha():
            out.append("x")
        elif c.isdigit():
            out.append("d")
        else:
            out.append(c)
    return _shape_runs.sub(r"\1\1", "".join(out))


def _own(token: str) -> tuple[list[str], str, str, str]:
    """The features a token carries by itself, plus its word, keyword class and shape."""
    core = token.strip(_EDGE)
    lw = core.lower()
    shape = _shape(core) if core else "P"
    kw = _KEYWORDS.get(lw.rstrip("."), "")
    if not kw and lw in _MONTHS:
        kw = "MONTH"
    feats = [
        "w=" + (lw or token),
        "sh=" + shape,
        "p1=" + lw[:1], "p3=" + lw[:3], "s2=" + lw[-2:], "s3=" + lw[-3:],
        "f=" + token[:1] if not token[:1].isalnum() else "f=a",
        "l=" + token[-1:] if not token[-1:].isalnum() else "l=a",
        "l2=" + token[-2:] if not token[-1:].isalnum() else "l2=a",
    ]
    if kw:
        feats.append("kw=" + kw)
    if core[:1].isupper():
        feats.append("cap")
        if len(core) > 1 and core.isupper():
            feats.append("allcap")
        if _initials.match(core + "." if token.endswith(".") else core):
            feats.append("init")
    if any(c.isdigit() for c in token):
        feats.append("digit")
        if _year.search(token):
            feats.append("year")
        if core.isdigit():
            feats.append(f"num{min(len(core), 5)}")
        if _range.search(token):
            feats.append("range")
        if _vol_issue.match(token.rstrip(".,;:")):
            feats.append("volissue")
        if _ORDINAL.match(lw):
            feats.append("ordinal")
    elif _roman.match(lw) and lw:
        feats.append("roman")
    if "http" in lw or "www." in lw or "doi.org" in lw:
        feats.append("url")
    if lw.startswith("10.") and "/" in lw:
        feats.append("doi")
    if "(" in token or ")" in token:
        feats.append("paren" + ("o" if "(" in token else "") + ("c" if ")" in token else ""))
    if "[" in token or "]" in token:
        feats.append("brack")
    if any(c in token for c in "\"“”«»„") or "``" in token or "''" in token:
        feats.append("quote")
    if len(lw) > 3 and lw.endswith("s") and "'" not in lw:
        feats.append("plural")
    return feats, lw, kw, shape


def token_features(tokens: list[str]) -> list[list[str]]:
    """CRFsuite attribute lists, one per token: own form, context state and neighbours."""
    n = len(tokens)
    own = [_own(t) for t in tokens]
    out: list[list[str]] = []
    quoted = paren = italic = False
    sentence = 0  # full stops (not after an initial) before this token
    since = 0  # tokens since the last separator (".", ",", ":", ";", closing bracket)
    for i, token in enumerate(tokens):
        feats, lw, kw, shape = own[i]
        feats = [*feats, f"pos={10 * i // max(n, 1)}", f"sent={min(sentence, 4)}",
                 f"seg={min(since, 3)}"]
        if i == 0:
            feats.append("first")
        if i == n - 1:
            feats.append("last")
        if quoted and not _opens_quote(token):
            feats.append("inquote")
        if paren and not token.startswith("("):
            feats.append("inparen")
        if italic or token.startswith(("*", "_")):
            feats.append("italic")
        stop = _ends_sentence(token, own[i][0])
        if stop:
            feats.append("stop")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                _, lw2, kw2, shape2 = own[j]
                feats.append(f"{off}w={lw2}")
                if kw2:
                    feats.append(f"{off}kw={kw2}")
                if off in (-1, 1):
                    feats.append(f"{off}sh={shape2}")
                    last = tokens[j][-1:]
                    feats.append(f"{off}l={last if not last.isalnum() else 'a'}")
            else:
                feats.append(f"{off}w=<edge>")
        out.append(feats)
        quoted = _quote_state(token, quoted)
        paren = (paren or "(" in token) and ")" not in token.split("(")[-1]
        italic = _italic_state(token, italic)
        sentence += stop
        since = 0 if token[-1] in ".,:;)]”\"'" else since + 1
    return out


def _opens_quote(token: str) -> bool:
    return token[:1] in "\"“«„‘`" or token.startswith("'")


def _ends_sentence(token: str, feats: list[str]) -> bool:
    """A full stop after a word, not after an initial ('J.') or a lone letter."""
    return token.endswith(".") and "init" not in feats and len(token.strip(_EDGE)) > 1


def _quote_state(token: str, inside: bool) -> bool:
    token = token.replace("``", "“").replace("''", "”")
    for c in token:
        if c in "“«„":
            inside = True
        elif c in "”»":
            inside = False
        elif c == '"':
            inside = not inside
    return inside


def _italic_state(token: str, inside: bool) -> bool:
    if token.startswith(("*", "_")) and not inside:
        inside = True
    if token.rstrip(".,;:").endswith(("*", "_")):
        inside = False
    return inside


@lru_cache(maxsize=1)
def _tagger():
    """The trained model, read from the package once per process.

    CRFsuite reads an in-memory model in place without copying it, so the bytes
    are cached together with the tagger: freeing them would crash the tagger.
    """
    import pycrfsuite

    data = resources.files("graph_builder.references").joinpath("models", MODEL_NAME).read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    return tagger, data


def label_tokens(text: str) -> list[tuple[str, str]]:
    """The reference as labelled spans ``[(label, text), ...]``, in order."""
    tokens = tokenize(text)
    if not tokens:
        return []
    labels = _tagger()[0].tag(token_features(tokens))
    spans: list[tuple[str, list[str]]] = []
    for label, token in zip(labels, tokens, strict=True):
        if spans and spans[-1][0] == label:
            spans[-1][1].append(token)
        else:
            spans.append((label, [token]))
    return [(label, " ".join(words)) for label, words in spans]


def parse_with_model(text: str) -> Reference:
    """Label the string with the CRF and read the fields off the labelled spans.

    A footnote mark ('¹²') is dropped first: the training data has none.
    ``Reference.text`` keeps the string as given.
    """
    from graph_builder.references.fields import reference_from_spans

    return reference_from_spans(text, label_tokens(_note_mark.sub("", str(text))))
