"""The one interface through which the CLI and the web run SPARQL.

Results leave this module already serialized (``QueryResult.body``), so the
caller never holds a pyoxigraph iterator: iterators must be consumed on the
thread that made them, and a later version can run ``execute`` in a worker
process that can be stopped.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.vocab import PREFIXES

# name -> (pyoxigraph format, media type)
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    **GRAPH_FORMATS,
}


class QueryError(ValueError):
    """A query that cannot be run as given (syntax, unknown format). Its text is safe to show."""


@dataclass(frozen=True)
class QueryResult:
    body: bytes
    media_type: str
    kind: str  # "solutions", "boolean" or "graph"


def media_type(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    return fmt.media_type


def execute(
    store: ox.Store,
    sparql: str,
    *,
    result_format: str = "json",
    graph_format: str = "turtle",
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
) -> QueryResult:
    """Run ``sparql`` over the union of all graphs and serialize the answer."""
    if result_format not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {result_format!r}; use one of {', '.join(RESULT_FORMATS)}")
    if graph_format not in GRAPH_FORMATS:
        raise QueryError(f"unknown graph format {graph_format!r}; use one of {', '.join(GRAPH_FORMATS)}")
    try:
        results = store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    if isinstance(results, ox.QueryTriples):
        fmt = GRAPH_FORMATS[graph_format]
        body = ox.serialize(results, format=fmt, prefixes=PREFIXES)  # prefixes make Turtle readable
        return QueryResult(body, fmt.media_type, "graph")
    fmt = RESULT_FORMATS[result_format]
    kind = "boolean" if isinstance(results, ox.QueryBoolean) else "solutions"
    return QueryResult(results.serialize(format=fmt), fmt.media_type, kind)


def select(
    store: ox.Store, sparql: str, substitutions: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | None]]:
    """Run a SELECT and return plain rows; values bound by substitution, never by pasting strings."""
    subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
    try:
        results = store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    names = [v.value for v in results.variables]
    return [{n: row[n] for n in names} for row in results]
