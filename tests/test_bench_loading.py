"""The loading benchmark (bench/loading.py) runs at a tiny size and prints its figures and ratios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import loading as bench_loading
from kg.extract import Extractor

SUMMARY = re.compile(
    r"^SUMMARY loading 3 articles: write (?P<rate>[\d,]+) quads/s = (?P<ratio>[\d.]+) x bulk_load [\d,]+ quads/s "
    r"\(target >= 0\.8: (?P<verdict>met|missed by [\d.]+)\); with resolution (?P<with>[\d.]+) x; "
    r"resolution [\d.]+ s first, [\d.]+ s again \([\d.]+ ms/article\)$")


def test_bench_loading_prints_table_ratios_and_summary_last(extractor: Extractor, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bench_loading.main(["--count", "3", "--seed", "2", "--repeat", "1", "--batch", "2", "1",
                        "--big-store", str(tmp_path / "none")],
                       extractor=extractor)
    lines = capsys.readouterr().out.strip().splitlines()
    found = SUMMARY.match(lines[-1])
    assert found is not None, lines[-1]
    ratio = float(found["ratio"])
    assert ratio > 0 and float(found["with"]) > 0 and int(found["rate"].replace(",", "")) > 0
    assert (found["verdict"] == "met") == (ratio >= 0.8)
    text = "\n".join(lines)
    for row in ("bulk_load of the N-Quads + flush (the floor)", "kg build write: replace_graphs, <= ",
                "replace_graphs, 2 articles/batch",
                "replace_graphs, 1 articles/batch", "previous write: SPARQL", "resolution, first",
                "re-resolution (store unchanged)", f"no store at {tmp_path / 'none'}"):
        assert row in text, row
    assert re.search(r"^loading 3 articles \(seed 2\): [\d,]+ distinct quads; extraction", text, re.M)


def test_bench_loading_summary_names_the_larger_store_and_a_miss() -> None:
    line = bench_loading.summary(10, 1000, 1.0, 2.0, 0.5, 0.25, (5000, 3.0, 2.5))
    assert line.startswith("SUMMARY loading 10 articles: write 500 quads/s = 0.50 x bulk_load 1,000 quads/s "
                           "(target >= 0.8: missed by 0.30); with resolution 0.40 x;")
    assert line.endswith("; 5000 articles: re-resolution 2.50 s (0.50 ms/article)")
