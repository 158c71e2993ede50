"""The extraction benchmark (bench/extract.py) runs at a tiny size and prints its figures and ratios."""

from __future__ import annotations

import re

import pytest

from bench import extract as bench_extract

SUMMARY = re.compile(
    r"^SUMMARY 5 articles: extraction [\d,]+ words/s, [\d.]+ articles/s; tokenizer [\d,]+ words/s \(cpu time\); "
    r"ratio=(?P<ratio>[\d.]+) \(target >= 0\.25: (?P<ratio_ok>met|missed)\); "
    r"words_per_s=(?P<wps>\d+) \(target >= 50000: (?P<wps_ok>met|missed)\)$")


def test_bench_extract_prints_table_ratio_and_summary_last(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_extract.main(["--count", "5", "--seed", "3", "--chunks", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    found = SUMMARY.match(lines[-1])
    assert found is not None, lines[-1]
    ratio, wps = float(found["ratio"]), int(found["wps"])
    assert ratio > 0 and wps > 0
    assert found["ratio_ok"] == ("met" if ratio >= 0.25 else "missed")
    assert found["wps_ok"] == ("met" if wps >= 50_000 else "missed")
    text = "\n".join(lines)
    assert "tokenizer floor" in text and "of which extract" in text and "of which rdf" in text
    assert re.search(r"ratio extraction / tokenizer throughput: [\d.]+ \(target >= 0\.25\)", text)
    assert re.search(r"start-up \(wall, not in throughput\): tokenizer [\d.]+ s, extractor [\d.]+ s", text)


def test_bench_extract_counts_words_by_whitespace() -> None:
    assert bench_extract.words("Putin sagte:\n„Nein.“  Ende") == 4


def test_bench_extract_rejects_a_count_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        bench_extract.main(["--count", "0"])
    assert "--count must be at least 1" in capsys.readouterr().err
