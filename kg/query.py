"""The one interface through which the CLI and the web run SPARQL and read or write whole graphs.

Results leave this module already serialized (``QueryResult.body``), so the
caller never holds a pyoxigraph iterator: iterators must be consumed on the
thread that made them, and a later version can run ``execute`` in a worker
process that can be stopped.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Iterator, Sequence
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
# What a client may upload as one graph (Graph Store Protocol); media type -> format.
UPLOAD_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # how N-Triples was served before it had a media type
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
}
Graph = ox.NamedNode | ox.DefaultGraph

# What cannot hold a keyword: long and short strings, IRIs (per IRIREF), comments.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""' r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryError(ValueError):
    """A query that cannot be run as given (syntax, unknown format). Its text is safe to show."""


class UnsupportedFormat(QueryError):
    """Uploaded data in a media type this module cannot read."""


class QueryLimit(Exception):
    """A valid query stopped by a server limit; ``status`` is the HTTP status to answer, the text is safe to show."""

    status = 503
    hint = "Try again later."


class QueryTimeout(QueryLimit):
    status = 504
    hint = "Make the query cheaper (fewer patterns, a LIMIT, more bound terms) or ask for a shorter timeout=."


class ResultTooLarge(QueryLimit):
    status = 413
    hint = "Add a LIMIT (and page with OFFSET) or select fewer variables."


class QueryUnavailable(QueryLimit):
    status = 503
    hint = "The server is busy or restarting a query worker; try again in a few seconds."


@dataclass(frozen=True)
class QueryResult:
    body: bytes
    media_type: str
    kind: str  # "solutions", "boolean" or "graph"


def media_type(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    return fmt.media_type


def mentions_keyword(sparql: str, keyword: str) -> bool:
    """Whether ``keyword`` occurs in ``sparql`` as a keyword: not in a string, IRI, comment or name.

    A lexical check, not a parse: it errs towards "yes" (``\\u`` escapes are decoded first,
    since SPARQL allows them anywhere), which callers use only to refuse or to be careful.
    """
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql) if "\\" in sparql else sparql
    # The usual answer, without scanning for strings and IRIs. Folded as IGNORECASE matches
    # (ſ is s, K is k; and ı is i, which casefold() leaves alone), so this never says no wrongly.
    if keyword.casefold() not in decoded.casefold().replace("\u0131", "i"):
        return False
    return _keyword_pattern(keyword).search(_strip_opaque(decoded)) is not None


@functools.lru_cache(maxsize=16)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    # Not ?name / $name / ex:name / ex:my-name. The keyword comes first and the look-behind after it
    # (it checks the character before the keyword just matched): a leading look-behind is tried at
    # every position of the text, which made this search 4-7 times slower.
    word = re.escape(keyword)
    return re.compile(rf"{word}(?<![?$:\w-]{word})(?![\w:-])", re.IGNORECASE)


def _strip_opaque(sparql: str) -> str:
    """``sparql`` with strings, IRIs and comments blanked out; cached for query-sized texts, since one
    request checks the same text for its nesting and for a keyword or two (the scan is most of the
    cost of those checks). Large texts (updates with data) are not kept."""
    return _strip_cached(sparql) if len(sparql) <= _CACHED_CHARS else _OPAQUE.sub(" ", sparql)


_CACHED_CHARS = 20_000


@functools.lru_cache(maxsize=8)
def _strip_cached(sparql: str) -> str:
    return _OPAQUE.sub(" ", sparql)


# Oxigraph's parser recurses once per level of {…}, (…) and […]: some thousands of levels overflow
# the thread's stack and kill the process (a segfault, not an exception), and nested collections
# parse in worse than quadratic time. No hand-written query comes near this depth.
MAX_DEPTH = 50
_BRACKETS = re.compile(r"[{}()\[\]]")
_OPENING = ("{", "(", "[")


def nesting_depth(query: str) -> int:
    """The deepest nesting of brackets outside strings, IRIs and comments (a lexical count, not a parse)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_strip_opaque(query)):
        # Plain comparisons rather than max(): this loop runs for every bracket of every query checked.
        if bracket in _OPENING:
            depth += 1
            if depth > deepest:
                deepest = depth
        elif depth:
            depth -= 1
    return deepest


def check_depth(query: str) -> None:
    """Refuse a query nested deeper than the engine can parse safely, before it reaches the engine."""
    if sum(query.count(b) for b in _OPENING) <= MAX_DEPTH:
        return  # no deeper than the number of opening brackets, wherever they are
    depth = nesting_depth(query)
    if depth > MAX_DEPTH:
        raise QueryError(f"the query nests brackets {depth} levels deep; at most {MAX_DEPTH} are accepted")


def execute(
    store: ox.Store,
    sparql: str,
    *,
    result_format: str = "json",
    graph_format: str = "turtle",
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    default_graphs: Sequence[Graph] | None = None,
    named_graphs: Sequence[ox.NamedNode] | None = None,
    base_iri: str | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> QueryResult:
    """Run ``sparql`` and serialize the answer.

    The dataset: ``default_graphs``/``named_graphs`` when either is given (the SPARQL protocol's
    ``default-graph-uri``/``named-graph-uri``; the one not given is empty), else the query's own
    FROM clauses, else the union of all graphs as the default graph.

    ``max_rows`` (solutions or triples) and ``max_bytes`` (of the serialized body) raise
    ResultTooLarge as soon as they are passed, so a huge answer is neither evaluated nor held in full.
    """
    if result_format not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {result_format!r}; use one of {', '.join(RESULT_FORMATS)}")
    if graph_format not in GRAPH_FORMATS:
        raise QueryError(f"unknown graph format {graph_format!r}; use one of {', '.join(GRAPH_FORMATS)}")
    check_depth(sparql)  # before the engine: its parser crashes the process on deep nesting
    dataset: dict[str, object] = {}
    if default_graphs is not None or named_graphs is not None:
        dataset = {"default_graph": list(default_graphs or []), "named_graphs": list(named_graphs or [])}
    elif not mentions_keyword(sparql, "FROM"):
        # Oxigraph's union flag would override a FROM clause, so it is set only without one.
        dataset = {"use_default_graph_as_union": True}
    try:
        results = store.query(sparql, substitutions=substitutions, base_iri=base_iri, **dataset)  # type: ignore[arg-type]
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    out = _CappedWriter(max_bytes)
    if isinstance(results, ox.QueryTriples):
        rdf_format = GRAPH_FORMATS[graph_format]
        triples = _capped(results, max_rows, "triples")
        ox.serialize(triples, out, format=rdf_format, prefixes=PREFIXES)  # prefixes make Turtle readable
        return QueryResult(out.getvalue(), rdf_format.media_type, "graph")
    results_format = RESULT_FORMATS[result_format]
    if isinstance(results, ox.QueryBoolean):
        results.serialize(out, format=results_format)
        return QueryResult(out.getvalue(), results_format.media_type, "boolean")
    # Oxigraph serializes solutions all at once, so rows are counted afterwards; the byte cap stops
    # a huge answer early, and only a body big enough to hold too many rows is counted at all.
    results.serialize(out, format=results_format)
    body = out.getvalue()
    if max_rows is not None:
        _check_rows(body, result_format, max_rows)
    return QueryResult(body, results_format.media_type, "solutions")


class _CappedWriter(io.BytesIO):
    """A byte buffer that refuses to grow past ``limit`` (None: no limit)."""

    def __init__(self, limit: int | None) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.limit is not None and self.tell() + len(data) > self.limit:
            raise ResultTooLarge(f"The answer is larger than this endpoint's limit of {self.limit:,} bytes.")
        return super().write(data)


def _capped(items: Iterable[ox.Triple], limit: int | None, noun: str) -> Iterator[ox.Triple]:
    for n, item in enumerate(items, 1):
        if limit is not None and n > limit:
            raise ResultTooLarge(f"The answer has more than this endpoint's limit of {limit:,} {noun}.")
        yield item


# The fewest bytes one solution takes in each format: a body shorter than cap x this cannot exceed the cap.
_MIN_ROW_BYTES = {"json": 3, "xml": 17, "csv": 2, "tsv": 1}


def _count_rows(body: bytes, result_format: str) -> int:
    if result_format == "csv":  # Oxigraph cannot parse CSV results; quoted fields may hold line breaks
        return max(sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1, 0)
    return sum(1 for _ in ox.parse_query_results(body, format=RESULT_FORMATS[result_format]))


def _check_rows(body: bytes, result_format: str, max_rows: int) -> None:
    if len(body) > max_rows * _MIN_ROW_BYTES[result_format] and _count_rows(body, result_format) > max_rows:
        raise ResultTooLarge(f"The answer has more than this endpoint's limit of {max_rows:,} rows.")


def update(store: ox.Store, sparql: str, *, base_iri: str | None = None) -> None:
    """Apply a SPARQL 1.1 update, all or nothing.

    Raises QueryError for a syntax error and RuntimeError for an update that parses but fails
    (e.g. CREATE of a graph that exists); OSError means the store itself failed.
    """
    check_depth(sparql)
    try:
        store.update(sparql, base_iri=base_iri)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None


def select(
    store: ox.Store, sparql: str, substitutions: dict[str, ox.NamedNode | ox.Literal] | None = None
) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | None]]:
    """Run a SELECT and return plain rows; values bound by substitution, never by pasting strings."""
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in (substitutions or {}).items()}
    try:
        results = store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    names = [v.value for v in results.variables]
    return [{n: row[n] for n in names} for row in results]


# -- whole graphs (the Graph Store Protocol) ---------------------------------------------------

def has_graph(store: ox.Store, graph: Graph) -> bool:
    """The default graph always exists; a named graph once created, even if empty."""
    return isinstance(graph, ox.DefaultGraph) or store.contains_named_graph(graph)


def dump_graph(store: ox.Store, graph: Graph, graph_format: str) -> QueryResult:
    """One graph of the store (not the union), serialized."""
    fmt = GRAPH_FORMATS.get(graph_format)
    if fmt is None:
        raise QueryError(f"unknown graph format {graph_format!r}; use one of {', '.join(GRAPH_FORMATS)}")
    body = store.dump(format=fmt, from_graph=graph, prefixes=PREFIXES)
    return QueryResult(body or b"", fmt.media_type, "graph")


def parse_graph(data: bytes, media: str, base_iri: str | None) -> list[ox.Triple]:
    """Read uploaded RDF as one graph; UnsupportedFormat for an unknown media type, QueryError for bad data."""
    fmt = UPLOAD_FORMATS.get(media)
    if fmt is None:
        raise UnsupportedFormat(f"cannot read RDF sent as {media or 'no media type'}; "
                                f"send one of {', '.join(UPLOAD_FORMATS)}")
    try:
        quads = ox.parse(data, format=fmt, base_iri=base_iri, without_named_graphs=True)
        return [q.triple for q in quads]
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"the {fmt.name} data is not valid: {e}") from None


def write_graph(store: ox.Store, graph: Graph, triples: Sequence[ox.Triple], *, replace: bool) -> None:
    """Put ``triples`` into ``graph`` (after emptying it if ``replace``) in one transaction."""
    named = isinstance(graph, ox.NamedNode)
    operations = []
    if replace:
        operations.append(f"DROP SILENT GRAPH {graph}" if named else "DROP SILENT DEFAULT")
    if named:
        operations.append(f"CREATE SILENT GRAPH {graph}")  # an empty upload still makes the graph exist
    if triples:
        body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        operations.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}" if named else f"INSERT DATA {{\n{body}\n}}")
    if operations:
        update(store, " ;\n".join(operations))


def drop_graph(store: ox.Store, graph: Graph) -> None:
    update(store, f"DROP SILENT GRAPH {graph}" if isinstance(graph, ox.NamedNode) else "DROP SILENT DEFAULT")


def named_graphs(store: ox.Store, limit: int, *, skip_prefixes: Sequence[str] = ()) -> list[ox.NamedNode]:
    """Up to ``limit`` named graphs, sorted, leaving out those whose IRI starts with one of ``skip_prefixes``."""
    found = [g for g in store.named_graphs()
             if isinstance(g, ox.NamedNode) and not g.value.startswith(tuple(skip_prefixes))]
    return sorted(found, key=lambda g: g.value)[:limit]


def any_named_graph_with_prefix(store: ox.Store, prefixes: Sequence[str]) -> bool:
    return any(isinstance(g, ox.NamedNode) and g.value.startswith(tuple(prefixes)) for g in store.named_graphs())
