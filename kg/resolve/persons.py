"""One node per person across the whole store.

Input: every article's persons as that article names them (``LocalPerson``).
Output: which global IRI each of them gets, the canonical label, redirects
from IRIs that a smaller store gave them, and candidate links where merging
would be a guess.

Resolution is a pure function of the set of local persons, so the same
articles give the same graph whatever the build order. The rules, safest first:

1. Two full names with the same folded given name and surname are one person
   (*Dmitri Peskow* = *Dmitry Peskov* = *Dmitri Sergejewitsch Peskow*).
2. A local person is one node with all its names: an article that writes
   *Joe Biden* and *Joseph Biden* for one person joins the two.
3. A bare surname (*Peskow*) or an initial (*W. Putin*) joins the one full
   name that fits; when several fit (*Hans Müller*, *Anna Müller*) it stays a
   node of its own with ``skos:closeMatch`` to each candidate.
4. Names that only look alike (rapidfuzz) are linked with ``skos:closeMatch``,
   never merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from kg.resolve import names as _names
from kg.resolve.iris import Minter
from kg.resolve.names import NameParts, strip_genitive

# rapidfuzz ratios (0..100) from which two distinct names are worth a candidate link: the whole
# name first (a cheap filter), then the one part in which they differ.
CLOSE_NAMES = 85.0
CLOSE_SURNAMES = 90.0
CLOSE_GIVEN = 70.0

# A store names its few hundred persons in tens of thousands of mentions: computing each distinct
# set of names once, not once per article, is much of resolution's speed (names.parse caches
# itself). A pure function returning an immutable value, so caching cannot change a result.
parse = _names.parse
local_name = lru_cache(maxsize=1 << 16)(_names.local_name)


@dataclass(frozen=True)
class LocalPerson:
    """A person as one article names them: the article's graph, its IRI there, its names."""

    graph: str
    iri: str
    names: frozenset[str]

    @property
    def name(self) -> str:
        return local_name(self.names)


@dataclass
class Cluster:
    members: list[LocalPerson]
    iri: str = ""
    label: str = ""

    def names(self) -> set[str]:
        return {n for m in self.members for n in m.names}


@dataclass
class PersonResolution:
    iri_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (graph, local IRI) -> global IRI
    alone_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (graph, local IRI) -> IRI if alone
    clusters: list[Cluster] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # an IRI a smaller store used -> global IRI
    close: set[tuple[str, str]] = field(default_factory=set)  # candidate pairs of global IRIs, sorted


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _parts(person: LocalPerson) -> list[NameParts]:
    names = set(person.names)
    return [parse(strip_genitive(n, names)) for n in sorted(names)]


class _Names:
    """Each local person's name parts, read against what the whole store knows."""

    def __init__(self, people: list[LocalPerson]) -> None:
        raw = [[parse(person.name)] + _parts(person) for person in people]
        self.full_keys = {(q.given, q.surname) for ps in raw for q in ps if q.full}
        self.full_surnames = {s for _, s in self.full_keys}
        # A bare word that is someone's given name in this store ("Thomas") may not be a surname at all.
        self.given_names = {g for g, _ in self.full_keys}
        self.parts = [[self._base_form(q) for q in ps] for ps in raw]

    def _base_form(self, q: NameParts) -> NameParts:
        """``Barack Obamas`` in an article that only has the genitive: the store knows ``Barack Obama``."""
        if not q.surname.endswith("s"):
            return q
        base = q.surname[:-1]
        if (q.full and (q.given, base) in self.full_keys) or (not q.full and base in self.full_surnames):
            return replace(q, surname=base)
        return q

    def group(self, i: int) -> str:
        return self.parts[i][0].surname

    def full(self, i: int) -> list[tuple[str, str]]:
        return [(q.given, q.surname) for q in self.parts[i][1:] if q.full]  # type: ignore[misc]

    def initials(self, i: int) -> set[str]:
        return {q.given[0] for q in self.parts[i][1:] if q.initial and q.given}


def resolve_persons(people: Iterable[LocalPerson], minter: Minter) -> PersonResolution:
    # Sorted input makes every later choice (union roots, tie-breaks) independent of build order.
    locals_ = sorted(set(people), key=lambda p: (p.graph, p.iri))
    names = _Names(locals_)
    groups: dict[str, list[int]] = defaultdict(list)
    for i in range(len(locals_)):
        groups[names.group(i)].append(i)
    out = PersonResolution()
    pending_close: list[tuple[int, list[int]]] = []  # a cluster root and the roots it may be
    uf = _UnionFind()
    for group, members in groups.items():
        pending_close += _resolve_group(names, members, uf, ambiguous=group in names.given_names)
    roots: dict[int, list[LocalPerson]] = defaultdict(list)
    for i, person in enumerate(locals_):
        roots[uf.find(i)].append(person)
    cluster_of = {root: Cluster(members) for root, members in roots.items()}
    _name_clusters(list(cluster_of.values()), minter)
    for cluster in cluster_of.values():
        out.clusters.append(cluster)
        for m in cluster.members:
            out.iri_of[(m.graph, m.iri)] = cluster.iri
    live = {c.iri for c in out.clusters}
    for cluster in out.clusters:
        for m in cluster.members:
            alone = out.alone_of[(m.graph, m.iri)] = minter.person(m.name)
            if alone != cluster.iri and alone not in live:
                out.aliases[alone] = cluster.iri
    for root, candidates in pending_close:
        for other in candidates:
            out.close.add(_pair(cluster_of[uf.find(root)].iri, cluster_of[uf.find(other)].iri))
    out.close |= _look_alike(out.clusters)
    out.clusters.sort(key=lambda c: c.iri)
    return out


def _resolve_group(names: _Names, members: list[int], uf: _UnionFind,
                   ambiguous: bool) -> list[tuple[int, list[int]]]:
    """Merge within one surname group; returns (partial-name local, full-name roots it may be).

    ``ambiguous``: the surname is also a given name in the store, so a bare mention of it
    could be either; it is linked as a candidate, not merged.
    """
    by_key: dict[tuple[str, str], int] = {}
    partial: list[int] = []
    for i in members:
        keys = names.full(i)
        if not keys:
            partial.append(i)
            continue
        for key in keys:
            uf.union(i, by_key.setdefault(key, i))
    full_roots = sorted({uf.find(i) for i in by_key.values()})
    givens: dict[int, set[str]] = defaultdict(set)
    for (given, _), i in by_key.items():
        givens[uf.find(i)].add(given)
    close: list[tuple[int, list[int]]] = []
    bare_root: int | None = None
    for i in partial:
        initials = names.initials(i)
        fits = [r for r in full_roots if not initials or any(g[0] in initials for g in givens[r])]
        if len(fits) == 1 and (initials or not ambiguous):
            uf.union(i, fits[0])
            continue
        # No full name, or several that fit: a node of its own, one per surname group.
        bare_root = i if bare_root is None else bare_root
        uf.union(i, bare_root)
        if fits:
            close.append((i, fits))
    return close


def _name_clusters(clusters: list[Cluster], minter: Minter) -> None:
    """The label most articles use (the usual two-word form on a tie) and an IRI from it."""
    for cluster in clusters:
        counts: Counter[str] = Counter()
        for m in cluster.members:
            counts.update(set(m.names))
        known = set(counts)
        plain = [n for n in counts if strip_genitive(n, known) == n]  # not "Putins" beside "Putin"
        candidates = [n for n in plain if parse(n).full] or plain
        cluster.label = min(candidates, key=lambda n: (-counts[n], parse(n).words, -len(n), n))
    taken: dict[str, int] = {}
    # Sorted by names, not by IRIs: a graph rewritten by an earlier build must sort as a fresh one.
    for cluster in sorted(clusters, key=lambda c: (c.label, sorted((m.graph, m.name) for m in c.members))):
        iri = minter.person(cluster.label)
        taken[iri] = taken.get(iri, 0) + 1
        # Two different people with one name: the second keeps a readable, stable suffix.
        cluster.iri = iri if taken[iri] == 1 else f"{iri}-{taken[iri]}"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _look_alike(clusters: list[Cluster]) -> set[tuple[str, str]]:
    """Full-name clusters whose names are close but not equal once folded (*Selenskyj* / *Selensky*).

    Compared within blocks of the surname's first two letters, so the cost grows with the
    block sizes, not with the square of all persons in the store.
    """
    blocks: dict[str, list[tuple[str, NameParts]]] = defaultdict(list)
    for c in clusters:
        p = parse(c.label)
        if p.full:
            blocks[p.surname[:2]].append((c.iri, p))
    found: set[tuple[str, str]] = set()
    for heads in blocks.values():
        if len(heads) < 2:
            continue
        keys = [f"{p.given} {p.surname}" for _, p in heads]
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=CLOSE_NAMES)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j and heads[i][0] != heads[j][0] and _one_part_differs(heads[i][1], heads[j][1]):
                found.add(_pair(heads[i][0], heads[j][0]))
    return found


def _one_part_differs(a: NameParts, b: NameParts) -> bool:
    """Same given name and a near surname (*Gerhard/Gerhardt*), or same surname and a near given
    name (*Josef/Joseph*); two near parts at once (*John Kerry/John Key*) is two people."""
    if a.given == b.given:
        return a.surname != b.surname and fuzz.ratio(a.surname, b.surname) >= CLOSE_SURNAMES
    return a.surname == b.surname and fuzz.ratio(a.given or "", b.given or "") >= CLOSE_GIVEN
