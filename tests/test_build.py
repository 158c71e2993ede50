"""``kg build`` end to end: every input format, site chrome, rebuilds, bad input.

The articles are invented German news text written for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import Result
from conftest import fail_on

from kg.store import KGStore

Kg = Callable[..., Result]

SCHULE_TEXT = (
    "Stuttgart. Kultusministerin Helga Sommer hat eine umfassende Reform der Grundschulen angekündigt. "
    "„Jedes Kind verdient die gleichen Chancen“, sagte Sommer am Montag im Landtag. "
    "Die Opposition kritisierte die Pläne als unausgegoren.\n"
)
SCHULE_META = {
    "published": "2025-04-01",
    "title": "Sommer kündigt Schulreform an",
    "source": "Schwäbische Abendpost",
    "url": "https://example.org/bildung/2025/04/01/schulreform",
    "language": "de",
}
BRUECKE_TEXT = (
    "Dresden, 02.04.2025 – Oberbürgermeister Jens Hoffmann hat die Sanierung der Carolabrücke zur Chefsache "
    "erklärt. „Wir werden keine Zeit mehr verlieren“, sagte Hoffmann am Mittwoch vor Journalisten. "
    "Die Arbeiten sollen im Sommer beginnen.\n"
)
FEED = [
    {
        "id": "2025-04-03-bahnstreik",
        "text": "Frankfurt. Die Lokführergewerkschaft hat für Donnerstag einen Warnstreik angekündigt. "
        "„Die Geduld unserer Mitglieder ist am Ende“, sagte Gewerkschaftschef Rainer Vogt am Mittwoch.",
        "published": "2025-04-03",
        "title": "Lokführer streiken am Donnerstag",
    },
    {
        "id": "2025-04-04-hochwasser",
        "text": "Passau. Nach tagelangem Regen steigt die Donau weiter an. "
        "„Wir sind auf alles vorbereitet“, sagte Landrat Georg Huber am Freitag in Passau.",
        "published": "2025-04-04",
    },
]
HTML_PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Kieler Werft erhält Großauftrag | Ostsee-Kurier</title>
  <meta property="og:title" content="Kieler Werft erhält Großauftrag">
  <meta property="og:type" content="article">
  <meta property="og:url" content="https://example.org/ostsee-kurier/wirtschaft/werft-grossauftrag">
  <meta property="og:site_name" content="Ostsee-Kurier">
  <meta property="article:published_time" content="2025-04-05T08:15:00+02:00">
</head>
<body>
  <header><nav><a href="/">Startseite</a> <a href="/abo">Abonnieren</a></nav></header>
  <main>
    <article>
      <h1>Kieler Werft erhält Großauftrag</h1>
      <p>Die Kieler Nordmark-Werft hat einen Auftrag über vier Fregatten erhalten. Der Vertrag wurde am
      Freitag in Kiel unterzeichnet, wie das Unternehmen mitteilte.</p>
      <p>„Dieser Auftrag sichert Hunderte Arbeitsplätze für viele Jahre“, sagte Werftchefin Ingrid Paulsen
      nach der Unterzeichnung. Die ersten Schiffe sollen im Jahr 2029 ausgeliefert werden.</p>
      <p>Auch die Landesregierung zeigte sich erfreut über die Entscheidung der Marine. Die Werft
      beschäftigt derzeit rund 1.800 Menschen an zwei Standorten in Schleswig-Holstein.</p>
    </article>
  </main>
  <footer><p>© 2025 Ostsee-Kurier. Alle Rechte vorbehalten.</p></footer>
</body>
</html>
"""
# Every chrome line carries a name and a quote; only the prose between them is news.
CHROME_ARTICLE = """\
Abonnieren Sie unseren Newsletter: „Bleiben Sie immer informiert“, sagt Chefredakteur Holger Brandes.
Registrierung erfolgreich abgeschlossen! „Willkommen an Bord“, sagte Redakteurin Mareike Stolz.
Abonnieren

Hamburg, 08.04.2025 – Wirtschaftssenatorin Petra Lorenz hat den Ausbau des Containerterminals in Waltershof \
angekündigt. „Der Hafen bleibt das Herz unserer Stadt“, sagte Lorenz am Dienstag im Rathaus.

Der Vorsitzende der Hafenwirtschaft, Bernd Ohlsen, begrüßte die Pläne. „Darauf haben wir lange gewartet“, \
sagte Ohlsen.

Wladimir Petrow: «Это решение примут только после выборов в городской совет», сказал он журналистам.
Kommentare (3)
"""
CHROME_NAMES = ("Holger Brandes", "Mareike Stolz", "Wladimir Petrow")
CHROME_QUOTES = ("Bleiben Sie immer informiert", "Willkommen an Bord", "Это решение")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def build(kg: Kg, store: Path, *inputs: Path) -> Result:
    result = kg("build", *inputs, "--store", store)
    assert result.exit_code == 0, result.output
    return result


def article_facts(store: KGStore, article_id: str) -> dict[str, ox.Term]:
    rows = store.select(
        """SELECT ?id ?issued ?from ?title ?publisher ?source ?language WHERE {
             ?a a nkg:Article ; dcterms:identifier ?id .
             OPTIONAL { ?a dcterms:issued ?issued } OPTIONAL { ?a nkg:publishedFrom ?from }
             OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:publisher ?publisher }
             OPTIONAL { ?a dcterms:source ?source } OPTIONAL { ?a dcterms:language ?language } }""",
        id=ox.Literal(article_id),
    )
    assert len(rows) == 1, f"article {article_id!r} is not in the store exactly once: {rows}"
    return {k: v for k, v in rows[0].items() if v is not None and k != "id"}


def claims(store: KGStore, article_id: str | None = None) -> set[tuple[str | None, str]]:
    """(speaker label or None, claim text) of every claim, or of one article's."""
    rows = store.select(
        """SELECT DISTINCT ?c ?who ?text ?id WHERE {
             ?c a nkg:Claim ; nkg:text ?text ; prov:wasDerivedFrom ?a . ?a dcterms:identifier ?id .
             OPTIONAL { ?s nkg:said ?c ; rdfs:label ?who } }"""
    )
    return {
        (r["who"].value if r["who"] else None, r["text"].value)
        for r in rows
        if article_id is None or r["id"].value == article_id
    }


def said(store: KGStore, speaker: str, words: str, article_id: str | None = None) -> bool:
    return any(who == speaker and words in text for who, text in claims(store, article_id))


def persons(store: KGStore) -> set[str]:
    return {r["l"].value for r in store.select("SELECT DISTINCT ?l WHERE { ?p a nkg:Person ; rdfs:label ?l }")}


def date_of(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


def sorted_nquads(kg: Kg, store: Path) -> list[str]:
    result = kg("export", "--store", store, "--format", "nquads", "--output", "-")
    assert result.exit_code == 0, result.output
    return sorted(line for line in result.stdout.splitlines() if line.strip())


# -- each input format --------------------------------------------------------------------------


def test_build_txt_sidecar_metadata_lands_as_dcterms(kg: Kg, tmp_path: Path) -> None:
    write(tmp_path / "in", "2025-04-01-schulreform.txt", SCHULE_TEXT)
    write(tmp_path / "in", "2025-04-01-schulreform.json", json.dumps(SCHULE_META, ensure_ascii=False))
    build(kg, tmp_path / "store", tmp_path / "in")

    store = KGStore(tmp_path / "store", read_only=True)
    facts = article_facts(store, "2025-04-01-schulreform")
    assert facts["issued"] == date_of("2025-04-01")
    assert facts["from"] == ox.Literal("metadata")
    assert facts["title"] == ox.Literal("Sommer kündigt Schulreform an", language="de")
    assert facts["publisher"] == ox.Literal("Schwäbische Abendpost")
    assert facts["source"] == ox.Literal(
        SCHULE_META["url"], datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI")
    )
    assert facts["language"] == ox.Literal("de")
    assert said(store, "Helga Sommer", "Jedes Kind verdient die gleichen Chancen")


def test_build_txt_without_sidecar_dates_from_dateline(kg: Kg, tmp_path: Path) -> None:
    write(tmp_path / "in", "brueckensanierung.txt", BRUECKE_TEXT)
    build(kg, tmp_path / "store", tmp_path / "in" / "brueckensanierung.txt")

    store = KGStore(tmp_path / "store", read_only=True)
    facts = article_facts(store, "brueckensanierung")
    assert facts["issued"] == date_of("2025-04-02")
    assert facts["from"] == ox.Literal("dateline")
    assert "title" not in facts and "publisher" not in facts
    assert said(store, "Jens Hoffmann", "Wir werden keine Zeit mehr verlieren")


def test_build_jsonl_two_records_become_two_articles(kg: Kg, tmp_path: Path) -> None:
    feed = write(tmp_path, "feed.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in FEED))
    result = build(kg, tmp_path / "store", feed)
    assert "built 2 articles" in result.stdout

    store = KGStore(tmp_path / "store", read_only=True)
    bahn, flut = article_facts(store, "2025-04-03-bahnstreik"), article_facts(store, "2025-04-04-hochwasser")
    assert bahn["issued"] == date_of("2025-04-03")
    assert bahn["title"] == ox.Literal("Lokführer streiken am Donnerstag", language="de")
    assert flut["issued"] == date_of("2025-04-04")
    assert said(store, "Rainer Vogt", "Die Geduld unserer Mitglieder ist am Ende", "2025-04-03-bahnstreik")
    assert said(store, "Georg Huber", "Wir sind auf alles vorbereitet", "2025-04-04-hochwasser")


def test_build_html_page_metadata_and_prose(kg: Kg, tmp_path: Path) -> None:
    write(tmp_path / "in", "werft-grossauftrag.html", HTML_PAGE)
    build(kg, tmp_path / "store", tmp_path / "in")

    store = KGStore(tmp_path / "store", read_only=True)
    facts = article_facts(store, "werft-grossauftrag")
    assert facts["issued"] == date_of("2025-04-05")
    assert facts["title"] == ox.Literal("Kieler Werft erhält Großauftrag", language="de")
    assert facts["publisher"] == ox.Literal("Ostsee-Kurier")
    assert facts["source"].value == "https://example.org/ostsee-kurier/wirtschaft/werft-grossauftrag"
    assert said(store, "Ingrid Paulsen", "Dieser Auftrag sichert Hunderte Arbeitsplätze")


# -- site chrome --------------------------------------------------------------------------------


def test_build_boilerplate_lines_yield_no_person_or_claim(kg: Kg, tmp_path: Path) -> None:
    write(tmp_path / "in", "2025-04-08-hafen.txt", CHROME_ARTICLE)
    build(kg, tmp_path / "store", tmp_path / "in")

    store = KGStore(tmp_path / "store", read_only=True)
    names, found = persons(store), claims(store)
    assert not names & set(CHROME_NAMES)
    assert not [text for _, text in found if any(q in text for q in CHROME_QUOTES)]
    assert not [who for who, _ in found if who in CHROME_NAMES]
    # The prose between the chrome lines is still read.
    assert {"Petra Lorenz", "Bernd Ohlsen"} <= names
    assert said(store, "Petra Lorenz", "Der Hafen bleibt das Herz unserer Stadt")
    assert said(store, "Bernd Ohlsen", "Darauf haben wir lange gewartet")


def test_build_reader_comments_after_comment_count_yield_no_claim(kg: Kg, tmp_path: Path) -> None:
    comments = (
        "Uwe Krämer schrieb am 08.04.2025 um 14:10:\n„Das ist doch alles Geldverschwendung“, sagte Günter Pahl.\n"
    )
    write(tmp_path / "in", "2025-04-08-hafen.txt", CHROME_ARTICLE + comments)
    build(kg, tmp_path / "store", tmp_path / "in")

    store = KGStore(tmp_path / "store", read_only=True)
    assert "Günter Pahl" not in persons(store)
    assert not [text for _, text in claims(store) if "Geldverschwendung" in text]


# -- rebuilding ---------------------------------------------------------------------------------


def _corpus(folder: Path) -> Path:
    write(folder, "2025-04-01-schulreform.txt", SCHULE_TEXT)
    write(folder, "2025-04-01-schulreform.json", json.dumps(SCHULE_META, ensure_ascii=False))
    write(folder, "brueckensanierung.txt", BRUECKE_TEXT)
    write(folder, "feed.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in FEED))
    return folder


def test_build_twice_gives_the_same_quads(kg: Kg, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    build(kg, tmp_path / "store", corpus)
    first = sorted_nquads(kg, tmp_path / "store")
    build(kg, tmp_path / "store", corpus)
    second = sorted_nquads(kg, tmp_path / "store")
    assert len(first) > 50
    assert first == second


def test_build_after_edit_replaces_the_article_graph(kg: Kg, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    build(kg, tmp_path / "store", corpus)
    before = sorted_nquads(kg, tmp_path / "store")
    assert any("Jedes Kind verdient" in line for line in before)

    edited = SCHULE_TEXT.replace(
        "Jedes Kind verdient die gleichen Chancen", "Bildung darf nicht vom Geldbeutel abhängen"
    )
    write(corpus, "2025-04-01-schulreform.txt", edited)
    build(kg, tmp_path / "store", corpus)
    after = sorted_nquads(kg, tmp_path / "store")

    assert not any("Jedes Kind verdient" in line for line in after)
    assert any("Bildung darf nicht vom Geldbeutel" in line for line in after)
    # Exactly what a fresh build of the edited folder holds: nothing stale, nothing twice.
    build(kg, tmp_path / "fresh", corpus)
    assert after == sorted_nquads(kg, tmp_path / "fresh")
    store = KGStore(tmp_path / "store", read_only=True)
    sommer = [text for who, text in claims(store, "2025-04-01-schulreform") if who == "Helga Sommer"]
    assert "Bildung darf nicht vom Geldbeutel abhängen" in sommer
    assert not any("Jedes Kind" in text for text in sommer)


# -- bad input ----------------------------------------------------------------------------------


def test_build_bad_files_are_listed_and_good_ones_built(kg: Kg, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "leer.txt", "")
    good, broken = json.dumps(FEED[0], ensure_ascii=False), '{"id": "kaputt", "text": '
    write(folder, "feed.jsonl", f"{good}\n{broken}\n")
    write(folder, "brueckensanierung.txt", BRUECKE_TEXT)

    result = kg("build", folder, "--store", tmp_path / "store")

    assert result.exit_code == 1
    assert "built 2 articles" in result.stdout
    assert "2 problems" in result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith("  problem")]
    assert len(problems) == 2
    assert any("leer.txt" in p and "empty" in p for p in problems)
    assert any("feed.jsonl:2" in p and "JSON" in p for p in problems)
    assert "Traceback" not in result.output
    store = KGStore(tmp_path / "store", read_only=True)
    ids = {r["id"].value for r in store.select("SELECT ?id WHERE { ?a a nkg:Article ; dcterms:identifier ?id }")}
    assert ids == {"2025-04-03-bahnstreik", "brueckensanierung"}


def test_build_missing_path_is_a_problem_not_a_crash(kg: Kg, tmp_path: Path) -> None:
    result = kg("build", tmp_path / "gibt-es-nicht", "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "no such file or folder" in result.stderr


def test_build_summary_triples_match_store_quads(kg: Kg, tmp_path: Path) -> None:
    result = build(kg, tmp_path / "store", _corpus(tmp_path / "in"))
    store = KGStore(tmp_path / "store", read_only=True)
    assert f": {len(store.ox)} triples," in result.stdout


def test_build_rule_bug_skips_one_article_keeps_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.build import build as run_build

    write(tmp_path, "gut.txt", BRUECKE_TEXT)
    write(tmp_path, "schlecht.txt", SCHULE_TEXT)
    fail_on(monkeypatch, "schlecht", IndexError("list index out of range"))
    store = KGStore()
    summary = run_build([tmp_path], store)
    assert (summary.articles, summary.failed) == (1, 1)
    assert "schlecht.txt" in str(summary.errors[0]) and "IndexError" in str(summary.errors[0])
    assert any("gut" in row["id"].value for row in store.select(
        "SELECT ?id WHERE { GRAPH ?g { ?a dcterms:identifier ?id } }"))
