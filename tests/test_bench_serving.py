"""The serving benchmark (bench/serving.py): parameters written into queries, and a tiny run end to end."""

from __future__ import annotations

import importlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench import corpus
from bench import serving_params as params

ROOT = Path(__file__).resolve().parent.parent

EX = "http://example.org/"
KG = Path(sys.executable).with_name("kg")


def small_store() -> ox.Store:
    """Two speakers over two article graphs; each graph repeats the speaker's label, as article graphs do."""
    store = ox.Store()
    rows = [("a1", "kroll", "c1", "2024-03-11"), ("a1", "kroll", "c2", "2024-03-12"),
            ("a2", "kroll", "c3", "2024-04-02"), ("a2", "albrecht", "c4", "2024-03-12")]
    for graph, person, claim, day in rows:
        g = ox.NamedNode(EX + graph)
        p, c = ox.NamedNode(EX + person), ox.NamedNode(EX + claim)
        facts = [(p, "said", c), (c, "on", ox.Literal(day)), (p, "label", ox.Literal(person.title()))]
        for s, pr, o in facts:
            store.add(ox.Quad(s, ox.NamedNode(EX + pr), o, g))
    return store


def rows(store: ox.Store, sparql: str, subs: dict[str, ox.NamedNode | ox.Literal] | None = None) -> set[tuple]:
    variables = {ox.Variable(k): v for k, v in (subs or {}).items()}
    results = store.query(sparql, use_default_graph_as_union=True, substitutions=variables)
    return {tuple(str(row[v]) if row[v] is not None else None for v in results.variables) for row in results}


QUERIES = {
    "grouped": f"""PREFIX ex: <{EX}>
SELECT ?person (COUNT(DISTINCT ?c) AS ?n) ?from WHERE {{
  ?person ex:said ?c . ?c ex:on ?day
  FILTER(STR(?day) >= STR(COALESCE(?from, "")))
}} GROUP BY ?person ?from ORDER BY ?person""",
    "subquery": f"""PREFIX ex: <{EX}>
SELECT DISTINCT ?person ?name ?c WHERE {{
  ?person ex:said ?c .
  OPTIONAL {{ {{ SELECT ?person (MIN(?l) AS ?name) WHERE {{ ?person ex:label ?l }} GROUP BY ?person }} }}
}} ORDER BY ?c""",
    "untouched": f"""PREFIX ex: <{EX}>
# ?person in a comment stays, and so do "?person" in a string and <{EX}?person> in an IRI
SELECT DISTINCT ?person ?c ("?person" AS ?text) WHERE {{ ?person ex:said ?c }}""",
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_bench_serving_bind_answers_as_substitution_does(name: str) -> None:
    store, text = small_store(), QUERIES[name]
    values = {"person": ox.NamedNode(EX + "kroll"), "from": ox.Literal("2024-03-12")}
    used = {k: v for k, v in values.items() if f"?{k}" in text}
    bound = params.bind(text, used)
    assert f"<{EX}kroll>" in bound
    assert rows(store, bound) == rows(store, text, used)
    assert rows(store, bound) != rows(store, text)  # the parameter did restrict the answer


def test_bench_serving_bind_leaves_strings_iris_and_comments_alone() -> None:
    bound = params.bind(QUERIES["untouched"], {"person": ox.NamedNode(EX + "kroll")})
    assert "# ?person in a comment" in bound and '"?person" in a string' in bound and f"<{EX}?person>" in bound
    assert '("?person" AS ?text)' in bound and f"(<{EX}kroll> AS ?person)" in bound


def test_bench_serving_bind_drops_a_group_by_left_empty() -> None:
    text = "SELECT ?p (COUNT(?c) AS ?n) WHERE { ?p <http://example.org/said> ?c } GROUP BY ?p"
    bound = params.bind(text, {"p": ox.NamedNode(EX + "kroll")})
    assert "GROUP" not in bound
    assert rows(small_store(), bound) == {(f"<{EX}kroll>", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')}


def test_bench_serving_declared_reads_param_lines() -> None:
    header = "# title: T\n# param: ?person iri Who\n# param: ?from date From\nSELECT"
    assert params.declared(header) == ["person", "from"]


def missing_tools() -> str | None:
    if not (Path(sys.executable).with_name("oxigraph").exists() or shutil.which("oxigraph")):
        return "the oxigraph server is not installed (pip install oxigraph)"
    for module in ("rdflib_endpoint", "uvicorn"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install 'rdflib-endpoint[cli]')"
    return None


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serving")
    corpus.write(12, 5, folder / "articles")
    done = subprocess.run([str(KG), "build", str(folder / "articles"), "--store", str(folder / "store")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "store"


SUMMARY = re.compile(
    r"^SUMMARY \S+, 2 clients; overhead over pyoxigraph \(small queries, 1 client\) max [-+][\d.]+ ms \(\S+\), "
    r"target <= 2 ms: (met|MISSED); throughput vs Oxigraph server geomean [\d.]+x, min [\d.]+x \(\S+\), "
    r"target >= 0\.5x: (met|MISSED)[^;]*; throughput vs rdflib-endpoint geomean [\d.]+x, min >?=?[\d.]+x \(\S+\), "
    r"target >= 20x: (met|MISSED)[^;]*$")


@pytest.mark.skipif(missing_tools() is not None, reason=str(missing_tools()))
def test_bench_serving_tiny_run_prints_table_ratios_and_summary_last(tiny_store: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "serving.py"), "--store", str(tiny_store), "--clients", "2",
         "--requests", "4", "--budget", "1", "--overhead-requests", "4", "--rdflib-requests", "2",
         "--rdflib-budget", "3", "--timeout", "20", "--params", "2", "--cache", str(tmp_path),
         "--workloads", "person-claims-in-range,label,describe,person.json"],
        capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    text = done.stdout
    for system in ("pyoxigraph direct", "kg serve", "Oxigraph server", "rdflib-endpoint"):
        assert re.search(rf"^label +{system} +\d+ +[\d.]+ +[\d.]+ +[\d.]+ +0 +0 +1$", text, re.MULTILINE), system
    assert re.search(r"^person\.json +kg serve +\d+", text, re.MULTILINE)
    assert not re.search(r"^person\.json +(Oxigraph|rdflib)", text, re.MULTILINE)  # pages are kg serve's alone
    assert "MISMATCH" not in text  # every system answers with as many rows
    assert re.search(r"^  describe +/Oxigraph server [\d.]+; /rdflib-endpoint [\d.]+$", text, re.MULTILINE)
    assert re.search(r"^  label +direct p50 +[\d.]+ ms, kg serve p50 +[\d.]+ ms, overhead [-+][\d.]+ ms", text,
                     re.MULTILINE)
    assert re.search(r"of the Flask\+waitress floor", text)
    assert (tmp_path / "KgServer.log").exists() and list(tmp_path.glob("*/data.nq"))
