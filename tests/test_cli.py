"""``kg query``, ``kg stats`` and ``kg remove`` through click's test runner.

Queries and stats read the session's example store; ``remove`` works on a copy
of a small store built here from invented German articles.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kg.store import KGStore

Kg = Callable[..., Result]

QUERIES = Path(__file__).resolve().parent.parent / "queries"
EXAMPLE_IDS = [
    "2025-03-11-telefonat-hartmann-dubois",
    "2025-03-12-dubois-hartmann-telefongespraech",
    "2025-03-12-nordwind-stellenabbau",
    "2025-03-12-weber-warschau",
    "2025-03-13-kreml-weist-vorwuerfe-zurueck",
    "2025-03-14-limmattal-alstertal",
    "2025-03-14-roth-empfaengt-brenner",
    "2025-03-15-videokonferenz-weimarer-dreieck",
    "2025-03-17-weber-marchand-telefonat",
    "2025-03-18-brandt-verletzung",
    "2025-03-19-regierungserklaerung-hartmann",
    "2025-03-21-eu-gipfel-bruessel",
]
PREFIXES = (
    "PREFIX nkg: <https://w3id.org/newskg/ns#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
)
IDS_QUERY = PREFIXES + "SELECT ?id WHERE { ?a a nkg:Article ; dcterms:identifier ?id } ORDER BY ?id"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def count(kg: Kg, store: Path, pattern: str) -> int:
    sparql = PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"
    body = json.loads(ok(kg("query", "--store", store, "-e", sparql, "--format", "json")).stdout)
    return int(body["results"]["bindings"][0]["n"]["value"])


# -- kg query -----------------------------------------------------------------------------------


def test_query_expression_table_lists_rows(kg: Kg, example_store_path: Path) -> None:
    lines = ok(kg("query", "--store", example_store_path, "-e", IDS_QUERY)).stdout.splitlines()
    assert lines[0].strip() == "id"
    assert set(lines[1]) == {"-"}
    assert [line.strip() for line in lines[2:-1]] == EXAMPLE_IDS
    assert lines[-1] == f"({len(EXAMPLE_IDS)} rows)"


def test_query_expression_json_is_sparql_results(kg: Kg, example_store_path: Path) -> None:
    body = json.loads(ok(kg("query", "--store", example_store_path, "-e", IDS_QUERY, "--format", "json")).stdout)
    assert body["head"]["vars"] == ["id"]
    assert [b["id"]["value"] for b in body["results"]["bindings"]] == EXAMPLE_IDS


def test_query_expression_csv_has_header_and_rows(kg: Kg, example_store_path: Path) -> None:
    out = ok(kg("query", "--store", example_store_path, "-e", IDS_QUERY, "--format", "csv")).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["id"]
    assert [r[0] for r in rows[1:]] == EXAMPLE_IDS


def test_query_expression_tsv_has_header_and_terms(kg: Kg, example_store_path: Path) -> None:
    out = ok(kg("query", "--store", example_store_path, "-e", IDS_QUERY, "--format", "tsv")).stdout
    lines = out.splitlines()
    assert lines[0] == "?id"
    assert lines[1:] == [f'"{i}"' for i in EXAMPLE_IDS]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
def test_query_file_gives_same_output_as_expression(kg: Kg, example_store_path: Path, tmp_path: Path, fmt: str) -> None:
    query_file = tmp_path / "ids.rq"
    query_file.write_text(IDS_QUERY, encoding="utf-8")
    from_file = ok(kg("query", query_file, "--store", example_store_path, "--format", fmt)).stdout
    from_expression = ok(kg("query", "--store", example_store_path, "-e", IDS_QUERY, "--format", fmt)).stdout
    assert from_file == from_expression
    assert "2025-03-12-weber-warschau" in from_file


def test_query_named_file_runs_in_table_format(kg: Kg, example_store_path: Path) -> None:
    out = ok(kg("query", QUERIES / "claims-per-article.rq", "--store", example_store_path)).stdout
    header = [name.strip() for name in out.splitlines()[0].split("|")]
    assert header == ["article", "articleId", "title", "issued", "claims", "persons"]
    assert out.splitlines()[-1] == f"({len(EXAMPLE_IDS)} rows)"


def test_query_ask_table_says_yes_or_no(kg: Kg, example_store_path: Path) -> None:
    yes = ok(kg("query", "--store", example_store_path, "-e", PREFIXES + "ASK { ?a a nkg:Article }")).stdout
    no = ok(kg("query", "--store", example_store_path, "-e", PREFIXES + "ASK { ?a a nkg:Planet }")).stdout
    assert (yes.strip(), no.strip()) == ("yes", "no")


def test_query_malformed_exits_with_parser_message(kg: Kg, example_store_path: Path) -> None:
    result = kg("query", "--store", example_store_path, "-e", "SELECT ?x WHERE { ?x ")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "SPARQL syntax error" in result.stderr
    assert "1:" in result.stderr  # the parser's line:column
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_query_file_and_expression_is_usage_error(kg: Kg, example_store_path: Path) -> None:
    result = kg("query", QUERIES / "timeline.rq", "-e", IDS_QUERY, "--store", example_store_path)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert "not both" in result.stderr


def test_query_without_file_or_expression_is_usage_error(kg: Kg, example_store_path: Path) -> None:
    result = kg("query", "--store", example_store_path)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_query_missing_store_says_to_build_first(kg: Kg, tmp_path: Path) -> None:
    result = kg("query", "--store", tmp_path / "nichts", "-e", IDS_QUERY)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "kg build" in result.stderr
    assert not (tmp_path / "nichts").exists()  # a read must not create an empty store


# -- kg stats -----------------------------------------------------------------------------------

CLASS_PATTERNS = {
    "articles": "?x a nkg:Article",
    "persons": "?x a nkg:Person",
    "organizations": "?x a nkg:Organization",
    "claims": "?x a nkg:Claim",
    "events": "?x a nkg:Event",
}


def test_stats_json_matches_sparql_counts(kg: Kg, example_store_path: Path, example_store: KGStore) -> None:
    figures = json.loads(ok(kg("stats", "--store", example_store_path, "--json")).stdout)
    assert set(figures) == {"quads", *CLASS_PATTERNS}
    for name, pattern in CLASS_PATTERNS.items():
        assert figures[name] == count(kg, example_store_path, pattern), name
    assert figures["articles"] == len(EXAMPLE_IDS)
    assert figures["quads"] == len(example_store.ox)
    nquads = ok(kg("export", "--store", example_store_path, "--format", "nquads")).stdout
    assert figures["quads"] == len([line for line in nquads.splitlines() if line.strip()])


def test_stats_text_shows_the_json_figures(kg: Kg, example_store_path: Path) -> None:
    figures = json.loads(ok(kg("stats", "--store", example_store_path, "--json")).stdout)
    lines = ok(kg("stats", "--store", example_store_path)).stdout.splitlines()
    shown = {line.split()[0]: int(line.split()[1]) for line in lines}
    assert shown == figures


# -- kg remove ----------------------------------------------------------------------------------

ARTICLES = [
    {
        "id": "2025-05-02-klinikreform",
        "text": "Mainz. Gesundheitsminister Tobias Kern hat seine Pläne für die Krankenhausreform verteidigt. "
        "„Wir schließen kein Krankenhaus, wir machen sie zukunftsfest“, sagte Kern am Freitag in Mainz.",
        "published": "2025-05-02",
    },
    {
        "id": "2025-05-03-stadtfest",
        "text": "Erfurt. Oberbürgermeisterin Katja Brückner hat das Stadtfest eröffnet. "
        "„Erfurt feiert heute seine Vielfalt“, sagte Brückner am Samstag auf dem Domplatz.",
        "published": "2025-05-03",
    },
]


@pytest.fixture(scope="module")
def two_article_store(tmp_path_factory: pytest.TempPathFactory, kg: Kg) -> Path:
    folder = tmp_path_factory.mktemp("remove")
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    ok(kg("build", feed, "--store", folder / "store"))
    return folder / "store"


@pytest.fixture
def store_copy(two_article_store: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(two_article_store, tmp_path / "store"))


def test_remove_drops_only_that_articles_graph(kg: Kg, store_copy: Path) -> None:
    claims_before = count(kg, store_copy, "?x a nkg:Claim")
    result = kg("remove", "2025-05-02-klinikreform", "--store", store_copy)
    assert result.exit_code == 0, result.output
    assert "removed 2025-05-02-klinikreform" in result.stdout
    ids = json.loads(ok(kg("query", "--store", store_copy, "-e", IDS_QUERY, "--format", "json")).stdout)
    assert [b["id"]["value"] for b in ids["results"]["bindings"]] == ["2025-05-03-stadtfest"]
    assert count(kg, store_copy, "?x a nkg:Claim") == claims_before - 1
    assert count(kg, store_copy, "?x rdfs:label 'Tobias Kern'") == 0
    assert count(kg, store_copy, "?x rdfs:label 'Katja Brückner'") == 1


def test_remove_unknown_id_fails_with_message(kg: Kg, store_copy: Path) -> None:
    result = kg("remove", "gibt-es-nicht", "--store", store_copy)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "no such article in the store: gibt-es-nicht" in result.stderr
    assert count(kg, store_copy, "?x a nkg:Article") == len(ARTICLES)


def test_remove_needs_an_id(kg: Kg, store_copy: Path) -> None:
    result = kg("remove", "--store", store_copy)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
