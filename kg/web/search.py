"""Search over names, aliases, event labels and article titles, forgiving typos, case and accents.

The store is read once into an in-memory index per store object (a served store is a read-only
snapshot). A query never reaches SPARQL: it is split into tokens that are looked up in the index's
vocabulary exactly, as prefixes (for as-you-type) and by edit similarity (rapidfuzz), so "Peskov"
finds "Dmitri Peskow" and "Merkl" finds "Angela Merkel".
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Generic, TypeVar

from flask import Blueprint, Response, jsonify, render_template, request
from rapidfuzz import fuzz, process

from kg.store import KGStore
from kg.web.context import current_store
from kg.web.errors import WebError
from kg.web.negotiation import PAGE_MEDIA, negotiate
from kg.web.resources import page_url

T = TypeVar("T")

MAX_QUERY = 200  # characters; longer is not a name or a title
MAX_TOKENS = 8
FUZZY_LIMIT = 60  # vocabulary tokens per query token
KINDS = ("person", "organization", "agent", "event", "article")  # also the order of equal scores
KIND_OF = {"Person": "person", "Organization": "organization", "UnnamedAgent": "agent", "Event": "event"}

# Simple patterns joined in Python: on the union of article graphs, joining types with labels in
# SPARQL costs ~20x more (a type triple repeats in every article that mentions the node).
TYPES = """SELECT DISTINCT ?x ?type WHERE {
  VALUES ?type { nkg:Person nkg:Organization nkg:UnnamedAgent nkg:Event } ?x a ?type
}"""
LABELS = "SELECT DISTINCT ?x ?name WHERE { ?x rdfs:label ?name }"
ALIASES = "SELECT DISTINCT ?x ?name WHERE { ?x skos:altLabel ?name }"
EVENT_DATES = "SELECT DISTINCT ?x ?date WHERE { ?x nkg:onDate ?date }"
TITLES = "SELECT ?x ?name WHERE { ?x dcterms:title ?name }"  # only articles have titles
ISSUED = "SELECT ?x ?date WHERE { ?x dcterms:issued ?date }"

# Letters NFKD does not take apart.
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})
_TOKEN = re.compile(r"[^\W_]+")


class PerStore(Generic[T]):
    """A value built from a store once per store object, under a lock, dropped with the store."""

    def __init__(self, build: Callable[[KGStore], T]) -> None:
        self._build = build
        self._values: weakref.WeakKeyDictionary[KGStore, T] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: KGStore) -> T:
        with self._lock:
            value = self._values.get(store)
            if value is None:
                value = self._values[store] = self._build(store)
            return value


def normalize(text: str) -> str:
    """Case-, accent- and width-insensitive form: "Étienne Dubois" -> "etienne dubois"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


@dataclass(frozen=True)
class Entry:
    kind: str
    iri: str
    label: str
    date: str | None


@dataclass
class Index:
    entries: list[Entry]
    names: list[tuple[int, str, int]]  # (entry, the name as written, how many tokens it has)
    postings: dict[str, list[int]]  # token -> names holding it
    vocabulary: list[str]  # the tokens, sorted, for prefix lookup by bisection


@dataclass
class Hit:
    kind: str
    iri: str
    label: str
    matched: str | None  # the alias or other name that matched, when it is not the label
    date: str | None
    score: float
    url: str | None = None  # filled in by the route: page_url needs the request


def _value(term: object) -> str | None:
    return getattr(term, "value", None) if term is not None else None


def _pairs(store: KGStore, sparql: str, column: str) -> Iterable[tuple[str, str]]:
    for row in store.select(sparql):
        yield str(_value(row["x"])), str(_value(row[column]))


def _sources(store: KGStore) -> Iterable[tuple[str, str, str, bool, str | None]]:
    """(kind, iri, name, is an alias, date) for everything searchable."""
    kinds: dict[str, str] = {}
    for iri, cls in _pairs(store, TYPES, "type"):
        kind = KIND_OF[cls.rsplit("#", 1)[-1]]
        # A node typed twice (rare): the earlier kind in KINDS wins, so a person stays a person.
        if iri not in kinds or KINDS.index(kind) < KINDS.index(kinds[iri]):
            kinds[iri] = kind
    dates: dict[str, str] = {}
    for iri, date in [*_pairs(store, EVENT_DATES, "date"), *_pairs(store, ISSUED, "date")]:
        dates[iri] = max(dates.get(iri, date), date)
    for iri, name in _pairs(store, LABELS, "name"):
        if iri in kinds:
            yield kinds[iri], iri, name, False, dates.get(iri)
    for iri, name in _pairs(store, ALIASES, "name"):
        if kinds.get(iri, "event") != "event":
            yield kinds[iri], iri, name, True, None
    for iri, name in _pairs(store, TITLES, "name"):
        yield "article", iri, name, False, dates.get(iri)


def build_index(store: KGStore) -> Index:
    labels: dict[tuple[str, str], str] = {}
    dates: dict[tuple[str, str], str | None] = {}
    names: dict[tuple[str, str], set[str]] = {}
    for kind, iri, name, alias, date in _sources(store):
        key = (kind, iri)
        names.setdefault(key, set()).add(name)
        if date is not None:
            dates[key] = date
        if not alias and (key not in labels or name < labels[key]):
            labels[key] = name
    index = Index([], [], {}, [])
    for key in sorted(names):
        kind, iri = key
        label = labels.get(key) or min(names[key])
        index.entries.append(Entry(kind, iri, label, dates.get(key)))
        for name in sorted(names[key]):
            name_tokens = set(tokens(name))
            if not name_tokens:
                continue
            index.names.append((len(index.entries) - 1, name, len(name_tokens)))
            for token in name_tokens:
                index.postings.setdefault(token, []).append(len(index.names) - 1)
    index.vocabulary = sorted(index.postings)
    return index


def _cutoff(token: str) -> float:
    # One typo in a short word changes a larger share of it.
    return 85.0 if len(token) <= 3 else 80.0 if len(token) == 4 else 75.0


def _token_scores(index: Index, token: str) -> dict[str, float]:
    """Vocabulary tokens that ``token`` may stand for, scored 0-100: exact, prefix, or similar."""
    found: dict[str, float] = {}
    if len(token) >= 3:
        for other, score, _ in process.extract(token, index.vocabulary, scorer=fuzz.ratio,
                                               score_cutoff=_cutoff(token), limit=FUZZY_LIMIT):
            found[other] = score * 0.95  # a typo ranks below any prefix
    vocabulary = index.vocabulary
    for i in range(bisect.bisect_left(vocabulary, token), len(vocabulary)):
        other = vocabulary[i]
        if not other.startswith(token):
            break
        found[other] = 100.0 if other == token else 90.0 + 10.0 * len(token) / len(other)
    return found


def _name_scores(index: Index, query_tokens: list[str]) -> dict[int, float]:
    """Names that match every query token, scored by how well and how much of the name matched."""
    per_token: list[dict[int, float]] = []
    for token in query_tokens:
        scores: dict[int, float] = {}
        for other, score in _token_scores(index, token).items():
            for name in index.postings[other]:
                if score > scores.get(name, 0.0):
                    scores[name] = score
        per_token.append(scores)
    common = set.intersection(*(set(s) for s in per_token)) if per_token else set()
    result = {}
    for name in common:
        mean = sum(s[name] for s in per_token) / len(per_token)
        coverage = min(1.0, len(query_tokens) / index.names[name][2])
        result[name] = round(0.9 * mean + 10.0 * coverage, 1)
    return result


def search(index: Index, query: str, limit: int) -> list[Hit]:
    """The best ``limit`` entries for ``query``, best first; one hit per entry."""
    query_tokens = list(dict.fromkeys(tokens(query)))[:MAX_TOKENS]
    best: dict[int, tuple[float, bool, str]] = {}  # entry -> (score, the label matched, the name matched)
    for name, score in _name_scores(index, query_tokens).items():
        entry, written, _ = index.names[name]
        candidate = (score, written == index.entries[entry].label, written)
        if entry not in best or candidate[:2] > best[entry][:2]:
            best[entry] = candidate
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], KINDS.index(index.entries[item[0]].kind),
                                                    index.entries[item[0]].label, item[0]))
    hits = []
    for entry_id, (score, _, written) in ranked[:limit]:
        entry = index.entries[entry_id]
        # "Peskow" for "Dmitri Peskow" says nothing new; "Sprecher des Kreml" for "Dmitri Peskow" does.
        matched = None if set(tokens(written)) <= set(tokens(entry.label)) else written
        hits.append(Hit(entry.kind, entry.iri, entry.label, matched, entry.date, score))
    return hits


_INDEXES: PerStore[Index] = PerStore(build_index)


def store_index(store: KGStore) -> Index:
    return _INDEXES.get(store)


def clean_query(raw: str) -> str:
    """The query without control characters and runs of blanks."""
    printable = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in raw)
    return " ".join(printable.split())


@dataclass
class SearchView:
    query: str
    limit: int
    results: list[Hit]


def search_view(store: KGStore, query: str, limit: int) -> SearchView:
    """The search page's ONE data function (``url`` of each hit is set by the route)."""
    return SearchView(query, limit, search(store_index(store), query, limit))


# -- the route --------------------------------------------------------------------------------

bp = Blueprint("search", __name__)
SEARCH_MEDIA = {"html": PAGE_MEDIA["html"], "json": PAGE_MEDIA["json"]}
DEFAULT_LIMIT = 30
MAX_LIMIT = 100


def _limit() -> int:
    raw = request.args.get("limit", "")
    if not raw:
        return DEFAULT_LIMIT
    # ASCII only: "²".isdigit() is true, but int("²") raises.
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_LIMIT:
        raise WebError(400, f"limit must be a whole number from 1 to {MAX_LIMIT}.",
                       f"Leave it out for {DEFAULT_LIMIT} results, or pass e.g. limit=10.")
    return int(raw)


@bp.route("/search")
@bp.route("/search.json", endpoint="search_json")
def search_page() -> Response:
    suffix = request.path.endswith(".json")
    fmt = "json" if suffix else negotiate(SEARCH_MEDIA)
    if fmt is None:
        raise WebError(406, "None of the accepted media types is offered for this page.",
                       "Accept text/html or application/json, or use /search.json.")
    raw = request.args.get("q", "")
    if len(raw) > MAX_QUERY:
        raise WebError(400, f"The search is too long: {len(raw)} characters, at most {MAX_QUERY}.",
                       "Search for a name, an alias, an event or an article title.")
    query, limit = clean_query(raw), _limit()
    if not query and fmt == "json":
        raise WebError(400, "Nothing to search for: q is empty.", "Pass q=, e.g. /search.json?q=Merkel.")
    view = search_view(current_store(), query, limit) if query else SearchView(query, limit, [])
    for hit in view.results:
        hit.url = page_url(hit.iri)
    if fmt == "json":
        response = jsonify(asdict(view))
    else:
        response = Response(render_template("search.html", view=view, q=query), mimetype="text/html")
    if not suffix:
        response.headers["Vary"] = "Accept"
    return response
