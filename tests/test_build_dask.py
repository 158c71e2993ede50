"""``kg build --engine dask`` on a LocalCluster, the N-Quads shards, and ``kg load-shards``.

The cluster runs in this process (threads, not processes), so its workers use the session's
extractor instead of loading spaCy again. The articles are invented German news text written
for these tests (plus examples/articles).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import Result
from conftest import fail_on, nquads, write_articles

from kg.build import BuildSummary, build
from kg.extract import Extractor
from kg.resolve.iris import Minter
from kg.store import KGStore, generation

distributed = pytest.importorskip("distributed")

import kg.distributed as kd  # noqa: E402  (after the skip: the module is useless without Dask)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
Kg = Callable[..., Result]

ARTICLES = {
    "deich-husum": "Husum, 10.06.2025 – Küstenschutzministerin Frauke Jessen hat am Dienstag neue Deiche "
                   "angekündigt. „Wir bauen höher und schneller“, sagte Jessen in Husum.\n",
    "deich-kritik": "Husum, 11.06.2025 – Die Landwirte an der Westküste kritisieren den Flächenbedarf. Jessen "
                    "sagte, niemand werde ohne Ausgleich enteignet. „Das verspreche ich“, fügte die "
                    "Ministerin hinzu.\n",
    "gespraech-jessen-dahl": "Kiel, 12.06.2025 – Jessen hat am Mittwoch mit dem dänischen Umweltminister Jens Dahl "
                             "telefoniert. Beide wollen die Küstenforschung gemeinsam finanzieren.\n",
    "dahl-kopenhagen": "Kopenhagen, 13.06.2025 – Dahl zufolge war das Gespräch mit Frauke Jessen „sehr nützlich“. "
                       "Im August wollen sich die beiden in Tønder treffen.\n",
    "museum-schleswig": "Schleswig, 14.06.2025 – Das Landesmuseum zeigt ab Samstag Funde aus Haithabu. "
                        "„So nah war man den Wikingern selten“, sagte Museumsdirektorin Ulrike Paulsen.\n",
}





@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return [EXAMPLES, write_articles(tmp_path_factory.mktemp("dask") / "in", ARTICLES)]


@pytest.fixture(scope="module")
def plain(inputs: list[Path], extractor: Extractor) -> tuple[list[str], BuildSummary]:
    store = KGStore()
    summary = build(inputs, store, extractor=extractor)
    return nquads(store), summary


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    # tcp rather than in-process transport, so that the command line can connect by address too.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://",
                                  **kd.QUIET) as local:
        yield local


@pytest.fixture
def client(cluster: distributed.LocalCluster, extractor: Extractor,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[distributed.Client]:
    monkeypatch.setattr(kd, "worker_extractor", lambda model: extractor)
    with distributed.Client(cluster) as dask_client:
        yield dask_client


def test_build_dask_local_cluster_store_equals_plain_build(
        inputs: list[Path], plain: tuple[list[str], BuildSummary], client: distributed.Client, tmp_path: Path) -> None:
    store = KGStore(tmp_path / "store")
    summary = kd.build_dask(inputs, store, client=client, shards=tmp_path / "shards", partition_size=4)
    assert nquads(store) == plain[0]
    assert summary.lines() == plain[1].lines()
    assert generation(tmp_path / "store") == 1


def test_build_dask_shards_hold_each_article_in_its_graph_deterministically(
        inputs: list[Path], client: distributed.Client, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    kd.build_dask(inputs, KGStore(), client=client, shards=shards, partition_size=4)
    first = {p.name: p.read_bytes() for p in shards.iterdir()}
    manifest = json.loads(first["manifest.json"])
    assert [s["file"] for s in manifest["shards"]] == ["part-00000.nq", "part-00001.nq", "part-00002.nq",
                                                      "part-00003.nq", "part-00004.nq"]
    for shard in manifest["shards"]:
        graphs = [q.graph_name.value for q in ox.parse(first[shard["file"]], format=ox.RdfFormat.N_QUADS)]
        assert set(graphs) == set(shard["graphs"]) and len(graphs) == shard["quads"]
    assert [len(s["graphs"]) for s in manifest["shards"]] == [4, 4, 4, 4, 1]
    assert Minter().article("deich-husum") in manifest["shards"][3]["graphs"]

    kd.build_dask(inputs, KGStore(), client=client, shards=shards, partition_size=4, write_on_workers=True)
    assert {p.name: p.read_bytes() for p in shards.iterdir()} == first  # a rerun overwrites with the same bytes
    kd.build_dask(inputs, KGStore(), client=client, shards=shards, partition_size=100)
    assert sorted(p.name for p in shards.iterdir()) == ["manifest.json", "part-00000.nq"]  # stale shards gone


def test_build_dask_rule_bug_on_a_worker_is_reported_and_the_rest_built(
        inputs: list[Path], client: distributed.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on(monkeypatch, "dahl-kopenhagen", IndexError("list index out of range"))
    store = KGStore()
    summary = kd.build_dask(inputs, store, client=client, partition_size=3)
    assert summary.failed == 1 and "dahl-kopenhagen.txt" in str(summary.errors[0])
    assert store.article_graph("dahl-kopenhagen") is None and store.article_graph("deich-husum") is not None


def test_build_dask_cli_with_scheduler_then_load_shards_elsewhere(
        kg: Kg, inputs: list[Path], plain: tuple[list[str], BuildSummary], client: distributed.Client,
        cluster: distributed.LocalCluster, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    result = kg("build", *inputs, "--store", tmp_path / "a", "--engine", "dask", "--scheduler",
                cluster.scheduler_address, "--shards", shards, "--partition-size", "5")
    assert result.exit_code == 0, result.output
    assert plain[1].lines()[0] in result.stdout
    loaded = kg("load-shards", shards, "--store", tmp_path / "b")
    assert loaded.exit_code == 0, loaded.output
    assert plain[1].lines()[0] in loaded.stdout
    again = kg("load-shards", shards, "--store", tmp_path / "b")  # loading twice replaces, never doubles
    assert again.exit_code == 0, again.output
    assert generation(tmp_path / "b") == 2
    for path in (tmp_path / "a", tmp_path / "b"):
        assert nquads(KGStore(path, read_only=True)) == plain[0]


def test_build_dask_load_shards_refuses_a_store_of_another_base(
        inputs: list[Path], client: distributed.Client, tmp_path: Path, kg: Kg) -> None:
    kd.build_dask(inputs[1:], KGStore(), client=client, shards=tmp_path / "shards", base="https://example.org/kg/")
    other = KGStore(tmp_path / "store")
    kd.build_dask(inputs[1:], other, client=client)
    del other
    result = kg("load-shards", tmp_path / "shards", "--store", tmp_path / "store")
    assert result.exit_code == 1 and "https://example.org/kg/" in result.stderr, result.output


def test_build_dask_load_shards_without_manifest_says_to_rerun(kg: Kg, tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    (tmp_path / "shards" / "part-00000.nq").write_text("", encoding="utf-8")
    result = kg("load-shards", tmp_path / "shards", "--store", tmp_path / "store")
    assert result.exit_code == 1 and "manifest.json" in result.stderr and "--engine dask" in result.stderr


def test_build_dask_no_workers_is_a_clear_error() -> None:
    with distributed.LocalCluster(n_workers=0, processes=False, **kd.QUIET) as empty, \
            distributed.Client(empty) as client:
        with pytest.raises(kd.DistributedError, match="dask worker"):
            kd.check_workers(client, timeout=0.2)


def test_build_dask_options_need_the_dask_engine(kg: Kg, tmp_path: Path) -> None:
    result = kg("build", EXAMPLES, "--store", tmp_path / "store", "--shards", tmp_path / "shards")
    assert result.exit_code == 2 and "--engine dask" in result.stderr
    result = kg("build", EXAMPLES, "--store", tmp_path / "store", "--engine", "dask", "--workers", "2",
                "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2 and "--workers" in result.stderr
