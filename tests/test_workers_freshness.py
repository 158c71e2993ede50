"""The check for a new store state (web app and query workers): a stat, and the file read only on a change."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import workers
from kg.store import bump_generation
from kg.workers import StatFreshness


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    path.mkdir()
    return path


def test_workers_freshness_sees_each_bump_and_nothing_else(store: Path) -> None:
    bump_generation(store)
    freshness = StatFreshness(store)
    assert not freshness.changed()
    assert not freshness.changed()
    bump_generation(store)
    assert freshness.changed()
    freshness.mark(2)
    assert not freshness.changed()
    bump_generation(store)
    assert freshness.changed()


def test_workers_freshness_keeps_saying_changed_until_marked(store: Path) -> None:
    # A reopen that failed does not mark the new generation: the next request must try again.
    bump_generation(store)
    freshness = StatFreshness(store)
    bump_generation(store)
    assert [freshness.changed() for _ in range(3)] == [True, True, True]
    freshness.mark(2)
    assert not freshness.changed()


def test_workers_freshness_store_without_generation_file_then_first_build(store: Path) -> None:
    freshness = StatFreshness(store)
    assert freshness.seen == 0
    assert not freshness.changed()
    bump_generation(store)
    assert freshness.changed()


def test_workers_freshness_quiet_stat_skips_reading_the_file(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bump_generation(store)
    freshness = StatFreshness(store)
    assert not freshness.changed()  # reads once and remembers the file's stat
    reads: list[Path] = []
    monkeypatch.setattr(workers, "read_generation", lambda path: reads.append(path) or 1)
    assert not freshness.changed()
    assert reads == []
    bump_generation(store)
    freshness.changed()
    assert reads == [store]
