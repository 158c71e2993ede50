"""The on-disk Oxigraph store: one named graph per article, replaced atomically."""

from __future__ import annotations

import itertools
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg import query as q
from kg.vocab import PREFIXES, sparql_prefixes


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


def _read_only(path: Path) -> ox.Store:
    """Open read-only; retried briefly, because a writer's compaction can delete a file while we open."""
    for attempt in range(5):
        try:
            return ox.Store.read_only(str(path))
        except RuntimeError:
            if attempt == 4:
                raise StoreError(f"cannot open the store at {path} while it is being written") from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


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
                self.ox = _read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
                _remove_unfinished_ingestions(self.path)
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from None

    # -- writing ---------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        """Replace everything in ``graph`` with ``quads`` (all or nothing); returns the quads written."""
        return self.replace_graphs([(graph, quads)])

    def replace_graphs(self, items: Iterable[tuple[ox.NamedNode, Iterable[ox.Quad] | bytes]]) -> int:
        """Replace several graphs, each whole; returns the quads they now hold, a repeated quad counted once.

        Quads may come as N-Quads bytes as kg.rdf writes them (``kg build --workers N``): a new
        graph's lines then stay bytes until one parse per batch, no Python object per quad before.

        A crash (even SIGKILL) leaves every graph either as it was or as given, never a mix:
        graphs the store does not hold yet are added in one atomic write (``_add_new``), graphs it
        holds are changed by SPARQL updates (``_change_held``), which Oxigraph applies each in one
        transaction. Nothing is written before ``items`` is read to the end (or ``INGEST_LIMIT``
        quads of new graphs are waiting). A graph given twice ends up as the last one says.
        """
        written = pending = 0
        new: dict[ox.NamedNode, Content] = {}
        held: dict[ox.NamedNode, set[ox.Quad]] = {}
        for graph, quads in items:
            content = _content(graph, quads)
            written += len(content)
            if graph in new:
                pending -= len(new.pop(graph))
            elif graph in held or self.ox.contains_named_graph(graph):
                held[graph] = _as_quads(graph, content)
                continue
            if new and pending + len(content) > INGEST_LIMIT:  # one atomic ingestion each, bounded memory
                self._add_new(new)
                new, pending = {}, 0
            new[graph] = content
            pending += len(content)
        self._add_new(new)
        self._change_held(held)
        return written

    def _add_new(self, graphs: dict[ox.NamedNode, Content]) -> None:
        """Add graphs the store does not hold yet, all in one atomic step.

        On disk, a big enough batch goes in as sorted files (``bulk_extend``: no write-ahead log,
        no memtable), which is as fast as ``bulk_load``. Oxigraph ingests each chunk of up to
        1,000,000 quads with a single RocksDB ``IngestExternalFiles`` call over all its indexes,
        which RocksDB records in its manifest all at once; ``INGEST_LIMIT`` keeps a batch to one
        chunk. Small batches would leave many tiny files, so they go through a transaction.
        The batch is parsed and held in full before either call, so a bad line writes nothing.
        """
        quads: list[ox.Quad] = []
        lines: list[bytes] = []
        for content in graphs.values():
            if isinstance(content, frozenset):
                lines.extend(content)
            else:
                quads.extend(content)
        if lines:
            quads.extend(_parse(b"\n".join(lines)))
        if not quads:
            return
        if self.path is not None and BULK_MINIMUM <= len(quads) <= INGEST_LIMIT:
            self.ox.bulk_extend(quads)
        else:
            self.ox.extend(quads)

    def _change_held(self, graphs: dict[ox.NamedNode, set[ox.Quad]]) -> None:
        """Rewrite graphs the store holds: only the difference, one SPARQL update per ``UPDATE_CHARS``.

        A rebuilt article usually differs in a few quads (or none), and resolution renames only
        some IRIs, so this parses far less than dropping and inserting the whole graph.
        """
        operations: list[str] = []
        size = 0
        for graph, content in graphs.items():
            operation = self._difference(graph, content)
            if operation:
                operations.append(operation)
                size += len(operation)
            if size >= UPDATE_CHARS:
                self.ox.update(" ;\n".join(operations))
                operations, size = [], 0
        if operations:
            self.ox.update(" ;\n".join(operations))

    def _difference(self, graph: ox.NamedNode, content: set[ox.Quad]) -> str:
        """The SPARQL operations that turn ``graph`` into ``content`` ("" if it already is)."""
        if not content:
            return f"DROP SILENT GRAPH {graph}"
        old = set(self.ox.quads_for_pattern(None, None, None, graph))
        parts = []
        if gone := old - content:
            parts.append(f"DELETE DATA {{ GRAPH {graph} {{\n{_triples(gone)}\n}} }}")
        if added := content - old:
            parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{_triples(added)}\n}} }}")
        return " ;\n".join(parts)

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
        """Write the whole dataset, streamed; formats without named graphs get the union, each triple once."""
        rdf_format = q.DATASET_FORMATS.get(fmt)
        if rdf_format is None:
            raise q.QueryError(f"unknown export format {fmt!r}; use one of {', '.join(q.DATASET_FORMATS)}")
        # Only N-Quads and TriG keep the article graphs; JSON-LD could, but tools read it as one graph.
        if fmt in ("nquads", "trig"):
            self.ox.dump(output, format=rdf_format, prefixes=PREFIXES)
        else:
            # A generator as input: the serializer pulls one triple at a time, nothing is collected.
            ox.serialize(self.union_triples(), output, format=rdf_format, prefixes=PREFIXES)

    def export_chunks(self, fmt: str, batch: int = 2_000) -> Iterator[bytes]:
        """The export as a sequence of byte chunks (for an HTTP response), in a line-based or Turtle format.

        Each chunk serializes ``batch`` statements on its own; Turtle and TriG chunks after the first
        drop their repeated ``@prefix`` lines, so the concatenation is one valid document.
        """
        if fmt not in CHUNKED_FORMATS:
            raise q.QueryError(f"cannot stream {fmt!r} in chunks; use one of {', '.join(CHUNKED_FORMATS)}")
        rdf_format = q.DATASET_FORMATS[fmt]
        items: Iterable[ox.Quad | ox.Triple] = (
            self.ox.quads_for_pattern(None, None, None, None) if fmt in ("nquads", "trig") else self.union_triples())
        first = True
        for chunk in _batched(items, batch):
            body = ox.serialize(chunk, format=rdf_format, prefixes=PREFIXES)
            yield body if first else _without_prefixes(body)
            first = False

    def union_triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of all graphs, streamed.

        The union repeats a triple once per graph that states it (a person named in many
        articles). Oxigraph answers a pattern with only the predicate bound from its POSG index
        on disk, where the copies of one triple are adjacent: comparing with the previous one
        drops them in constant memory. The default graph (curation sent as updates) comes first
        and apart from that order, so a named-graph copy of one of its triples is looked up there.
        The in-memory store has no such order, so there a set per predicate is kept (it holds
        everything in memory anyway).
        """
        for predicate in self._predicates():
            quads: Iterable[ox.Quad] = self.ox.quads_for_pattern(None, predicate, None, None)
            if self.path is not None and self._in_default_graph(predicate):
                quads = (quad for quad in quads if not self._copy_of_default(quad))
            pairs = ((quad.subject, quad.object) for quad in quads)
            unique = _adjacent_unique(pairs) if self.path is not None else _set_unique(pairs)
            for subject, obj in unique:
                yield ox.Triple(subject, predicate, obj)

    def _in_default_graph(self, predicate: ox.NamedNode) -> bool:
        return next(self.ox.quads_for_pattern(None, predicate, None, ox.DefaultGraph()), None) is not None

    def _copy_of_default(self, quad: ox.Quad) -> bool:
        """A named-graph quad whose triple the default graph states too (that one is written)."""
        if isinstance(quad.graph_name, ox.DefaultGraph):
            return False
        return ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()) in self.ox

    def _predicates(self) -> list[ox.NamedNode]:
        # Few distinct predicates, so DISTINCT holds little; sorted for a reproducible export.
        rows = self.ox.query("SELECT DISTINCT ?p WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return sorted((row["p"] for row in rows), key=lambda p: p.value)  # type: ignore[union-attr]

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {"quads": len(self.ox)}
        for name, cls in [("articles", "Article"), ("persons", "Person"), ("organizations", "Organization"),
                          ("claims", "Claim"), ("events", "Event")]:
            rows = self.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a nkg:{cls} }}")
            counts[name] = int(rows[0]["n"].value)
        return counts


# Formats ``export_chunks`` can cut into independently serialized pieces.
CHUNKED_FORMATS = ("nquads", "trig", "ntriples", "turtle")

Pair = tuple[ox.NamedNode | ox.BlankNode | ox.Triple, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def _adjacent_unique(pairs: Iterable[Pair]) -> Iterator[Pair]:
    previous = None
    for pair in pairs:
        if pair != previous:
            yield pair
        previous = pair


def _set_unique(pairs: Iterable[Pair]) -> Iterator[Pair]:
    seen: set[Pair] = set()
    for pair in pairs:
        if pair not in seen:
            seen.add(pair)
            yield pair


def _batched(items: Iterable[ox.Quad | ox.Triple], size: int) -> Iterator[list[ox.Quad | ox.Triple]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _without_prefixes(body: bytes) -> bytes:
    """A Turtle/TriG chunk without the ``@prefix`` lines the serializer puts at its top."""
    start = 0
    while body.startswith(b"@prefix ", start):
        start = body.index(b"\n", start) + 1
    return body[start:]


# Quads per atomic ingestion; Oxigraph's bulk loader splits its input every 1,000,000 quads.
INGEST_LIMIT = 500_000
# Below this many quads a batch of new graphs goes through a transaction instead of new files.
BULK_MINIMUM = 5_000
# Characters of SPARQL per update when rewriting graphs the store holds.
UPDATE_CHARS = 4_000_000


def _remove_unfinished_ingestions(folder: Path) -> None:
    """Delete the files of a ``bulk_extend`` that a kill interrupted before RocksDB took them in.

    Oxigraph writes them as ``bulk-<random>.sst`` inside the store folder and RocksDB ingests
    them under names of its own, so a leftover one holds nothing the store uses: it only takes
    space. Safe only once this process holds the store's write lock (no other writer can be
    writing such files then), hence after opening.
    """
    for leftover in folder.glob("bulk-*.sst"):
        leftover.unlink(missing_ok=True)


def _in_graph(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """The quads as a set (an article may state a triple twice), all in ``graph`` whatever they said."""
    content = set(quads)
    if all(quad.graph_name == graph for quad in content):
        return content
    return {ox.Quad(q.subject, q.predicate, q.object, graph) for q in content}


# A graph's quads: a set of quads, or (new graphs) the distinct N-Quads lines that state them.
Content = set[ox.Quad] | frozenset[bytes]


def _content(graph: ox.NamedNode, quads: Iterable[ox.Quad] | bytes) -> Content:
    """Distinct quads, all in ``graph``; N-Quads bytes stay lines unless a line names another graph."""
    if not isinstance(quads, bytes):
        return _in_graph(graph, quads)
    lines = frozenset(quads.split(b"\n")) - {b""}
    # Cheaper than parsing: kg.rdf (like pyoxigraph) writes a quad of the graph as '<s> <p> <o> <g> .',
    # or with a literal '<s> <p> "..."@de <g> .'; four spaces tell the first from a triple '<s> <p> <g> .'.
    ending = f" {graph} .".encode()
    if all(line.endswith(ending) and (b'"' in line or line.count(b" ") == 4) for line in lines):
        return lines
    return _in_graph(graph, _parse(quads))


def _as_quads(graph: ox.NamedNode, content: Content) -> set[ox.Quad]:
    return _in_graph(graph, _parse(b"\n".join(content))) if isinstance(content, frozenset) else content


def _parse(nquads: bytes) -> Iterator[ox.Quad]:
    # Checked by a strict parse where they were written (kg.parallel.extract_one): no second validation.
    return ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)


def _triples(quads: Iterable[ox.Quad]) -> str:
    # Sorted so that the same change is always the same text (easier to read in a log).
    return "\n".join(sorted(f"{q.subject} {q.predicate} {q.object} ." for q in quads))


# -- build generation ----------------------------------------------------
# A read-only handle sees the store as of when it was opened, and a build commits article by
# article. So that a server can tell "a build or remove finished" from "a build is under way",
# each one that completes writes a counter beside the store folder (not inside it: that folder
# belongs to RocksDB). Readers reopen when the number changes, and only then.
GENERATION_SUFFIX = ".generation"


def generation_file(path: Path | str) -> Path:
    """``/data/store`` -> ``/data/store.generation`` (resolved, so ``store/`` and ``./store`` agree)."""
    folder = Path(path).resolve()
    return folder.with_name(folder.name + GENERATION_SUFFIX)


def generation(path: Path | str) -> int:
    """The number of builds and removals completed on the store at ``path``; 0 before the first."""
    file = generation_file(path)
    try:
        text = file.read_text(encoding="ascii")
    except FileNotFoundError:
        return 0
    except (OSError, UnicodeDecodeError) as e:
        raise StoreError(f"cannot read {file}: {e}; delete it, the next 'kg build' writes it again") from None
    try:
        return int(text.strip())
    except ValueError:
        raise StoreError(f"{file} holds {text[:40]!r}, not a number; delete it, "
                         f"the next 'kg build' writes it again") from None


def bump_generation(path: Path | str) -> int:
    """Count one more completed build or removal; call only after the store was flushed.

    The new number is written to a temporary file that replaces the old one (a reader sees the
    old number or the new one, never a torn write), and both the file and its folder are synced
    so that the number never runs ahead of the data after a power cut.
    """
    file = generation_file(path)
    try:
        current = generation(path)
    except StoreError:
        current = 0  # a mangled counter only costs readers one extra reopen: any change means "reopen"
    fd, temp = tempfile.mkstemp(prefix=file.name + ".", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(f"{current + 1}\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, file)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(file.parent)
    return current + 1


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; folders cannot be opened for syncing on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
