"""The parallel build benchmark (bench/parallel.py) at a tiny size: its output keeps its shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import parallel
from kg.extract import Extractor


def test_bench_parallel_tiny_run_prints_table_ratios_and_summary(
        tmp_path: Path, extractor: Extractor, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    argv = ["--count", "6", "--repeat", "1", "--dask-threads", "--dask-workers", "1", "--cache", str(tmp_path)]
    assert parallel.main(argv, extractor=extractor) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    rows = {line.split()[0]: line.split() for line in lines if re.match(r"(workers=|dask )", line)}
    assert set(rows) == {"workers=1", "workers=2", "dask"}
    assert {row[-1] for row in rows.values()} == {rows["workers=1"][-1]}  # every run wrote the same quads
    assert any(re.search(r"speedup workers=2 / workers=1: \d+\.\d\dx \(target >= 1\.7x\)", line) for line in lines)
    summary = lines[-1]
    assert re.fullmatch(r"SUMMARY 6 articles: workers=1 [\d.]+ articles/s, workers=2 [\d.]+ articles/s, "
                        r"speedup [\d.]+x \(target >= 1\.7x: (met|missed by [\d.]+); at most [\d.]+x with this "
                        r"writer and resolution; extraction alone [\d.]+x\); "
                        r"dask LocalCluster\(1\) [\d.]+ articles/s \(start-up [\d.]+ s\)", summary), summary
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles-6-1"]  # scratch stores removed
