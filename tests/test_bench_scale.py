"""The scale benchmark (bench/scale.py): a tiny run end to end, its cache, and how it judges the targets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bench import scale

ROOT = Path(__file__).resolve().parent.parent

SUMMARY = re.compile(
    r"^SUMMARY sizes 6/10: build cost per article \(net\) (deviates at most [-+][\d.]+%|not measurable \(.*\)), "
    r"store size per article "
    r"[-+][\d.]+% \(target within ±15%: (met|MISSED)\); query p50 largest/smallest within 2x: (met for all|MISSED for "
    r"\d+ of \d+ \(.+\))")


def run(cache: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--sizes", "10,6", "--fixed", "3", "--workers", "1",
         "--requests", "2", "--budget", "1", "--timeout", "60", "--params", "2", "--cache", str(cache)],
        capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_bench_scale_tiny_run_prints_sizes_latencies_and_summary_last(tmp_path: Path) -> None:
    text = run(tmp_path)
    lines = text.strip().splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    for n in (6, 10):
        assert re.search(rf"^ +{n} +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +1$", text, re.MULTILINE), n
        assert (tmp_path / f"scale-{n}-1" / "build.json").exists()
    assert re.search(r"^kg build's fixed cost: [\d.]+ s \(a build of 3 articles\)", text, re.MULTILINE)
    for name in ("label", "describe", "person.json", "person-claims-in-range"):
        assert re.search(rf"^{re.escape(name)} +[\d.]+ \( *\d+\) +[\d.]+ \( *\d+\) +[\d.]+$", text, re.MULTILINE), name
    assert "claims-per-article" not in text  # no parameters: a whole-store report, not a lookup
    assert re.search(r"^ +10: build ([-+][\d.]+%|[-+]?nan%), size [-+][\d.]+%$", text, re.MULTILINE)
    again = run(tmp_path)  # built stores are reused: only the queries are timed again
    assert again.count("(cached)") == 2 and "building" not in again


def built(articles: int, seconds: float, size: int) -> object:
    return scale.Built(articles, seconds, size, Path("x"), 1, cached=True)


def test_bench_scale_summary_judges_linearity_on_net_cost_and_latency_ratio() -> None:
    sizes = [built(1000, 108.0, 50_000_000), built(10_000, 1008.0, 520_000_000)]
    fixed = built(20, 10.0, 1_000_000)
    timings = {n: {"label": scale.Timing(1, [0.001]), "timeline": scale.Timing(5, [0.01 * (n / 1000)])}
               for n in (1000, 10_000)}
    line = scale.report(sizes, fixed, timings, ["label", "timeline"])
    # Net cost 0.1 s/article at both sizes (the 10 s fixed cost taken off): linear although raw cost falls.
    assert "deviates at most +0.0%" in line and "store size per article +4.0%" in line and "±15%: met" in line
    assert "MISSED for 1 of 2 (timeline 10.0x), met for label" in line


def test_bench_scale_refuses_sizes_not_above_the_fixed_build() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), "--sizes", "10", "--fixed", "20"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "--sizes must be counts above --fixed" in done.stderr
