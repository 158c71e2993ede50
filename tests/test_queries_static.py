"""The named queries in queries/: they parse, carry their header, and answer
the questions they claim to on a small hand-built store.

The store holds two invented articles about the same two ministers: a
phone call (reported by both), a planned meeting, the meeting itself, and
claims by both ministers and by a ministry.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import store_extractions
from kg.model import Claim, Entity, Event, Extraction, Mention, SourceArticle, Span
from kg.resolve.iris import Minter
from kg.store import KGStore

QUERIES = Path(__file__).resolve().parent.parent / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
PARAM_LINE = re.compile(r"^# param: \?(\w+) (iri|string|date) \S.*$")

EXPECTED_COLUMNS: dict[str, list[str]] = {
    "who-said-what-about": [
        "claim", "speaker", "speakerName", "text", "direct", "date", "article", "articleId", "title", "name",
    ],
    "person-claims-in-range": [
        "person", "personName", "claim", "text", "direct", "date", "dateStated", "article", "articleId", "title",
        "from", "to",
    ],
    "who-called-whom": [
        "call", "a", "aName", "b", "bName", "date", "medium", "status", "reports", "articles", "person",
    ],
    "timeline": ["event", "date", "kind", "label", "participants", "status", "reports", "person", "from", "to"],
    "claims-per-article": ["article", "articleId", "title", "issued", "claims", "persons"],
    "most-quoted": ["person", "name", "claims", "quotes", "articles", "from", "to"],
    "organizations-said": [
        "org", "orgName", "claim", "text", "direct", "date", "article", "articleId", "title",
    ],
}

MINTER = Minter()
BERGER = ox.NamedNode(MINTER.person("Anna Berger"))
NOVAK = ox.NamedNode(MINTER.person("Jan Novák"))
HOFFMANN = ox.NamedNode(MINTER.person("Lena Hoffmann"))
MINISTRY = ox.NamedNode(MINTER.organization("Innenministerium"))

TEXT_A = (
    "Berlin – Bundesinnenministerin Anna Berger hat am Dienstag mit dem tschechischen Innenminister "
    "Jan Novák telefoniert. „Wir werden die Kontrollen an der Grenze nicht verschärfen“, sagte Berger "
    "nach dem Gespräch. Im Januar wollen sich die beiden in Prag treffen. Das Innenministerium teilte "
    "mit, die Zusammenarbeit mit Novák sei eng und vertrauensvoll.\nFoto: Lena Hoffmann"
)
TEXT_B = (
    "Prag – Nach ihrem Telefonat am 7. Dezember haben sich Anna Berger und Jan Novák am Mittwoch in "
    "Prag getroffen. „Das Gespräch war offen und konstruktiv“, sagte Novák am Mittwoch. Berger sagte, "
    "man habe sich auf gemeinsame Streifen geeinigt."
)


def span(text: str, words: str, nth: int = 0) -> Span:
    begin = -1
    for _ in range(nth + 1):
        begin = text.index(words, begin + 1)
    return Span(begin, begin + len(words), words)


def mention(text: str, words: str, nth: int = 0, kind: str = "name") -> Mention:
    s = span(text, words, nth)
    return Mention(s.begin, s.end, s.text, kind=kind)  # type: ignore[arg-type]


def article_a() -> Extraction:
    t = TEXT_A
    src = SourceArticle(id="grenze-2021-12-07", text=t, origin="test", title="Berger telefoniert mit Novák")
    said = mention(t, "Berger", 1)
    ministry = mention(t, "Das Innenministerium", kind="org")
    return Extraction(
        article=src,
        published=date(2021, 12, 7),
        published_from="metadata",
        entities={
            "Anna Berger": Entity("Anna Berger", aliases={"Berger"}, roles={"Bundesinnenministerin"},
                                  mentions=[mention(t, "Anna Berger"), said]),
            "Jan Novák": Entity("Jan Novák", aliases={"Novák"}, roles={"Innenminister"},
                                mentions=[mention(t, "Jan Novák"), mention(t, "Novák", 1)]),
            "Innenministerium": Entity("Innenministerium", type="org", mentions=[ministry]),
            "Lena Hoffmann": Entity("Lena Hoffmann", credit_only=True,
                                    mentions=[mention(t, "Lena Hoffmann", kind="credit")]),
        },
        claims=[
            Claim(span(t, "Wir werden die Kontrollen an der Grenze nicht verschärfen"), direct=True,
                  speaker="Anna Berger", speaker_mention=said, cue="sagen", said_on="2021-12-07"),
            Claim(span(t, "die Zusammenarbeit mit Novák sei eng und vertrauensvoll"), direct=False,
                  speaker="Innenministerium", speaker_mention=ministry, cue="mitteilen"),
        ],
        events=[
            Event("call", "phone", ["Anna Berger", "Jan Novák"], span(t, "telefoniert"), date="2021-12-07"),
            Event("meeting", "meeting", ["Anna Berger", "Jan Novák"], span(t, "treffen"), date="2022-01",
                  status="planned"),
        ],
    )


def article_b() -> Extraction:
    t = TEXT_B
    src = SourceArticle(id="prag-2022-01-20", text=t, origin="test", title="Berger und Novák in Prag")
    novak_said, berger_said = mention(t, "Novák", 1), mention(t, "Berger", 1)
    return Extraction(
        article=src,
        published=date(2022, 1, 20),
        published_from="dateline",
        entities={
            "Anna Berger": Entity("Anna Berger", aliases={"Berger"},
                                  mentions=[mention(t, "Anna Berger"), berger_said]),
            "Jan Novák": Entity("Jan Novák", aliases={"Novák"}, mentions=[mention(t, "Jan Novák"), novak_said]),
        },
        claims=[
            Claim(span(t, "Das Gespräch war offen und konstruktiv"), direct=True, speaker="Jan Novák",
                  speaker_mention=novak_said, cue="sagen", said_on="2022-01-19", said_on_stated=True),
            Claim(span(t, "man habe sich auf gemeinsame Streifen geeinigt"), direct=False,
                  speaker="Anna Berger", speaker_mention=berger_said, cue="sagen"),
        ],
        events=[
            Event("call", "phone", ["Anna Berger", "Jan Novák"], span(t, "Telefonat"), date="2021-12-07"),
            Event("meeting", "meeting", ["Jan Novák", "Anna Berger"], span(t, "getroffen"), date="2022-01-19"),
        ],
    )


@pytest.fixture
def ministers() -> KGStore:
    kg = KGStore()
    for extraction in (article_a(), article_b()):
        store_extractions(kg, [extraction], MINTER)
    return kg


def run(kg: KGStore, name: str, /, **params: ox.NamedNode | ox.Literal) -> list[dict[str, str | None]]:
    """Rows of a named query as plain strings, parameters bound by substitution."""
    rows = kg.select((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), **params)
    return [{k: (None if v is None else v.value) for k, v in row.items()} for row in rows]


def day(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


# -- every file ---------------------------------------------------------------


def test_queries_cover_the_expected_files() -> None:
    assert {f.stem for f in QUERY_FILES} == set(EXPECTED_COLUMNS)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_parses_and_returns_expected_columns(path: Path) -> None:
    results = ox.Store().query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    assert [v.value for v in results.variables] == EXPECTED_COLUMNS[path.stem]


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_has_header(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(r"# title: \S.*", lines[0])
    assert re.fullmatch(r"# description: \S.*", lines[1])
    for line in lines[2:]:
        if not line.startswith("# param:"):
            break
        assert PARAM_LINE.fullmatch(line), line


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_params_are_projected_and_never_tested_with_bound(path: Path) -> None:
    # pyoxigraph substitutes only projected variables, and leaves BOUND(?p) false.
    text = path.read_text(encoding="utf-8")
    params = re.findall(r"^# param: \?(\w+)", text, flags=re.M)
    results = ox.Store().query(text)
    assert isinstance(results, ox.QuerySolutions)
    projected = {v.value for v in results.variables}
    for p in params:
        assert p in projected
        assert not re.search(rf"BOUND\(\s*\?{p}\s*\)", text, flags=re.I)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_declares_its_prefixes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for prefix in ("nkg", "rdfs", "skos", "prov", "dcterms", "xsd", "nif"):
        assert re.search(rf"^PREFIX {prefix}: <", text, flags=re.M), prefix


# -- answers on the hand-built store ---------------------------------------------


def test_who_said_what_about_unbound_lists_every_claim(ministers: KGStore) -> None:
    assert len(run(ministers, "who-said-what-about")) == 4


def test_who_said_what_about_finds_speaker_and_mentions_of_name(ministers: KGStore) -> None:
    rows = run(ministers, "who-said-what-about", name=ox.Literal("novák"))
    by_speaker = {r["speakerName"]: r for r in rows}
    assert set(by_speaker) == {"Jan Novák", "Innenministerium"}
    assert by_speaker["Jan Novák"]["date"] == "2022-01-19"
    assert by_speaker["Jan Novák"]["articleId"] == "prag-2022-01-20"
    assert by_speaker["Innenministerium"]["date"] == "2021-12-07"  # the article's date
    assert by_speaker["Innenministerium"]["direct"] == "false"


def test_who_said_what_about_finds_name_through_mention_inside_claim(ministers: KGStore) -> None:
    # The ministry's words say only "Novák"; the mention in them refers to "Jan Novák".
    rows = run(ministers, "who-said-what-about", name=ox.Literal("Jan Novák"))
    assert {r["speakerName"] for r in rows} == {"Jan Novák", "Innenministerium"}


def test_who_said_what_about_matches_speaker_alias(ministers: KGStore) -> None:
    rows = run(ministers, "who-said-what-about", name=ox.Literal("Berger"))
    assert {r["text"] for r in rows} == {
        "Wir werden die Kontrollen an der Grenze nicht verschärfen",
        "man habe sich auf gemeinsame Streifen geeinigt",
    }
    assert all(r["speaker"] == BERGER.value for r in rows)


def test_person_claims_in_range_unbound_lists_claims_of_persons_only(ministers: KGStore) -> None:
    rows = run(ministers, "person-claims-in-range")
    assert sorted(r["personName"] for r in rows) == ["Anna Berger", "Anna Berger", "Jan Novák"]


def test_person_claims_in_range_filters_by_person_and_dates(ministers: KGStore) -> None:
    rows = run(ministers, "person-claims-in-range", person=BERGER)
    assert [(r["date"], r["dateStated"]) for r in rows] == [("2021-12-07", "false"), ("2022-01-20", "false")]
    rows = run(ministers, "person-claims-in-range", person=BERGER, **{"from": day("2022-01-01")})
    assert [r["text"] for r in rows] == ["man habe sich auf gemeinsame Streifen geeinigt"]
    rows = run(ministers, "person-claims-in-range", person=BERGER, to=day("2021-12-31"))
    assert [r["date"] for r in rows] == ["2021-12-07"]
    rows = run(ministers, "person-claims-in-range", person=NOVAK, **{"from": day("2022-01-20")})
    assert rows == []


def test_person_claims_in_range_accepts_plain_string_dates(ministers: KGStore) -> None:
    rows = run(ministers, "person-claims-in-range", person=BERGER, to=ox.Literal("2021-12-31"))
    assert [r["date"] for r in rows] == ["2021-12-07"]


def test_who_called_whom_merges_the_call_reported_twice(ministers: KGStore) -> None:
    rows = run(ministers, "who-called-whom")
    assert len(rows) == 1
    row = rows[0]
    assert {row["aName"], row["bName"]} == {"Anna Berger", "Jan Novák"}
    assert (row["date"], row["medium"], row["status"], row["reports"]) == ("2021-12-07", "phone", "happened", "2")
    assert set(row["articles"].split(", ")) == {"grenze-2021-12-07", "prag-2022-01-20"}


def test_who_called_whom_filters_by_participant(ministers: KGStore) -> None:
    assert len(run(ministers, "who-called-whom", person=NOVAK)) == 1
    assert run(ministers, "who-called-whom", person=HOFFMANN) == []


def test_timeline_orders_events_by_date_with_kind_and_status(ministers: KGStore) -> None:
    rows = run(ministers, "timeline")
    assert [(r["date"], r["kind"], r["status"]) for r in rows] == [
        ("2021-12-07", "phone call", "happened"),
        ("2022-01", "meeting", "planned"),
        ("2022-01-19", "meeting", "happened"),
    ]
    assert all(set(r["participants"].split(", ")) == {"Anna Berger", "Jan Novák"} for r in rows)


def test_timeline_filters_by_person_and_range(ministers: KGStore) -> None:
    assert run(ministers, "timeline", person=HOFFMANN) == []
    rows = run(ministers, "timeline", person=BERGER, **{"from": day("2022-01-10")}, to=day("2022-01-31"))
    # The planned January meeting overlaps the range; the December call does not.
    assert [r["date"] for r in rows] == ["2022-01", "2022-01-19"]


def test_claims_per_article_counts_claims_and_named_persons(ministers: KGStore) -> None:
    rows = run(ministers, "claims-per-article")
    assert [(r["articleId"], r["issued"], r["claims"], r["persons"]) for r in rows] == [
        ("prag-2022-01-20", "2022-01-20", "2", "2"),
        ("grenze-2021-12-07", "2021-12-07", "2", "2"),  # the photographer is not counted
    ]
    assert rows[1]["title"] == "Berger telefoniert mit Novák"


def test_most_quoted_ranks_persons_by_claims(ministers: KGStore) -> None:
    rows = run(ministers, "most-quoted")
    assert [(r["name"], r["claims"], r["quotes"], r["articles"]) for r in rows] == [
        ("Anna Berger", "2", "1", "2"),
        ("Jan Novák", "1", "1", "1"),
    ]
    rows = run(ministers, "most-quoted", to=day("2021-12-31"))
    assert [(r["name"], r["claims"]) for r in rows] == [("Anna Berger", "1")]


def test_organizations_said_lists_only_organization_claims(ministers: KGStore) -> None:
    rows = run(ministers, "organizations-said")
    assert [(r["orgName"], r["text"]) for r in rows] == [
        ("Innenministerium", "die Zusammenarbeit mit Novák sei eng und vertrauensvoll"),
    ]
    assert run(ministers, "organizations-said", org=MINISTRY) == rows
    assert run(ministers, "organizations-said", org=ox.NamedNode(MINTER.organization("Kreml"))) == []
