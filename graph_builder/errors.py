"""One error hierarchy for the library; only the CLI prints and exits.

Every message says what went wrong, where (file:line when known) and how to
fix it, in one line, so the CLI can show it as it is.
"""

from ontology.iris import OntologyError


class ClaimgraphError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 2


class CorpusError(ClaimgraphError):
    """The corpus path is missing, empty or unreadable."""


class ParseError(ClaimgraphError):
    """An input (a graph file, a reference list) could not be read."""


class ExportError(ClaimgraphError):
    """An unknown export format or an output that cannot be written."""


class QueryError(ClaimgraphError):
    """A SPARQL query that is malformed or cannot be run."""


class ValidationError(ClaimgraphError):
    """A graph or shapes file that cannot be validated (not: a graph that does not conform)."""


class PushError(ClaimgraphError):
    """A store that cannot be reached or refuses the graph (``claimgraph push``)."""


# Everything the CLI reports as one line: the library's errors and the ontology's own.
USER_ERRORS: tuple[type[Exception], ...] = (ClaimgraphError, OntologyError)

__all__ = ["ClaimgraphError", "CorpusError", "ExportError", "OntologyError", "ParseError",
           "PushError", "QueryError", "USER_ERRORS", "ValidationError"]
