"""The main job: read articles, extract, write each article's graph."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Extraction, SourceArticle, SourceError
from kg.rdf import article_quads
from kg.resolve.apply import ResolveSummary, resolve_store, stored_base
from kg.resolve.iris import Minter
from kg.sources import read_paths
from kg.store import KGStore, StoreError, bump_generation

if TYPE_CHECKING:
    from kg.extract import Extractor

# Programming errors a rule can raise on text it did not foresee (an index past a list, a missing key).
# Caught per article so that one odd article never aborts a build; anything else still stops it.
_RULE_BUGS = (IndexError, KeyError, ValueError, TypeError, AttributeError)


@dataclass
class BuildSummary:
    articles: int = 0
    quads: int = 0
    persons: int = 0
    claims: int = 0
    events: int = 0
    errors: list[SourceError] = field(default_factory=list)
    # A file could not be built at all (as opposed to a warning about metadata).
    failed: int = 0
    resolved: ResolveSummary | None = None

    def lines(self) -> list[str]:
        out = [
            f"built {self.articles} articles: {self.quads} triples, {self.persons} person mentions, "
            f"{self.claims} claims, {self.events} events; {len(self.errors)} problems"
        ]
        if self.resolved is not None:
            r = self.resolved
            out.append(f"store now holds {r.persons} persons and {r.events} events; {r.merged} article persons "
                       f"joined a node named elsewhere, {r.candidates} possible matches kept apart")
        out += [f"  problem: {e}" for e in self.errors]
        return out


def build(
    paths: Sequence[Path],
    store: KGStore,
    *,
    model: str | None = None,
    base: str | None = None,
    progress: Callable[[Sequence[SourceArticle]], Sequence[SourceArticle]] | None = None,
    extractor: Extractor | None = None,
) -> BuildSummary:
    """Build every article under ``paths`` into ``store``; one article's graph is replaced at a time."""
    from kg.extract import Extractor  # spaCy loads only when a build runs

    extractor = extractor or Extractor(model=model)
    minter = minter_for(store, base)
    summary = BuildSummary()
    articles: list[SourceArticle] = []
    for item in read_paths(paths):  # duplicate ids already come back as errors from read_paths
        if isinstance(item, SourceError):
            summary.errors.append(item)
            if item.fatal:
                summary.failed += 1
        else:
            articles.append(item)
    for article in progress(articles) if progress else articles:
        try:
            extraction = extractor.extract(article)
        except _RULE_BUGS as exc:
            # A bug in a rule must not cost the user every other article, nor what this one stored before.
            summary.errors.append(SourceError(
                article.origin, f"extraction failed ({type(exc).__name__}: {exc})",
                "the article was skipped and its earlier graph kept; please report it with this file", fatal=True))
            summary.failed += 1
            continue
        graph, quads = article_quads(extraction, minter)
        summary.quads += store.replace_graph(graph, quads)
        summary.articles += 1
        summary.persons += len(extraction.persons)
        summary.claims += len(extraction.claims)
        summary.events += len(extraction.events)
    summary.resolved = resolve_store(store, minter)
    summary.quads += summary.resolved.quads
    store.flush()
    if store.path is not None:
        # Only now is the store complete: readers reopen their handles when this number changes.
        bump_generation(store.path)
    return summary


def store_extractions(store: KGStore, extractions: Sequence[Extraction], minter: Minter | None = None) -> int:
    """Write already extracted articles and resolve the store; returns the quads written."""
    minter = minter or minter_for(store, None)
    quads = 0
    for extraction in extractions:
        graph, article = article_quads(extraction, minter)
        quads += store.replace_graph(graph, article)
    return quads + resolve_store(store, minter).quads


def minter_for(store: KGStore, base: str | None) -> Minter:
    """The store's own base unless a new store is given one; two bases in one store would split every node."""
    stored = stored_base(store)
    wanted = Minter(base).base if base else None
    if stored and wanted and stored != wanted:
        raise StoreError(f"this store was built with the base IRI {stored}, not {wanted}; "
                         f"build into a new store (--store) or leave out --base")
    return Minter(wanted or stored) if (wanted or stored) else Minter()


def tqdm_progress(articles: Sequence[SourceArticle]) -> Sequence[SourceArticle]:
    """A progress bar on a terminal; silent when output is piped (logs, CI)."""
    from tqdm import tqdm

    return tqdm(articles, unit="article", disable=not sys.stderr.isatty() or len(articles) < 20)  # type: ignore[return-value]
