"""CSV tables (RFC 4180, UTF-8, a header row): people, works, claims and citations.

For spreadsheets and pandas users who will never write SPARQL. Each table is
one row per resource, keyed by its IRI; a column with several values (a work's
authors, a claim's mentions) holds them sorted and joined with "; ". The tables
go into a folder, or into one ``.zip`` when the destination ends with ``.zip``;
the zip's entries carry a fixed timestamp so the same graph gives the same bytes.

Every column is its own small SPARQL query over the graph (``?s`` the row,
``?v`` a value), so adding a column is adding one line below.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from exports.graphdata import GraphData
from graph_builder.errors import ExportError
from graph_builder.query.sparql import ask
from graph_builder.support.atomic import atomic_path, make_folder, together, write_bytes

SEPARATOR = "; "
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

_SPAN = "?a oa:hasBody ?s ; oa:hasTarget/oa:hasSelector ?sel . ?sel oa:{0} ?v"


@dataclass(frozen=True)
class Table:
    name: str
    rows: str  # the graph pattern that finds each row's ?s
    columns: tuple[tuple[str, str], ...]  # (header, graph pattern binding ?s and ?v)


TABLES = (
    Table("people", "?s a schema:Person", (
        ("name", "?s schema:name ?v"),
        ("family_name", "?s schema:familyName ?v"),
        ("given_name", "?s schema:givenName ?v"),
        ("alternate_names", "?s schema:alternateName ?v"),
        ("birth_date", "?s schema:birthDate ?v"),
        ("death_date", "?s schema:deathDate ?v"),
        ("offices", "?s cg:office ?v"),
        ("fate", "?s cg:fate ?v"),
        ("documents", "?s prov:wasDerivedFrom/schema:identifier ?v"),
    )),
    Table("works", "?s a schema:CreativeWork FILTER NOT EXISTS { ?s a cg:SourceDocument }", (
        ("title", "?s schema:name ?v"),
        ("types", "?s a ?t FILTER(?t != schema:CreativeWork) "
                  "BIND(REPLACE(STR(?t), '^.*[/#]', '') AS ?v)"),
        ("authors", "?s schema:author/schema:name ?v"),
        ("editors", "?s schema:editor/schema:name ?v"),
        ("translators", "?s schema:translator/schema:name ?v"),
        ("date_published", "?s schema:datePublished ?v"),
        ("publisher", "?s schema:publisher/schema:name ?v"),
        ("place", "?s cg:publicationPlace ?v"),
        ("volume", "?s schema:volumeNumber ?v"),
        ("issue", "?s schema:issueNumber ?v"),
        ("part_of", "?s schema:isPartOf ?v"),
        ("part_of_title", "?s schema:isPartOf/schema:name ?v"),
        ("holding_archive", "?s schema:holdingArchive/schema:name ?v"),
        ("documents", "?s prov:wasDerivedFrom/schema:identifier ?v"),
    )),
    Table("claims", "?s a schema:Claim", (
        ("types", "?s a ?t FILTER(?t != schema:Claim) "
                  "BIND(REPLACE(STR(?t), '^.*[/#]', '') AS ?v)"),
        ("text", "?s schema:text ?v"),
        ("document", "?s schema:isPartOf/schema:identifier ?v"),
        ("line", "?s cg:lineNumber ?v"),
        ("start", _SPAN.format("start")),
        ("end", _SPAN.format("end")),
        ("speaker_label", "?s cg:speakerLabel ?v"),
        ("authors", "?s schema:author/schema:name ?v"),
        ("cited_works", "?s schema:citation ?v"),
        ("cited_titles", "?s schema:citation/schema:name ?v"),
        ("mentions", "?s schema:mentions/schema:name ?v"),
        ("topics", "?s schema:about/skos:prefLabel ?v"),
        ("thesis", "?s cg:underThesis ?v"),
        ("part_of_quotation", "?s cg:partOfQuotation ?v"),
    )),
    Table("citations", "?s a cito:Citation", (
        ("citing_claim", "?s cito:hasCitingEntity ?v"),
        ("cited_work", "?s cito:hasCitedEntity ?v"),
        ("cited_title", "?s cito:hasCitedEntity/schema:name ?v"),
        ("locator", "?s bibo:locator ?v"),
        ("reference_text", "?s cg:referenceText ?v"),
        ("resolved_from", "?s cg:resolvedFrom ?v"),
        ("document", "?s prov:wasDerivedFrom/schema:identifier ?v"),
        ("start", _SPAN.format("start")),
        ("end", _SPAN.format("end")),
    )),
)


def _values(store: ox.Store, pattern: str) -> dict[str, list[str]]:
    """?s -> its ?v values, sorted (numbers as numbers) and without repeats."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in ask(store, f"SELECT DISTINCT ?s ?v WHERE {{ {pattern} }}"):
        found[row["s"].value].add(row["v"].value)
    return {s: sorted(vs, key=lambda v: (not v.isdigit(), len(v) if v.isdigit() else 0, v))
            for s, vs in found.items()}


def table_rows(store: ox.Store, table: Table) -> list[list[str]]:
    """The table's header row and one row per resource, in IRI order."""
    subjects = sorted(r["s"].value for r in
                      ask(store, f"SELECT DISTINCT ?s WHERE {{ {table.rows} }}"))
    rows = [["iri", *(header for header, _ in table.columns)]]
    # Each column's pattern is joined to the row pattern: Oxigraph then starts from the
    # table's rows instead of every triple of the property (ten times quicker on a corpus).
    columns = [_values(store, f"{table.rows} . {pattern}") for _, pattern in table.columns]
    rows.extend([s, *(SEPARATOR.join(column.get(s, ())) for column in columns)]
                for s in subjects)
    return rows


def render(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def tables(graph: GraphData) -> dict[str, bytes]:
    """File name -> CSV bytes, one per table."""
    return {f"{t.name}.csv": render(table_rows(graph.store, t)) for t in TABLES}


def write(graph: GraphData, dest: Path) -> None:
    if dest.suffix.lower() != ".zip" and dest.exists() and not dest.is_dir():
        raise ExportError(f"{dest}: is a file, and csv writes a folder of tables; give a "
                          "folder name, or a name ending in .zip for one archive.")
    files = tables(graph)
    if dest.suffix.lower() == ".zip":
        with atomic_path(dest) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)
        return
    make_folder(dest)
    with together():  # the tables change as a set
        for name, data in files.items():
            write_bytes(dest / name, data)
