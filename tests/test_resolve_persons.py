"""Person and event resolution as pure functions over what articles say (kg.resolve)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.resolve.events import LocalEvent, resolve_events
from kg.resolve.iris import Minter
from kg.resolve.names import fold, local_name, parse
from kg.resolve.persons import LocalPerson, PersonResolution, resolve_persons

M = Minter()
P = M.base + "person/"


def person(article: str, *names: str) -> LocalPerson:
    graph = M.article(article)
    return LocalPerson(graph, M.person(local_name(set(names))), frozenset(names))


def iri_of(res: PersonResolution, p: LocalPerson) -> str:
    return res.iri_of[(p.graph, p.iri)]


@pytest.mark.parametrize(("a", "b"), [
    ("Peskow", "Peskov"),  # ow / ov
    ("Sergej", "Sergey"), ("Sergey", "Sergei"), ("Alexej", "Aleksei"),  # ej / ey / ei, x / ks
    ("Juri", "Yuri"), ("Jurij", "Yuri"), ("Dmitrij", "Dmitry"),  # j / y, final -ij / -y
    ("Schoigu", "Shoigu"), ("Tschernenko", "Chernenko"), ("Chodorkowski", "Khodorkovsky"),  # sch / sh, kh
    ("Wladimir", "Vladimir"), ("Gunejew", "Guneyev"), ("Müller", "Mueller"), ("Figeľ", "Figel"),
    ("Janukowytsch", "Janukowitsch"), ("Siegmar", "Sigmar"), ("Dmitriew", "Dmitriev"),
])
def test_names_fold_joins_transliteration_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Hans", "Hanna"), ("Anna", "Hanna"), ("Meier", "Müller"), ("Peskow", "Pesko")])
def test_names_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_names_parse_ignores_middle_names_titles_and_particles() -> None:
    assert (parse("Dmitri Sergejewitsch Peskow").given, parse("Dmitri Sergejewitsch Peskow").surname) == (
        "dmitri", "peskov")
    assert parse("Dr. Anna Müller").given == "ana"
    assert parse("Ursula von der Leyen").surname == parse("Leyen").surname
    assert parse("W. Putin").initial and not parse("W. Putin").full
    assert parse("Peskow").given is None


def test_names_local_name_prefers_the_usual_full_form() -> None:
    assert local_name({"Putin", "Wladimir Putin", "Wladimir Wladimirowitsch Putin"}) == "Wladimir Putin"
    assert local_name({"Peskow"}) == "Peskow"


@pytest.mark.parametrize("variant", ["Dmitry Peskov", "Dmitri Sergejewitsch Peskow", "Dmitrij Peskow"])
def test_persons_full_name_variants_are_one_node(variant: str) -> None:
    a, b = person("a", "Dmitri Peskow", "Peskow"), person("b", variant)
    res = resolve_persons([a, b], M)
    assert iri_of(res, a) == iri_of(res, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Dmitri Peskow", "Dmitri Peskov"),  # ow / ov
    ("Sergej Lawrow", "Sergey Lawrow"), ("Sergey Lawrow", "Sergei Lawrow"), ("Sergej Lawrow", "Sergei Lawrow"),
    ("Juri Uschakow", "Yuri Uschakow"),  # j / y
    ("Sergej Schoigu", "Sergej Shoigu"),  # sch / sh
    ("Dmitri Peskow", "Dmitri Sergejewitsch Peskow"),  # middle name
    ("Viktor Janukowitsch", "Viktor Janukowytsch"),
])
def test_persons_each_variant_rule_merges_across_articles(a: str, b: str) -> None:
    first, second = person("a", a), person("b", b)
    res = resolve_persons([first, second], M)
    assert iri_of(res, first) == iri_of(res, second)
    (cluster,) = res.clusters
    assert cluster.names() == {a, b}  # each surface form stays, as skos:altLabel
    # Built alone, the second spelling had an IRI of its own; unless it named the node, it now redirects.
    assert set(res.aliases) <= {M.person(a), M.person(b)} and len(res.aliases) == 1


def test_persons_bare_surname_joins_the_one_full_name() -> None:
    full, bare = person("a", "Dmitri Peskow", "Peskow"), person("b", "Peskov")
    res = resolve_persons([full, bare], M)
    assert iri_of(res, bare) == iri_of(res, full) == P + "dmitri-peskow"
    # The IRI the bare name had while it stood alone now redirects.
    assert res.aliases == {P + "peskov": P + "dmitri-peskow"}


def test_persons_genitive_name_form_is_not_a_new_surname() -> None:
    full, gen = person("a", "Wladimir Putin"), person("b", "Putin", "Putins")
    res = resolve_persons([full, gen], M)
    assert iri_of(res, gen) == iri_of(res, full)
    alone = resolve_persons([gen], M)
    assert [c.label for c in alone.clusters] == ["Putin"]


def test_persons_genitive_full_name_in_another_article_is_the_same_person() -> None:
    full, gen = person("a", "Barack Obama"), person("b", "Barack Obamas")
    res = resolve_persons([full, gen], M)
    assert iri_of(res, gen) == iri_of(res, full) == P + "barack-obama"
    # Without the base form in the store, a surname ending in -s is a surname.
    assert [c.label for c in resolve_persons([gen], M).clusters] == ["Barack Obamas"]


def test_persons_bare_word_that_is_also_a_given_name_is_only_a_candidate() -> None:
    # "Thomas" alone may be the first name of someone else in the store, so it is not merged blindly.
    sven, thomas, bare = person("a", "Sven Thomas"), person("b", "Thomas Weber"), person("c", "Thomas")
    res = resolve_persons([sven, thomas, bare], M)
    assert iri_of(res, bare) not in {iri_of(res, sven), iri_of(res, thomas)}
    assert _close(res, bare, sven)
    assert iri_of(resolve_persons([sven, bare], M), bare) == P + "sven-thomas"


def _close(res: PersonResolution, a: LocalPerson, b: LocalPerson) -> bool:
    return tuple(sorted((iri_of(res, a), iri_of(res, b)))) in res.close


def test_persons_two_near_parts_are_no_candidate() -> None:
    kerry, key = person("a", "John Kerry"), person("b", "John Key")
    josef, joseph = person("c", "Josef Ratzinger"), person("d", "Joseph Ratzinger")
    res = resolve_persons([kerry, key, josef, joseph], M)
    assert not _close(res, kerry, key)  # a near surname alone is not enough for very short names
    assert iri_of(res, josef) != iri_of(res, joseph) and _close(res, josef, joseph)


def test_persons_mueller_case_keeps_two_people_and_an_ambiguous_surname_apart() -> None:
    hans, anna, bare = person("a", "Hans Müller", "Müller"), person("b", "Anna Müller"), person("c", "Müller")
    res = resolve_persons([hans, anna, bare], M)
    iris = {iri_of(res, hans), iri_of(res, anna), iri_of(res, bare)}
    assert iris == {P + "hans-mueller", P + "anna-mueller", P + "mueller"}
    # The bare surname is recorded as a candidate for both, not merged blindly.
    assert {(P + "anna-mueller", P + "mueller"), (P + "hans-mueller", P + "mueller")} <= res.close


def test_persons_initial_joins_only_the_full_name_it_fits() -> None:
    hans, anna, initial = person("a", "Hans Müller"), person("b", "Anna Müller"), person("c", "A. Müller")
    res = resolve_persons([hans, anna, initial], M)
    assert iri_of(res, initial) == iri_of(res, anna) != iri_of(res, hans)


def test_persons_one_article_joining_two_spellings_joins_them_everywhere() -> None:
    joe, joseph = person("a", "Joe Biden"), person("b", "Joseph Biden")
    both = person("c", "Joe Biden", "Joseph Biden")
    assert iri_of(resolve_persons([joe, joseph], M), joe) != iri_of(resolve_persons([joe, joseph], M), joseph)
    res = resolve_persons([joe, joseph, both], M)
    assert iri_of(res, joe) == iri_of(res, joseph) == iri_of(res, both)


def test_persons_label_is_the_form_most_articles_use() -> None:
    people = [person("a", "Wladimir Putin"), person("b", "Wladimir Putin"), person("c", "Vladimir Putin")]
    res = resolve_persons(people, M)
    assert [c.label for c in res.clusters] == ["Wladimir Putin"]
    assert res.aliases == {P + "vladimir-putin": P + "wladimir-putin"}


def test_persons_look_alike_names_are_candidates_not_merged() -> None:
    a, b = person("a", "Wolodymyr Selenskyj"), person("b", "Wolodymyr Selensky")
    res = resolve_persons([a, b], M)
    assert iri_of(res, a) != iri_of(res, b)
    assert res.close == {tuple(sorted((iri_of(res, a), iri_of(res, b))))}


def test_persons_different_people_with_one_name_get_distinct_iris_only_by_name() -> None:
    # Same full name is one person; the suffix only serves the rare same-slug collision.
    a, b = person("a", "Hans Müller"), person("b", "Hans Mueller")
    res = resolve_persons([a, b], M)
    assert iri_of(res, a) == iri_of(res, b)


NAMES = ["Dmitri Peskow", "Peskov", "Dmitry Peskov", "Hans Müller", "Anna Müller", "Müller", "A. Müller",
         "Wladimir Putin", "Putin", "Vladimir Putin", "Joe Biden", "Biden", "Wolodymyr Selenskyj"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sets(st.sampled_from(NAMES), min_size=1, max_size=2)),
                min_size=1, max_size=8, unique_by=lambda t: (t[0], frozenset(t[1]))), st.randoms())
def test_persons_result_does_not_depend_on_input_order(items: list, rnd: random.Random) -> None:
    people = list({person(a, *names) for a, names in items})
    first = resolve_persons(people, M)
    rnd.shuffle(people)
    second = resolve_persons(people, M)
    assert first.iri_of == second.iri_of and first.aliases == second.aliases and first.close == second.close
    assert [(c.iri, c.label) for c in first.clusters] == [(c.iri, c.label) for c in second.clusters]


def _event(article: str, date: str | None, status: str = "happened", kind: str = "call") -> LocalEvent:
    people = frozenset({P + "joe-biden", P + "wladimir-putin"})
    return LocalEvent(M.article(article), f"{M.base}event/local-{article}", kind, date, people, status, "video")


def test_events_planned_and_happened_same_day_are_one_event_that_happened() -> None:
    res = resolve_events([_event("a", "2021-12-30", "planned"), _event("b", "2021-12-30")], {}, M)
    assert list(res.events) == [f"{M.base}event/2021-12-30-call-joe-biden-wladimir-putin"]
    (ev,) = res.events.values()
    assert ev.status == "happened" and ev.graphs == {M.article("a"), M.article("b")}


def test_events_other_day_kind_or_undated_stay_apart() -> None:
    res = resolve_events([_event("a", "2021-12-30"), _event("b", "2021-12-07"), _event("c", "2021-12-30",
                          kind="meeting"), _event("d", None), _event("e", None)], {}, M)
    assert len(res.events) == 5


def test_events_participants_are_the_resolved_persons() -> None:
    local = LocalEvent(M.article("a"), M.base + "event/x", "call", "2021-12-30",
                       frozenset({P + "biden", P + "wladimir-putin"}), "happened", "phone")
    res = resolve_events([local], {(M.article("a"), P + "biden"): P + "joe-biden"}, M)
    assert list(res.events) == [f"{M.base}event/2021-12-30-call-joe-biden-wladimir-putin"]


def test_events_label_says_call_when_reports_disagree_on_the_medium() -> None:
    phone = _event("a", "2021-12-30")
    video = LocalEvent(M.article("b"), phone.iri, "call", "2021-12-30", phone.participants, "happened", "phone")
    (ev,) = resolve_events([phone, video], {}, M).events.values()
    assert ev.label({}).startswith("Gespräch:")
    (one,) = resolve_events([phone], {}, M).events.values()
    assert one.label({}).startswith("Videogespräch:")
