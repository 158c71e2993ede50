"""SPARQL 1.1 updates at ``/sparql``, and who may write at all (shared with the Graph Store Protocol).

Updates are off unless the app is created with ``ALLOW_UPDATE``. Then a configured
``UPDATE_TOKEN`` must come as ``Authorization: Bearer <token>``; without a token only a
client on the server's own machine may write. Whatever the client: ``kg build`` owns the
article graphs and the resolution graph (it replaces them on every run), so an update that
could write, clear or drop them is refused before anything is written. Curation belongs in
other graphs (or the default graph), which a build never touches.
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import pyoxigraph as ox
from flask import current_app, request
from pyparsing import Empty, Forward, Located, Optional, ParseBaseException, ParserElement, StringEnd, ZeroOrMore
from rdflib.plugins.sparql import parser as grammar

from kg import query as q
from kg.resolve.iris import Minter
from kg.web.context import current_store, stored_base_iri
from kg.web.errors import WebError
from kg.web.guard import Writes, decode_escapes, parse_update, writes

READ_ONLY = WebError(403, "SPARQL updates are disabled: this endpoint is read-only.",
                     "Change the graph with 'kg build' instead; send SELECT, ASK, CONSTRUCT or DESCRIBE here.")
BUILD_OWNED = "article graphs are written by kg build; put curation in another graph"
_WRITING = threading.Lock()  # one writer at a time, so "did the graph exist?" stays true until the write


@dataclass(frozen=True)
class UpdateRequest:
    text: str
    using: list[ox.NamedNode]  # using-graph-uri: the default graph of every WHERE
    using_named: list[ox.NamedNode]  # using-named-graph-uri: its named graphs


# -- who may write ------------------------------------------------------------------------------

def updates_enabled() -> bool:
    return bool(current_app.config.get("ALLOW_UPDATE"))


def authorize(read_only: WebError = READ_ONLY) -> None:
    """Refuse (401/403) a write the configuration does not allow. Call before changing anything."""
    if not updates_enabled():
        raise read_only
    token = current_app.config.get("UPDATE_TOKEN")
    if token:
        scheme, _, given = request.headers.get("Authorization", "").strip().partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise WebError(401, "Updates on this endpoint need a bearer token.",
                           "Send the header 'Authorization: Bearer <token>' with the token the operator gave you.")
        if not hmac.compare_digest(given.strip().encode("utf-8"), str(token).encode("utf-8")):
            raise WebError(403, "The bearer token does not allow updates.", "Check the token with the operator.")
    elif not from_loopback():
        raise WebError(403, "Updates are accepted only from the server's own machine.",
                       "Send the update from the server itself, or ask the operator to set up an update token.")


def from_loopback() -> bool:
    """A direct client on this machine; behind a proxy (which forwards for others) never."""
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


@contextmanager
def writing() -> Iterator[ox.Store]:
    with _WRITING:
        yield current_store().ox


# -- which graphs a write may touch -------------------------------------------------------------

def build_owned_prefixes() -> list[str]:
    """IRI prefixes of the graphs ``kg build`` replaces: article graphs and the resolution graph."""
    bases = {stored_base_iri(), current_app.config.get("BASE_IRI") or stored_base_iri()}
    return sorted({iri for base in bases for iri in (Minter(base).article(""), Minter(base).resolution_graph())})


def build_owned(iri: str) -> bool:
    # Escapes are decoded again: Oxigraph reads \u escapes inside IRIs that rdflib keeps as text.
    candidates = {iri, decode_escapes(iri)}
    return any(c.startswith(prefix) for c in candidates for prefix in build_owned_prefixes())


def refuse_build_owned(graphs: Iterable[str], any_graph: bool = False) -> None:
    """403 if a write names a build-owned graph, or could reach one (ALL, NAMED, GRAPH ?g) and some exist."""
    if any(build_owned(g) for g in graphs):
        raise WebError(403, f"This write touches a graph that kg build replaces: {BUILD_OWNED}.",
                       "Write to a graph of your own, e.g. GRAPH <https://example.org/curation> { ... }.")
    if any_graph and q.any_named_graph_with_prefix(current_store().ox, build_owned_prefixes()):
        raise WebError(403, f"This update could clear or change every graph, including those kg build "
                       f"writes: {BUILD_OWNED}.", "Name the graphs to change (e.g. DROP GRAPH <...>), "
                       "or GRAPH <...> in place of GRAPH ?g.")


# -- the request --------------------------------------------------------------------------------

def read_update() -> UpdateRequest | None:
    """The update of a POST per the SPARQL 1.1 Protocol; None if the request is not an update."""
    form = request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded"
    if request.mimetype == "application/sparql-update" and request.method == "POST":
        text = utf8_body()
    elif form and "update" in request.form:
        texts = request.form.getlist("update")
        if len(texts) > 1:
            raise WebError(400, "More than one update parameter was sent.", "Send exactly one update=.")
        if "query" in request.form:
            raise WebError(400, "Both query= and update= were sent.", "Send a query or an update, not both.")
        text = texts[0]
    elif "update" in request.args or request.mimetype == "application/sparql-update":
        if not updates_enabled():
            raise READ_ONLY
        raise WebError(400, "Updates must be sent with POST.",
                       "POST the update as application/sparql-update, or as a form with update=.")
    else:
        return None
    return UpdateRequest(text, iri_parameters("using-graph-uri"), iri_parameters("using-named-graph-uri"))


def utf8_body() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise WebError(400, f"The request body is declared as {charset}.", "Send SPARQL encoded as UTF-8.")
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        raise WebError(400, "The request body is not valid UTF-8.", "Send SPARQL encoded as UTF-8.") from None


def iri_parameters(parameter: str) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(value) for value in request.values.getlist(parameter)]
    except ValueError as e:
        raise WebError(400, f"A {parameter} value is not an absolute IRI: {e}.",
                       f"Pass {parameter}=https://... with the IRI URL-encoded.") from None


def run_update(update: UpdateRequest) -> None:
    """Check, then apply, the update (authorized by the caller) in one transaction."""
    text = decode_escapes(update.text)
    base = request.base_url  # relative IRIs resolve against the endpoint, as the protocol suggests
    found = writes(parse_update(text), base)
    _check(found, bool(update.using or update.using_named))
    if update.using or update.using_named:
        text = with_dataset(text, update.using, update.using_named, found.modifies)
    with writing() as store:
        try:
            q.update(store, text, base_iri=base)
        except RuntimeError as e:
            raise WebError(400, f"The update could not be applied: {e}", "Nothing was changed; fix the update.") \
                from None


def _check(found: Writes, protocol_dataset: bool) -> None:
    if found.fetches:
        raise WebError(403, "LOAD and SERVICE are disabled: this server does not fetch other URLs.",
                       "Upload data with PUT or POST on /store?graph=<IRI> instead.")
    if protocol_dataset and found.dataset:
        raise WebError(400, "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH "
                       "in the update.", "Name the dataset in one place: the parameters or the update text.")
    refuse_build_owned(found.graphs, found.any_graph)


# -- using-graph-uri: the protocol's USING, written into the update -----------------------------

class _Edit(NamedTuple):
    """Replace text[start:end]: with a USING clause (an empty span before WHERE) or, for
    DELETE WHERE, with the long form around its quad pattern text[pattern[0]:pattern[1]]."""

    start: int
    end: int
    pattern: tuple[int, int] | None = None


def _grammar() -> ParserElement:
    # rdflib's own productions, with marks where the dataset clauses go.
    before_where = Empty().set_parse_action(lambda s, loc, toks: [_Edit(loc, loc)])
    modify = ((grammar.DeleteClause + Optional(grammar.InsertClause) | grammar.InsertClause)
              + ZeroOrMore(grammar.UsingClause) + before_where + grammar.Keyword("WHERE") + grammar.GroupGraphPattern)
    start = Empty().set_parse_action(lambda s, loc, toks: [loc])
    pattern = Located(grammar.QuadPattern).set_parse_action(lambda t: [(t[0], t[-1])])
    delete_where = (start + grammar.Keyword("DELETE") + grammar.Keyword("WHERE") + pattern).set_parse_action(
        lambda t: [_Edit(t[0], t[-1][1], t[-1])])
    update = Forward()
    update <<= grammar.Prologue + Optional((modify | delete_where | grammar.Update1) + Optional(";" + update))
    unit = update + StringEnd()
    unit.ignore(grammar.UpdateUnit.ignoreExprs[0])  # the same comment rule, so rdflib's grammar is not changed
    return unit


_GRAMMAR = _grammar()


def with_dataset(text: str, using: Sequence[ox.NamedNode], named: Sequence[ox.NamedNode], expected: int) -> str:
    """``text`` with USING/USING NAMED clauses for every operation that has a WHERE.

    SPARQL 1.1 Protocol 2.2.3: the parameters act as those clauses; pyoxigraph takes no
    dataset for an update, so they are written in. DELETE WHERE has no USING form and is
    spelled out as DELETE {pattern} USING ... WHERE {pattern}. ``expected`` is how many
    operations the guard counted: a different count means the text was not understood.
    """
    clauses = " ".join([*(f"USING {g}" for g in using), *(f"USING NAMED {g}" for g in named)])
    try:
        tokens = _GRAMMAR.parse_string(text, parse_all=True)
    except ParseBaseException as e:
        raise WebError(400, f"The update could not be read: {e.msg}.", "Check the update's syntax.") from None
    edits = [t for t in tokens if isinstance(t, _Edit)]
    if len(edits) != expected:
        raise WebError(400, "The update could not be given the requested dataset.",
                       "Put USING clauses in the update instead of using-graph-uri.")
    for edit in sorted(edits, reverse=True):
        if edit.pattern is None:
            replacement = f"{clauses} "
        else:
            body = text[edit.pattern[0]:edit.pattern[1]]
            replacement = f"DELETE {body} {clauses} WHERE {body}"
        text = text[:edit.start] + replacement + text[edit.end:]
    return text
