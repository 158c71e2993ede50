"""The on-disk Oxigraph store: one named graph per article, replaced atomically."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg import query as q
from kg.vocab import PREFIXES, sparql_prefixes


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class KGStore:
    """A newskg store. Open with a path for disk, without for memory (tests)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(
                        f"no store at {self.path}; build one first with 'kg build ARTICLES --store {self.path}'")
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from None

    # -- writing ---------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        """Replace everything in ``graph`` with ``quads`` in one transaction.

        A SPARQL update is applied all or nothing, so a reader (or a crash)
        sees either the old graph or the new one, never a mix.
        """
        # An article may yield the same triple twice (a name that is both label and alias): count it once.
        lines = sorted({f"{t.subject} {t.predicate} {t.object} ." for t in quads})
        body = "\n".join(lines)
        self.ox.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        return len(lines)

    def remove_graph(self, graph: ox.NamedNode) -> bool:
        if not self.ox.contains_named_graph(graph):
            return False
        self.ox.remove_graph(graph)
        return True

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    # -- reading ---------------------------------------------------------
    def execute(self, sparql: str, **kwargs: object) -> q.QueryResult:
        return q.execute(self.ox, sparql, **kwargs)  # type: ignore[arg-type]

    def select(self, sparql: str, **substitutions: ox.NamedNode | ox.Literal) -> list[dict]:
        return q.select(self.ox, sparql_prefixes() + sparql, substitutions)

    def article_graph(self, article_id: str) -> ox.NamedNode | None:
        rows = self.select(
            "SELECT ?a ?id WHERE { ?a a nkg:Article ; dcterms:identifier ?id } LIMIT 1", id=ox.Literal(article_id)
        )
        return rows[0]["a"] if rows else None

    def export(self, fmt: str, output: BinaryIO | str) -> None:
        """Write the whole dataset; formats without named graphs get the union."""
        rdf_format = q.DATASET_FORMATS.get(fmt)
        if rdf_format is None:
            raise q.QueryError(f"unknown export format {fmt!r}; use one of {', '.join(q.DATASET_FORMATS)}")
        # Only N-Quads and TriG keep the article graphs; JSON-LD could, but tools read it as one graph.
        if fmt in ("nquads", "trig"):
            self.ox.dump(output, format=rdf_format, prefixes=PREFIXES)
        else:
            triples = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            ox.serialize(triples, output, format=rdf_format, prefixes=PREFIXES)

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {"quads": len(self.ox)}
        for name, cls in [("articles", "Article"), ("persons", "Person"), ("organizations", "Organization"),
                          ("claims", "Claim"), ("events", "Event")]:
            rows = self.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a nkg:{cls} }}")
            counts[name] = int(rows[0]["n"].value)
        return counts
