"""The export registry: one module per format, one line per format here.

Names, aliases and file suffixes map to writer modules imported only when
used (pyvis loads only for HTML). The CLI builds its ``--format`` choice from
this table, so help and error messages list exactly what is registered.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph_builder.errors import ExportError
from graph_builder.support.atomic import STDOUT, os_reason

if TYPE_CHECKING:  # the registry stays light: the CLI reads it to build --format
    from exports.graphdata import GraphData


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    suffixes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    description: str = ""


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", "exports.turtle", (".ttl",), ("ttl",), "RDF 1.1 Turtle"),
    Format("nt", "exports.ntriples", (".nt",), ("ntriples", "n-triples"), "RDF 1.1 N-Triples"),
    Format("nquads", "exports.nquads", (".nq",), ("nq", "n-quads"), "N-Quads, graph per document"),
    Format("trig", "exports.trig", (".trig",), (), "RDF 1.1 TriG, a named graph per document"),
    Format("jsonld", "exports.jsonld", (".jsonld",), ("json-ld",), "compact JSON-LD 1.1"),
    Format("gexf", "exports.gexf", (".gexf",), (), "GEXF 1.2 network (Gephi, Gephi Lite)"),
    Format("graphml", "exports.graphml", (".graphml",), (), "GraphML network"),
    Format("csv", "exports.csv_tables", (".zip",), (), "CSV tables in a folder (or a .zip)"),
    Format("html", "exports.html", (".html", ".htm"), (), "interactive network view (pyvis)"),
)}


def format_names() -> list[str]:
    """Every name and alias a user may type."""
    return sorted({n for f in FORMATS.values() for n in (f.name, *f.aliases)})


def resolve_format(name: str | None, dest: Path | None = None) -> Format:
    """The format named (or implied by the destination's suffix)."""
    if name:
        for fmt in FORMATS.values():
            if name.lower() in (fmt.name, *fmt.aliases):
                return fmt
        raise ExportError(f"Unknown format '{name}'. Available: {', '.join(format_names())}")
    suffix = dest.suffix.lower() if dest else ""
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    raise ExportError(f"Cannot tell the format from '{dest}'. Give --format, one of: "
                      f"{', '.join(format_names())}")


def writer(fmt: Format) -> Callable[[GraphData, Path], None]:
    return importlib.import_module(fmt.module).write


def export(graph: GraphData, fmt: str | None, dest: Path) -> Format:
    """Write ``graph`` to ``dest`` in the named (or suffix-implied) format."""
    chosen = resolve_format(fmt, dest)
    if dest == STDOUT and chosen.name == "csv":
        raise ExportError("csv writes a folder of tables, which cannot go to standard output; "
                          "give -o a folder or a .zip file.")
    try:
        writer(chosen)(graph, dest)
    except OSError as exc:
        raise ExportError(f"{dest}: cannot write ({os_reason(exc)}); check that the folder "
                          "is writable and has room.") from exc
    return chosen
