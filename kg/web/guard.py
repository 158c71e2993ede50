"""What a request may make the server do: fetch other URLs (SERVICE, LOAD), write which graphs.

Queries: pyoxigraph has no switch to turn ``SERVICE`` off, so the query text is scanned for the
keyword outside strings, IRIs and comments. Erring on the side of refusal is fine: a false
positive only costs a rephrased query.

Updates: parsed with rdflib's SPARQL update grammar to list every graph they can write. The
names are resolved here (BASE, PREFIX, escapes) rather than by rdflib's algebra, because
``translateUpdate`` is quadratic in the size of INSERT DATA and resolves a few IRI forms
differently from Oxigraph, which applies the update: what the guard checks must be what runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import UpdateUnit
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from kg.query import QueryError, check_depth, mentions_keyword

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query: str) -> bool:
    """Whether the query would call another endpoint (and, first, whether it is nested too deeply)."""
    check_depth(query)
    return mentions_keyword(query, "SERVICE")


def decode_escapes(text: str) -> str:
    """SPARQL's ``\\u``/``\\U`` escapes, which count anywhere in a request, decoded before parsing."""
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


@dataclass
class Writes:
    """Everything an update can change, as far as its text says."""

    graphs: set[str] = field(default_factory=set)  # named graphs it names as targets
    default: bool = False  # the store's default graph
    any_graph: bool = False  # graphs it does not name: ALL, NAMED, GRAPH ?g in a template
    fetches: bool = False  # LOAD or SERVICE: the server would fetch a URL
    dataset: bool = False  # WITH or USING: sets its own dataset (conflicts with using-graph-uri)
    modifies: int = 0  # operations with a WHERE clause (DELETE/INSERT ... WHERE, DELETE WHERE)


def _field(node: CompValue, key: str) -> Any:
    # CompValue.get returns the key itself for a missing key; dict.get does not.
    return dict.get(node, key)


class _Names:
    """The prologue so far (BASE and PREFIX declarations accumulate over the operations)."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self.prefixes: dict[str, str] = {}

    def declare(self, prologue: ParseResults) -> None:
        for decl in prologue:
            if decl.name == "Base":
                self.base = self.reference(str(_field(decl, "iri")))
            elif decl.name == "PrefixDecl":
                self.prefixes[_field(decl, "prefix") or ""] = self.reference(str(_field(decl, "iri")))

    def reference(self, ref: str) -> str:
        """An IRI reference resolved against the base (RFC 3986), as Oxigraph resolves it."""
        ref = decode_escapes(ref)
        if _SCHEME.match(ref) or not self.base:
            return ref
        return urljoin(self.base, ref)

    def graph(self, term: Any) -> str | None:
        """The IRI a graph name denotes; None for a variable."""
        if isinstance(term, Variable):
            return None
        if isinstance(term, CompValue) and term.name == "pname":
            prefix = _field(term, "prefix") or ""
            if prefix not in self.prefixes:
                raise QueryError(f"SPARQL syntax error: the prefix {prefix}: is not declared")
            local = _LOCAL_ESCAPE.sub(r"\1", decode_escapes(_field(term, "localname") or ""))
            return self.prefixes[prefix] + local
        if isinstance(term, URIRef):
            return self.reference(str(term))
        raise QueryError(f"SPARQL syntax error: {term!s} cannot name a graph")


def parse_update(text: str) -> CompValue:
    """The rdflib parse tree of an update whose escapes were decoded (see ``decode_escapes``)."""
    check_depth(text)  # rdflib's parser recurses too
    try:
        return UpdateUnit.parse_string(text, parse_all=True)[0]
    except ParseBaseException as e:
        raise QueryError(f"SPARQL syntax error: {e.msg} at line {e.lineno}, column {e.column}") from None


def writes(tree: CompValue, base: str | None) -> Writes:
    """What the parsed update ``tree`` can write; IRIs resolved against ``base`` like Oxigraph does."""
    found = Writes(fetches=_has_service(tree))
    names = _Names(base)
    for prologue, operation in zip(_field(tree, "prologue") or [], _field(tree, "request") or [], strict=False):
        names.declare(prologue)
        _operation(operation, names, found)
    return found


def _operation(op: CompValue, names: _Names, found: Writes) -> None:
    if op.name == "Load":
        found.fetches = True
        _target(_field(op, "graphiri"), names, found)
    elif op.name in ("Clear", "Drop", "Create"):
        _target(_field(op, "graphiri"), names, found)
    elif op.name in ("Add", "Copy", "Move"):
        source, target = _field(op, "graph")
        _target(target, names, found)
        if op.name == "Move":  # MOVE empties its source
            _target(source, names, found)
    elif op.name in ("InsertData", "DeleteData", "DeleteWhere"):
        _quads(_field(op, "quads"), None, names, found)
        found.modifies += op.name == "DeleteWhere"
    elif op.name == "Modify":
        found.modifies += 1
        found.dataset = found.dataset or bool(_field(op, "withClause") or _field(op, "using"))
        default = names.graph(_field(op, "withClause")) if _field(op, "withClause") else None
        for clause in (_field(op, "delete"), _field(op, "insert")):
            if clause is not None:
                _quads(_field(clause, "quads"), default, names, found)
    else:
        raise QueryError(f"SPARQL syntax error: unknown update operation {op.name}")


def _target(ref: Any, names: _Names, found: Writes) -> None:
    if ref in ("ALL", "NAMED"):
        found.any_graph = True
        found.default = found.default or ref == "ALL"
    elif ref == "DEFAULT" or ref is None:  # LOAD without INTO GRAPH loads into the default graph
        found.default = True
    else:
        _named(names.graph(ref), found)


def _named(iri: str | None, found: Writes) -> None:
    if iri is None:
        found.any_graph = True
    else:
        found.graphs.add(iri)


def _quads(quads: CompValue | None, default: str | None, names: _Names, found: Writes) -> None:
    """A template or data block: its triples go to ``default`` (WITH) or the default graph."""
    if quads is None:
        return
    if any(len(block) for block in _field(quads, "triples") or []):
        if default is None:
            found.default = True
        else:
            found.graphs.add(default)
    for block in _field(quads, "quadsNotTriples") or []:
        _named(names.graph(_field(block, "term")), found)


def _has_service(node: Any) -> bool:
    return any(isinstance(n, CompValue) and n.name == "ServiceGraphPattern" for n in _walk(node))


def _walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(item)
