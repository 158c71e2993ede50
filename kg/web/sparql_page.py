"""Run a query for the SPARQL page and turn its answer into a table a template can show.

The query goes through ``kg.query`` like any protocol request (JSON results, N-Triples for
graphs); this module only reads the serialized answer back into rows of cells. Whether an IRI
becomes a link is the template's business (``page_url``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import url_for

from kg.query import QueryError, QueryLimit
from kg.store import StoreError
from kg.vocab import PREFIXES
from kg.web.context import run_query
from kg.web.errors import WebError
from kg.web.guard import uses_service

XSD_STRING = PREFIXES["xsd"] + "string"
MAX_ROWS = 1000  # shown on the page; the downloads have everything
_WHERE = re.compile(r"error at (\d+):(\d+):?\s*")
DOWNLOADS = {
    "solutions": [("json", "JSON"), ("csv", "CSV"), ("tsv", "TSV")],
    "boolean": [("json", "JSON"), ("xml", "XML")],
    "graph": [("turtle", "Turtle"), ("ntriples", "N-Triples"), ("jsonld", "JSON-LD")],
}
EXTENSIONS = {"json": "json", "csv": "csv", "tsv": "tsv", "xml": "xml", "turtle": "ttl", "ntriples": "nt",
              "jsonld": "jsonld"}


@dataclass(frozen=True)
class Cell:
    """One RDF term: kind "iri", "literal", "bnode" or "triple"; ``short`` is how to show an IRI."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None
    short: str | None = None


@dataclass
class PageError:
    status: int
    message: str
    hint: str
    line: int | None = None
    column: int | None = None
    source: str | None = None  # the query line the parser stopped at


@dataclass
class Outcome:
    kind: str | None = None  # "solutions", "boolean", "graph"; None when the query failed
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    total: int = 0
    boolean: bool | None = None
    downloads: list[tuple[str, str, str]] = field(default_factory=list)  # (label, url, file name)
    error: PageError | None = None


def compact(iri: str) -> str:
    """``nkg:Person`` for a vocabulary IRI, the IRI itself otherwise."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            local = iri[len(namespace):]
            if re.fullmatch(r"[A-Za-z_][\w-]*", local):
                return f"{prefix}:{local}"
    return iri


def _json_cell(binding: dict | None) -> Cell | None:
    if binding is None:
        return None
    kind = binding.get("type")
    value = binding.get("value")
    if kind == "uri":
        return Cell("iri", str(value), short=compact(str(value)))
    if kind in ("literal", "typed-literal"):
        datatype = binding.get("datatype")
        return Cell("literal", str(value), binding.get("xml:lang"), compact(datatype) if datatype else None)
    if kind == "bnode":
        return Cell("bnode", f"_:{value}")
    return Cell("triple", json.dumps(value, ensure_ascii=False))


def _term_cell(term: object) -> Cell:
    if isinstance(term, ox.NamedNode):
        return Cell("iri", term.value, short=compact(term.value))
    if isinstance(term, ox.Literal):
        plain = term.language is not None or term.datatype.value == XSD_STRING
        return Cell("literal", term.value, term.language, None if plain else compact(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return Cell("bnode", f"_:{term.value}")
    return Cell("triple", str(term))


def _downloads(query: str, kind: str) -> list[tuple[str, str, str]]:
    return [(label, url_for("sparql.endpoint", query=query, format=fmt), f"results.{EXTENSIONS[fmt]}")
            for fmt, label in DOWNLOADS[kind]]


def _solutions(body: bytes, outcome: Outcome) -> None:
    answer = json.loads(body)
    if "boolean" in answer:
        outcome.kind, outcome.boolean = "boolean", bool(answer["boolean"])
        return
    outcome.kind = "solutions"
    outcome.columns = list(answer.get("head", {}).get("vars", []))
    bindings = answer.get("results", {}).get("bindings", [])
    outcome.total = len(bindings)
    outcome.rows = [[_json_cell(b.get(c)) for c in outcome.columns] for b in bindings[:MAX_ROWS]]


def _graph(body: bytes, outcome: Outcome) -> None:
    outcome.kind, outcome.columns = "graph", ["subject", "predicate", "object"]
    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    outcome.total = len(triples)
    outcome.rows = [[_term_cell(t.subject), _term_cell(t.predicate), _term_cell(t.object)]
                    for t in triples[:MAX_ROWS]]


def located(message: str, query: str) -> PageError:
    """A syntax error with the line and column the parser names, and that line of the query."""
    error = PageError(400, message, "Fix the query at the marked place and run it again.")
    if (where := _WHERE.search(message)) is not None:
        # The page shows the place itself, in characters rather than the parser's bytes.
        error.message = message[:where.start()] + message[where.end():]
        error.line, column = int(where.group(1)), int(where.group(2))
        lines = query.splitlines()
        if 1 <= error.line <= len(lines):
            error.source = lines[error.line - 1]
            # The parser counts bytes; the page shows characters.
            prefix = error.source.encode("utf-8")[: max(column - 1, 0)]
            error.column = len(prefix.decode("utf-8", errors="ignore")) + 1
        else:
            error.column = column
    return error


def failure(error: WebError) -> Outcome:
    return Outcome(error=PageError(error.status, error.message, error.hint))


def run(query: str, timeout: float | None = None) -> Outcome:
    """Run ``query`` under the app's limits and read its answer back; errors become part of the outcome."""
    if uses_service(query):
        return Outcome(error=PageError(403, "Federated queries (SERVICE) are disabled on this endpoint.",
                                       "Query this graph only; fetch other endpoints' data yourself."))
    try:
        result = run_query(query, timeout, result_format="json", graph_format="ntriples")
    except QueryError as e:
        return Outcome(error=located(str(e), query))
    except QueryLimit as e:
        return Outcome(error=PageError(e.status, str(e), e.hint))
    except StoreError:
        raise  # a 503 page from the error handler, which keeps the path to itself
    except RuntimeError as e:
        # Oxigraph raises this for queries that parse but cannot be evaluated.
        return Outcome(error=PageError(400, f"The query could not be evaluated: {e}",
                                       "Fix the query and run it again."))
    outcome = Outcome()
    if result.kind == "graph":
        _graph(result.body, outcome)
    else:
        _solutions(result.body, outcome)
    outcome.downloads = _downloads(query, outcome.kind or "solutions")
    return outcome
