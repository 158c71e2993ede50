"""Resolution cases through the real extractor and store: the Müller case, a rebuilt article
that no longer names a merged person, and claims said during an event merged across articles.

All texts are invented German news written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from conftest import nquads

from kg.build import build
from kg.extract import Extractor
from kg.resolve.iris import Minter
from kg.store import KGStore

M = Minter()

HANS = ("Hamburg (dpa) – Der Hamburger Hafenchef Hans Müller hat höhere Gebühren für Kreuzfahrtschiffe "
        "angekündigt. „Die Stadt muss die Kosten nicht allein tragen“, sagte Müller am Donnerstag.\n")
ANNA = ("Stuttgart (dpa) – Die baden-württembergische Verkehrsministerin Anna Müller will mehr Radwege bauen "
        "lassen. Müller sagte am Freitag, das Land investiere dafür 40 Millionen Euro.\n")
BARE = ("Kiel (dpa) – Der CDU-Politiker Müller kritisierte die Pläne. Müller sagte, die Reedereien müssten "
        "ihren Beitrag leisten.\n")
PESKOW = ("Moskau (dpa) – Kremlsprecher Dmitri Peskow sagte am Montag, die Gespräche mit Kiew seien festgefahren. "
          "Peskow fügte hinzu, Russland bleibe offen für Verhandlungen.\n")
PESKOV = ("Moskau (AFP) – Der Kreml hat die neuen Sanktionen scharf kritisiert. Peskov sagte, die Maßnahmen "
          "seien „ein unfreundlicher Akt“.\n")
# The same article after an edit: the Kremlin spokesman is gone, an economist speaks instead.
PESKOW_EDITED = ("Moskau (dpa) – Die Ökonomin Irina Sokolowa sagte am Montag, die Gespräche mit Kiew seien "
                 "festgefahren. Sokolowa fügte hinzu, die Wirtschaft leide darunter.\n")


def write(folder: Path, name: str, text: str, published: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if published:
        path.with_suffix(".json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return path


def persons(store: KGStore) -> set[str]:
    return {r["p"].value for r in store.select("SELECT DISTINCT ?p WHERE { ?p a nkg:Person }")}


def alt_labels(store: KGStore, iri: str) -> set[str]:
    rows = store.select("SELECT ?p ?n WHERE { ?p skos:altLabel ?n }", p=ox.NamedNode(iri))
    return {r["n"].value for r in rows}


def test_resolve_mueller_two_people_and_a_bare_surname_stay_three_nodes(extractor: Extractor,
                                                                        tmp_path: Path) -> None:
    store = KGStore()
    build([write(tmp_path, n, t) for n, t in (("hans", HANS), ("anna", ANNA), ("bare", BARE))], store,
          extractor=extractor)
    hans, anna, bare = M.person("Hans Müller"), M.person("Anna Müller"), M.person("Müller")
    assert persons(store) == {hans, anna, bare}
    assert alt_labels(store, hans) == {"Hans Müller", "Müller"}
    assert alt_labels(store, anna) == {"Anna Müller", "Müller"}
    speakers = store.select("SELECT ?p ?g WHERE { GRAPH ?g { ?p nkg:said ?c } }")
    assert {(r["p"].value, r["g"].value) for r in speakers} == {
        (hans, M.article("hans")), (anna, M.article("anna")), (bare, M.article("bare"))}
    close = store.select("SELECT ?a ?b WHERE { ?a skos:closeMatch ?b }")
    assert {(r["a"].value, r["b"].value) for r in close} == {(bare, hans), (hans, bare), (bare, anna), (anna, bare)}


def test_resolve_mueller_bare_surname_splits_off_when_a_second_mueller_arrives(extractor: Extractor,
                                                                               tmp_path: Path) -> None:
    hans, anna, bare = write(tmp_path, "hans", HANS), write(tmp_path, "anna", ANNA), write(tmp_path, "bare", BARE)
    store = KGStore()
    build([hans, bare], store, extractor=extractor)
    assert persons(store) == {M.person("Hans Müller")}  # the one Müller that fits
    build([anna], store, extractor=extractor)
    fresh = KGStore()
    build([hans, anna, bare], fresh, extractor=extractor)
    assert nquads(store) == nquads(fresh)


def test_resolve_rebuilt_article_leaves_no_orphan_of_the_merged_node(extractor: Extractor, tmp_path: Path) -> None:
    full, bare = write(tmp_path / "in", "full", PESKOW), write(tmp_path / "in", "bare", PESKOV)
    store = KGStore()
    build([full, bare], store, extractor=extractor)
    assert M.person("Dmitri Peskow") in persons(store)
    edited = write(tmp_path / "in", "full", PESKOW_EDITED)
    build([edited], store, extractor=extractor)  # only the edited article
    after = nquads(store)
    assert not any("dmitri-peskow" in line for line in after)
    assert persons(store) == {M.person("Peskov"), M.person("Irina Sokolowa")}
    assert alt_labels(store, M.person("Peskov")) == {"Peskov"}
    fresh = KGStore()
    build([edited, bare], fresh, extractor=extractor)
    assert after == nquads(fresh)


def test_resolve_claim_said_during_points_to_the_merged_event(extractor: Extractor, tmp_path: Path) -> None:
    # The report names both only by surname, so its own event IRI differs from the merged one.
    planned = write(tmp_path, "angekuendigt", "Berlin – Bundeskanzlerin Sabine Hartmann wird am Mittwoch mit dem "
                    "polnischen Ministerpräsidenten Tomasz Nowicki telefonieren, teilte ein Regierungssprecher "
                    "mit.\n", "2025-06-02")
    report = write(tmp_path, "bericht", "Berlin – Kanzlerin Hartmann hat am Mittwoch mit Ministerpräsident Nowicki "
                   "telefoniert. In dem Gespräch sagte Hartmann, die Grenzkontrollen müssten bald enden.\n",
                   "2025-06-04")
    store = KGStore()
    build([planned, report], store, extractor=extractor)
    merged = M.event("call", "2025-06-04", ["sabine-hartmann", "tomasz-nowicki"], "")
    local = M.event("call", "2025-06-04", ["hartmann", "nowicki"], "bericht")
    during = store.select("SELECT ?g ?e WHERE { GRAPH ?g { ?c nkg:saidDuring ?e } }")
    assert [(r["g"].value, r["e"].value) for r in during] == [(M.article("bericht"), merged)]
    sources = store.select("SELECT ?e ?a WHERE { ?e prov:wasDerivedFrom ?a }", e=ox.NamedNode(merged))
    assert {r["a"].value for r in sources} == {M.article("angekuendigt"), M.article("bericht")}
    # The report's own IRI survives only as a redirect.
    assert [line for line in nquads(store) if f"<{local}>" in line] == [
        f"<{local}> <http://www.w3.org/2002/07/owl#sameAs> <{merged}> <{M.resolution_graph()}> ."]
