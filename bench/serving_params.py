"""What bench/serving.py and bench/scale.py ask: the example queries with parameters drawn from the store.

HTTP has no way to pass pyoxigraph's substitutions, so parameters are written into the query text
(``bind``): a parameter variable becomes its term in the pattern, ``(term AS ?v)`` in a projection,
and leaves GROUP BY. Every system then runs the same text. ``probe`` runs each workload once in a
child process (killed at the time limit) and checks that the text with parameters written in
answers as many rows as the original with pyoxigraph's substitutions.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kg.store import KGStore

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
Term = ox.NamedNode | ox.Literal
ParamSet = dict[str, Term]
SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"
LABEL = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?label WHERE { ?x rdfs:label ?label }"""
WINDOW_DAYS = 30


@dataclass(frozen=True)
class Request:
    kind: str  # "select", "construct" or "page"
    text: str  # the query, or the page's path
    iri: str = ""  # the page's entity (direct answers it without HTTP)
    original: str = ""  # the query before its parameters were written in ("" if it had none)
    params: ParamSet = field(default_factory=dict)

    @property
    def accept(self) -> str:
        return {"select": SELECT_ACCEPT, "construct": GRAPH_ACCEPT}.get(self.kind, "application/json")


@dataclass(frozen=True)
class Workload:
    name: str
    kind: str
    requests: list[Request]


# -- writing parameters into a query --------------------------------------------------------------
_TOKENS = re.compile(
    r'(?P<opaque>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*)'
    r"|(?P<var>[?$][\w\u00b7-\uffff]+)"
    r"|(?P<word>(?<![\w:?$])(?:SELECT|CONSTRUCT|WHERE|GROUP|ORDER|HAVING|LIMIT|OFFSET|VALUES)(?![\w:]))"
    r"|(?P<brace>[{}])",
    re.IGNORECASE,
)


def bind(sparql: str, values: dict[str, Term]) -> str:
    """``sparql`` with each ``?name`` of ``values`` replaced by its term, as pyoxigraph's substitution binds it.

    The outermost projection keeps the variable as ``(term AS ?name)``; a subquery's projection drops
    it (the term is the same inside), else the outer query would see it bound twice.
    """
    out: list[str] = []
    state, clause_at, pos, depth, nested = "body", -1, 0, 0, False
    for m in _TOKENS.finditer(sparql):
        out.append(sparql[pos:m.start()])
        pos, token = m.end(), m.group()
        if m.group("word") or m.group("brace"):
            if state == "group" and _empty_after(out, clause_at):
                del out[clause_at:]  # every grouped variable was a parameter: no GROUP BY at all
                out.append(" ")
        if m.group("word"):
            word = token.upper()
            state = {"SELECT": "projection", "GROUP": "group", "ORDER": "order"}.get(word, "body")
            nested = word == "SELECT" and depth > 0 or (nested and state != "body")
            clause_at = len(out)
        elif m.group("brace"):
            depth += 1 if token == "{" else -1
            state = "body"
        elif m.group("var") and token[1:] in values:
            term = str(values[token[1:]])
            projected = "" if nested else f"({term} AS {token})"
            token = {"projection": projected, "group": "", "order": f"({term})"}.get(state, term)
        out.append(token)
    if state == "group" and _empty_after(out, clause_at):
        del out[clause_at:]
    out.append(sparql[pos:])
    return "".join(out)


def _empty_after(out: list[str], at: int) -> bool:
    """Whether nothing but ``GROUP BY`` was written since ``at`` (where GROUP was)."""
    return at >= 0 and "".join(out[at:]).split() in (["GROUP", "BY"], ["group", "by"])


def declared(sparql: str) -> list[str]:
    """The parameters a query file declares (``# param: ?name kind …``)."""
    return re.findall(r"^#\s*param:\s*\?(\w+)", sparql, re.MULTILINE)


# -- choosing parameters --------------------------------------------------------------------------
def _values(store: ox.Store, sparql: str) -> list[str]:
    prefixes = ("PREFIX nkg: <https://w3id.org/newskg/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                "PREFIX dcterms: <http://purl.org/dc/terms/>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n")
    return [row[0].value for row in store.query(prefixes + sparql, use_default_graph_as_union=True)  # type: ignore[union-attr]
            if row[0] is not None]


def choose(store: ox.Store, count: int, seed: int) -> list[ParamSet]:
    """``count`` parameter sets: persons who speak and take part in calls (a seeded uniform sample), their
    surnames, organizations that speak, and 30-day ranges around the date of one of the person's claims."""
    rng = random.Random(seed)
    speakers = set(_values(store, "SELECT DISTINCT ?p WHERE { ?p nkg:said ?c FILTER EXISTS { ?p a nkg:Person } }"))
    callers = set(_values(store, "SELECT DISTINCT ?p WHERE { ?e a nkg:Call ; nkg:participant ?p }"))
    pool = sorted(speakers & callers) or sorted(speakers) or sorted(
        _values(store, "SELECT DISTINCT ?p WHERE { ?p a nkg:Person }"))
    if not pool:
        raise SystemExit("the store holds no persons; build some articles into it first")
    persons = rng.sample(pool, min(count, len(pool)))
    orgs = sorted(_values(store, "SELECT DISTINCT ?o WHERE { ?o nkg:said ?c FILTER EXISTS { ?o a nkg:Organization } }"))
    orgs = rng.sample(orgs, min(count, len(orgs))) or ["https://w3id.org/newskg/id/org/none"]
    sets = []
    for i in range(count):
        person = persons[i % len(persons)]
        start = said_on(store, person, rng) - timedelta(days=WINDOW_DAYS // 2)
        sets.append({"person": ox.NamedNode(person), "name": ox.Literal(surname(store, person)),
                     "org": ox.NamedNode(orgs[i % len(orgs)]), "from": ox.Literal(start.isoformat()),
                     "to": ox.Literal((start + timedelta(days=WINDOW_DAYS - 1)).isoformat())})
    return sets


def said_on(store: ox.Store, person: str, rng: random.Random) -> date:
    """The date of one of ``person``'s claims (the date ranges are centred on one, so they find some)."""
    days = sorted(_values(store, f"""SELECT DISTINCT (STR(COALESCE(?s, ?i)) AS ?d) WHERE {{
        <{person}> nkg:said ?c . ?c prov:wasDerivedFrom ?a .
        OPTIONAL {{ ?c nkg:saidOn ?s }} OPTIONAL {{ ?a dcterms:issued ?i }} }}"""))
    if not days:
        return date(2024, 1, 1)
    day = rng.choice(days)
    return date.fromisoformat((day + "-01-01")[:10] if len(day) < 10 else day[:10])


def surname(store: ox.Store, person: str) -> str:
    labels = _values(store, f"SELECT (MIN(STR(?l)) AS ?n) WHERE {{ <{person}> rdfs:label ?l }}")
    return labels[0].split()[-1] if labels and labels[0].strip() else person.rsplit("/", 1)[-1]


def describe_params(sets: list[ParamSet]) -> str:
    persons = sorted({s["person"].value.rsplit("/", 1)[-1] for s in sets})
    return (f"{len(sets)} parameter sets; persons {', '.join(persons)}; "
            f"names {', '.join(sorted({s['name'].value for s in sets}))}; "
            f"date ranges of {WINDOW_DAYS} days from {min(s['from'].value for s in sets)}")


# -- the workloads --------------------------------------------------------------------------------
def query_files() -> list[Path]:
    return sorted(QUERIES.glob("*.rq"))


def workloads(base: str, sets: list[ParamSet], files: list[Path] | None = None) -> list[Workload]:
    """One workload per example query, then label, describe and person.json; one request per parameter set."""
    from kg.vocab import sparql_prefixes
    from kg.web.resources import DESCRIBE

    out = []
    for path in query_files() if files is None else files:
        text = path.read_text(encoding="utf-8")
        names = declared(text)
        kind = "construct" if re.search(r"^\s*(CONSTRUCT|DESCRIBE)\b", _strip_prologue(text), re.I) else "select"
        requests = [Request(kind, bind(text, {n: s[n] for n in names if n in s}), original=text if names else "",
                            params={n: s[n] for n in names if n in s}) for s in (sets if names else sets[:1])]
        out.append(Workload(path.stem, kind, requests))
    describe = sparql_prefixes() + DESCRIBE
    out.append(Workload("label", "select", [Request("select", bind(LABEL, {"x": s["person"]})) for s in sets]))
    out.append(Workload("describe", "construct", [Request("construct", bind(describe, {"x": s["person"]}))
                                                  for s in sets]))
    out.append(Workload("person.json", "page", [Request("page", page_path(s["person"].value, base),
                                                        iri=s["person"].value) for s in sets]))
    return out


def _strip_prologue(text: str) -> str:
    return re.sub(r"^(\s*(#[^\n]*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>))*", "", text, flags=re.I)


def base_of(store: KGStore) -> str:
    """The base IRI the store was built with, as the server finds it."""
    from kg.resolve.apply import stored_base
    from kg.vocab import DEFAULT_BASE

    base = stored_base(store) or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def page_path(iri: str, base: str) -> str:
    rest = iri[len(base):] if iri.startswith(base) else "person/" + iri.rsplit("/", 1)[-1]
    return "/" + quote(rest, safe="/-_.~") + ".json"


def count_rows(kind: str, body: bytes) -> int:
    """Rows of a JSON result, distinct triples of N-Triples, canonical length of a JSON page."""
    if kind == "select":
        return len(json.loads(body)["results"]["bindings"])
    if kind == "construct":
        return len({line for line in body.decode("utf-8").splitlines() if line.strip()})
    return len(json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False))


def person_json_direct(store_path: Path) -> Callable[[str], bytes]:
    """The person page's data as JSON without HTTP or Flask: the view function the page uses."""
    from kg.web import kinds, resources

    kinds.register_all()
    store = KGStore(store_path, read_only=True)
    base = base_of(store)
    view = resources.KINDS["person"].view

    def answer(iri: str) -> bytes:
        return json.dumps(asdict(view(store, base, iri)), ensure_ascii=False).encode("utf-8")
    return answer


# -- probing --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Probe:
    ok: bool
    seconds: float
    rows: int | None = None  # the text with parameters written in
    substituted: int | None = None  # the original with pyoxigraph's substitutions
    error: str = ""

    def describe(self) -> str:
        if not self.ok:
            return self.error
        check = "" if self.substituted is None else (
            f", substitution {self.substituted} rows ({'same' if self.substituted == self.rows else 'DIFFERENT'})")
        return f"{self.seconds * 1000:.1f} ms, {self.rows} rows{check}"


def _probe_child(conn: Connection, store_path: str, requests: list[Request]) -> None:
    store = ox.Store.read_only(store_path)
    for request in requests:
        started = time.perf_counter()
        rows = sum(1 for _ in store.query(request.text, use_default_graph_as_union=True))  # type: ignore[union-attr]
        seconds = time.perf_counter() - started
        substituted = None
        if request.original:
            subs = {ox.Variable(k): v for k, v in request.params.items()}
            substituted = sum(1 for _ in store.query(request.original, use_default_graph_as_union=True,  # type: ignore[union-attr]
                                                     substitutions=subs))
        conn.send((seconds, rows, substituted))


def probe(store_path: Path, loads: list[Workload], limit: float) -> dict[str, Probe]:
    """Each SPARQL workload's first request, once, in a child process killed after ``limit`` seconds."""
    context = multiprocessing.get_context("spawn")
    pending = [w for w in loads if w.kind != "page"]
    found: dict[str, Probe] = {w.name: Probe(True, 0.0) for w in loads if w.kind == "page"}
    while pending:
        parent, child = context.Pipe()
        process = context.Process(target=_probe_child, args=(child, str(store_path), [w.requests[0] for w in pending]),
                                  daemon=True)
        process.start()
        child.close()
        while pending:
            w = pending[0]
            # Twice the limit: the probe also runs the original with substitutions.
            if not parent.poll(2 * limit + 10):
                found[w.name] = Probe(False, limit, error=f"slower than {limit:g} s on pyoxigraph (stopped)")
                pending.pop(0)
                process.kill()
                break
            try:
                seconds, rows, substituted = parent.recv()
            except EOFError:
                found[w.name] = Probe(False, 0.0, error="the probe process failed (see its error above)")
                pending.pop(0)
                break
            pending.pop(0)
            over = "" if seconds <= limit else f"{seconds:.1f} s on pyoxigraph, over {limit:g} s"
            found[w.name] = Probe(not over, seconds, rows, substituted, over)
        process.join(5)
        parent.close()
    return found
