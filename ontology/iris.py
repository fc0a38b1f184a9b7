"""Instance IRIs, minted in one place from canonical keys.

The same key always gives the same IRI, so the same corpus gives the same
graph; a readable slug keeps IRIs legible in query results and a short hash of
the full key keeps two keys that slug alike apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache


class OntologyError(ValueError):
    """A term or IRI kind that the ontology does not define, or a base IRI it cannot use.

    The ontology owns its error so it imports nothing of the pipeline; the CLI
    reports it in one line like every ``ClaimgraphError``."""

    exit_code = 2


DEFAULT_BASE = "https://w3id.org/claimgraph/id/"

KINDS = frozenset({
    "document", "person", "organization", "work", "claim", "thesis", "citation",
    "topic", "scheme", "annotation", "target", "selector", "build", "graph",
    "quotecheck", "reuse", "figure", "figuregroup",
})

_SLUG_LIMIT = 48
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII, lower case, hyphen-separated: "Yezhov, N. I." -> "yezhov-n-i"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", text.lower()).strip("-")
    return slug[:_SLUG_LIMIT].rstrip("-") or "x"


@lru_cache(maxsize=1 << 17)
def mint_iri(kind: str, key: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of the ``kind`` instance whose canonical key is ``key``.

    Cached: a build asks for the IRI of one span or person many times over.
    """
    if kind not in KINDS:
        raise OntologyError(
            f"Unknown IRI kind '{kind}'. Available: {', '.join(sorted(KINDS))}"
        )
    digest = hashlib.sha1(f"{kind}\x00{key}".encode()).hexdigest()[:10]
    return f"{base}{kind}/{slugify(key)}-{digest}"


_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


def check_base(base: str) -> str:
    """``base`` if it can prefix instance IRIs: absolute, no spaces, ending in / or #.

    Checked when a build starts, so a mistyped ``--base`` is one clear line
    instead of a failure deep inside the build.
    """
    if not _SCHEME_RE.match(base) or not base.endswith(("/", "#")) or any(
            c in base for c in '<>"{}|\\^`'):
        raise OntologyError(
            f"--base {base!r} is not a usable base IRI: give an absolute IRI ending in "
            "'/' or '#', such as https://example.org/id/")
    return base
