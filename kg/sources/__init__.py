"""Read articles from files and folders: ``.txt`` (+ ``.json`` sidecar), ``.jsonl``, ``.html``.

``read_paths`` yields ``SourceArticle`` for what could be read and
``SourceError`` for what could not (or was read only in part), so one bad
file never stops a build. Folders are walked in sorted order so a build is
deterministic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from kg.model import SourceArticle, SourceError
from kg.sources.boilerplate import boilerplate_spans, in_boilerplate
from kg.sources.dateline import find_dateline
from kg.sources.readers import Item, read_html, read_jsonl, read_txt

__all__ = ["read_paths", "boilerplate_spans", "in_boilerplate", "find_dateline", "READERS"]

READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    ".txt": read_txt,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}
# Articles that may have a STEM.json sidecar beside them.
_SIDECAR_OWNERS = (".txt", ".html", ".htm")
_SUPPORTED = ", ".join(sorted(READERS))


def read_paths(paths: Sequence[Path | str]) -> Iterator[SourceArticle | SourceError]:
    """Every article in ``paths`` (files, or folders walked recursively), plus an error for each problem.

    A file reached twice (named and inside a named folder) is read once; an id
    seen before in this run is reported and the later article skipped.
    """
    seen: set[Path] = set()
    first_origin: dict[str, str] = {}
    for given in paths:
        for item in _read_path(Path(given), seen):
            if isinstance(item, SourceArticle):
                if item.id in first_origin:
                    yield SourceError(
                        item.origin,
                        f"duplicate id {item.id!r}, already read from {first_origin[item.id]}",
                        "give each article a unique id (file name or 'id' field); this one was skipped",
                    )
                    continue
                first_origin[item.id] = item.origin
            yield item


def _read_path(path: Path, seen: set[Path]) -> Iterator[Item]:
    if path.is_dir():
        yield from _read_folder(path, seen)
    elif not path.exists():
        yield SourceError(str(path), "no such file or folder", "check the path")
    else:
        yield from _read_named_file(path, seen)


def _read_folder(folder: Path, seen: set[Path]) -> Iterator[Item]:
    problems: list[SourceError] = []
    files = [f for f in _walk(folder, problems) if f.suffix.lower() in READERS]
    yield from problems
    if not files and not problems:
        yield SourceError(str(folder), "no articles in this folder", f"put {_SUPPORTED} files in it")
    for file in files:
        yield from _read_file(file, seen)


def _read_named_file(path: Path, seen: set[Path]) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in READERS:
        yield from _read_file(path, seen)
    elif suffix == ".json":
        # A sidecar named next to its article (as a shell glob does) is read with the article.
        if not any(path.with_suffix(s).is_file() for s in _SIDECAR_OWNERS):
            yield SourceError(
                str(path),
                "a .json file is only read as the metadata of the .txt or .html with the same name",
                "add the article text as STEM.txt, or put many articles in one .jsonl file",
            )
    else:
        yield SourceError(str(path), f"unsupported file type {path.suffix or '(none)'!r}", f"use {_SUPPORTED}")


def _read_file(path: Path, seen: set[Path]) -> Iterator[Item]:
    key = path.resolve()
    if key in seen:
        return
    seen.add(key)
    yield from READERS[path.suffix.lower()](path)


def _walk(folder: Path, problems: list[SourceError]) -> list[Path]:
    """Files under ``folder`` in sorted order, skipping hidden ones; unreadable folders become problems."""

    def unreadable(err: OSError) -> None:
        problems.append(
            SourceError(str(err.filename or folder), f"cannot open the folder: {err.strerror}", "check its permissions")
        )

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    # Sorted by path components, so "a/z.txt" comes before "b.txt" whatever the file system returns.
    return sorted(found, key=lambda p: p.relative_to(folder).parts)
