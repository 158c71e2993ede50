"""The claim page (``/claim/<id>``), and what the event and article pages share with it.

A claim is shown with its words, who said (and who relayed) them, the cue, the date and the
passage of the article around it, with the claim, the speaker mention and the cue words marked.
``ClaimSummary`` and ``Ref`` are the small pieces the event and article pages list.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.store import KGStore
from kg.vocab import NKG
from kg.web.data import ArticleRef
from kg.web.highlight import Mark, Passage, window
from kg.web.resources import KINDS

Term = ox.NamedNode | ox.Literal | ox.BlankNode | None
Row = dict[str, Term]

MODES = {str(NKG.DirectQuote): "direct", str(NKG.IndirectSpeech): "indirect",
         str(NKG.FreeIndirectSpeech): "free", str(NKG.ReportedSpeech): "reported"}
# The claim types in plain words, for readers who do not know the grammar terms.
MODE_WORDS = {
    "direct": "direct quote: the speaker's own words, in quotation marks",
    "indirect": "indirect speech: the article retells what was said",
    "free": "free indirect speech: the article goes on retelling the speaker, in the subjunctive",
    "reported": "reported speech act: the article says that something was said or demanded",
}
AGENT_KINDS = {str(NKG.Person): "person", str(NKG.Organization): "organization", str(NKG.UnnamedAgent): "agent"}
CLAIM_TYPES = "nkg:DirectQuote, nkg:IndirectSpeech, nkg:FreeIndirectSpeech, nkg:ReportedSpeech"
AGENT_TYPES = "nkg:Person, nkg:Organization, nkg:UnnamedAgent"
ARTICLE = """OPTIONAL { ?a dcterms:identifier ?aid } OPTIONAL { ?a dcterms:title ?title }
             OPTIONAL { ?a dcterms:issued ?issued }"""
CLAIMS_LIMIT = 1000  # per event or article: a page lists them all, but a broken graph must not hang it

# Rows for claim lists; {match} binds ?c from the page's node ?x. Oxigraph binds a substituted
# variable only if the SELECT projects it, hence ?x; a triple repeats per article graph, hence DISTINCT.
CLAIM_ROWS = f"""SELECT DISTINCT ?x ?c ?text ?type ?b ?e ?direct ?said ?stated ?s ?slabel
                                 ?a ?aid ?title ?issued WHERE {{
  {{match}}
  ?c nkg:text ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; a ?type . FILTER(?type IN ({CLAIM_TYPES}))
  OPTIONAL {{ ?c nkg:direct ?direct }} OPTIONAL {{ ?c nkg:saidOn ?said }} OPTIONAL {{ ?c nkg:dateStated ?stated }}
  OPTIONAL {{ ?s nkg:said ?c OPTIONAL {{ ?s rdfs:label ?slabel }} }}
  OPTIONAL {{ ?c prov:wasDerivedFrom ?a . {ARTICLE} }}
}} LIMIT {CLAIMS_LIMIT}"""

CLAIM = f"""SELECT DISTINCT ?x ?text ?type ?b ?e ?direct ?cue ?said ?stated ?a ?aid ?title ?issued ?body
                            ?ev ?evlabel ?evdate WHERE {{
  ?x a nkg:Claim ; nkg:text ?text ; a ?type . FILTER(?type IN ({CLAIM_TYPES}))
  OPTIONAL {{ ?x nif:beginIndex ?b ; nif:endIndex ?e }}
  OPTIONAL {{ ?x nkg:direct ?direct }} OPTIONAL {{ ?x nkg:cue ?cue }}
  OPTIONAL {{ ?x nkg:saidOn ?said }} OPTIONAL {{ ?x nkg:dateStated ?stated }}
  OPTIONAL {{ ?x prov:wasDerivedFrom ?a . {ARTICLE} OPTIONAL {{ ?a nif:isString ?body }} }}
  OPTIONAL {{ ?x nkg:saidDuring ?ev OPTIONAL {{ ?ev rdfs:label ?evlabel }} OPTIONAL {{ ?ev nkg:onDate ?evdate }} }}
}} LIMIT 20"""
AGENTS = """SELECT DISTINCT ?x ?role ?who ?label WHERE {
  { ?who nkg:said ?x BIND("speaker" AS ?role) } UNION { ?x nkg:relayedBy ?who BIND("relay" AS ?role) }
  OPTIONAL { ?who rdfs:label ?label }
} LIMIT 50"""
# Fixed predicates (VALUES), not a FILTER on ?rel: with a FILTER Oxigraph scanned every offset in the store.
SPANS = """SELECT DISTINCT ?x ?rel ?m ?b ?e ?words WHERE {
  VALUES ?rel { nkg:speakerMention nkg:cueMention nkg:sentence }
  ?x ?rel ?m . ?m nif:beginIndex ?b ; nif:endIndex ?e . OPTIONAL { ?m nif:anchorOf ?words }
} LIMIT 20"""

# The claim, the words around it (speaker mention, cue, sentence: offsets and words), who said
# and relayed it, the event it was said in, and what identifies the article (not its text).
CLAIM_GRAPH = """CONSTRUCT {
  ?x ?p ?o . ?m ?mp ?mo . ?s nkg:said ?x . ?s rdfs:label ?sl . ?s a ?st . ?r rdfs:label ?rl . ?r a ?rt .
  ?ev rdfs:label ?el . ?ev a ?et . ?a ?ap ?ao
} WHERE {
  { ?x ?p ?o }
  UNION { VALUES ?rel { nkg:speakerMention nkg:cueMention nkg:sentence } ?x ?rel ?m . ?m ?mp ?mo }
  UNION { ?s nkg:said ?x OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?s a ?st } }
  UNION { ?x nkg:relayedBy ?r OPTIONAL { ?r rdfs:label ?rl } OPTIONAL { ?r a ?rt } }
  UNION { ?x nkg:saidDuring ?ev OPTIONAL { ?ev rdfs:label ?el } OPTIONAL { ?ev a ?et } }
  UNION { ?x prov:wasDerivedFrom ?a . ?a ?ap ?ao
          FILTER(?ap IN (rdf:type, dcterms:identifier, dcterms:title, dcterms:issued, dcterms:publisher)) }
}"""


@dataclass
class Ref:
    """A link to another page: a person, organization, unnamed agent or event."""

    iri: str
    label: str
    kind: str | None = None  # "person", "organization", "agent", "event"; None when not known


@dataclass
class ClaimSummary:
    """A claim in a list (on an event or article page)."""

    iri: str
    text: str
    mode: str  # "direct", "indirect", "free" or "reported"
    direct: bool
    begin: int
    end: int
    anchor: str  # the id of the claim's place on its article page
    date: str | None  # when it was said, else the article's publication date
    date_stated: bool
    speaker: Ref | None
    article: ArticleRef | None


@dataclass
class ClaimPage:
    iri: str
    text: str
    mode: str
    mode_words: str
    direct: bool
    speaker: Ref | None
    relayed_by: Ref | None
    cue: str | None  # lemma of the speech verb or phrase
    cue_words: str | None  # the cue as the article words it
    date: str | None
    date_source: str | None  # "stated" (in the text) or "publication" (the article's date)
    event: Ref | None
    event_date: str | None
    article: ArticleRef | None
    anchor: str | None  # the claim's id on the article page
    context: Passage | None = None


def value(term: Term) -> str | None:
    return term.value if term is not None else None


def int_value(term: Term) -> int | None:
    text = value(term)
    return int(text) if text is not None and text.lstrip("-").isdigit() else None


def local_path(iri: str | None, base: str) -> str | None:
    """The path on this server that answers ``iri`` (like ``page_url``, without a request)."""
    if not iri or not iri.startswith(base):
        return None
    rest = iri[len(base):]
    return "/" + rest if rest.split("/", 1)[0] in KINDS else None


def anchor(begin: int, end: int) -> str:
    return f"claim-{begin}-{end}"


def article_ref(row: Row) -> ArticleRef | None:
    if row.get("a") is None:
        return None
    return ArticleRef(str(value(row["a"])), value(row.get("aid")), value(row.get("title")), value(row.get("issued")))


# Minted IRIs say what they name (…/person/…, …/org/…, …/agent/…/…). Reading the kind from the IRI
# spares a type lookup that the union of article graphs repeats once per article naming the agent.
_KIND_SEGMENTS = (("person", "person"), ("org", "organization"), ("agent", "agent"))


def kind_of(iri: str) -> str | None:
    parts = iri.split("/")
    for segment, kind in _KIND_SEGMENTS:
        if segment in parts[-3:-1]:
            return kind
    return None


def agent_ref(iri: str, label: str | None, kind: str | None = None) -> Ref:
    return Ref(iri, label or iri.rsplit("/", 1)[-1], AGENT_KINDS.get(kind or "") or kind_of(iri))


def merge_ref(old: Ref | None, new: Ref) -> Ref:
    """Rows repeat a node once per label or type: keep one stable choice (least label, a known kind)."""
    if old is None or old.iri != new.iri:
        return new
    return Ref(old.iri, min(old.label, new.label), old.kind or new.kind)


def claim_summaries(store: KGStore, match: str, x: ox.NamedNode) -> list[ClaimSummary]:
    """The claims ``match`` finds for node ``x`` (it binds ?c from ?x), in article order."""
    claims: dict[str, ClaimSummary] = {}
    for row in store.select(CLAIM_ROWS.replace("{match}", match), x=x):
        iri = str(value(row["c"]))
        speaker = None
        if row.get("s") is not None:
            speaker = agent_ref(str(value(row["s"])), value(row["slabel"]))
        if iri in claims:
            if speaker is not None:
                claims[iri].speaker = merge_ref(claims[iri].speaker, speaker)
            continue
        begin, end = int_value(row["b"]) or 0, int_value(row["e"]) or 0
        said, stated = value(row["said"]), value(row["stated"]) == "true"
        mode = MODES.get(str(value(row["type"])), "direct")
        claims[iri] = ClaimSummary(
            iri=iri, text=str(value(row["text"])), mode=mode, direct=value(row["direct"]) == "true",
            begin=begin, end=end, anchor=anchor(begin, end),
            date=said or value(row["issued"]), date_stated=said is not None and stated,
            speaker=speaker, article=article_ref(row))
    return sorted(claims.values(), key=lambda c: (c.article.issued or "" if c.article else "",
                                                  c.article.iri if c.article else "", c.begin, c.iri))


def claim_view(store: KGStore, base: str, iri: str) -> ClaimPage | None:
    """Everything the claim page shows; None if no claim has this IRI."""
    x = ox.NamedNode(iri)
    rows = store.select(CLAIM, x=x)
    if not rows:
        return None
    row = min(rows, key=lambda r: (value(r["type"]) or "", value(r["evlabel"]) or ""))
    begin, end = int_value(row["b"]), int_value(row["e"])
    said, stated = value(row["said"]), value(row["stated"]) == "true"
    date, source = _date(said, stated, value(row["issued"]))
    mode = MODES.get(str(value(row["type"])), "direct")
    agents = _agents(store, x)
    event = row.get("ev")
    page = ClaimPage(
        iri=iri, text=str(value(row["text"])), mode=mode, mode_words=MODE_WORDS[mode],
        direct=value(row["direct"]) == "true",
        speaker=agents.get("speaker"), relayed_by=agents.get("relay"),
        cue=value(row["cue"]), cue_words=None, date=date, date_source=source,
        event=Ref(event.value, value(row["evlabel"]) or event.value.rsplit("/", 1)[-1], "event") if event else None,
        event_date=value(row["evdate"]), article=article_ref(row),
        anchor=anchor(begin, end) if begin is not None and end is not None else None)
    spans = _spans(store, x)
    if "cue" in spans:
        page.cue_words = spans["cue"][2]
    body = value(row["body"])
    if body is not None and begin is not None and end is not None:
        page.context = _passage(body, begin, end, spans, page, base)
    return page


def _date(said: str | None, stated: bool, issued: str | None) -> tuple[str | None, str | None]:
    # An unstated saidOn is the publication date copied over: call it what it is.
    if said is not None:
        return said, "stated" if stated else "publication"
    return (issued, "publication") if issued else (None, None)


def _agents(store: KGStore, x: ox.NamedNode) -> dict[str, Ref]:
    found: dict[str, Ref] = {}
    for row in store.select(AGENTS, x=x):
        role = str(value(row["role"]))
        ref = agent_ref(str(value(row["who"])), value(row["label"]))
        found[role] = merge_ref(found.get(role), ref)
    return found


SPAN_ROLES = {str(NKG.speakerMention): "speaker", str(NKG.cueMention): "cue", str(NKG.sentence): "sentence"}


def _spans(store: KGStore, x: ox.NamedNode) -> dict[str, tuple[int, int, str | None]]:
    spans: dict[str, tuple[int, int, str | None]] = {}
    for row in store.select(SPANS, x=x):
        b, e = int_value(row["b"]), int_value(row["e"])
        if b is not None and e is not None:
            spans.setdefault(SPAN_ROLES[str(value(row["rel"]))], (b, e, value(row["words"])))
    return spans


def _passage(body: str, begin: int, end: int, spans: dict[str, tuple[int, int, str | None]],
             page: ClaimPage, base: str) -> Passage:
    """The claim's sentence (or the claim) with its speaker and cue, and some words either side."""
    around = [(begin, end)] + [(b, e) for b, e, _ in spans.values()]
    lo, hi = min(s for s, _ in around), max(e for _, e in around)
    a, b = window(body, lo, hi, context=120)
    # The passage stays within its paragraph: the words before a line break belong to something else.
    a = max(a, body.rfind("\n", 0, lo) + 1)
    newline = body.find("\n", hi)
    b = min(b, newline if newline != -1 else len(body))
    marks = [Mark(begin - a, end - a, "claim", "the claim")]
    if "speaker" in spans:
        sb, se, _ = spans["speaker"]
        label = f"speaker: {page.speaker.label}" if page.speaker else "speaker"
        href = local_path(page.speaker.iri, base) if page.speaker else None
        marks.insert(0, Mark(sb - a, se - a, "speaker", label, href))
    if "cue" in spans:
        cb, ce, _ = spans["cue"]
        marks.insert(0, Mark(cb - a, ce - a, "cue", f"cue: {page.cue}" if page.cue else "cue"))
    return Passage(a, body[a:b], marks, a > 0 and body[a - 1] != "\n", b < len(body) and body[b] != "\n")
